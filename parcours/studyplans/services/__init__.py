"""Every study-plan write: one atomic function per action that checks permission, evaluates the
rules, writes the rows and an audit record. Callers use `services.<action>`; the modules split
them by area (enrolments, drafts, workflow, guidance)."""

from .common import VersionConflict
from .drafts import (
    UnitChoice,
    large_activity_add,
    large_activity_remove,
    plan_activity_add,
    plan_activity_remove,
    plan_create,
    plan_unit_add,
    plan_unit_remove,
    plan_unit_update,
    version_update_details,
)
from .enrolments import (
    coach_assign,
    enrolment_check,
    enrolment_create,
    enrolment_link_persona,
    intake_record,
    start_level_record,
)
from .guidance import (
    conversation_record,
    conversation_schedule,
    team_create,
    team_meeting_record,
    team_member_add,
)
from .workflow import (
    plan_complete,
    version_agree,
    version_amend,
    version_establish,
    version_refer,
    version_return,
    version_submit,
)

__all__ = [
    "UnitChoice",
    "VersionConflict",
    "coach_assign",
    "conversation_record",
    "conversation_schedule",
    "enrolment_check",
    "enrolment_create",
    "enrolment_link_persona",
    "intake_record",
    "large_activity_add",
    "large_activity_remove",
    "plan_activity_add",
    "plan_activity_remove",
    "plan_complete",
    "plan_create",
    "plan_unit_add",
    "plan_unit_remove",
    "plan_unit_update",
    "start_level_record",
    "team_create",
    "team_meeting_record",
    "team_member_add",
    "version_agree",
    "version_amend",
    "version_establish",
    "version_refer",
    "version_return",
    "version_submit",
    "version_update_details",
]
