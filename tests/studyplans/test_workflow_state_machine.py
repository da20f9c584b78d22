"""A hypothesis state machine over the study-plan workflow on one plan: random draft edits
(some on a stale lock_version), submit, return, agree, amend, refer a returned version to the
exam committee against the coach's advice, establish with random decisions per unit, and
actions out of turn. After every step the plan's history must hold:

- version numbers are 1..n without gaps, and n never shrinks (versions only grow);
- no version is established before the first establishment, exactly one ever after;
- at most one version is open (draft, submitted, agreed or with the committee against the
  coach's advice);
- a version's content no longer changes once it was returned or established (nor once
  superseded): compared with a snapshot taken when it froze;
- a unit refused in the established version follows the facilitated route (A), an established
  one its chosen route.

The programme, OER, student, coach and committee member are built once; each example makes its
plan in its own transaction (a savepoint inside the test's), rolled back in teardown().
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.db import transaction
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from parcours.accounts.models import User
from parcours.core.errors import DomainError, RuleViolation
from parcours.core.models import AuditEntry
from parcours.curriculum.models import Oer
from parcours.studyplans import services
from parcours.studyplans.models import Enrolment, PlanActivity, PlanUnit, PlanVersion, StudyPlan
from parcours.studyplans.selectors import effective_routes, version_snapshot, version_with_content
from tests import factories

ON = date(2026, 9, 1)
OPEN = {"draft", "submitted", "agreed", "against_advice"}
FROZEN = {"returned", "against_advice", "established", "superseded"}
ESTABLISHABLE = ("agreed", "against_advice")
TEXT = st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=12).filter(str.strip)


def _frozen_content(version: PlanVersion) -> dict[str, Any]:
    """Everything of a version that must not change once it froze (its status may)."""
    version = version_with_content(version.pk)
    return {
        "snapshot": version_snapshot(version),
        "rows": (
            version.number,
            version.based_on_id,
            version.hours_per_week,
            version.notes,
            version.coach_comment,
            version.lock_version,
            version.grounds,
        ),
    }


def step(rule_function: Callable[..., None]) -> Callable[..., None]:
    """A rule: afterwards the versions are read afresh."""

    @functools.wraps(rule_function)
    def run(self: PlanWorkflow, **kwargs: Any) -> None:
        try:
            rule_function(self, **kwargs)
        finally:
            self._versions = None

    return run


@dataclass
class World:
    """The programme around the plan, built once per test: only the plan changes per example."""

    oer: Oer
    enrol: Enrolment
    committee: User


class PlanWorkflow(RuleBasedStateMachine):
    def __init__(self, world: World) -> None:
        super().__init__()
        self.oer, self.enrol, self.committee = world.oer, world.enrol, world.committee
        self.student, self.coach = self.enrol.student, self.enrol.coach
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        try:
            self.plan: StudyPlan = factories.plan(
                self.enrol, self.oer, routes={"U1": "C", "U2": "A"}
            )
        except BaseException:
            self._atomic.__exit__(None, None, None)
            raise
        self.seen_versions: set[int] = set()
        self.ever_established = False
        self.frozen: dict[int, dict[str, Any]] = {}
        self._versions: list[PlanVersion] | None = None

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- helpers ----------------------------------------------------------------------------

    def versions(self) -> list[PlanVersion]:
        """The plan's versions, read once per step (preconditions and invariants ask often)."""
        if self._versions is None:
            self._versions = list(PlanVersion.objects.filter(plan=self.plan).order_by("number"))
        return self._versions

    def open_version(self) -> PlanVersion | None:
        return next((v for v in self.versions() if v.status in OPEN), None)

    def has_open(self, *statuses: str) -> bool:
        version = self.open_version()
        return version is not None and version.status in statuses

    def referable(self) -> PlanVersion | None:
        """The latest version, when the coach returned it (advised against it)."""
        versions = self.versions()
        return versions[-1] if versions and versions[-1].status == "returned" else None

    def state(self) -> list[tuple[Any, ...]]:
        """Every row an action may touch, to assert that a refusal wrote nothing."""
        return [
            *PlanVersion.objects.filter(plan=self.plan)
            .order_by("pk")
            .values_list(
                "pk",
                "status",
                "lock_version",
                "hours_per_week",
                "coach_comment",
                "coach_advice",
                "student_reasons",
            ),
            *PlanUnit.objects.filter(version__plan=self.plan)
            .order_by("pk")
            .values_list("pk", "unit__code", "route", "decision", "decision_reason"),
            *PlanActivity.objects.filter(plan_unit__version__plan=self.plan)
            .order_by("pk")
            .values_list("pk", "title"),
            ("audit", AuditEntry.objects.count()),
        ]

    def refused(self, action: Any, error: type[Exception] = DomainError) -> Exception:
        before = self.state()
        with pytest.raises(error) as exc:
            action()
        assert self.state() == before
        return exc.value

    def freeze(self, version: PlanVersion) -> None:
        self.frozen[version.pk] = _frozen_content(version)

    # --- draft edits --------------------------------------------------------------------------

    @precondition(lambda self: self.has_open("draft"))
    @rule(
        hours=st.integers(min_value=20, max_value=40),
        notes=st.just("") | TEXT,
        by_coach=st.booleans(),
    )
    @step
    def edit_details(self, hours: int, notes: str, by_coach: bool) -> None:
        draft = self.open_version()
        assert draft is not None
        lock = draft.lock_version
        services.version_update_details(
            draft,
            actor=self.coach if by_coach else self.student,
            expected_lock_version=lock,
            hours_per_week=hours,
            notes=notes,
        )
        draft.refresh_from_db()
        assert (draft.hours_per_week, draft.notes, draft.lock_version) == (hours, notes, lock + 1)

    @precondition(lambda self: self.has_open("draft"))
    @rule(data=st.data())
    @step
    def edit_route(self, data: st.DataObject) -> None:
        draft = self.open_version()
        assert draft is not None
        plan_unit = data.draw(st.sampled_from(list(draft.units.select_related("unit"))))
        route = data.draw(st.sampled_from(["A", "B", "C"]))
        services.plan_unit_update(
            plan_unit,
            actor=self.student,
            expected_lock_version=draft.lock_version,
            route=route,
            assessment=data.draw(st.just("") | TEXT),
            on=ON,
        )
        assert PlanUnit.objects.get(pk=plan_unit.pk).route == route

    @precondition(lambda self: self.has_open("draft"))
    @rule(data=st.data(), title=TEXT)
    @step
    def add_activity(self, data: st.DataObject, title: str) -> None:
        draft = self.open_version()
        assert draft is not None
        plan_unit = data.draw(st.sampled_from(list(draft.units.select_related("unit"))))
        services.plan_activity_add(
            plan_unit,
            actor=self.student,
            expected_lock_version=draft.lock_version,
            source="external",
            title=title,
            kind="mooc",
            hours=40,
        )

    @precondition(lambda self: self.has_open("draft"))
    @rule(code=st.sampled_from(["U2", "U3"]))
    @step
    def add_unit(self, code: str) -> None:
        """U1-U4 are 15 EC each: a second unit fits, a third is refused (at most 30 EC)."""
        draft = self.open_version()
        assert draft is not None
        codes = set(draft.units.values_list("unit__code", flat=True))
        choice = services.UnitChoice(unit=self.oer.units.get(code=code), route="A")

        def add() -> Any:
            return services.plan_unit_add(
                draft,
                actor=self.student,
                expected_lock_version=draft.lock_version,
                choice=choice,
                on=ON,
            )

        if code in codes:
            self.refused(add)
        elif len(codes) >= 2:
            error = self.refused(add, RuleViolation)
            assert isinstance(error, RuleViolation)
            assert error.rule_id == "studyplan.max-credits"
        else:
            add()

    @precondition(lambda self: self.has_open("draft"))
    @rule(data=st.data())
    @step
    def remove_unit(self, data: st.DataObject) -> None:
        draft = self.open_version()
        assert draft is not None
        units = list(draft.units.select_related("unit"))
        plan_unit = data.draw(st.sampled_from(units))

        def remove() -> None:
            services.plan_unit_remove(
                plan_unit, actor=self.student, expected_lock_version=draft.lock_version
            )

        if len(units) == 1:
            self.refused(remove)
        else:
            remove()

    @precondition(lambda self: self.has_open("draft"))
    @rule(hours=st.integers(min_value=20, max_value=40))
    @step
    def stale_edit(self, hours: int) -> None:
        """A save based on an older lock_version is refused with a conflict, writing nothing."""
        draft = self.open_version()
        assert draft is not None
        if draft.lock_version == 1:
            services.version_update_details(
                draft,
                actor=self.coach,
                expected_lock_version=1,
                hours_per_week=draft.hours_per_week,
                notes=draft.notes,
            )
        self.refused(
            lambda: services.version_update_details(
                draft,
                actor=self.student,
                expected_lock_version=draft.lock_version - 1,
                hours_per_week=hours,
            ),
            services.VersionConflict,
        )

    # --- workflow -----------------------------------------------------------------------------

    @precondition(lambda self: self.has_open("draft"))
    @rule()
    @step
    def submit(self) -> None:
        draft = version_with_content(self.open_version().pk)  # type: ignore[union-attr]
        incomplete = any(pu.route == "B" and not pu.activities.all() for pu in draft.units.all())

        def submit() -> Any:
            return services.version_submit(
                draft, actor=self.student, expected_lock_version=draft.lock_version, on=ON
            )

        if incomplete:
            error = self.refused(submit)
            assert isinstance(error, DomainError)
            assert "route B needs at least one learning activity" in error.message_en
        else:
            submit()
            assert PlanVersion.objects.get(pk=draft.pk).status == "submitted"

    @precondition(lambda self: self.has_open("submitted"))
    @rule(comment=st.just("   ") | TEXT)
    @step
    def return_(self, comment: str) -> None:
        version = self.open_version()
        assert version is not None
        if not comment.strip():
            self.refused(
                lambda: services.version_return(version, actor=self.coach, comment=comment)
            )
            return
        services.version_return(version, actor=self.coach, comment=comment)
        self.freeze(version)

    @precondition(lambda self: self.has_open("submitted"))
    @rule(comment=st.just("") | TEXT)
    @step
    def agree(self, comment: str) -> None:
        version = self.open_version()
        assert version is not None
        services.version_agree(version, actor=self.coach, comment=comment)

    @precondition(lambda self: self.referable() is not None)
    @rule(reasons=st.just("  ") | TEXT)
    @step
    def refer(self, reasons: str) -> None:
        """The student puts the returned version to the exam committee against the advice."""
        version = self.referable()
        assert version is not None

        def refer() -> Any:
            return services.version_refer(version, actor=self.student, reasons=reasons, on=ON)

        if not reasons.strip():
            error = self.refused(refer, RuleViolation)
            assert isinstance(error, RuleViolation)
            assert error.rule_id == "studyplan.committee-referral"
            return
        refer()
        stored = PlanVersion.objects.get(pk=version.pk)
        assert (stored.status, stored.coach_advice, stored.student_reasons) == (
            "against_advice",
            "against",
            reasons.strip(),
        )

    @precondition(lambda self: self.open_version() is None)
    @rule(data=st.data())
    @step
    def amend(self, data: st.DataObject) -> None:
        bases = [v for v in self.versions() if v.status in {"returned", "established"}]
        base = data.draw(st.sampled_from(bases))
        draft = services.version_amend(base, actor=self.student)
        assert (draft.number, draft.status, draft.based_on_id) == (
            len(self.versions()) + 1,
            "draft",
            base.pk,
        )
        decisions = {k for k in self.frozen[base.pk]["snapshot"] if k.endswith(" decision")}
        copied = {k: v for k, v in self.frozen[base.pk]["snapshot"].items() if k not in decisions}
        assert version_snapshot(version_with_content(draft.pk)) == copied

    @precondition(lambda self: self.has_open(*ESTABLISHABLE))
    @rule(data=st.data())
    @step
    def establish(self, data: st.DataObject) -> None:
        """Per unit established, or refused with reasons."""
        version = version_with_content(self.open_version().pk)  # type: ignore[union-attr]
        decisions = {}
        for pu in version.units.all():
            decision = data.draw(st.sampled_from(["refused", "established"]))
            decisions[pu.pk] = (decision, data.draw(TEXT) if decision == "refused" else "")
        services.version_establish(version, actor=self.committee, decisions=decisions, on=ON)
        self.ever_established = True
        self.freeze(version)

    @precondition(lambda self: self.has_open(*ESTABLISHABLE))
    @rule(data=st.data())
    @step
    def establish_refusing_without_reasons(self, data: st.DataObject) -> None:
        """A refusal needs reasons, or nothing is decided at all."""
        version = version_with_content(self.open_version().pk)  # type: ignore[union-attr]
        units = list(version.units.all())
        unreasoned = data.draw(st.sampled_from(units))
        decisions = {
            pu.pk: ("refused", "") if pu == unreasoned else ("established", "") for pu in units
        }
        error = self.refused(
            lambda: services.version_establish(
                version, actor=self.committee, decisions=decisions, on=ON
            )
        )
        assert isinstance(error, DomainError)
        assert error.message_en == f"A refusal needs reasons: {unreasoned.unit.code}."

    @rule(data=st.data())
    @step
    def out_of_turn(self, data: st.DataObject) -> None:
        """An action a version's state does not allow is refused and writes nothing."""
        version = data.draw(st.sampled_from(self.versions()))
        latest = version == self.referable()
        allowed = {
            "draft": {"submit"},
            "submitted": {"return", "agree"},
            "agreed": {"establish"},
            "against_advice": {"establish"},
            "returned": (set() if self.open_version() else {"amend"})
            | ({"refer"} if latest else set()),
            "established": set() if self.open_version() else {"amend"},
            "superseded": set(),
        }[version.status]
        action = data.draw(
            st.sampled_from(
                sorted({"submit", "return", "agree", "establish", "amend", "refer"} - allowed)
            )
        )
        calls = {
            "submit": lambda: services.version_submit(
                version, actor=self.student, expected_lock_version=version.lock_version, on=ON
            ),
            "return": lambda: services.version_return(version, actor=self.coach, comment="x"),
            "agree": lambda: services.version_agree(version, actor=self.coach),
            "establish": lambda: services.version_establish(
                version,
                actor=self.committee,
                decisions={pu.pk: ("established", "") for pu in version.units.all()},
                on=ON,
            ),
            "amend": lambda: services.version_amend(version, actor=self.student),
            "refer": lambda: services.version_refer(
                version, actor=self.student, reasons="x", on=ON
            ),
        }
        self.refused(calls[action])

    # --- invariants ---------------------------------------------------------------------------

    @invariant()
    def versions_only_grow_without_gaps(self) -> None:
        versions = self.versions()
        assert [v.number for v in versions] == list(range(1, len(versions) + 1))
        pks = {v.pk for v in versions}
        assert self.seen_versions <= pks
        self.seen_versions = pks

    @invariant()
    def one_established_version_once_any_was(self) -> None:
        established = [v for v in self.versions() if v.status == "established"]
        assert len(established) == (1 if self.ever_established else 0)

    @invariant()
    def at_most_one_open_version(self) -> None:
        assert sum(v.status in OPEN for v in self.versions()) <= 1

    @invariant()
    def frozen_versions_do_not_change(self) -> None:
        for version in self.versions():
            if version.status in FROZEN:
                assert version.pk in self.frozen, version
                assert _frozen_content(version) == self.frozen[version.pk], version

    @invariant()
    def a_refused_unit_follows_the_facilitated_route(self) -> None:
        established = PlanVersion.objects.filter(plan=self.plan, status="established").first()
        if established is None:
            return
        for route in effective_routes(version_with_content(established.pk), on=ON):
            decision = route.plan_unit.decision
            assert decision in {"established", "refused"}
            expected = "A" if decision == "refused" else route.chosen
            assert route.effective == expected, route.plan_unit


def test_the_workflow_keeps_the_plans_history_whatever_happens(db):
    variant = factories.outcome_based_variant()
    world = World(
        oer=factories.published_oer(variant),
        enrol=factories.enrolment(variant),
        committee=factories.user_with_role("exam_committee", variant.programme),
    )
    run_state_machine_as_test(
        lambda: PlanWorkflow(world),
        settings=settings(max_examples=25, stateful_step_count=12, deadline=None),
    )
    # the invariants are asserted after every step inside the machine; each example ran in its
    # own savepoint, so nothing of it is left behind
    assert StudyPlan.objects.count() == 0
