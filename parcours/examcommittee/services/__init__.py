"""Every exam-committee write: one atomic function per action that checks permission,
evaluates the rules, writes the rows and an audit record. By area: the validation desk
(`desk`), decisions drafted, made known and corrected (`decisions`), and the decisions on a
student's progress, the diploma and the BSA (`progress`), many of those at once from the
committee's lists (`bulk`), and each enrolment's progress kept (`kept`). Callers use the names
below."""

from .admission import admission_decision_record
from .bulk import BULK_MAX, BulkDraft, DraftResult, Outcome, bsa_draft_many, diploma_draft_many
from .decisions import (
    AWB_RULE,
    DRAFT_FIELDS,
    LEGAL_BASIS,
    decision_correct,
    decision_draft,
    decision_facts,
    decision_make_known,
    decision_save_and_make_known,
    decision_update,
    default_appeal_clause,
    exemption_draft,
    missing_parts,
    study_plan_decision_draft,
)
from .desk import (
    Upload,
    desk_information_ask,
    desk_question_answer,
    desk_reply,
    desk_request_create,
    desk_request_review,
)
from .kept import decision_progress_refresh, progress_listener, progress_refresh
from .progress import bsa_draft, circumstance_record, diploma_draft, propedeuse_draft

__all__ = [
    "AWB_RULE",
    "BULK_MAX",
    "DRAFT_FIELDS",
    "LEGAL_BASIS",
    "BulkDraft",
    "DraftResult",
    "Outcome",
    "Upload",
    "admission_decision_record",
    "bsa_draft",
    "bsa_draft_many",
    "circumstance_record",
    "decision_correct",
    "decision_draft",
    "decision_facts",
    "decision_make_known",
    "decision_progress_refresh",
    "decision_save_and_make_known",
    "decision_update",
    "default_appeal_clause",
    "desk_information_ask",
    "desk_question_answer",
    "desk_reply",
    "desk_request_create",
    "desk_request_review",
    "diploma_draft",
    "diploma_draft_many",
    "exemption_draft",
    "missing_parts",
    "progress_listener",
    "progress_refresh",
    "propedeuse_draft",
    "study_plan_decision_draft",
]
