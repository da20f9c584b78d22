"""Lists: a student's plans and enrolments, the plans a user may see, the coach's caseload,
the exam committee's queue and learning teams, each in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest

from parcours.accounts.models import Role, User, Viewer
from parcours.core.paging import ListFilters, filtered
from parcours.curriculum.models import Programme
from parcours.curriculum.permissions import current_role, is_administrator, roles_by_programme
from parcours.rules.facts import GuidanceFacts
from parcours.rules.study_plans import (
    guidance_twice_a_year,
)

from ..models import (
    Enrolment,
    GuidanceConversation,
    LearningTeam,
    PlanUnit,
    PlanVersion,
    StudyPlan,
)
from ..permissions import OVERSIGHT

NO_FILTERS = ListFilters()


def _with_versions(plans: QuerySet[StudyPlan]) -> QuerySet[StudyPlan]:
    """Plans with their latest and their established version, in the same query."""
    latest = PlanVersion.objects.filter(plan=OuterRef("pk")).order_by("-number")
    established = latest.filter(status=PlanVersion.Status.ESTABLISHED)
    return plans.annotate(
        latest_version_id=Subquery(latest.values("pk")[:1]),
        latest_number=Subquery(latest.values("number")[:1]),
        latest_status=Subquery(latest.values("status")[:1]),
        established_number=Subquery(established.values("number")[:1]),
    )


def plans_of(enrolment: Enrolment) -> QuerySet[StudyPlan]:
    return _with_versions(enrolment.plans.all()).order_by("-period_start")


def visible_plans(user: Viewer) -> QuerySet[StudyPlan]:
    """Every plan the user may see (can_view_enrolment as one query): their own as a student,
    their caseload's as a coach, their programmes' as exam committee or programme manager,
    all as administrator; with the latest and the established version, in fixed queries."""
    plans = _with_versions(
        StudyPlan.objects.select_related("enrolment__student", "enrolment__variant__programme")
    )
    if is_administrator(user):
        return plans
    oversight = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and roles & OVERSIGHT
    ]
    return plans.filter(
        Q(enrolment__student=user)
        | Q(enrolment__coach=user)
        | Q(enrolment__variant__programme_id__in=oversight)
    )


def enrolments_of_student(user: User) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(student=user).select_related(
        "variant__programme", "coach", "persona"
    )


@dataclass
class CaseloadRow:
    enrolment: Enrolment
    plan_status: str | None
    next_conversation: date | None
    last_conversation: date | None
    last_progress: date | None
    stalled: bool
    guidance_overdue: bool


def _guidance_overdue(today: date) -> Q | bool:
    """Rule guidance.twice-a-year as a filter: no conversation since the day the rule names
    (the rule is evaluated once; if it refuses even a conversation today, everyone is flagged,
    as it would flag each of them)."""
    result = guidance_twice_a_year(GuidanceFacts(last_conversation_on=today), on=today)
    since = result.values_used.get("since") if result.ok else None
    if since is None:
        return True
    # no conversation counts as one before every date: a single reference to the subquery
    return Q(guidance_ref__lt=since)


class _LaterOf(Func):
    """The later of two dates, NULL only when both are: PostgreSQL's GREATEST ignores NULLs,
    SQLite's MAX does not (so there each date stands in for the other when it is NULL)."""

    function = "GREATEST"
    output_field = DateField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        a, b = self.get_source_expressions()
        both = Greatest(Coalesce(a, b), Coalesce(b, a), output_field=DateField())
        return compiler.compile(both)


def caseload_rows(
    coach: Any, *, today: date, filters: ListFilters = NO_FILTERS, flag: str = ""
) -> QuerySet[Enrolment]:
    """The coach's students, each annotated in the database with its plan status, next and
    last conversation, last progress and the two flags (stalled: no plan change and no
    conversation for the variant's stall weeks; guidance_overdue: rule guidance.twice-a-year),
    so a list pages before any per-row work; filtered by student, programme, variant, cohort,
    plan status (`filters.status`) and flag."""
    latest = PlanVersion.objects.filter(plan__enrolment=OuterRef("pk")).order_by(
        "-updated_at", "-pk"
    )
    conversations = GuidanceConversation.objects.filter(enrolment=OuterRef("pk"))
    # correlated subqueries, not joins grouped per student: the database reads a student's own
    # rows through the indexes instead of joining every plan of the institution
    changed = Cast(Subquery(latest.values("updated_at")[:1]), DateField())
    held = Subquery(
        conversations.filter(held_on__isnull=False).order_by("-held_on").values("held_on")[:1],
        output_field=DateField(),
    )
    mine = Enrolment.objects.filter(coach=coach)
    weeks_in_use = mine.order_by().values_list("variant__stall_weeks", flat=True).distinct()
    # the stall cut-off of each student's variant, so the stall reference is compared once
    cutoffs = [
        When(variant__stall_weeks=weeks, then=Value(today - timedelta(weeks=weeks)))
        for weeks in sorted(weeks_in_use)
    ]
    overdue = _guidance_overdue(today)
    # aliases are not selected: each correlated subquery appears in the SQL only where a
    # selected column or a filter needs it (Django inlines an annotation wherever it is used)
    qs = (
        mine.select_related("student", "variant__programme", "persona")
        .annotate(
            plan_status=Subquery(latest.values("status")[:1]),
            next_conversation=Subquery(
                conversations.filter(held_on__isnull=True, planned_on__gte=today)
                .order_by("planned_on")
                .values("planned_on")[:1],
                output_field=DateField(),
            ),
            last_conversation=held,
            last_progress=_LaterOf(changed, held),
        )
        .alias(
            stall_ref=Coalesce(_LaterOf(changed, held), "start_date"),
            stall_cutoff=Case(*cutoffs, default=None, output_field=DateField())
            if cutoffs
            else Value(None, output_field=DateField()),
            guidance_ref=Coalesce(held, Value(date.min), output_field=DateField()),
        )
        .annotate(
            stalled=Case(
                When(stall_ref__lt=F("stall_cutoff"), then=True),
                default=False,
                output_field=BooleanField(),
            )
            if cutoffs
            else Value(False),
            guidance_overdue=Value(True)
            if overdue is True
            else Case(When(overdue, then=True), default=False, output_field=BooleanField()),
        )
    )
    qs = filtered(
        qs,
        filters,
        search=("student__first_name", "student__last_name", "student__username"),
        programme="variant__programme_id",
        form="variant__form",
        cohort="start_date",
        status="plan_status",
    )
    if flag == "stalled":
        qs = qs.filter(stalled=True)
    elif flag == "guidance":
        qs = qs.filter(guidance_overdue=True)
    return qs


def coach_programmes(coach: Any) -> QuerySet[Programme]:
    """The programmes of the coach's students, by name (the caseload's filter)."""
    return (
        Programme.objects.filter(variants__enrolments__coach=coach).distinct().order_by("name_nl")
    )


@dataclass(frozen=True)
class CaseloadCounts:
    total: int
    stalled: int
    guidance_overdue: int


def caseload_counts(coach: Any, *, today: date) -> CaseloadCounts:
    """How many students the coach has, and how many carry each flag: one aggregate in the
    database (over the annotated caseload as a subquery) whatever the caseload."""
    counts = caseload_rows(coach, today=today).aggregate(
        total=Count("pk"),
        stalled_count=Count("pk", filter=Q(stalled=True)),
        overdue_count=Count("pk", filter=Q(guidance_overdue=True)),
    )
    return CaseloadCounts(counts["total"], counts["stalled_count"], counts["overdue_count"])


def caseload_row(e: Any) -> CaseloadRow:
    """One annotated enrolment of `caseload_rows` as a row (no query)."""
    return CaseloadRow(
        enrolment=e,
        plan_status=e.plan_status,
        next_conversation=e.next_conversation,
        last_conversation=e.last_conversation,
        last_progress=e.last_progress,
        stalled=bool(e.stalled),
        guidance_overdue=bool(e.guidance_overdue),
    )


def caseload(coach: Any, *, today: date, status: str = "", flag: str = "") -> list[CaseloadRow]:
    """The coach's whole caseload as rows, by name (the API), in fixed queries."""
    qs = caseload_rows(coach, today=today, filters=ListFilters(status=status), flag=flag)
    return [caseload_row(e) for e in qs.order_by("student__last_name", "student__first_name", "pk")]


def committee_queue(user: Viewer) -> QuerySet[PlanVersion]:
    """Versions waiting to be established by this member's exam committee(s): those the coach
    agreed to, and those the student put forward against the coach's advice; `queued_at` is
    when each reached the queue."""
    status = PlanVersion.Status
    qs = PlanVersion.objects.filter(
        # where the programme delegates establishing to the coach, the coach does it instead,
        # except for a version put forward against that coach's advice
        Q(status=status.AGREED, plan__enrolment__variant__coach_establishes_plans=False)
        | Q(status=status.AGAINST_ADVICE)
    ).select_related(
        "plan__enrolment__student", "plan__enrolment__coach", "plan__enrolment__variant__programme"
    )
    if not is_administrator(user):
        programmes = [
            pid
            for pid, roles in roles_by_programme(user).items()
            if pid is not None and Role.EXAM_COMMITTEE in roles
        ]
        qs = qs.filter(plan__enrolment__variant__programme_id__in=programmes)
    return qs.annotate(queued_at=Coalesce("referred_at", "reviewed_at")).order_by("queued_at", "pk")


def committee_queue_list(user: Viewer, filters: ListFilters = NO_FILTERS) -> QuerySet[PlanVersion]:
    """The queue for its list page: each version with its `total_ec` summed in the database,
    filtered by student (name or number), programme, variant and cohort (the enrolment's start
    year), so a page is sorted and sliced before any per-row work; the units and their routes
    are prefetched for the rows shown."""
    total = (
        PlanUnit.objects.filter(version=OuterRef("pk"))
        .order_by()
        .values("version")
        .annotate(ec=Sum("unit__ec"))
        .values("ec")
    )
    qs = committee_queue(user).annotate(
        total_ec=Coalesce(Subquery(total, output_field=IntegerField()), Value(0))
    )
    return filtered(
        qs,
        filters,
        search=(
            "plan__enrolment__student__first_name",
            "plan__enrolment__student__last_name",
            "plan__enrolment__student__username",
        ),
        programme="plan__enrolment__variant__programme_id",
        form="plan__enrolment__variant__form",
        cohort="plan__enrolment__start_date",
    ).prefetch_related(Prefetch("units", queryset=PlanUnit.objects.select_related("unit")))


def committee_programmes(user: Viewer) -> QuerySet[Programme]:
    """The programmes whose plans the user establishes as exam committee (the administrator:
    every programme), by name: the queue's programme filter."""
    programmes = Programme.objects.order_by("name_nl", "pk")
    if is_administrator(user):
        return programmes
    ids = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and Role.EXAM_COMMITTEE in roles
    ]
    return programmes.filter(pk__in=ids)


def versions_awaiting(coach: User) -> QuerySet[PlanVersion]:
    """Versions waiting for this coach: submitted ones to review, and agreed ones to establish
    where the programme delegates establishing to the coach."""
    return (
        PlanVersion.objects.filter(plan__enrolment__coach=coach)
        .filter(
            Q(status=PlanVersion.Status.SUBMITTED)
            | Q(
                status=PlanVersion.Status.AGREED,
                plan__enrolment__variant__coach_establishes_plans=True,
            )
        )
        .select_related("plan__enrolment__student")
        .order_by("submitted_at", "pk")
    )


def teams_for(user: User) -> QuerySet[LearningTeam]:
    """The learning teams a user guides or manages (the administrator: all)."""
    teams = LearningTeam.objects.select_related("programme", "teacher").annotate(
        member_count=Count("members")
    )
    if is_administrator(user):
        return teams.order_by("programme__name_nl", "name")
    managed = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and Role.PROGRAMME_MANAGER in roles
    ]
    return teams.filter(Q(teacher=user) | Q(programme_id__in=managed)).order_by(
        "programme__name_nl", "name"
    )


def teams_of_enrolments(enrolments: list[Enrolment]) -> dict[int, list[LearningTeam]]:
    """Per enrolment (pk) the learning teams it belongs to with their teacher, by name, in one
    query."""
    teams: dict[int, list[LearningTeam]] = {}
    memberships = LearningTeam.members.through.objects.filter(
        enrolment_id__in=[e.pk for e in enrolments]
    ).select_related("learningteam__teacher")
    for m in memberships.order_by("learningteam__name"):
        teams.setdefault(m.enrolment_id, []).append(m.learningteam)
    return teams


def team_programmes(user: User) -> QuerySet[Programme]:
    """The programmes in which a user may start a learning team."""
    if is_administrator(user):
        return Programme.objects.all()
    ids = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and roles & TEAM_ROLES
    ]
    return Programme.objects.filter(pk__in=ids)


def teachers_of(programme: Programme) -> QuerySet[User]:
    return (
        User.objects.filter(
            current_role("role_assignments__"),
            role_assignments__programme=programme,
            role_assignments__role__in=TEAM_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


TEAM_ROLES = frozenset({Role.COACH, Role.PROGRAMME_MANAGER})


# The versions of a plan that are the student's current work (not replaced or withdrawn).
CURRENT_VERSIONS = (
    PlanVersion.Status.DRAFT,
    PlanVersion.Status.SUBMITTED,
    PlanVersion.Status.RETURNED,
    PlanVersion.Status.AGREED,
    PlanVersion.Status.ESTABLISHED,
)


def versions_to_finish(student: User) -> QuerySet[PlanVersion]:
    """The student's plan versions still in the student's hands: drafts to finish and submit,
    and versions the coach returned with comments, oldest plan first."""
    return (
        PlanVersion.objects.filter(
            plan__enrolment__student=student,
            status__in=(PlanVersion.Status.DRAFT, PlanVersion.Status.RETURNED),
        )
        .select_related("plan__enrolment__variant__programme")
        .order_by("plan__period_start", "number", "pk")
    )


def planned_unit_ids(student: User) -> QuerySet[PlanUnit, Any]:
    """The ids (`unit_id`) of the units in the student's current plan versions, as a subquery
    (no query of its own)."""
    return PlanUnit.objects.filter(
        version__plan__enrolment__student=student, version__status__in=CURRENT_VERSIONS
    ).values("unit_id")


def own_route_units(enrolment_ids: Sequence[int]) -> dict[int, int]:
    """Per enrolment the number of units on an own route (B, C or D: anything but the
    facilitated route A) in its established plan versions, in one query."""
    rows = (
        PlanUnit.objects.filter(
            version__plan__enrolment_id__in=list(enrolment_ids),
            version__status=PlanVersion.Status.ESTABLISHED,
        )
        .exclude(route=PlanUnit.Route.A)
        .order_by()
        .values("version__plan__enrolment_id")
        .annotate(n=Count("pk"))
    )
    return {row["version__plan__enrolment_id"]: row["n"] for row in rows}
