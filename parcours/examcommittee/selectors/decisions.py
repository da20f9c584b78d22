"""Reads of decisions: a student's decisions made known, the committee's decisions, one
decision with everything it shows (its units, the corrections made known, how its appeal
deadline was reached), open drafts, and the study plan versions still awaiting a decision
letter."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import translation

from parcours.accounts.models import User, Viewer
from parcours.core.paging import ListFilters, filtered
from parcours.curriculum.models import Programme
from parcours.portfolio.selectors import with_scan
from parcours.rules import get_rule
from parcours.rules.facts import AppealFacts
from parcours.studyplans.models import Enrolment, PlanVersion

from ..models import Decision, DecisionUnit, DeskDocument, DeskRequest
from .committee import committee_programme_ids


def decisions_of(user: User) -> QuerySet[Decision]:
    """A student's decisions that have been made known."""
    return (
        Decision.objects.filter(student=user, made_known_on__isnull=False)
        .select_related("programme", "corrects")
        .prefetch_related(
            Prefetch("decision_units", queryset=DecisionUnit.objects.select_related("unit"))
        )
        .order_by("-made_known_on", "-id")
    )


def committee_decisions(user: Viewer) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(programme_id__in=committee_programme_ids(user))
        .select_related("programme", "student", "corrects")
        .order_by("-created_at", "-id")
    )


STUDENT_SEARCH = ("student__first_name", "student__last_name", "student__username")


def committee_decision_list(user: Viewer, filters: ListFilters) -> QuerySet[Decision]:
    """The committee's decisions for its list page, filtered in the database: a search on the
    student, programme, the enrolment's variant and cohort, the state (draft or made known)."""
    found = filtered(
        committee_decisions(user),
        filters,
        search=STUDENT_SEARCH,
        programme="programme_id",
        form="enrolment__variant__form",
        cohort="enrolment__start_date",
    )
    if filters.status in ("draft", "known"):
        found = found.filter(made_known_on__isnull=filters.status == "draft")
    return found


def committee_programmes(user: Viewer) -> QuerySet[Programme]:
    """The programmes whose exam committee the user sits on, by name (a list's filter)."""
    return Programme.objects.filter(pk__in=committee_programme_ids(user)).order_by("name_nl")


def _decision_parts() -> tuple[Prefetch[Any], ...]:
    """Besides its row a decision shows its units and the corrections made known since."""
    return (
        Prefetch("decision_units", queryset=DecisionUnit.objects.select_related("unit")),
        Prefetch(
            "corrections",
            queryset=Decision.objects.filter(made_known_on__isnull=False).order_by(
                "made_known_on", "id"
            ),
            to_attr="known_corrections",
        ),
    )


def _with_parts(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """Decisions with their units and the corrections made known, in fixed queries."""
    return decisions.prefetch_related(*_decision_parts())


def _in_full(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """Decisions with everything a decision and its letter show."""
    return _with_parts(decisions.select_related("programme__institution", "student", "corrects"))


def decision_in_full(pk: int) -> Decision:
    """One decision with everything it and its letter show."""
    return _in_full(Decision.objects.all()).get(pk=pk)


def with_decision_parts(decision: Decision, *, letter: bool = False) -> Decision:
    """A decision already loaded (with its programme, student and corrected decision), its
    units and corrections added; for the `letter` also the institution."""
    lookups: tuple[Any, ...] = _decision_parts()
    if letter:
        lookups = ("programme__institution", *lookups)
    prefetch_related_objects([decision], *lookups)
    return decision


def decision_documents(decision: Decision) -> list[DeskDocument]:
    """The documents of the desk request a decision is on (none for a decision without one)."""
    if decision.desk_request_id is None:
        return []
    return list(with_scan(DeskDocument.objects.filter(request_id=decision.desk_request_id)))


def decision_corrections(decision: Decision) -> list[Decision]:
    """Every correction of a decision, drafts too, oldest first."""
    return list(decision.corrections.order_by("created_at", "id"))


def own_decisions_in_full(user: User) -> QuerySet[Decision]:
    """The student's decisions made known (never drafts), newest first, with their parts."""
    return _with_parts(
        Decision.objects.filter(student=user, made_known_on__isnull=False)
        .select_related("programme", "student")
        .order_by("-made_known_on", "-id")
    )


def committee_decisions_in_full(
    user: Viewer, *, state: str | None = None, kind: str | None = None
) -> QuerySet[Decision]:
    """The decisions of the user's programmes as exam committee, newest first, with their
    parts; only drafts or only those made known (`state` "draft" or "known"), of one kind."""
    found = committee_decisions(user)
    if state is not None:
        found = found.filter(made_known_on__isnull=state == "draft")
    if kind is not None:
        found = found.filter(kind=kind)
    return _with_parts(found)


def decision_unit_ids(decision: Decision) -> set[int]:
    """The units a decision decides on."""
    return {du.unit_id for du in decision.decision_units.all()}


def _open_drafts(kind: str, enrolment: Enrolment) -> QuerySet[Decision]:
    return Decision.objects.filter(
        kind=kind, enrolment=enrolment, made_known_on__isnull=True
    ).order_by("-created_at", "-id")


def open_draft(kind: str, enrolment: Enrolment) -> Decision | None:
    """A draft of this kind the committee is already working on (preparing again opens it)."""
    return _open_drafts(kind, enrolment).first()


def open_draft_in_full(kind: str, enrolment: Enrolment) -> Decision | None:
    """As open_draft, with everything the decision shows."""
    return _in_full(_open_drafts(kind, enrolment)).first()


def _open_request_drafts(request: DeskRequest) -> QuerySet[Decision]:
    return request.decisions.filter(made_known_on__isnull=True).order_by("-created_at", "-id")


def open_request_draft(request: DeskRequest) -> Decision | None:
    """The latest draft decision on a desk request (drafting again opens it)."""
    return _open_request_drafts(request).first()


def open_request_draft_in_full(request: DeskRequest) -> Decision | None:
    """As open_request_draft, with everything the decision shows."""
    return _in_full(_open_request_drafts(request)).first()


def open_drafts_by_enrolment(kind: str, enrolment_ids: Iterable[int]) -> dict[int, int]:
    """Per enrolment the latest draft decision of this kind (its id)."""
    return {
        d.enrolment_id: d.pk
        for d in Decision.objects.filter(
            kind=kind, made_known_on__isnull=True, enrolment_id__in=list(enrolment_ids)
        ).order_by("created_at", "id")
        if d.enrolment_id is not None
    }


def open_drafts_of(kind: str, enrolment_ids: Iterable[int]) -> dict[int, Decision]:
    """Per enrolment the latest draft decision of this kind, in one query (preparing many at
    once leaves these as they are)."""
    found: dict[int, Decision] = {}
    for d in Decision.objects.filter(
        kind=kind, made_known_on__isnull=True, enrolment_id__in=list(enrolment_ids)
    ).order_by("created_at", "id"):
        assert d.enrolment_id is not None
        found[d.enrolment_id] = d
    return found


def decisions_by_enrolment(kind: str, enrolment_ids: Iterable[int]) -> dict[int, Decision]:
    """Per enrolment the decision of this kind a list shows: the latest one made known, else
    the latest draft."""
    found: dict[int, Decision] = {}
    for d in Decision.objects.filter(kind=kind, enrolment_id__in=list(enrolment_ids)).order_by(
        "created_at", "id"
    ):
        assert d.enrolment_id is not None
        current = found.get(d.enrolment_id)
        if current is None or d.is_known or not current.is_known:
            found[d.enrolment_id] = d
    return found


def diplomas_of(student: User) -> dict[int, Decision]:
    """The student's diploma decisions made known, per programme."""
    return {
        d.programme_id: d
        for d in Decision.objects.filter(
            student=student, kind=Decision.Kind.DIPLOMA, made_known_on__isnull=False
        ).order_by("made_known_on", "id")
    }


def certificates_of(student: User) -> dict[str, dict[int, Decision]]:
    """The student's diploma and propedeuse decisions made known, per kind and programme, in
    one query (the progress page links both)."""
    found: dict[str, dict[int, Decision]] = {
        Decision.Kind.DIPLOMA: {},
        Decision.Kind.PROPEDEUSE: {},
    }
    for d in Decision.objects.filter(
        student=student,
        kind__in=[Decision.Kind.DIPLOMA, Decision.Kind.PROPEDEUSE],
        made_known_on__isnull=False,
    ).order_by("made_known_on", "id"):
        found[d.kind][d.programme_id] = d
    return found


def plans_awaiting_decision(user: Viewer) -> QuerySet[PlanVersion]:
    """Established plan versions of the committee's programmes without a decision letter yet."""
    return (
        PlanVersion.objects.filter(
            status=PlanVersion.Status.ESTABLISHED,
            plan__enrolment__variant__programme_id__in=committee_programme_ids(user),
        )
        .exclude(decisions__kind=Decision.Kind.STUDY_PLAN)
        .select_related("plan__enrolment__student", "plan__enrolment__variant__programme")
        .order_by("established_at", "id")
    )


APPEAL_RULE = "decision.appeal-deadline"


@dataclass(frozen=True)
class AppealTerm:
    """How the appeal deadline was reached (rule decision.appeal-deadline): six weeks after the
    day of notification, moved past the rest days the term would otherwise end on."""

    made_known: date
    weeks: int
    nominal_end: date
    deadline: date
    moved_past: list[str]  # in the active language
    moved_past_dates: list[date]
    rule: str
    source: str


def appeal_term(decision: Decision) -> AppealTerm | None:
    """The appeal term of a decision made known, read from the rule result stored with its
    grounds when it was made known (decision 0010): the page, the letter and the API show what
    the student was told, even if the calendar or the parameter changed since."""
    if decision.made_known_on is None:
        return None
    entry = next((g for g in decision.grounds if g.get("rule") == APPEAL_RULE), None)
    if entry is None:
        # A decision made known before the appeal term was stored with its grounds: evaluate
        # the rule on the day it was made known, as making it known did then.
        made_known = decision.made_known_on
        entry = get_rule(APPEAL_RULE)(AppealFacts(made_known=made_known), on=made_known).grounds()
    values = entry["values_used"]
    english = (translation.get_language() or "nl").startswith("en")
    return AppealTerm(
        made_known=date.fromisoformat(values["made_known"]),
        weeks=int(values["appeal_weeks"]),
        nominal_end=date.fromisoformat(values["term_end_before_extension"]),
        deadline=date.fromisoformat(values["deadline"]),
        moved_past=list(values["moved_past_en" if english else "moved_past"]),
        moved_past_dates=[date.fromisoformat(d) for d in values["moved_past_dates"]],
        rule=entry["rule"],
        source="; ".join(c["label"] for c in entry["citations"]),
    )


# How far back a decision made known may still be open to appeal: the appeal term is six weeks
# (rule decision.appeal-deadline), moved past rest days; twelve weeks leave room for any change.
APPEAL_LOOKBACK = timedelta(weeks=12)


def appeals_open(user: User, *, on: date) -> list[tuple[Decision, AppealTerm]]:
    """The user's decisions made known whose appeal deadline (the one stored when each was made
    known) has not passed on `on`, the nearest deadline first, in fixed queries."""
    recent = decisions_of(user).filter(made_known_on__gte=on - APPEAL_LOOKBACK)
    found = []
    for decision in recent:
        term = appeal_term(decision)
        if term is not None and term.deadline >= on:
            found.append((decision, term))
    return sorted(found, key=lambda pair: (pair[1].deadline, pair[0].pk))


def committee_drafts(user: Viewer) -> QuerySet[Decision]:
    """The committee's decisions not yet made known."""
    return committee_decisions(user).filter(made_known_on__isnull=True)
