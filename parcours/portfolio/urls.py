"""The evidence portfolio's pages, mounted at /portfolio/: the student's own (no ids of people in
the addresses, only of objects) and a student's portfolio as the coach sees it."""

from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    # my portfolio
    path("", views.home, name="home"),
    path("nieuw/", views.item_create, name="item_create"),
    path("bewijsstukken/<int:pk>/", views.item_detail, name="item_detail"),
    path("bewijsstukken/<int:pk>/wijzigen/", views.item_update, name="item_update"),
    path("bewijsstukken/<int:pk>/versies/nieuw/", views.version_upload, name="version_upload"),
    path("bewijsstukken/<int:pk>/koppelen/", views.item_map, name="item_map"),
    path(
        "bewijsstukken/<int:pk>/bevestiging-vragen/",
        views.confirmation_invite,
        name="confirmation_invite",
    ),
    path("bewijsstukken/<int:pk>/vraak/", views.vraak_record, name="vraak_record"),
    path("versies/<int:pk>/downloaden/", views.version_download, name="version_download"),
    path("eenheden/<int:pk>/", views.coverage, name="coverage"),
    # a student's portfolio for their coach and the exam committee
    path("studenten/<int:pk>/", views.student_portfolio, name="student_portfolio"),
    path(
        "studenten/<int:pk>/eenheden/<int:unit_pk>/",
        views.student_coverage,
        name="student_coverage",
    ),
]
