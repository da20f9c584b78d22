"""Every curriculum write: one atomic function per action that checks permission, evaluates the
rules, writes the rows and an audit record.

By subject: `setup` (the first run: institution and first administrator), `administration`
(the administrator's users and ends of roles), `organisation` (academic years with their
periods and start moments, organisational units), `programmes` (institutions, programmes,
roles, variants, personas), `register` (the CROHO register from DUO's file), `oers` and `units` (a
draft OER's units and their parts), `frameworks` (an outcomes framework from and to a
spreadsheet; its checks in `framework_check`), `staff_import` (staff and their roles from a
spreadsheet; its checks in `staff_check`, on the checks every people sheet shares in
`sheet_check`). Callers use `services.x`."""

from .administration import role_end, roles_expire, user_add, user_deactivate
from .framework_check import FrameworkPlan, Problem
from .frameworks import (
    FrameworkRefused,
    framework_export,
    framework_import,
    framework_preview,
)
from .oers import (
    oer_copy_to_next_year,
    oer_create,
    oer_publish,
)
from .organisation import (
    academic_period_add,
    academic_period_remove,
    academic_year_create,
    organisational_unit_create,
    organisational_unit_move,
    programme_set_unit,
    start_moment_add,
    start_moment_remove,
)
from .programmes import (
    consent_record,
    institution_create,
    persona_create,
    programme_create,
    role_assign,
    role_remove,
    variant_admission_requirements_update,
    variant_create,
    variant_set_outcome_based,
    variant_settings_update,
)
from .register import CrohoImportReport, croho_import
from .scim import (
    ScimUserFields,
    scim_user_create,
    scim_user_deactivate,
    scim_user_replace,
)
from .setup import (
    AlreadySetUp,
    FirstAdministrator,
    SetupTokenRefused,
    institution_setup,
    setup_token_find,
    setup_token_issue,
)
from .sheet_check import (
    PeoplePlan,
    PlannedAccount,
    SheetChecker,
    SheetRefused,
    accounts_create,
    parse_day,
)
from .staff_check import STAFF_COLUMNS, StaffPlan
from .staff_import import StaffRefused, staff_import, staff_preview, staff_template
from .units import (
    UNIT_FIELDS,
    activity_create,
    activity_delete,
    assessment_form_create,
    assessment_form_delete,
    concentric_level_set,
    criterion_create,
    criterion_delete,
    grid_entry_create,
    outcome_create,
    outcome_delete,
    outcome_update,
    unit_create,
    unit_delete,
    unit_update,
)

__all__ = [
    "STAFF_COLUMNS",
    "UNIT_FIELDS",
    "AlreadySetUp",
    "CrohoImportReport",
    "FirstAdministrator",
    "FrameworkPlan",
    "FrameworkRefused",
    "PeoplePlan",
    "PlannedAccount",
    "Problem",
    "ScimUserFields",
    "SetupTokenRefused",
    "SheetChecker",
    "SheetRefused",
    "StaffPlan",
    "StaffRefused",
    "academic_period_add",
    "academic_period_remove",
    "academic_year_create",
    "accounts_create",
    "activity_create",
    "activity_delete",
    "assessment_form_create",
    "assessment_form_delete",
    "concentric_level_set",
    "consent_record",
    "criterion_create",
    "criterion_delete",
    "croho_import",
    "framework_export",
    "framework_import",
    "framework_preview",
    "grid_entry_create",
    "institution_create",
    "institution_setup",
    "oer_copy_to_next_year",
    "oer_create",
    "oer_publish",
    "organisational_unit_create",
    "organisational_unit_move",
    "outcome_create",
    "outcome_delete",
    "outcome_update",
    "parse_day",
    "persona_create",
    "programme_create",
    "programme_set_unit",
    "role_assign",
    "role_end",
    "role_remove",
    "roles_expire",
    "scim_user_create",
    "scim_user_deactivate",
    "scim_user_replace",
    "setup_token_find",
    "setup_token_issue",
    "staff_import",
    "staff_preview",
    "staff_template",
    "start_moment_add",
    "start_moment_remove",
    "unit_create",
    "unit_delete",
    "unit_update",
    "user_add",
    "user_deactivate",
    "variant_admission_requirements_update",
    "variant_create",
    "variant_set_outcome_based",
    "variant_settings_update",
]
