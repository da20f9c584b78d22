"""The student's study-plan pages, mounted at /studie/ (read by coach and exam committee too)."""

from django.urls import path

from . import views

app_name = "studyplans"
urlpatterns = [
    # my studies: enrolments, intake, plans
    path("", views.home, name="home"),
    path("inschrijvingen/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("inschrijvingen/<int:pk>/intake/", views.intake_record, name="intake_record"),
    path("inschrijvingen/<int:pk>/plannen/nieuw/", views.plan_create, name="plan_create"),
    # a plan: its versions and the current version's editor
    path("plannen/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("versies/<int:pk>/", views.version_detail, name="version_detail"),
    path("versies/<int:pk>/verschillen/", views.version_diff, name="version_diff"),
    path("versies/<int:pk>/gegevens/", views.version_update_details, name="version_update_details"),
    path("versies/<int:pk>/eenheden/nieuw/", views.plan_unit_add, name="plan_unit_add"),
    path(
        "versies/<int:pk>/grote-leeractiviteiten/nieuw/",
        views.large_activity_add,
        name="large_activity_add",
    ),
    path("versies/<int:pk>/indienen/", views.version_submit, name="version_submit"),
    path("versies/<int:pk>/aanpassen/", views.version_amend, name="version_amend"),
    path("planeenheden/<int:pk>/", views.plan_unit_update, name="plan_unit_update"),
    path("planeenheden/<int:pk>/verwijderen/", views.plan_unit_remove, name="plan_unit_remove"),
    path(
        "planeenheden/<int:pk>/leeractiviteiten/nieuw/",
        views.plan_activity_add,
        name="plan_activity_add",
    ),
    path(
        "leeractiviteiten/<int:pk>/verwijderen/",
        views.plan_activity_remove,
        name="plan_activity_remove",
    ),
    path(
        "grote-leeractiviteiten/<int:pk>/verwijderen/",
        views.large_activity_remove,
        name="large_activity_remove",
    ),
    # learning teams
    path("leerteams/<int:pk>/", views.team_detail, name="team_detail"),
]
