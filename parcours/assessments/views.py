"""Pages of route-independent assessment, mounted at /beoordelen/: the student's requests, the
assessors' work list and scoring, the coordinator's queue and the exam committee's reviews.

Thin function views named `<entity>_<verb>`: objects come through permissions.get_*_for (404
for what a user may not see, 403 for what they may see but not do), every write is one call to
services.py, and a refusal is shown on the page the form lives on with each rule and its source.
A full page re-rendered with errors answers 422; an htmx fragment 200.

Blind scoring: individual scores are read only through selectors.score_table, which hides the
other assessors' scores until every assigned assessor has submitted. Students and coaches never
see individual scores, only the consensus, the results and the feedback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.core import web
from parcours.core.downloads import stored_download
from parcours.core.web import AuthedRequest
from parcours.curriculum.forms import ActionForm
from parcours.curriculum.models import AssessmentCriterion, LearningOutcome, Unit
from parcours.portfolio import selectors as portfolio_selectors
from parcours.portfolio.services import evidence_storage
from parcours.studyplans import permissions as studyplan_permissions
from parcours.studyplans import selectors as studyplan_selectors

from . import permissions, selectors, services
from .forms import (
    FOUR_POINT_LABELS,
    AssignForm,
    ConsensusForm,
    InterviewRecordForm,
    InterviewScheduleForm,
    RequestForm,
    ReviewForm,
    ScoresForm,
)
from .models import AssessmentRequest, AssessorAssignment, Interview, UnitResult

Status = AssessmentRequest.Status
CLOSED = (Status.COMPLETED, Status.WITHDRAWN)
THIRD_RULE = "assessment.third-assessor"
INDEPENDENT_RULE = "assessment.assessor-independent"


# --- small helpers -------------------------------------------------------------------------------


def _url(name: str, *args: Any) -> str:
    """A URL of another app's page when that page exists (it may be added later), else ''."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _interview_of(request: AssessmentRequest) -> Interview | None:
    try:
        return request.interview
    except Interview.DoesNotExist:
        return None


# --- the student's pages -------------------------------------------------------------------------


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """My assessments: per enrolment the requests with their status, units and, once completed,
    the result per unit with the feedback."""
    enrolments = list(studyplan_selectors.enrolments_of_student(request.user))
    panels = [(e, list(selectors.requests_of(e))) for e in enrolments]
    return render(request, "assessments/home.html", {"panels": panels})


@dataclass
class UnitChoice:
    unit: Unit
    ticked: bool
    state: str  # "achieved", "open" or ""


@dataclass
class ItemChoice:
    item: Any
    ticked: bool
    criteria: list[str]
    latest: Any


def _request_page(
    request: AuthedRequest, enrolment: Any, form: RequestForm, *, status: int = 200
) -> HttpResponse:
    checks = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        facts = selectors.request_facts(
            enrolment, data["units"], data["items"], integral=data["integral"]
        )
        checks = web.checks(selectors.request_check(facts, on=web.today()))
    ticked_units, ticked_items = form.ticked("units"), form.ticked("items")
    states = selectors.unit_states(enrolment)
    context = {
        "enrolment": enrolment,
        "form": form,
        "checks": checks,
        "units": [
            UnitChoice(u, str(u.pk) in ticked_units, states.get(u.pk, ""))
            for u in form.unit_objects.values()
        ],
        "items": [
            ItemChoice(
                i,
                str(i.pk) in ticked_items,
                [selectors.criterion_label(m.criterion) for m in i.mappings.all()],
                next(iter(i.versions.all()), None),
            )
            for i in form.item_objects.values()
        ],
        "portfolio_url": _url("portfolio:home"),
    }
    template = "assessments/request_form.html"
    if request.htmx:
        template += "#check"
        status = 200
    return render(request, template, context, status=status)


@login_required
def request_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Request an assessment: one unit, or several for an integral assessment, with evidence
    from the portfolio. A POST with `check` (or from htmx) only shows the rules' verdict."""
    enrolment = studyplan_permissions.get_enrolment_for(request.user, pk)
    web.require(studyplan_permissions.is_student_of(request.user, enrolment))
    form = web.bind(
        RequestForm,
        request,
        "request",
        units=list(portfolio_selectors.mappable_units(enrolment)),
        items=list(portfolio_selectors.items_of(enrolment)),
    )
    if request.method != "POST" or request.htmx or "check" in request.POST:
        return _request_page(request, enrolment, form)
    ok, created = web.submit(
        form,
        lambda d: services.request_create(
            enrolment,
            actor=request.user,
            unit_ids=[u.pk for u in d["units"]],
            item_ids=[i.pk for i in d["items"]],
            integral=d["integral"],
            note=d["note"],
            on=web.today(),
        ),
    )
    if ok:
        messages.success(
            request, _("Your request was submitted; the evidence is frozen as it is now.")
        )
        return redirect("assessments:request_detail", created.pk)
    return _request_page(request, enrolment, form, status=422)


# --- one request: the page every party sees, each their part -------------------------------------


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


def _groups(
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


def _evidence_rows(req: AssessmentRequest, labels: dict[int, str]) -> list[EvidenceRow]:
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
                _url("portfolio:item_detail", f.item_id),
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
    user: Any,
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


def _render_detail(
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
    interview = _interview_of(req)
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
        "groups": _groups(
            req,
            criteria,
            table=table,
            scores_form=forms["scores_form"],
            consensus_form=forms["consensus_form"],
        ),
        "evidence": _evidence_rows(req, {c.pk: selectors.criterion_label(c) for c in criteria}),
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


@login_required
def request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One request. The student and coach see units, frozen evidence, the interview, the
    timeline and, once completed, results and feedback; an assigned assessor also scores
    (blind), plans the interview and records consensus."""
    req = permissions.get_request_for(request.user, pk)
    return _render_detail(request, req.pk)


def _detail_action(
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
    return _render_detail(request, req.pk, {key: form})


@login_required
@require_POST
def request_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_withdraw_request(request.user, req))
    return _detail_action(
        request,
        req,
        "withdraw",
        ActionForm(request.POST),
        lambda d: services.request_withdraw(req, actor=request.user),
        _("Your request was withdrawn."),
        "status",
    )


@login_required
def evidence_download(request: AuthedRequest, pk: int, version: int) -> FileResponse:
    """A version frozen in this request, as an attachment (never rendered by the browser)."""
    req = permissions.get_request_for(request.user, pk)
    frozen = next(
        (f.version for f in selectors.evidence_for_request(req) if f.version_id == version), None
    )
    if frozen is None:
        raise Http404
    return stored_download(
        evidence_storage(),
        frozen.stored_name,
        filename=frozen.original_name,
        content_type=frozen.content_type,
    )


def _criteria(req: AssessmentRequest) -> list[AssessmentCriterion]:
    return selectors.criteria_of_units(ru.unit_id for ru in req.request_units.all())


@login_required
@require_POST
def scores_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """An assigned assessor's own scores, once, before seeing anyone else's."""
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_score(request.user, req))
    form = web.bind(ScoresForm, request, "scores", criteria=_criteria(req))
    return _detail_action(
        request,
        req,
        "scores",
        form,
        lambda d: services.scores_submit(
            req, actor=request.user, scores=form.scores(), comments=form.comments(), on=web.today()
        ),
        _("Your scores were submitted."),
        "scoring",
    )


@login_required
@require_POST
def consensus_record(request: AuthedRequest, pk: int) -> HttpResponse:
    """The agreed final scores and the feedback per unit; the result follows from the scores.
    With `?preview=1` (htmx, on every change) only the computed results are shown."""
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_record_consensus(request.user, req))
    detail = selectors.request_detail(req.pk)
    form = web.bind(
        ConsensusForm,
        request,
        "consensus",
        criteria=_criteria(detail),
        units=[ru.unit for ru in detail.request_units.all()],
    )
    if request.GET.get("preview"):
        groups = _groups(detail, form.criteria, table=[], scores_form=None, consensus_form=form)
        return render(request, "assessments/_consensus.html#computed", {"groups": groups})
    return _detail_action(
        request,
        req,
        "consensus",
        form,
        lambda d: services.consensus_record(
            req,
            actor=request.user,
            final_scores=form.scores(),
            feedback=form.feedback(),
            on=web.today(),
        ),
        _("Consensus was recorded; the results are final."),
        "results",
    )


@login_required
@require_POST
def interview_schedule(request: AuthedRequest, pk: int) -> HttpResponse:
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_manage_interview(request.user, req))
    return _detail_action(
        request,
        req,
        "interview",
        web.bind(InterviewScheduleForm, request, "interview"),
        lambda d: services.interview_schedule(
            req,
            actor=request.user,
            scheduled_at=d["when"],
            location=d["location"],
            questions=d["questions"],
        ),
        _("The interview was scheduled."),
        "interview",
    )


@login_required
@require_POST
def interview_record(request: AuthedRequest, pk: int) -> HttpResponse:
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_manage_interview(request.user, req))
    return _detail_action(
        request,
        req,
        "interview-record",
        web.bind(InterviewRecordForm, request, "interview-record"),
        lambda d: services.interview_record(
            req, actor=request.user, questions=d["questions"], notes=d["notes"]
        ),
        _("The interview was recorded."),
        "interview",
    )


# --- the assessor's work list --------------------------------------------------------------------


@dataclass
class WorkRow:
    assignment: AssessorAssignment
    submitted: int
    total: int
    next_step: str


def _next_step(a: AssessorAssignment, submitted: int, total: int) -> str:
    status = a.request.status
    if status == Status.COMPLETED:
        return _("Completed")
    if status == Status.CONSENSUS:
        return _("Record consensus")
    if not a.submitted_at:
        return _("Score")
    return _("Waiting for the other assessors (%(n)s of %(m)s submitted)") % {
        "n": submitted,
        "m": total,
    }


@login_required
def work_list(request: AuthedRequest) -> HttpResponse:
    """The assessor's assignments: what to score first, then what waits, then what is done."""
    web.require(permissions.can_view_assessor_work(request.user))
    assignments = (
        selectors.assignments_for(request.user)
        .select_related("request__interview")
        .prefetch_related("request__assignments")
    )
    rows = []
    for a in assignments:
        everyone = list(a.request.assignments.all())
        submitted = sum(1 for o in everyone if o.submitted_at)
        total = max(len(everyone), a.request.assessors_required, 2)
        rows.append(WorkRow(a, submitted, total, _next_step(a, submitted, total)))
    return render(request, "assessments/work_list.html", {"rows": rows})


# --- the coordinator's queue ---------------------------------------------------------------------


@dataclass
class QueueRow:
    request: AssessmentRequest
    open_positions: list[int]
    assign_form: Any
    workload_form: Any


def _render_queue(request: AuthedRequest, bound: dict[str, Any] | None = None) -> HttpResponse:
    bound = bound or {}
    requests = list(selectors.coordinator_queue(request.user))
    candidates = selectors.assessor_candidates_for(requests)
    rows = [
        QueueRow(
            r,
            selectors.open_positions(r),
            bound.get(f"assign-{r.pk}")
            or AssignForm(candidates=candidates[r.pk], auto_id=web.auto_id(f"assign-{r.pk}")),
            bound.get(f"workload-{r.pk}") or ActionForm(),
        )
        for r in requests
    ]
    shown = {f"{kind}-{r.request.pk}" for r in rows for kind in ("assign", "workload")}
    context = {
        "needing": [r for r in rows if r.open_positions],
        "scoring": [r for r in rows if not r.open_positions],
        "elsewhere": [f for key, f in bound.items() if key not in shown],
        "independent_rule": web.rule_note(INDEPENDENT_RULE),
    }
    return render(
        request, "assessments/coordinator_queue.html", context, status=422 if bound else 200
    )


@login_required
def coordinator_queue(request: AuthedRequest) -> HttpResponse:
    """Requests of the coordinator's programmes: first those that still need assessors, each
    with the student's coach (who may not assess), then those being scored."""
    web.require(permissions.can_coordinate(request.user))
    return _render_queue(request)


def _queue_action(
    request: AuthedRequest, key: str, form: Any, action: Any, done: str
) -> HttpResponse:
    if web.submit(form, action)[0]:
        messages.success(request, done)
        return redirect("assessments:coordinator_queue")
    return _render_queue(request, {key: form})


@login_required
@require_POST
def assessor_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_assign_assessors(request.user, req))
    detail = selectors.request_detail(req.pk)
    form = web.bind(
        AssignForm,
        request,
        f"assign-{pk}",
        candidates=selectors.assessor_candidates_for([detail])[detail.pk],
    )
    return _queue_action(
        request,
        f"assign-{pk}",
        form,
        lambda d: services.assessor_assign(
            req, actor=request.user, assessor=d["assessor"], on=web.today()
        ),
        _("The assessor was assigned."),
    )


@login_required
@require_POST
def assessors_assign_by_workload(request: AuthedRequest, pk: int) -> HttpResponse:
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_assign_assessors(request.user, req))
    return _queue_action(
        request,
        f"workload-{pk}",
        ActionForm(request.POST),
        lambda d: services.assessors_assign_by_workload(req, actor=request.user, on=web.today()),
        _("Assessors were assigned by workload."),
    )


# --- the exam committee's reviews ----------------------------------------------------------------


@login_required
def review_queue(request: AuthedRequest) -> HttpResponse:
    """Completed assessments drawn for review: not yet reviewed first."""
    web.require(permissions.can_view_review_queue(request.user))
    return render(
        request,
        "assessments/review_queue.html",
        {"reviews": list(selectors.review_queue(request.user))},
    )


def _render_review(
    request: AuthedRequest, review: Any, form: ReviewForm | None = None
) -> HttpResponse:
    req = selectors.request_detail(review.request_id)
    criteria = selectors.criteria_of_units(ru.unit_id for ru in req.request_units.all())
    table = selectors.score_table(req, request.user)
    labels = {c.pk: selectors.criterion_label(c) for c in criteria}
    context = {
        "review": review,
        "req": req,
        "enrolment": req.enrolment,
        "assignments": list(req.assignments.all()),
        "groups": _groups(req, criteria, table=table, scores_form=None, consensus_form=None),
        "evidence": _evidence_rows(req, labels),
        "interview": _interview_of(req),
        "form": form or ReviewForm(initial={"notes": review.notes}, auto_id=web.auto_id("review")),
    }
    return render(request, "assessments/review_detail.html", context, status=422 if form else 200)


@login_required
def review_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A reviewed assessment, read-only: evidence, every assessor's scores, the consensus,
    results and feedback, and the committee's notes."""
    return _render_review(request, permissions.get_review_for(request.user, pk))


@login_required
@require_POST
def review_record(request: AuthedRequest, pk: int) -> HttpResponse:
    review = permissions.get_review_for(request.user, pk)
    form = web.bind(ReviewForm, request, "review")
    if web.submit(
        form, lambda d: services.review_record(review, actor=request.user, notes=d["notes"])
    )[0]:
        messages.success(request, _("The review was saved."))
        return redirect("assessments:review_detail", review.pk)
    return _render_review(request, review, form)
