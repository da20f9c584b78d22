"""Reads of the validation desk: the desks (institutions) and their programmes, the committee's
queue, a requester's requests, a request with everything it shows and its decision term counting
down, and what a new request may name (units, portfolio items) with the subject it gets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Min, Prefetch, Q, QuerySet, Sum, prefetch_related_objects
from django.utils import translation
from django.utils.translation import gettext as _

from parcours.accounts.models import Role, User, Viewer
from parcours.core.paging import ListFilters, filtered
from parcours.curriculum.models import Institution, Oer, Programme, Unit
from parcours.curriculum.permissions import current_role
from parcours.portfolio.models import EvidenceItem
from parcours.portfolio.selectors import with_scan
from parcours.rules.decisions import decision_days_left, decision_term
from parcours.rules.facts import DecisionTermFacts
from parcours.studyplans.models import Enrolment

from ..models import Decision, DeskDocument, DeskMessage, DeskRequest
from .committee import committee_programme_ids

WARNING_DAYS = 7  # rule decision.term's default warning period


def desk_queue(user: Viewer, *, status: str = "") -> QuerySet[DeskRequest]:
    qs = (
        DeskRequest.objects.filter(programme_id__in=committee_programme_ids(user))
        .select_related("programme", "requester")
        .prefetch_related("units", "documents")
        .order_by("term_end", "id")
    )
    return qs.filter(status=status) if status else qs.exclude(status=DeskRequest.Status.DECIDED)


def desk_queue_list(user: Viewer, filters: ListFilters) -> QuerySet[DeskRequest]:
    """The queue for its list page, filtered in the database: a search on the subject and the
    requester, programme, status (every open request when none is asked)."""
    return filtered(
        desk_queue(user, status=filters.status),
        filters,
        search=("subject", "contact_name", "contact_email"),
        programme="programme_id",
    )


def days_left(request: DeskRequest, *, on: date) -> int:
    return decision_days_left(request.received_on, on)


@dataclass(frozen=True)
class Countdown:
    """The decision term of a request (rule decision.term): the days left (negative: overdue;
    None once decided), its state, and the rest days the Atw moved its end past (in the active
    language, with their dates)."""

    days: int | None
    state: str  # "open", "soon", "overdue" or "decided"
    term_end: date
    nominal_end: date | None = None
    moved_past: tuple[str, ...] = ()
    moved_past_dates: tuple[date, ...] = ()

    @property
    def overdue_days(self) -> int:
        return -(self.days or 0)


def countdown(request: DeskRequest, *, on: date) -> Countdown:
    """The decision term counting down on `on`, as the pages and the API show it; its end is
    the stored `term_end` (computed by decision_term_end when the request was received)."""
    result = decision_term(
        DecisionTermFacts(received=request.received_on, warning_days=WARNING_DAYS), on=on
    )
    values = result.values_used
    english = (translation.get_language() or "nl").startswith("en")
    moved: tuple[date | None, tuple[str, ...], tuple[date, ...]] = (
        values.get("term_end_before_extension"),
        tuple(values.get("moved_past_en" if english else "moved_past", ())),
        tuple(values.get("moved_past_dates", ())),
    )
    if request.status == DeskRequest.Status.DECIDED:
        return Countdown(None, "decided", request.term_end, *moved)
    state = "overdue" if not result.ok else "soon" if result.warning else "open"
    return Countdown(days_left(request, on=on), state, request.term_end, *moved)


def desk_requests_of(user: User) -> QuerySet[DeskRequest]:
    return (
        DeskRequest.objects.filter(requester=user)
        .select_related("programme")
        .prefetch_related("units", "documents", "decisions")
        .order_by("-created_at")
    )


def _desk_request_parts() -> tuple[Any, ...]:
    """What a request shows besides its own row: units (in the programme's order, with their
    OER), documents, portfolio items, decisions (oldest first, with the one each corrects) and
    the messages with their authors."""
    return (
        Prefetch("units", queryset=Unit.objects.select_related("oer").order_by("position", "code")),
        Prefetch("documents", queryset=with_scan(DeskDocument.objects.all())),
        "portfolio_items",
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("corrects").order_by("created_at", "id"),
        ),
        Prefetch("messages", queryset=DeskMessage.objects.select_related("author")),
    )


def _desk_requests_in_full() -> QuerySet[DeskRequest]:
    return DeskRequest.objects.select_related("programme", "requester").prefetch_related(
        *_desk_request_parts()
    )


def desk_request_in_full(pk: int) -> DeskRequest:
    """One request with everything it shows, in fixed queries."""
    return _desk_requests_in_full().get(pk=pk)


def with_desk_request_parts(request: DeskRequest) -> DeskRequest:
    """A request already loaded (with its programme and requester), its parts added."""
    prefetch_related_objects([request], *_desk_request_parts())
    return request


def own_desk_requests_in_full(user: User) -> QuerySet[DeskRequest]:
    """The user's own requests, newest first, with everything they show."""
    return _desk_requests_in_full().filter(requester=user).order_by("-created_at", "-id")


def desk_document_bytes(
    *, request: DeskRequest | None = None, person: User | None = None, email: str = ""
) -> int:
    """Bytes of documents sent with one request, or by one person over all their requests
    (signed in: their account; otherwise the e-mail address they gave)."""
    documents = DeskDocument.objects.all()
    if request is not None:
        documents = documents.filter(request=request)
    elif person is not None:
        documents = documents.filter(request__requester=person)
    else:
        documents = documents.filter(
            request__requester__isnull=True, request__contact_email__iexact=email
        )
    return int(documents.aggregate(total=Sum("size"))["total"] or 0)


def units_for_exemption(programme: Programme) -> QuerySet[Unit]:
    """Units of the programme's published OERs (what an exemption request may name)."""
    return (
        Unit.objects.filter(oer__variant__programme=programme, oer__status=Oer.Status.PUBLISHED)
        .select_related("oer")
        .order_by("-oer__academic_year", "position", "code")
    )


def unit_codes_for_exemption(programme: Programme, unit_ids: list[int]) -> list[str]:
    """The codes of these units of the programme, each once, in the programme's order."""
    return list(
        dict.fromkeys(
            units_for_exemption(programme).filter(pk__in=unit_ids).values_list("code", flat=True)
        )
    )


def exemption_subject(programme: Programme, unit_ids: Iterable[int]) -> str:
    """The subject of an exemption request sent without one: its units' codes, each once, in
    the programme's order."""
    codes = unit_codes_for_exemption(programme, list(unit_ids))
    return _("Exemption for %(units)s") % {"units": ", ".join(codes)}


def public_programmes_with_committee() -> QuerySet[Programme]:
    return (
        Programme.objects.filter(
            current_role("role_assignments__"), role_assignments__role=Role.EXAM_COMMITTEE
        )
        .distinct()
        .order_by("name_nl")
    )


def desk_institutions() -> list[Institution]:
    """The desks: institutions with a programme whose exam committee takes requests, by name."""
    return list(
        Institution.objects.filter(programmes__in=public_programmes_with_committee())
        .distinct()
        .order_by("name")
    )


def desk_institution(brin: str) -> Institution | None:
    """The institution of the desk at /loket/<brin>/ (the BRIN code in any case)."""
    return Institution.objects.filter(brin_code=brin.upper()).first()


def desk_programmes(institution: Institution) -> list[Programme]:
    """The institution's programmes whose exam committee takes requests at the desk."""
    return list(public_programmes_with_committee().filter(institution=institution))


def desk_programme(pk: int) -> Programme | None:
    """A programme whose exam committee takes requests at the desk, with its institution."""
    return public_programmes_with_committee().select_related("institution").filter(pk=pk).first()


def enrolment_in(student: User, programme: Programme) -> Enrolment | None:
    """The student's enrolment in the programme, if any (an applicant has none)."""
    return Enrolment.objects.filter(student=student, variant__programme=programme).first()


def own_item_ids(user: User, ids: list[int]) -> set[int]:
    """Which of these portfolio items belong to the user's own portfolio."""
    return set(
        EvidenceItem.objects.filter(pk__in=ids, enrolment__student=user).values_list(
            "pk", flat=True
        )
    )


@dataclass(frozen=True)
class DeskTerms:
    """Open desk requests and their decision terms (rule decision.term) on a day: how many, how
    many overdue, how many end within the warning period, how many wait for the requester's
    information, and the nearest end of a term."""

    open: int
    overdue: int
    soon: int
    info_requested: int
    next_term_end: date | None


def _terms(requests: QuerySet[DeskRequest], *, on: date) -> DeskTerms:
    found = requests.order_by().aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(term_end__lt=on)),
        soon=Count("pk", filter=Q(term_end__gte=on, term_end__lte=on + timedelta(WARNING_DAYS))),
        info=Count("pk", filter=Q(status=DeskRequest.Status.INFO_REQUESTED)),
        next_end=Min("term_end"),
    )
    return DeskTerms(
        found["open"], found["overdue"], found["soon"], found["info"], found["next_end"]
    )


def committee_desk_terms(user: Viewer, *, on: date) -> DeskTerms:
    """The committee's open requests (its queue) and their terms, in one query."""
    return _terms(desk_queue(user), on=on)


def own_desk_terms(user: User, *, on: date) -> DeskTerms:
    """The requester's own open requests and their terms, in one query."""
    return _terms(
        DeskRequest.objects.filter(requester=user).exclude(status=DeskRequest.Status.DECIDED),
        on=on,
    )


def committee_messages(request: DeskRequest) -> list[DeskMessage]:
    """What the committee asked the requester, oldest first."""
    return list(DeskMessage.objects.filter(request=request, from_committee=True).order_by("pk"))
