from django.urls import path

from . import views

app_name = "curriculum"
urlpatterns = [
    # public catalogue (no login)
    path("", views.catalogue_list, name="catalogue"),
    path("catalogus/oer/<int:pk>/", views.catalogue_oer_detail, name="catalogue_oer"),
    # start page per role
    path("start/", views.home, name="home"),
    # programmes and variants
    path("opleidingen/", views.programme_list, name="programme_list"),
    path("opleidingen/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("opleidingen/<int:pk>/personas/nieuw/", views.persona_create, name="persona_create"),
    path(
        "varianten/<int:pk>/instemming/",
        views.variant_consent_record,
        name="variant_consent_record",
    ),
    path(
        "varianten/<int:pk>/leeruitkomsten/",
        views.variant_outcome_based_set,
        name="variant_outcome_based_set",
    ),
    path(
        "varianten/<int:pk>/instellingen/",
        views.variant_settings_update,
        name="variant_settings_update",
    ),
    path("varianten/<int:pk>/oer/nieuw/", views.oer_create, name="oer_create"),
    # OER editor
    path("oer/<int:pk>/", views.oer_detail, name="oer_detail"),
    path("oer/<int:pk>/publiceren/", views.oer_publish, name="oer_publish"),
    path("oer/<int:pk>/kopieren/", views.oer_copy, name="oer_copy"),
    path("oer/<int:pk>/verschillen/", views.oer_diff, name="oer_diff"),
    path("oer/<int:pk>/eenheden/nieuw/", views.unit_create, name="unit_create"),
    # units
    path("eenheden/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("eenheden/<int:pk>/rij/", views.unit_row, name="unit_row"),
    path("eenheden/<int:pk>/rij/bewerken/", views.unit_row_edit, name="unit_row_edit"),
    path("eenheden/<int:pk>/verwijderen/", views.unit_delete, name="unit_delete"),
    path("eenheden/<int:pk>/leeruitkomsten/nieuw/", views.outcome_create, name="outcome_create"),
    path(
        "eenheden/<int:pk>/leeractiviteiten/nieuw/", views.activity_create, name="activity_create"
    ),
    path(
        "eenheden/<int:pk>/toetsvormen/nieuw/",
        views.assessment_form_create,
        name="assessment_form_create",
    ),
    # parts of a unit
    path("leeruitkomsten/<int:pk>/", views.outcome_update, name="outcome_update"),
    path("leeruitkomsten/<int:pk>/verwijderen/", views.outcome_delete, name="outcome_delete"),
    path(
        "leeruitkomsten/<int:pk>/criteria/nieuw/", views.criterion_create, name="criterion_create"
    ),
    path(
        "leeruitkomsten/<int:pk>/niveaus/<int:level>/",
        views.concentric_level_set,
        name="concentric_level_set",
    ),
    path(
        "leeruitkomsten/<int:pk>/valideringsraster/nieuw/",
        views.grid_entry_create,
        name="grid_entry_create",
    ),
    path("criteria/<int:pk>/verwijderen/", views.criterion_delete, name="criterion_delete"),
    path("leeractiviteiten/<int:pk>/verwijderen/", views.activity_delete, name="activity_delete"),
    path(
        "toetsvormen/<int:pk>/verwijderen/",
        views.assessment_form_delete,
        name="assessment_form_delete",
    ),
]
