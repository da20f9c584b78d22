"""The workplace supervisor's confirmation pages, mounted at /bevestigen/ (no account needed).
The link from the e-mail (`open`) puts its token in the session and moves on to `confirm`, an
address without the token."""

from django.urls import path, re_path

from . import views

app_name = "workplace"
urlpatterns = [
    path("", views.workplace_confirm, name="confirm"),
    path("bestand/", views.workplace_download, name="download"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,100})/$", views.workplace_open, name="open"),
]
