"""The census (/peildatum/), a student's registrations per academic year (/studiejaren/) and
registrations from a spreadsheet (/beheer/inschrijvingen/inlezen/)."""

from django.urls import path

from .views import census, imports, registrations

app_name = "registrations"

urlpatterns = [
    path("peildatum/", census.census_page, name="census_page"),
    path("peildatum/lijst/", census.census_list, name="census_list"),
    path("peildatum/momentopname/", census.snapshot_take, name="snapshot_take"),
    path("studiejaren/<int:pk>/", registrations.registration_list, name="registration_list"),
    path(
        "studiejaren/<int:pk>/nieuw/", registrations.registration_create, name="registration_create"
    ),
    path(
        "studiejaren/<int:pk>/uitschrijven/",
        registrations.registration_end,
        name="registration_end",
    ),
    path(
        "studiejaren/<int:pk>/overstappen/",
        registrations.registration_switch,
        name="registration_switch",
    ),
    path(
        "beheer/inschrijvingen/inlezen/",
        imports.registration_import_page,
        name="registration_import",
    ),
    path(
        "beheer/inschrijvingen/inlezen/controleren/",
        imports.registration_import_preview,
        name="registration_import_preview",
    ),
    path(
        "beheer/inschrijvingen/inlezen/importeren/",
        imports.registration_import_commit,
        name="registration_import_commit",
    ),
    path(
        "beheer/inschrijvingen/inlezen/sjabloon.<slug:kind>",
        imports.registration_import_template,
        name="registration_import_template",
    ),
]
