"""Every registrations write: one atomic function per action that checks permission, refuses
bad input with a reason (nothing written) and leaves an audit record.

By subject: `registrations` (register for an academic year, de-enrol, switch programme, the
census snapshot), `imports` (registrations from a spreadsheet; its checks in `import_check`).
Callers use `services.x`."""

from .import_check import (
    REGISTRATION_COLUMNS,
    PlannedRegistration,
    RegistrationPlan,
    first_year_of,
)
from .imports import (
    RegistrationsRefused,
    registration_import,
    registration_import_preview,
    registration_template,
)
from .registrations import (
    registration_create,
    registration_end,
    registration_switch,
    snapshot_take,
)

__all__ = [
    "REGISTRATION_COLUMNS",
    "PlannedRegistration",
    "RegistrationPlan",
    "RegistrationsRefused",
    "first_year_of",
    "registration_create",
    "registration_end",
    "registration_import",
    "registration_import_preview",
    "registration_switch",
    "registration_template",
    "snapshot_take",
]
