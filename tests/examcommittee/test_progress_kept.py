"""Each enrolment's progress is kept (EnrolmentProgress), not recomputed per list: the writes
that move it (a result, an exemption made known or corrected, a plan version, personal
circumstances) refresh it in their own transaction, `manage.py verify_progress` compares it with
the source records, and the BSA list and diploma queue read it, 50 students a page.

A hypothesis state machine drives results, exemptions, corrections, plans and circumstances
through the services and asserts after every step that what is kept equals what the records
give; each example runs in its own savepoint, rolled back in teardown()."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from parcours.accounts.models import Role
from parcours.core.errors import DomainError
from parcours.curriculum import services as curriculum_services
from parcours.examcommittee import selectors, services
from parcours.examcommittee.models import Decision, EnrolmentProgress
from parcours.studyplans import services as plan_services
from parcours.studyplans.models import PlanVersion
from tests import factories
from tests.examcommittee.test_progress import (
    ON_PLAN,
    TODAY,
    Page,
    Staff,
    assess,
    exempt,
    plan_units,
    small_oer,
    staff_of,
    travel,
)

START = date(2025, 9, 1)  # the first year runs until 2026-08-31


def other_variant(oer: Any) -> Any:
    """A full-time variant of the same programme with its own published OER on the same units."""
    variant = curriculum_services.variant_create(
        oer.variant.programme,
        actor=None,
        form="full_time",
        has_propedeuse=oer.variant.has_propedeuse,
        bsa_norm_ec=oer.variant.bsa_norm_ec,
    )
    curriculum_services.consent_record(
        variant,
        actor=factories.user_with_role(Role.PROGRAMME_MANAGER, oer.variant.programme),
        body="Opleidingsteam",
        method="vote",
        result="granted",
        decided_on=date(2025, 3, 10),
        votes_for=14,
        votes_against=2,
    )
    variant = curriculum_services.variant_set_outcome_based(variant, actor=None, outcome_based=True)
    unit_ec = tuple(oer.units.order_by("position", "code").values_list("ec", flat=True))
    curriculum_services.oer_publish(factories.draft_oer(variant, unit_ec=unit_ec), actor=None)
    return variant


def kept(enrol: Any) -> EnrolmentProgress:
    return EnrolmentProgress.objects.get(enrolment=enrol)


def differences() -> list[selectors.Difference]:
    return list(selectors.progress_differences(on=TODAY))


def verify(*args: str) -> str:
    out = StringIO()
    call_command("verify_progress", *args, stdout=out)
    return out.getvalue()


# --- kept in the transaction of the write -----------------------------------------------------


def test_a_new_enrolment_has_its_progress_kept_from_the_start(db):
    oer = small_oer(unit_ec=(30, 30), has_propedeuse=True, bsa_norm_ec=30)
    enrol = factories.enrolment(oer.variant, start=START)

    row = kept(enrol)

    assert (row.oer_id, row.ec_achieved, row.ec_exempted, row.units_open) == (oer.pk, 0, 0, 2)
    assert (row.bsa_norm_ec, row.bsa_prognosis, row.first_year_until) == (
        30,
        "below",
        date(2026, 8, 31),
    )
    assert (row.propedeuse_complete, row.diploma_complete, row.circumstances) == (
        False,
        False,
        False,
    )


def test_a_result_an_exemption_a_plan_and_circumstances_move_the_kept_progress(db):
    oer = small_oer(unit_ec=(30, 15, 15), has_propedeuse=True, bsa_norm_ec=45)
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=START)

    assess(enrol, oer, staff, ["U1"], on=date(2026, 3, 1))
    row = kept(enrol)
    assert (row.ec_achieved, row.ec_first_year, row.units_achieved, row.units_open) == (
        30,
        30,
        1,
        2,
    )

    exempt(enrol.student, oer, staff, ["U2"], on=date(2026, 10, 1), enrolment=enrol)
    row = kept(enrol)
    assert (row.ec_exempted, row.ec_first_year, row.bsa_prognosis) == (15, 30, "below")

    plan_units(enrol, oer, {"U3": "A"})
    assert kept(enrol).units_planned == 1

    services.circumstance_record(
        enrol, actor=staff.committee, description="Ziekte", period_from=date(2026, 1, 5)
    )
    row = kept(enrol)
    assert (row.circumstances, row.diploma_complete, row.propedeuse_complete) == (
        True,
        False,
        False,
    )
    assert differences() == []


def test_a_correction_made_known_takes_the_exemption_back_out_of_the_kept_progress(db):
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=START)
    original = exempt(enrol.student, oer, staff, ["U1"], on=date(2026, 3, 1), enrolment=enrol)
    assert kept(enrol).ec_exempted == 30

    correction = services.decision_correct(original, actor=staff.committee)
    services.decision_update(
        correction,
        actor=staff.committee,
        unit_grants={oer.units.get(code="U1").pk: False},
        decided_on=date(2026, 4, 1),
    )
    assert kept(enrol).ec_exempted == 30  # a draft moves nothing
    services.decision_make_known(correction, actor=staff.committee, on=date(2026, 4, 1))

    assert (kept(enrol).ec_exempted, kept(enrol).units_open) == (0, 2)
    assert differences() == []


def test_a_refused_write_leaves_the_kept_progress_as_it_was(db):
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=START)
    before = kept(enrol).computed_at

    with pytest.raises(DomainError):
        services.circumstance_record(
            enrol, actor=staff.committee, description="  ", period_from=date(2026, 1, 5)
        )

    assert (kept(enrol).computed_at, kept(enrol).circumstances) == (before, False)


def test_a_result_counts_for_the_students_other_enrolment_in_the_programme(db):
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme)
    first = factories.enrolment(oer.variant, start=START)
    second = factories.enrolment(other_variant(oer), student=first.student, start=date(2026, 2, 1))

    assess(first, oer, staff, ["U1"], on=date(2026, 3, 1))

    assert (kept(first).ec_achieved, kept(second).ec_achieved) == (30, 30)
    assert differences() == []


# --- manage.py verify_progress ------------------------------------------------------------------


def test_verify_progress_finds_no_difference_when_every_write_went_through_the_services(db):
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=START)
    assess(enrol, oer, staff, ["U1"], on=date(2026, 3, 1))

    assert verify() == "0 differences\n"


def test_verify_progress_reports_a_corrupted_row_field_by_field_and_exits_1(db):
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=START)
    other = factories.enrolment(oer.variant, start=START)
    assess(enrol, oer, staff, ["U1"], on=date(2026, 3, 1))
    EnrolmentProgress.objects.filter(enrolment=enrol).update(ec_achieved=60, diploma_complete=True)
    EnrolmentProgress.objects.filter(enrolment=other).delete()

    out = StringIO()
    with pytest.raises(CommandError, match=r"^3 differences$"):
        call_command("verify_progress", stdout=out)

    assert out.getvalue().splitlines() == [
        f"enrolment {enrol.pk}: ec_achieved kept 60, recomputed 30",
        f"enrolment {enrol.pk}: diploma_complete kept True, recomputed False",
        f"enrolment {other.pk}: row kept None, recomputed 'missing'",
    ]


def test_verify_progress_repairs_what_differs_when_asked(db):
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=30)
    enrol = factories.enrolment(oer.variant, start=START)
    EnrolmentProgress.objects.filter(enrolment=enrol).update(units_open=0)

    assert verify("--repair") == (
        f"enrolment {enrol.pk}: units_open kept 0, recomputed 2\n"
        "1 differences; repaired 1 enrolments\n"
    )
    assert verify() == "0 differences\n"


# --- the lists read the kept rows, 50 a page --------------------------------------------------


def _count(client: Any, path: str) -> tuple[int, Page]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), Page(response)


def test_the_bsa_list_and_diploma_queue_ask_the_same_queries_for_2_and_12_students(client, db):
    oer = small_oer(unit_ec=(30, 30), has_propedeuse=True, bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    queue, bsa = reverse("examcommittee:diploma_queue"), reverse("examcommittee:bsa_list")
    counts = []
    for n in (2, 10):
        for _ in range(n):
            enrol = factories.enrolment(oer.variant, start=START)
            assess(enrol, oer, staff, ["U1"], on=date(2026, 3, 1))
            exempt(enrol.student, oer, staff, ["U2"], on=date(2026, 3, 2), enrolment=enrol)
        with travel(TODAY):
            client.force_login(staff.committee)
            counts.append((_count(client, queue)[0], _count(client, bsa)[0]))
    assert counts[0] == counts[1]
    assert counts[0][0] <= 10
    assert counts[0][1] <= 11


def test_the_bsa_list_pages_by_50_students_in_dutch_and_english(client, db):
    oer = small_oer(unit_ec=(30, 30), bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    enrolments = [factories.enrolment(oer.variant, start=START) for _ in range(51)]
    path = reverse("examcommittee:bsa_list")
    with travel(TODAY):
        client.force_login(staff.committee)
        first = Page(client.get(path))
        second = Page(client.get(path + "?pagina=2"))
        beyond = Page(client.get(path + "?pagina=9", HTTP_ACCEPT_LANGUAGE="en"))

    assert len([k for k in first.elements if k.startswith("bsa-row-")]) == 50
    assert first.text("pager-position") == "Pagina 1 van 2 (51 rijen)"
    assert first.attrs("pager-next")["href"] == "?pagina=2"
    assert not first.has("pager-previous")
    assert [k for k in second.elements if k.startswith("bsa-row-")] == [
        f"bsa-row-{e.pk}" for e in enrolments if not first.has(f"bsa-row-{e.pk}")
    ]
    assert second.attrs("pager-previous")["href"] == "?pagina=1"
    assert not second.has("pager-next")
    assert beyond.text("pager-position") == "Page 2 of 2 (51 rows)"


def test_the_diploma_queue_has_no_pager_on_one_page(client, db):
    oer = small_oer(unit_ec=(30, 30))
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=START)
    exempt(enrol.student, oer, staff, ["U1", "U2"], on=date(2026, 3, 2), enrolment=enrol)
    with travel(TODAY):
        client.force_login(staff.committee)
        page = Page(client.get(reverse("examcommittee:diploma_queue")))

    assert page.has(f"diploma-row-{enrol.pk}")
    assert not page.has("pager")


# --- the state machine --------------------------------------------------------------------------

DAYS = st.sampled_from([date(2025, 10, 1), date(2026, 6, 1), date(2026, 10, 1)])
CODES = ("U1", "U2", "U3")


class KeptProgress(RuleBasedStateMachine):
    """Results, exemptions, corrections, plans and circumstances on one enrolment (and a
    second enrolment of the same student in the programme): kept == recomputed after each."""

    def __init__(self, oer: Any, staff: Staff, student: Any) -> None:
        super().__init__()
        self.oer, self.staff = oer, staff
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        try:
            self.enrol = factories.enrolment(oer.variant, student=student, start=START)
        except BaseException:
            self._atomic.__exit__(None, None, None)
            raise

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _try(self, action: Any) -> None:
        """A refusal (a unit already achieved, a plan already open) is fine: it wrote nothing."""
        try:
            with transaction.atomic():
                action()
        except DomainError:
            pass

    @rule(code=st.sampled_from(CODES), achieved=st.booleans(), on=DAYS)
    def record_result(self, code: str, achieved: bool, on: date) -> None:
        self._try(
            lambda: assess(
                self.enrol, self.oer, self.staff, [code], on=on, score=3 if achieved else 2
            )
        )

    @rule(codes=st.sets(st.sampled_from(CODES), min_size=1, max_size=2), on=DAYS)
    def exempt_units(self, codes: set[str], on: date) -> None:
        self._try(
            lambda: exempt(
                self.enrol.student, self.oer, self.staff, sorted(codes), on=on, enrolment=self.enrol
            )
        )

    @precondition(
        lambda self: Decision.objects.filter(
            kind=Decision.Kind.EXEMPTION, made_known_on__isnull=False, corrections__isnull=True
        ).exists()
    )
    @rule(on=DAYS)
    def correct_an_exemption(self, on: date) -> None:
        original = Decision.objects.filter(
            kind=Decision.Kind.EXEMPTION, made_known_on__isnull=False, corrections__isnull=True
        ).first()
        assert original is not None

        def correct() -> None:
            correction = services.decision_correct(original, actor=self.staff.committee)
            services.decision_update(
                correction,
                actor=self.staff.committee,
                unit_grants={du.unit_id: False for du in original.decision_units.all()},
                decided_on=on,
            )
            services.decision_make_known(correction, actor=self.staff.committee, on=on)

        self._try(correct)

    @rule(codes=st.sets(st.sampled_from(CODES), min_size=1, max_size=2), establish=st.booleans())
    def plan(self, codes: set[str], establish: bool) -> None:
        self._try(
            lambda: plan_units(
                self.enrol,
                self.oer,
                dict.fromkeys(sorted(codes), "A"),
                staff=self.staff if establish else None,
            )
        )

    @precondition(
        lambda self: PlanVersion.objects.filter(
            plan__enrolment=self.enrol, status=PlanVersion.Status.DRAFT
        ).exists()
    )
    @rule()
    def withdraw_a_draft_unit(self) -> None:
        draft = PlanVersion.objects.filter(
            plan__enrolment=self.enrol, status=PlanVersion.Status.DRAFT
        ).first()
        assert draft is not None
        unit = draft.units.order_by("pk").first()
        assert unit is not None
        self._try(
            lambda: plan_services.plan_unit_remove(
                unit, actor=self.enrol.student, expected_lock_version=draft.lock_version
            )
        )

    @rule()
    def record_circumstances(self) -> None:
        services.circumstance_record(
            self.enrol,
            actor=self.staff.committee,
            description="Mantelzorg",
            period_from=ON_PLAN,
        )

    @invariant()
    def kept_equals_recomputed(self) -> None:
        assert differences() == []


def test_the_kept_progress_equals_the_recomputed_progress_after_every_step(db):
    oer = small_oer(unit_ec=(30, 15, 15), has_propedeuse=True, bsa_norm_ec=40)
    staff = staff_of(oer.variant.programme)
    student = factories.UserFactory()
    # the student's enrolment in another variant of the programme shares results and exemptions
    factories.enrolment(other_variant(oer), student=student, start=date(2024, 9, 1))
    run_state_machine_as_test(
        lambda: KeptProgress(oer, staff, student),
        settings=settings(max_examples=15, stateful_step_count=8, deadline=None),
    )
    # each example ran in its own savepoint: only the first enrolment is left
    assert EnrolmentProgress.objects.count() == 1


def test_publishing_an_oer_refreshes_only_the_enrolments_whose_exam_it_can_be(db):
    oer_2026 = small_oer(unit_ec=(30, 30))
    variant = oer_2026.variant
    before = factories.enrolment(variant, start=date(2026, 9, 1))
    after = factories.enrolment(variant, start=date(2027, 9, 1))
    assert (kept(before).oer, kept(after).oer) == (oer_2026, oer_2026)

    later = factories.draft_oer(variant, year=2027, unit_ec=(30, 30))
    assert selectors.enrolment_ids_moved_by_publication(variant.pk, 2027) == [after.pk]
    # an OER earlier than every published one is every student's fallback: all may move
    assert sorted(selectors.enrolment_ids_moved_by_publication(variant.pk, 2025)) == sorted(
        [before.pk, after.pk]
    )
    refreshed_before = kept(before).computed_at
    later = curriculum_services.oer_publish(later, actor=None)

    assert (kept(before).oer, kept(after).oer) == (oer_2026, later)
    assert kept(before).computed_at == refreshed_before  # not recomputed: its exam cannot move
    assert differences() == []
