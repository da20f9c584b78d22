"""Reads of the coordinator's work: the queue, the positions still to fill, the assessors who
may take them (least open work first), and the assignments made."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from parcours.accounts.models import Role, User
from parcours.core.paging import ListFilters, filtered
from parcours.curriculum.models import RoleAssignment
from parcours.curriculum.permissions import current_role

from ..models import AssessmentRequest, AssessorAssignment, RequestUnit
from .common import OPEN, programme_ids_with

NO_FILTERS = ListFilters()


def coordinator_queue(user: User) -> QuerySet[AssessmentRequest]:
    """Requests of the coordinator's programmes that still need assessors, then the rest open."""
    programme_ids = programme_ids_with(user, {Role.ASSESSMENT_COORDINATOR})
    return (
        AssessmentRequest.objects.filter(
            enrolment__variant__programme_id__in=programme_ids, status__in=OPEN
        )
        .select_related("enrolment__student", "enrolment__coach", "enrolment__variant__programme")
        .prefetch_related(
            Prefetch("request_units", queryset=RequestUnit.objects.select_related("unit")),
            Prefetch("assignments", queryset=AssessorAssignment.objects.select_related("assessor")),
        )
        .order_by("requested_at", "id")
    )


# The coordinator's filter on the open places: the requests that still need an assessor, or
# those whose places are all filled (being assessed).
PLACES = ("open", "gevuld")


def coordinator_queue_list(
    user: User, filters: ListFilters = NO_FILTERS, *, places: str = ""
) -> QuerySet[AssessmentRequest]:
    """The queue for its list page, each request annotated in the database with `open_places`
    (the assessor positions still to fill, as `open_positions` counts them) and `filled` (0
    while a place is open, else 1: the requests waiting for assessors sort first), so the list
    filters, sorts and pages on them before any per-row work; filtered by student (name or
    number), programme, status and `places` (one of PLACES)."""
    wanted = Case(
        When(
            status=AssessmentRequest.Status.THIRD_ASSESSOR,
            then=Greatest("assessors_required", Value(3)),
        ),
        default=Greatest("assessors_required", Value(2)),
        output_field=IntegerField(),
    )
    taken = (
        AssessorAssignment.objects.filter(
            request=OuterRef("pk"), position__lte=OuterRef("wanted_places")
        )
        .order_by()
        .values("request")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        coordinator_queue(user)
        .annotate(wanted_places=wanted)
        .annotate(
            open_places=F("wanted_places")
            - Coalesce(Subquery(taken, output_field=IntegerField()), Value(0))
        )
        .annotate(
            filled=Case(
                When(open_places__gt=0, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    )
    qs = filtered(
        qs,
        filters,
        search=(
            "enrolment__student__first_name",
            "enrolment__student__last_name",
            "enrolment__student__username",
        ),
        programme="enrolment__variant__programme_id",
        status="status",
    )
    if places == "open":
        qs = qs.filter(open_places__gt=0)
    elif places == "gevuld":
        qs = qs.filter(open_places__lte=0)
    return qs


def _by_open_work(users: QuerySet[User]) -> QuerySet[User]:
    """Each with `open_work`, the open assessments they are assigned to; least first."""
    return users.annotate(
        open_work=Count(
            "assessor_assignments",
            filter=Q(assessor_assignments__request__status__in=OPEN),
            distinct=True,
        )
    ).order_by("open_work", "last_name", "pk")


def assessor_candidates(request: AssessmentRequest) -> list[tuple[User, int]]:
    """The programme's assessors who may assess this request (not the student, not the coach,
    not already assigned), least open work first."""
    enrolment = request.enrolment
    taken = {a.assessor_id for a in request.assignments.all()}
    excluded = (
        taken | {enrolment.student_id} | ({enrolment.coach_id} if enrolment.coach_id else set())
    )
    users: list[Any] = list(
        _by_open_work(
            User.objects.filter(
                current_role("role_assignments__"),
                role_assignments__role=Role.ASSESSOR,
                role_assignments__programme_id=enrolment.variant.programme_id,
            ).exclude(pk__in=excluded)
        )
    )
    return [(u, u.open_work) for u in users]


def open_positions(request: AssessmentRequest) -> list[int]:
    """The assessor positions still to fill (uses the prefetched assignments)."""
    taken = {a.position for a in request.assignments.all()}
    wanted = list(range(1, max(request.assessors_required, 2) + 1))
    if request.status == AssessmentRequest.Status.THIRD_ASSESSOR:
        wanted = sorted({*wanted, AssessorAssignment.Position.THIRD})
    return [p for p in wanted if p not in taken]


def assessor_candidates_for(
    requests: list[AssessmentRequest],
) -> dict[int, list[tuple[User, int]]]:
    """`assessor_candidates` for many requests at once (the coordinator's queue), in two
    queries whatever their number; requests need their enrolment and assignments loaded."""
    programme_ids = {r.enrolment.variant.programme_id for r in requests}
    programmes_of: dict[int, set[int]] = defaultdict(set)
    for user_id, programme_id in RoleAssignment.objects.filter(
        current_role(), role=Role.ASSESSOR, programme_id__in=programme_ids
    ).values_list("user_id", "programme_id"):
        programmes_of[user_id].add(programme_id)
    users: list[Any] = list(_by_open_work(User.objects.filter(pk__in=list(programmes_of))))
    result: dict[int, list[tuple[User, int]]] = {}
    for request in requests:
        enrolment = request.enrolment
        excluded = {a.assessor_id for a in request.assignments.all()} | {
            enrolment.student_id,
            enrolment.coach_id,
        }
        programme_id = enrolment.variant.programme_id
        result[request.pk] = [
            (u, u.open_work)
            for u in users
            if programme_id in programmes_of[u.pk] and u.pk not in excluded
        ]
    return result


def active_user(pk: int) -> User | None:
    """An active account by id (None when there is none)."""
    return User.objects.filter(pk=pk, is_active=True).first()


def assignments_by_pk(pks: list[int]) -> list[AssessorAssignment]:
    """Assignments with their assessor, in the order of their positions."""
    return list(
        AssessorAssignment.objects.filter(pk__in=pks)
        .select_related("assessor")
        .order_by("position")
    )
