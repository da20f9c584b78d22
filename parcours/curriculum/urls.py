"""The curriculum's pages, mounted at the root: the public catalogue, programmes,
the OER editor and the unit editor."""

from django.urls import path

from .api import scim
from .views import (
    administration,
    catalogue,
    frameworks,
    oer,
    organisation,
    programmes,
    roles,
    setup,
    staff_import,
    unit_parts,
    units,
)

app_name = "curriculum"
urlpatterns = [
    # SCIM 2.0 provisioning (bearer token of an administrator; api/scim.py)
    path(
        "scim/v2/ServiceProviderConfig",
        scim.scim_service_provider_config,
        name="scim_service_provider_config",
    ),
    path("scim/v2/ResourceTypes", scim.scim_resource_types, name="scim_resource_types"),
    path("scim/v2/ResourceTypes/<str:name>", scim.scim_resource_types, name="scim_resource_type"),
    path("scim/v2/Schemas", scim.scim_schemas, name="scim_schemas"),
    path("scim/v2/Schemas/<str:urn>", scim.scim_schemas, name="scim_schema"),
    path("scim/v2/Users", scim.scim_users, name="scim_users"),
    path("scim/v2/Users/<str:pk>", scim.scim_user, name="scim_user"),
    path("scim/v2/<path:rest>", scim.scim_unsupported, name="scim_unsupported"),
    # public catalogue (no login)
    path("", catalogue.catalogue_list, name="catalogue"),
    path("catalogus/oer/<int:pk>/", catalogue.catalogue_oer_detail, name="catalogue_oer"),
    # the first run (no login; loopback or a one-time token)
    path("installatie/", setup.institution_setup, name="setup"),
    # roles and users (the administrator's)
    path("beheer/rollen/", roles.role_list, name="role_list"),
    path("beheer/rollen/toekennen/", roles.role_assign, name="role_assign"),
    path("beheer/rollen/<int:pk>/intrekken/", roles.role_remove, name="role_remove"),
    path("beheer/rollen/<int:pk>/beeindigen/", administration.role_end, name="role_end"),
    path("beheer/gebruikers/", administration.user_list, name="user_list"),
    path("beheer/gebruikers/nieuw/", administration.user_add, name="user_add"),
    path(
        "beheer/gebruikers/<int:pk>/deactiveren/",
        administration.user_deactivate,
        name="user_deactivate",
    ),
    # staff and their roles from a spreadsheet
    path("beheer/gebruikers/inlezen/", staff_import.staff_import_page, name="staff_import"),
    path(
        "beheer/gebruikers/inlezen/controleren/",
        staff_import.staff_import_preview,
        name="staff_import_preview",
    ),
    path(
        "beheer/gebruikers/inlezen/importeren/",
        staff_import.staff_import_commit,
        name="staff_import_commit",
    ),
    path(
        "beheer/gebruikers/inlezen/sjabloon.<slug:kind>",
        staff_import.staff_import_template,
        name="staff_import_template",
    ),
    path("beheer/opleidingen/nieuw/", administration.programme_create, name="programme_create"),
    # the institution's calendar and organisation (read by staff, changed by the administrator)
    path("beheer/studiejaren/", organisation.academic_year_list, name="academic_year_list"),
    path(
        "beheer/studiejaren/nieuw/", organisation.academic_year_create, name="academic_year_create"
    ),
    path(
        "beheer/studiejaren/<int:pk>/",
        organisation.academic_year_detail,
        name="academic_year_detail",
    ),
    path(
        "beheer/studiejaren/<int:pk>/perioden/",
        organisation.academic_period_add,
        name="academic_period_add",
    ),
    path(
        "beheer/studiejaren/perioden/<int:pk>/verwijderen/",
        organisation.academic_period_remove,
        name="academic_period_remove",
    ),
    path(
        "beheer/studiejaren/<int:pk>/startmomenten/",
        organisation.start_moment_add,
        name="start_moment_add",
    ),
    path(
        "beheer/studiejaren/startmomenten/<int:pk>/verwijderen/",
        organisation.start_moment_remove,
        name="start_moment_remove",
    ),
    path(
        "beheer/eenheden/", organisation.organisational_unit_list, name="organisational_unit_list"
    ),
    path(
        "beheer/eenheden/nieuw/",
        organisation.organisational_unit_create,
        name="organisational_unit_create",
    ),
    path("beheer/eenheden/opleiding/", organisation.programme_unit_set, name="programme_unit_set"),
    # programmes and variants
    path("opleidingen/", programmes.programme_list, name="programme_list"),
    path("opleidingen/<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("opleidingen/<int:pk>/personas/nieuw/", programmes.persona_create, name="persona_create"),
    path("opleidingen/<int:pk>/varianten/nieuw/", programmes.variant_create, name="variant_create"),
    path(
        "varianten/<int:pk>/instemming/",
        programmes.variant_consent_record,
        name="variant_consent_record",
    ),
    path(
        "varianten/<int:pk>/leeruitkomsten/",
        programmes.variant_outcome_based_set,
        name="variant_outcome_based_set",
    ),
    path(
        "varianten/<int:pk>/instellingen/",
        programmes.variant_settings_update,
        name="variant_settings_update",
    ),
    path(
        "varianten/<int:pk>/toelatingseisen/",
        programmes.variant_admission_requirements_update,
        name="variant_admission_requirements_update",
    ),
    path("varianten/<int:pk>/oer/nieuw/", programmes.oer_create, name="oer_create"),
    # OER editor
    path("oer/<int:pk>/", oer.oer_detail, name="oer_detail"),
    path("oer/<int:pk>/publiceren/", oer.oer_publish, name="oer_publish"),
    path("oer/<int:pk>/kopieren/", oer.oer_copy, name="oer_copy"),
    path("oer/<int:pk>/verschillen/", oer.oer_diff, name="oer_diff"),
    path("oer/<int:pk>/eenheden/nieuw/", oer.unit_create, name="unit_create"),
    # an outcomes framework as a spreadsheet
    path("oer/<int:pk>/raamwerk/", frameworks.framework_page, name="framework"),
    path(
        "oer/<int:pk>/raamwerk/controleren/",
        frameworks.framework_preview,
        name="framework_preview",
    ),
    path("oer/<int:pk>/raamwerk/importeren/", frameworks.framework_import, name="framework_import"),
    path(
        "oer/<int:pk>/raamwerk/<slug:what>.<slug:kind>",
        frameworks.framework_download,
        name="framework_download",
    ),
    # units
    path("eenheden/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("eenheden/<int:pk>/rij/", units.unit_row, name="unit_row"),
    path("eenheden/<int:pk>/rij/bewerken/", units.unit_row_edit, name="unit_row_edit"),
    path("eenheden/<int:pk>/verwijderen/", units.unit_delete, name="unit_delete"),
    path(
        "eenheden/<int:pk>/leeruitkomsten/nieuw/", unit_parts.outcome_create, name="outcome_create"
    ),
    path(
        "eenheden/<int:pk>/leeractiviteiten/nieuw/",
        unit_parts.activity_create,
        name="activity_create",
    ),
    path(
        "eenheden/<int:pk>/toetsvormen/nieuw/",
        unit_parts.assessment_form_create,
        name="assessment_form_create",
    ),
    # parts of a unit
    path("leeruitkomsten/<int:pk>/", unit_parts.outcome_update, name="outcome_update"),
    path("leeruitkomsten/<int:pk>/verwijderen/", unit_parts.outcome_delete, name="outcome_delete"),
    path(
        "leeruitkomsten/<int:pk>/criteria/nieuw/",
        unit_parts.criterion_create,
        name="criterion_create",
    ),
    path(
        "leeruitkomsten/<int:pk>/niveaus/<int:level>/",
        unit_parts.concentric_level_set,
        name="concentric_level_set",
    ),
    path(
        "leeruitkomsten/<int:pk>/valideringsraster/nieuw/",
        unit_parts.grid_entry_create,
        name="grid_entry_create",
    ),
    path("criteria/<int:pk>/verwijderen/", unit_parts.criterion_delete, name="criterion_delete"),
    path(
        "leeractiviteiten/<int:pk>/verwijderen/", unit_parts.activity_delete, name="activity_delete"
    ),
    path(
        "toetsvormen/<int:pk>/verwijderen/",
        unit_parts.assessment_form_delete,
        name="assessment_form_delete",
    ),
]
