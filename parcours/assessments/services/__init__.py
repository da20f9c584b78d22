"""Every assessment write: one atomic function per action that checks permission, evaluates
the rules, writes the rows and an audit record, one module per area. Callers use
`services.<name>`; every public name is re-exported here."""

from .calibration import (
    calibration_close,
    calibration_create,
    calibration_submit,
)
from .coordination import (
    assessor_assign,
    assessors_assign_by_workload,
)
from .requests import (
    request_create,
    request_withdraw,
)
from .reviews import (
    review_record,
)
from .scoring import (
    consensus_record,
    interview_record,
    interview_schedule,
    scores_submit,
)

__all__ = [
    "assessor_assign",
    "assessors_assign_by_workload",
    "calibration_close",
    "calibration_create",
    "calibration_submit",
    "consensus_record",
    "interview_record",
    "interview_schedule",
    "request_create",
    "request_withdraw",
    "review_record",
    "scores_submit",
]
