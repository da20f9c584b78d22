"""The request page every party sees, each their part: the criteria grouped by unit and
outcome with what this user may see and fill in, the frozen evidence, the timeline and the
forms. The pages of requests and of scoring render it; the review page uses its groups.

Blind scoring: individual scores are read only through selectors.score_table, which hides the
other assessors' scores until every assigned assessor has submitted. Students and coaches never
see individual scores, only the consensus, the results and the feedback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.models import Viewer
from parcours.core import web
from parcours.core.security_events import SecurityEvent, audit_security_event
from parcours.core.web import AuthedRequest
from parcours.curriculum.models import AssessmentCriterion, LearningOutcome, Unit
from parcours.studyplans import permissions as studyplan_permissions

from .. import permissions, selectors
from ..forms import (
    FOUR_POINT_LABELS,
    ConsensusForm,
    InterviewRecordForm,
    InterviewScheduleForm,
    ScoresForm,
)
from ..models import AssessmentRequest, AssessorAssignment, Interview, UnitResult
from .common import CLOSED, Status, other_url

THIRD_RULE = "assessment.third-assessor"


@dataclass
class CriterionRow:
    criterion: AssessmentCriterion
    label: str
    score: selectors.ScoreRow | None = None
    final: int | None = None
    wide: bool = False
    score_field: Any = None
    comment_field: Any = None
    final_field: Any = None


@dataclass
class OutcomeGroup:
    outcome: LearningOutcome
    criteria: list[CriterionRow] = field(default_factory=list)


@dataclass
class UnitGroup:
    unit: Unit
    route: str
    outcomes: list[OutcomeGroup] = field(default_factory=list)
    result: UnitResult | None = None
    computed: str = ""  # the result the final scores give now: achieved / not_yet / ''
    feedback_field: Any = None

    @property
    def computed_label(self) -> str:
        return str(dict(UnitResult.Result.choices).get(self.computed, ""))


def groups(
    req: AssessmentRequest,
    criteria: list[AssessmentCriterion],
    *,
    table: list[selectors.ScoreRow],
    scores_form: ScoresForm | None,
    consensus_form: ConsensusForm | None,
) -> list[UnitGroup]:
    """The request's criteria grouped by unit and outcome, each with what this user may see
    and the fields of the forms they may fill in."""
    gap = req.enrolment.variant.third_assessor_gap
    by_criterion = {row.criterion.pk: row for row in table}
    finals = {c.criterion_id: c.score for c in req.consensus_scores.all()}
    results = {r.unit_id: r for r in req.results.all()}
    current = consensus_form.current() if consensus_form else {}
    units = {}
    for ru in req.request_units.all():
        units[ru.unit_id] = UnitGroup(ru.unit, ru.route, result=results.get(ru.unit_id))
        if consensus_form:
            units[ru.unit_id].feedback_field = consensus_form.feedback_field(ru.unit)
    outcomes: dict[int, OutcomeGroup] = {}
    for c in criteria:
        group = units[c.outcome.unit_id]
        if c.outcome_id not in outcomes:
            outcomes[c.outcome_id] = OutcomeGroup(c.outcome)
            group.outcomes.append(outcomes[c.outcome_id])
        score = by_criterion.get(c.pk)
        outcomes[c.outcome_id].criteria.append(
            CriterionRow(
                c,
                selectors.criterion_label(c),
                score,
                finals.get(c.pk),
                bool(score and score.spread is not None and score.spread >= gap),
                scores_form.score_field(c) if scores_form else None,
                scores_form.comment_field(c) if scores_form else None,
                consensus_form.score_field(c) if consensus_form else None,
            )
        )
    if consensus_form:
        for group in units.values():
            unit_criteria = [r.criterion for o in group.outcomes for r in o.criteria]
            if unit_criteria and all(c.pk in current for c in unit_criteria):
                passed = all(current[c.pk] >= group.unit.pass_score for c in unit_criteria)
                group.computed = UnitResult.Result.ACHIEVED if passed else UnitResult.Result.NOT_YET
    return list(units.values())


def _agreed(table: list[selectors.ScoreRow]) -> dict[str, int]:
    """Initial final scores: where every assessor gave the same score."""
    initial = {}
    for row in table:
        scores = [s.score for _, s in row.others if s] + ([row.own.score] if row.own else [])
        if scores and len(set(scores)) == 1 and len(scores) == 1 + len(row.others):
            initial[f"final_{row.criterion.pk}"] = scores[0]
    return initial


@dataclass
class EvidenceRow:
    frozen: Any
    download_url: str
    criteria: list[str]
    other_criteria: int
    item_url: str


def evidence_rows(req: AssessmentRequest, labels: dict[int, str]) -> list[EvidenceRow]:
    rows = []
    for f in req.frozen.all():
        rows.append(
            EvidenceRow(
                f,
                reverse("assessments:evidence_download", args=[req.pk, f.version_id])
                if f.version_id
                else "",
                [labels[c] for c in f.criterion_ids if c in labels],
                sum(1 for c in f.criterion_ids if c not in labels),
                other_url("portfolio:item_detail", f.item_id),
            )
        )
    return rows


@dataclass
class Step:
    label: str
    done: bool
    when: datetime | None = None
    detail: str = ""


def _timeline(
    req: AssessmentRequest, assignments: list[AssessorAssignment], interview: Interview | None
) -> list[Step]:
    """The request's way from submission to result, with dates where they are known."""
    required = max(req.assessors_required, 2)
    regular = [a for a in assignments if a.position <= required]
    submitted = sum(1 for a in assignments if a.submitted_at)
    past_scoring = req.status in (Status.CONSENSUS, Status.COMPLETED)
    steps = [
        Step(_("Requested; evidence frozen"), True, req.requested_at),
        Step(
            _("Assessors assigned"),
            len(regular) >= required,
            max((a.assigned_at for a in regular), default=None)
            if len(regular) >= required
            else None,
            _("%(n)s of %(m)s") % {"n": len(regular), "m": required},
        ),
    ]
    if interview:
        steps.append(
            Step(
                _("Criterion-based interview held")
                if interview.held
                else _("Criterion-based interview planned"),
                interview.held,
                interview.scheduled_at,
                interview.location,
            )
        )
    steps.append(
        Step(
            _("Assessors scored independently"),
            past_scoring,
            None,
            _("%(n)s of %(m)s submitted") % {"n": submitted, "m": max(len(assignments), required)},
        )
    )
    if req.status == Status.THIRD_ASSESSOR or any(a.position == 3 for a in assignments):
        steps.append(Step(_("Third assessor scored"), past_scoring))
    steps.append(Step(_("Consensus and result"), req.status == Status.COMPLETED, req.completed_at))
    if req.status == Status.WITHDRAWN:
        steps.append(Step(_("Withdrawn by the student"), True))
    return steps


def _scale_legend(criteria: list[AssessmentCriterion]) -> list[tuple[str, str]]:
    """The scale's points with their labels, when every unit uses the default four points."""
    points = {c.outcome.unit.scale_points for c in criteria}
    if points != {4}:
        return []
    return [(str(n), str(label)) for n, label in FOUR_POINT_LABELS.items()]


def _detail_forms(
    req: AssessmentRequest,
    own: AssessorAssignment | None,
    *,
    user: Viewer,
    criteria: list[AssessmentCriterion],
    table: list[selectors.ScoreRow],
    interview: Interview | None,
    bound: dict[str, Any],
) -> dict[str, Any]:
    """The forms this user may fill in on the request page now; a bound form sent back with
    a refusal takes its place (and stays, so the refusal is shown)."""

    def form(key: str, form_class: Any, **kwargs: Any) -> Any:
        return bound.get(key) or form_class(auto_id=web.auto_id(key), **kwargs)

    forms = {
        "scores_form": bound.get("scores"),
        "consensus_form": bound.get("consensus"),
        "schedule_form": bound.get("interview"),
        "record_form": bound.get("interview-record"),
    }
    if own and not own.submitted_at and req.status in (Status.SCORING, Status.THIRD_ASSESSOR):
        forms["scores_form"] = form("scores", ScoresForm, criteria=criteria)
    if req.status == Status.CONSENSUS and permissions.can_record_consensus(user, req):
        forms["consensus_form"] = form(
            "consensus",
            ConsensusForm,
            criteria=criteria,
            units=[ru.unit for ru in req.request_units.all()],
            initial=_agreed(table),
        )
    if own and req.status not in CLOSED:
        planned = None
        if interview:
            planned = {
                "when": interview.scheduled_at,
                "location": interview.location,
                "questions": interview.questions,
            }
        forms["schedule_form"] = form("interview", InterviewScheduleForm, initial=planned)
        if interview:
            forms["record_form"] = form(
                "interview-record",
                InterviewRecordForm,
                initial={"questions": interview.questions, "notes": interview.notes},
            )
    return forms


def render_detail(
    request: AuthedRequest, pk: int, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    user = request.user
    req = selectors.request_detail(pk)
    assignments = list(req.assignments.all())
    own = permissions.assignment_of(user, req)
    all_visible = permissions.can_see_all_scores(user, req)
    criteria = selectors.criteria_of_units(ru.unit_id for ru in req.request_units.all())
    # students and coaches never get individual scores: score_table is not even asked
    table = selectors.score_table(req, user) if own or all_visible else []
    interview = selectors.interview_of(req)
    if req.status == Status.COMPLETED:  # the page shows the unit results
        audit_security_event(SecurityEvent.RESULTS_READ, request, obj=req, via="page")
    forms = _detail_forms(
        req,
        own,
        user=user,
        criteria=criteria,
        table=table,
        interview=interview,
        bound=bound,
    )
    submitted = sum(1 for a in assignments if a.submitted_at)
    context = {
        "req": req,
        "enrolment": req.enrolment,
        "is_student": studyplan_permissions.is_student_of(user, req.enrolment),
        "own": own,
        "staff_view": own is not None or all_visible,
        "all_visible": all_visible,
        "assignments": assignments,
        "submitted": submitted,
        "assessor_count": max(len(assignments), req.assessors_required, 2),
        "groups": groups(
            req,
            criteria,
            table=table,
            scores_form=forms["scores_form"],
            consensus_form=forms["consensus_form"],
        ),
        "evidence": evidence_rows(req, {c.pk: selectors.criterion_label(c) for c in criteria}),
        "interview": interview,
        "timeline": _timeline(req, assignments, interview),
        "can_withdraw": permissions.can_withdraw_request(user, req)
        and req.status in (Status.REQUESTED, Status.SCORING)
        and not submitted,
        "withdraw_form": bound.get("withdraw"),
        "can_assign": permissions.can_assign_assessors(user, req),
        "gap": req.enrolment.variant.third_assessor_gap,
        "third_rule": web.rule_note(THIRD_RULE),
        "third_assigned": any(a.position == AssessorAssignment.Position.THIRD for a in assignments),
        "scale": _scale_legend(criteria),
        **forms,
    }
    return render(request, "assessments/request_detail.html", context, status=422 if bound else 200)


def detail_action(
    request: AuthedRequest,
    req: AssessmentRequest,
    key: str,
    form: Any,
    action: Any,
    done: str,
    anchor: str,
) -> HttpResponse:
    if web.submit(form, action)[0]:
        messages.success(request, done)
        return redirect(reverse("assessments:request_detail", args=[req.pk]) + f"#{anchor}")
    return render_detail(request, req.pk, {key: form})
