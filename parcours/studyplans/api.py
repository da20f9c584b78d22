"""JSON API for study plans: plans and their versions, draft edits under optimistic locking, the
workflow (submit, return, agree, amend, establish), the coach's caseload and the exam
committee's queue.

Study plans are personal: every operation needs a token or a session (401 otherwise). Objects
are looked up through permissions.py, so a plan the caller may not see answers 404 like a
missing one; services refuse what the caller may see but not do (403) and evaluate the rules
(422 with the rule and its source). Every draft edit names the `lock_version` it was based on;
a stale one answers 409 with what is stored now next to what the caller sent.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from parcours.core.api import (
    MAX_ID,
    NOT_SENT,
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    ErrorOut,
    Id,
    In,
    Int,
    ObjectId,
    PersonOut,
    QueryId,
    SmallInt,
    Text,
    caller,
    inline_choices,
)
from parcours.core.errors import DomainError
from parcours.curriculum import permissions as curriculum_permissions
from parcours.curriculum.models import LearningActivity, LearningOutcome, Unit
from parcours.curriculum.permissions import is_administrator, roles_by_programme

from . import permissions, selectors, services
from .models import LargeActivity, PlanActivity, PlanUnit, PlanVersion, StudyPlan

VersionStatus = Annotated[PlanVersion.Status, inline_choices(PlanVersion.Status)]
LargeActivityKind = Annotated[LargeActivity.Kind, inline_choices(LargeActivity.Kind)]
ActivityKind = Annotated[LearningActivity.Kind, inline_choices(LearningActivity.Kind)]

PlanActivitySource = Annotated[PlanActivity.Source, inline_choices(PlanActivity.Source)]
PlanUnitDecision = Annotated[PlanUnit.Decision, inline_choices(PlanUnit.Decision)]
PlanUnitRoute = Annotated[PlanUnit.Route, inline_choices(PlanUnit.Route)]

router = Router(tags=["study plans"])

LockVersion = Annotated[
    Int, Field(ge=1, le=MAX_ID, description="The draft's lock_version you read")
]


def _today() -> date:
    return timezone.localdate()


# --- output schemas -------------------------------------------------------------------------


class VersionSummaryOut(Schema):
    id: int
    number: int
    status: VersionStatus
    based_on_id: int | None
    lock_version: int
    created_at: datetime
    submitted_at: datetime | None
    reviewed_at: datetime | None
    established_at: datetime | None


class PlanSummaryOut(Schema):
    id: int
    enrolment_id: int
    student: PersonOut = Field(..., alias="enrolment.student")
    programme_id: int = Field(..., alias="enrolment.variant.programme_id")
    title: str
    period_start: date
    period_end: date
    completed_at: datetime | None
    latest_version_id: int
    latest_number: int
    latest_status: VersionStatus
    established_number: int | None


class PlanOut(Schema):
    id: int
    enrolment_id: int
    student: PersonOut = Field(..., alias="enrolment.student")
    coach: PersonOut | None = Field(..., alias="enrolment.coach")
    programme_id: int = Field(..., alias="enrolment.variant.programme_id")
    title: str
    period_start: date
    period_end: date
    completed_at: datetime | None
    created_at: datetime
    versions: list[VersionSummaryOut] = Field(..., alias="version_list")


class PlanActivityOut(Schema):
    id: int
    source: PlanActivitySource
    activity_id: int | None
    title: str
    provider: str
    kind: str
    hours: int
    url: str


class OutcomeRefOut(Schema):
    id: int
    code: str
    unit_id: int


class LargeActivityOut(Schema):
    id: int
    kind: LargeActivityKind
    title: str
    hours: int
    description: str
    outcomes: list[OutcomeRefOut]

    @staticmethod
    def resolve_outcomes(obj: LargeActivity) -> Any:
        return obj.outcomes.all()


class PlanUnitOut(Schema):
    id: int
    unit_id: int
    code: str = Field(..., alias="unit.code")
    title_nl: str = Field(..., alias="unit.title_nl")
    title_en: str = Field(..., alias="unit.title_en")
    ec: int = Field(..., alias="unit.ec")
    route: PlanUnitRoute
    effective_route: PlanUnitRoute = Field(
        ..., description="The route that applies: the chosen one once established, else A"
    )
    decision: PlanUnitDecision
    decision_reason: str
    assessment: str
    guidance: str
    planned_start: date | None
    planned_end: date | None
    large_activity_id: int | None
    activities: list[PlanActivityOut]

    @staticmethod
    def resolve_activities(obj: PlanUnit) -> Any:
        return obj.activities.all()


class VersionOut(VersionSummaryOut):
    plan_id: int
    hours_per_week: int
    notes: str
    coach_comment: str
    created_by_id: int
    reviewed_by_id: int | None
    established_by_id: int | None
    updated_at: datetime
    grounds: list[dict[str, Any]]
    total_ec: int
    units: list[PlanUnitOut] = Field(..., alias="unit_list")
    large_activities: list[LargeActivityOut]

    @staticmethod
    def resolve_large_activities(obj: PlanVersion) -> Any:
        return obj.large_activities.all()


class PlanCreatedOut(PlanOut):
    version: VersionOut = Field(..., alias="first_version")


class PlanUnitEditOut(PlanUnitOut):
    lock_version: int = Field(..., description="The draft's lock_version after this change")


class PlanActivityEditOut(PlanActivityOut):
    lock_version: int = Field(..., description="The draft's lock_version after this change")


class LargeActivityEditOut(LargeActivityOut):
    lock_version: int = Field(..., description="The draft's lock_version after this change")


class ChangeOut(Schema):
    what: str
    old: str
    new: str


class VersionRefOut(Schema):
    id: int
    number: int
    status: VersionStatus


class DiffOut(Schema):
    older: VersionRefOut
    newer: VersionRefOut
    changes: list[ChangeOut]


class ConflictChangeOut(Schema):
    what: str
    stored: str
    yours: str


class ConflictOut(Schema):
    code: Literal["version_conflict"]
    message: str
    field: str | None
    lock_version: int = Field(..., description="The stored lock_version to base a retry on")
    changes: list[ConflictChangeOut]


class CaseloadRowOut(Schema):
    enrolment_id: int = Field(..., alias="enrolment.pk")
    student: PersonOut = Field(..., alias="enrolment.student")
    programme_id: int = Field(..., alias="enrolment.variant.programme_id")
    start_date: date = Field(..., alias="enrolment.start_date")
    persona: str | None
    plan_status: VersionStatus | None
    next_conversation: date | None
    last_conversation: date | None
    last_progress: date | None
    stalled: bool
    guidance_overdue: bool

    @staticmethod
    def resolve_persona(obj: selectors.CaseloadRow) -> str | None:
        persona = obj.enrolment.persona
        return persona.name if persona else None


class QueueEntryOut(Schema):
    version_id: int = Field(..., alias="pk")
    number: int
    plan_id: int
    plan_title: str = Field(..., alias="plan.title")
    student: PersonOut = Field(..., alias="plan.enrolment.student")
    coach: PersonOut | None = Field(..., alias="plan.enrolment.coach")
    programme_id: int = Field(..., alias="plan.enrolment.variant.programme_id")
    reviewed_at: datetime | None
    coach_comment: str


DRAFT_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 409: ConflictOut | ErrorOut}

# --- input schemas --------------------------------------------------------------------------


class UnitChoiceIn(In):
    unit_id: Id
    route: PlanUnitRoute
    assessment: Text = ""
    guidance: Text = ""
    planned_start: Day | None = None
    planned_end: Day | None = None


class PlanCreateIn(In):
    enrolment_id: Id
    title: Text
    period_start: Day
    period_end: Day
    hours_per_week: SmallInt
    units: list[UnitChoiceIn]


class VersionUpdateIn(In):
    """Only the fields sent are changed."""

    lock_version: LockVersion
    hours_per_week: SmallInt = NOT_SENT
    notes: Text = NOT_SENT


class PlanUnitUpdateIn(In):
    """Only the fields sent are changed; null clears a planned date or the large activity."""

    lock_version: LockVersion
    route: PlanUnitRoute = NOT_SENT
    assessment: Text = NOT_SENT
    guidance: Text = NOT_SENT
    planned_start: Day | None = NOT_SENT
    planned_end: Day | None = NOT_SENT
    large_activity_id: Id | None = Field(
        NOT_SENT, description="Route D: the large activity (of this version) the unit relies on"
    )


class PlanUnitAddIn(UnitChoiceIn):
    lock_version: LockVersion


class PlanActivityAddIn(In):
    """One of the programme's activities (`activity_id`), or another programme's or an external
    one described by title, kind, hours, provider and link."""

    lock_version: LockVersion
    source: PlanActivitySource
    activity_id: Id | None = None
    title: Text = ""
    kind: ActivityKind | Literal[""] = ""
    hours: SmallInt = 0
    provider: Text = ""
    url: Text = ""


class LargeActivityAddIn(In):
    lock_version: LockVersion
    kind: LargeActivityKind
    title: Text
    hours: SmallInt
    description: Text = ""
    outcome_ids: list[Id] = Field(..., description="Outcomes of this plan's units it covers")


class SubmitIn(In):
    lock_version: LockVersion


class ReturnIn(In):
    comment: Text


class AgreeIn(In):
    comment: Text = ""


class DecisionIn(In):
    plan_unit_id: Id
    decision: Literal["established", "refused"]
    reason: Text = Field("", description="Required for a refusal")


class EstablishIn(In):
    decisions: list[DecisionIn] = Field(..., description="One decision for every unit")


# --- lookups --------------------------------------------------------------------------------


def _units_for(user: Any, ids: list[int]) -> dict[int, Unit]:
    """The units a body names, each 404 unless visible to the caller."""
    units = {
        u.pk: u
        for u in Unit.objects.select_related("oer__variant__programme").filter(pk__in=ids)
        if curriculum_permissions.can_view_unit(user, u)
    }
    if set(ids) - units.keys():
        raise Http404
    return units


def _outcomes_for(user: Any, ids: list[int]) -> list[LearningOutcome]:
    outcomes = {
        o.pk: o
        for o in LearningOutcome.objects.select_related("unit__oer__variant__programme").filter(
            pk__in=ids
        )
        if curriculum_permissions.can_view_unit(user, o.unit)
    }
    if set(ids) - outcomes.keys():
        raise Http404
    return [outcomes[pk] for pk in dict.fromkeys(ids)]


def _large_activity_for(user: Any, pk: int, version: PlanVersion) -> LargeActivity:
    """A large activity; one of another version is 404 unless the caller may see that version
    (the service then refuses it with 422)."""
    activity = LargeActivity.objects.filter(pk=pk).first()
    if activity is None:
        raise Http404
    if activity.version_id != version.pk:
        permissions.get_version_for(user, activity.version_id)
    return activity


def _choice(item: UnitChoiceIn, unit: Unit) -> services.UnitChoice:
    return services.UnitChoice(
        unit=unit,
        route=item.route,
        assessment=item.assessment,
        guidance=item.guidance,
        planned_start=item.planned_start,
        planned_end=item.planned_end,
    )


# --- reads shaped for the output schemas ----------------------------------------------------


def _version_detail(pk: int) -> PlanVersion:
    """A version with its content and, per unit, the route that applies."""
    version = selectors.version_with_content(pk)
    routes = {r.plan_unit.pk: r.effective for r in selectors.effective_routes(version, on=_today())}
    units = list(version.units.all())
    for pu in units:
        pu.effective_route = routes[pu.pk]  # type: ignore[attr-defined]
    version.unit_list = units  # type: ignore[attr-defined]
    version.total_ec = sum(pu.unit.ec for pu in units)  # type: ignore[attr-defined]
    return version


def _plan_detail(plan: StudyPlan) -> StudyPlan:
    plan.version_list = list(plan.versions.order_by("number"))  # type: ignore[attr-defined]
    return plan


def _with_lock(obj: Any, version: PlanVersion) -> Any:
    obj.lock_version = version.lock_version
    return obj


def _plan_unit_detail(pk: int, version: PlanVersion) -> PlanUnit:
    detail = _version_detail(version.pk)
    plan_unit = next(pu for pu in detail.unit_list if pu.pk == pk)  # type: ignore[attr-defined]
    return cast(PlanUnit, _with_lock(plan_unit, detail))


def visible_plans(user: Any) -> QuerySet[StudyPlan]:
    """Every plan the caller may see (can_view_enrolment as one query): their own as a student,
    their caseload's as a coach, their programmes' as exam committee or programme manager,
    all as administrator; with the latest and the established version, in fixed queries."""
    versions = PlanVersion.objects.filter(plan=OuterRef("pk")).order_by("-number")
    established = versions.filter(status=PlanVersion.Status.ESTABLISHED)
    plans = StudyPlan.objects.select_related(
        "enrolment__student", "enrolment__variant__programme"
    ).annotate(
        latest_version_id=Subquery(versions.values("pk")[:1]),
        latest_number=Subquery(versions.values("number")[:1]),
        latest_status=Subquery(versions.values("status")[:1]),
        established_number=Subquery(established.values("number")[:1]),
    )
    if is_administrator(user):
        return plans
    oversight = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and roles & permissions.OVERSIGHT
    ]
    return plans.filter(
        Q(enrolment__student=user)
        | Q(enrolment__coach=user)
        | Q(enrolment__variant__programme_id__in=oversight)
    )


# --- plans ----------------------------------------------------------------------------------


@router.get("/study-plans", response={200: list[PlanSummaryOut], 401: ErrorOut})
def study_plan_list(request: HttpRequest, enrolment_id: QueryId | None = None) -> Any:
    """The plans the caller may see: their own (student), their caseload's (coach), their
    programmes' (exam committee, programme manager), or all (administrator)."""
    plans = visible_plans(request.user)
    if enrolment_id is not None:
        plans = plans.filter(enrolment_id=enrolment_id)
    return plans.order_by("enrolment__student__last_name", "enrolment_id", "-period_start", "-pk")


@router.post("/study-plans", response={201: PlanCreatedOut, **WRITE_ERRORS})
def study_plan_create(request: HttpRequest, payload: PlanCreateIn) -> Any:
    """A plan for a period with its first draft version. Its units must fit one plan: at most
    30 EC, or exactly one larger unit (rule `studyplan.max-credits`); a refusal writes nothing."""
    enrolment = permissions.get_enrolment_for(request.user, payload.enrolment_id)
    units = _units_for(request.user, [u.unit_id for u in payload.units])
    plan = services.plan_create(
        enrolment,
        actor=caller(request),
        title=payload.title,
        period_start=payload.period_start,
        period_end=payload.period_end,
        hours_per_week=payload.hours_per_week,
        units=[_choice(item, units[item.unit_id]) for item in payload.units],
    )
    plan = _plan_detail(plan)
    plan.first_version = _version_detail(plan.version_list[0].pk)  # type: ignore[attr-defined]
    return Status(201, plan)


@router.get("/study-plans/{plan_id}", response={200: PlanOut, **READ_ERRORS})
def study_plan_detail(request: HttpRequest, plan_id: ObjectId) -> Any:
    """A plan with every version (open any of them, or compare two)."""
    return _plan_detail(permissions.get_plan_for(request.user, plan_id))


# --- versions -------------------------------------------------------------------------------


@router.get("/plan-versions/{version_id}", response={200: VersionOut, **READ_ERRORS})
def plan_version_detail(request: HttpRequest, version_id: ObjectId) -> Any:
    """A version with its units (chosen and effective route, decision, activities), its large
    activities, and the `lock_version` a draft edit must send."""
    return _version_detail(permissions.get_version_for(request.user, version_id).pk)


@router.get(
    "/plan-versions/{version_id}/diff",
    response={200: DiffOut, **READ_ERRORS, 422: ErrorOut},
)
def plan_version_diff(request: HttpRequest, version_id: ObjectId, against: QueryId) -> Any:
    """What changed between two versions of the same plan (older → newer, in either order)."""
    one = permissions.get_version_for(request.user, version_id)
    other = permissions.get_version_for(request.user, against)
    if one.plan_id != other.plan_id:
        raise DomainError(
            "Vergelijk twee versies van hetzelfde plan.",
            "Compare two versions of the same plan.",
            field="against",
        )
    older, newer = sorted((one, other), key=lambda v: v.number)
    diff = selectors.version_diff(
        selectors.version_with_content(older.pk), selectors.version_with_content(newer.pk)
    )
    return {"older": diff.older, "newer": diff.newer, "changes": diff.changes}


@router.patch("/plan-versions/{version_id}", response={200: VersionOut, **DRAFT_ERRORS})
def plan_version_update(
    request: HttpRequest, version_id: ObjectId, payload: VersionUpdateIn
) -> Any:
    """Change a draft's hours a week or notes."""
    version = permissions.get_version_for(request.user, version_id)
    fields = payload.model_dump(exclude_unset=True)
    lock_version = fields.pop("lock_version")
    if not fields:
        raise ValidationError("Nothing to change: send at least one field besides lock_version.")
    services.version_update_details(
        version,
        actor=caller(request),
        expected_lock_version=lock_version,
        hours_per_week=fields.get("hours_per_week", version.hours_per_week),
        notes=fields.get("notes", version.notes),
    )
    return _version_detail(version.pk)


@router.post("/plan-versions/{version_id}/units", response={201: PlanUnitEditOut, **DRAFT_ERRORS})
def plan_unit_add(request: HttpRequest, version_id: ObjectId, payload: PlanUnitAddIn) -> Any:
    """Add a unit to a draft; the plan must still fit (rule `studyplan.max-credits`)."""
    version = permissions.get_version_for(request.user, version_id)
    unit = _units_for(request.user, [payload.unit_id])[payload.unit_id]
    plan_unit = services.plan_unit_add(
        version,
        actor=caller(request),
        expected_lock_version=payload.lock_version,
        choice=_choice(payload, unit),
    )
    return Status(201, _plan_unit_detail(plan_unit.pk, version))


@router.patch("/plan-units/{plan_unit_id}", response={200: PlanUnitEditOut, **DRAFT_ERRORS})
def plan_unit_update(
    request: HttpRequest, plan_unit_id: ObjectId, payload: PlanUnitUpdateIn
) -> Any:
    """Change a draft unit's route, way of assessment, guidance, planned dates or (route D) its
    large activity."""
    plan_unit = permissions.get_plan_unit_for(request.user, plan_unit_id)
    fields = payload.model_dump(exclude_unset=True)
    lock_version = fields.pop("lock_version")
    if not fields:
        raise ValidationError("Nothing to change: send at least one field besides lock_version.")
    large_activity = plan_unit.large_activity
    if "large_activity_id" in fields:
        la_id = fields.pop("large_activity_id")
        large_activity = (
            None if la_id is None else _large_activity_for(request.user, la_id, plan_unit.version)
        )
    current = {
        "route": plan_unit.route,
        "assessment": plan_unit.assessment,
        "guidance": plan_unit.guidance,
        "planned_start": plan_unit.planned_start,
        "planned_end": plan_unit.planned_end,
    }
    services.plan_unit_update(
        plan_unit,
        actor=caller(request),
        expected_lock_version=lock_version,
        large_activity=large_activity,
        **{**current, **fields},
    )
    return _plan_unit_detail(plan_unit.pk, plan_unit.version)


@router.delete("/plan-units/{plan_unit_id}", response={204: None, **DRAFT_ERRORS})
def plan_unit_remove(request: HttpRequest, plan_unit_id: ObjectId, lock_version: QueryId) -> Any:
    """Remove a unit from a draft (`?lock_version=`); the draft's lock_version goes up by one."""
    plan_unit = permissions.get_plan_unit_for(request.user, plan_unit_id)
    services.plan_unit_remove(plan_unit, actor=caller(request), expected_lock_version=lock_version)
    return Status(204, None)


@router.post(
    "/plan-units/{plan_unit_id}/activities", response={201: PlanActivityEditOut, **DRAFT_ERRORS}
)
def plan_activity_add(
    request: HttpRequest, plan_unit_id: ObjectId, payload: PlanActivityAddIn
) -> Any:
    """An agreed learning activity for an own route (B, or D's gaps)."""
    plan_unit = permissions.get_plan_unit_for(request.user, plan_unit_id)
    activity = None
    if payload.activity_id is not None:
        activity = curriculum_permissions.get_unit_part_for(
            request.user, LearningActivity, payload.activity_id, "unit"
        )
    item = services.plan_activity_add(
        plan_unit,
        actor=caller(request),
        expected_lock_version=payload.lock_version,
        source=payload.source,
        title=payload.title,
        kind=payload.kind,
        hours=payload.hours,
        provider=payload.provider,
        url=payload.url,
        activity=activity,
    )
    return Status(201, _with_lock(item, plan_unit.version))


@router.delete("/plan-activities/{activity_id}", response={204: None, **DRAFT_ERRORS})
def plan_activity_remove(request: HttpRequest, activity_id: ObjectId, lock_version: QueryId) -> Any:
    """Remove an agreed activity from a draft unit (`?lock_version=`)."""
    item = permissions.get_plan_activity_for(request.user, activity_id)
    services.plan_activity_remove(item, actor=caller(request), expected_lock_version=lock_version)
    return Status(204, None)


@router.delete("/plan-large-activities/{large_activity_id}", response={204: None, **DRAFT_ERRORS})
def large_activity_remove(
    request: HttpRequest, large_activity_id: ObjectId, lock_version: QueryId
) -> Any:
    """Remove a large activity (route D) from a draft (`?lock_version=`)."""
    activity = permissions.get_large_activity_for(request.user, large_activity_id)
    services.large_activity_remove(
        activity, actor=caller(request), expected_lock_version=lock_version
    )
    return Status(204, None)


@router.post(
    "/plan-versions/{version_id}/large-activities",
    response={201: LargeActivityEditOut, **DRAFT_ERRORS},
)
def large_activity_add(
    request: HttpRequest, version_id: ObjectId, payload: LargeActivityAddIn
) -> Any:
    """Route D: one large activity and the outcomes (of this plan's units) it should yield
    evidence for; link units to it with PATCH /plan-units/{id} {route: "D", large_activity_id}."""
    version = permissions.get_version_for(request.user, version_id)
    activity = services.large_activity_add(
        version,
        actor=caller(request),
        expected_lock_version=payload.lock_version,
        kind=payload.kind,
        title=payload.title,
        hours=payload.hours,
        description=payload.description,
        outcomes=_outcomes_for(request.user, payload.outcome_ids),
    )
    return Status(201, _with_lock(activity, version))


# --- workflow -------------------------------------------------------------------------------


@router.post("/plan-versions/{version_id}/submit", response={200: VersionOut, **DRAFT_ERRORS})
def plan_version_submit(request: HttpRequest, version_id: ObjectId, payload: SubmitIn) -> Any:
    """Hand the draft to the coach: it must fit one plan, be feasible, and name the activities
    of every own route."""
    version = permissions.get_version_for(request.user, version_id)
    services.version_submit(
        version, actor=caller(request), expected_lock_version=payload.lock_version
    )
    return _version_detail(version.pk)


@router.post("/plan-versions/{version_id}/return", response={200: VersionOut, **WRITE_ERRORS})
def plan_version_return(request: HttpRequest, version_id: ObjectId, payload: ReturnIn) -> Any:
    """The coach sends a submitted version back with comments; the student amends it."""
    version = permissions.get_version_for(request.user, version_id)
    services.version_return(version, actor=caller(request), comment=payload.comment)
    return _version_detail(version.pk)


@router.post("/plan-versions/{version_id}/agree", response={200: VersionOut, **WRITE_ERRORS})
def plan_version_agree(request: HttpRequest, version_id: ObjectId, payload: AgreeIn) -> Any:
    """The coach agrees to a submitted version; the exam committee (or, where the programme
    delegates it, the coach) then establishes it."""
    version = permissions.get_version_for(request.user, version_id)
    services.version_agree(version, actor=caller(request), comment=payload.comment)
    return _version_detail(version.pk)


@router.post("/plan-versions/{version_id}/amend", response={201: VersionOut, **WRITE_ERRORS})
def plan_version_amend(request: HttpRequest, version_id: ObjectId) -> Any:
    """A new draft version based on a returned or the established version."""
    version = permissions.get_version_for(request.user, version_id)
    draft = services.version_amend(version, actor=caller(request))
    return Status(201, _version_detail(draft.pk))


@router.post("/plan-versions/{version_id}/establish", response={200: VersionOut, **WRITE_ERRORS})
def plan_version_establish(request: HttpRequest, version_id: ObjectId, payload: EstablishIn) -> Any:
    """Establish an agreed version unit by unit; a refused unit (with reasons) falls back to the
    facilitated route (A). The version keeps its grounds and supersedes the established one."""
    version = permissions.get_version_for(request.user, version_id)
    decisions: dict[int, tuple[str, str]] = {}
    for item in payload.decisions:
        if item.plan_unit_id in decisions:
            raise DomainError(
                "Neem per eenheid één besluit.",
                "Give one decision per unit.",
                field="decisions",
            )
        decisions[item.plan_unit_id] = (item.decision, item.reason)
    strays = set(decisions) - set(version.units.values_list("pk", flat=True))
    if strays:
        raise DomainError(
            "Besluiten over eenheden buiten deze versie.",
            "Decisions on units outside this version.",
            field="decisions",
        )
    services.version_establish(version, actor=caller(request), decisions=decisions)
    return _version_detail(version.pk)


# --- the coach's and the committee's lists --------------------------------------------------


@router.get("/caseload", response={200: list[CaseloadRowOut], 401: ErrorOut, 403: ErrorOut})
def caseload(
    request: HttpRequest,
    status: VersionStatus | None = None,
    flag: Literal["stalled", "guidance"] | None = None,
) -> Any:
    """The coach's students: plan status, next and last conversation, last progress, and flags
    for students who stall or lack a guidance conversation in the last six months."""
    if not permissions.can_view_caseload(request.user):
        raise PermissionDenied
    return selectors.caseload(request.user, today=_today(), status=status or "", flag=flag or "")


@router.get("/committee-queue", response={200: list[QueueEntryOut], 401: ErrorOut, 403: ErrorOut})
def committee_queue(request: HttpRequest) -> Any:
    """Agreed versions waiting for this member's exam committee, oldest agreement first."""
    if not permissions.can_view_committee_queue(request.user):
        raise PermissionDenied
    return selectors.committee_queue(request.user)
