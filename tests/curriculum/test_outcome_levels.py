"""Concentric learning lines have as many levels as the programme sets (three by default, four in
the HBO-i framework), checked by rule curriculum.concentric-levels wherever a level is named: a
level's description in the OER, a student's starting level at intake (with its grounds), the
level a plan unit aims at. The progress page shows where the student started, the levels that
start skipped, and the level reached by achieving a unit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.core.errors import DomainError, RuleViolation
from parcours.core.models import AuditEntry
from parcours.curriculum import services as curriculum_services
from parcours.curriculum.models import ConcentricLevel, Programme
from parcours.rules.curriculum import concentric_levels
from parcours.rules.facts import ConcentricLevelFacts
from parcours.studyplans import services as plan_services
from parcours.studyplans.models import PlanUnit, StartLevel
from tests import factories
from tests.examcommittee.test_progress import Page, assess, plan_units, staff_of, view

ON = date(2026, 9, 1)
LEVEL_TEXTS = ("Onder begeleiding", "Zelfstandig", "Complexe context", "Onbekende context")


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _variant(levels: int, *, croho: str = "34560") -> Any:
    programme = factories.programme(
        croho_code=croho, nominal_ec=60, outcome_levels=levels, name_nl=f"Opleiding {croho}"
    )
    variant = curriculum_services.variant_create(programme, actor=None, form="part_time")
    manager = factories.user_with_role(Role.PROGRAMME_MANAGER, programme)
    curriculum_services.consent_record(
        variant,
        actor=manager,
        body="Opleidingsteam",
        method="vote",
        result="granted",
        decided_on=date(2025, 3, 10),
        votes_for=10,
        votes_against=0,
    )
    return curriculum_services.variant_set_outcome_based(variant, actor=None, outcome_based=True)


def levelled_oer(levels: int = 4, *, croho: str = "34560") -> Any:
    """A published OER (U1, U2 of 30 EC) whose U1 LU1 is worked out on every level."""
    oer = factories.draft_oer(_variant(levels, croho=croho), unit_ec=(30, 30))
    outcome = oer.units.get(code="U1").outcomes.get()
    for n in range(1, levels + 1):
        curriculum_services.concentric_level_set(
            outcome, actor=None, level=n, text_nl=LEVEL_TEXTS[n - 1]
        )
    return curriculum_services.oer_publish(oer, actor=None)


# --- the rule -------------------------------------------------------------------------------


def test_the_rule_takes_the_programmes_number_of_levels():
    four = concentric_levels(ConcentricLevelFacts(level=4, levels=4), on=ON)
    assert (four.ok, four.values_used) == (True, {"level": 4, "levels": 4})
    three = concentric_levels(ConcentricLevelFacts(level=4, levels=3), on=ON)
    assert not three.ok
    assert three.message("en") == (
        "Level 4 does not exist: this programme works its learning outcomes out on 3 levels "
        "(1 to 3)."
    )
    assert three.message("nl").startswith("Niveau 4 bestaat niet")
    assert [c.source for c in three.citations] == ["seed-003", "seed-003"]
    assert not concentric_levels(ConcentricLevelFacts(level=0, levels=4), on=ON).ok


def test_a_programme_has_three_levels_by_default_and_hbo_i_programmes_four(db):
    assert factories.programme().outcome_levels == 3
    hboi = factories.programme(croho_code="80152", name_nl="Ad Software", outcome_levels=4)
    assert Programme.objects.get(pk=hboi.pk).outcome_levels == 4


# --- the OER: a level's description ----------------------------------------------------------


def test_a_four_level_programme_describes_level_four_a_three_level_one_may_not(db):
    oer = levelled_oer(4)
    outcome = oer.units.get(code="U1").outcomes.get()
    assert list(outcome.levels.values_list("level", "text_nl")) == list(
        enumerate(LEVEL_TEXTS, start=1)
    )
    three = factories.draft_oer(_variant(3, croho="34808"), unit_ec=(30, 30))
    other = three.units.get(code="U1").outcomes.get()
    with pytest.raises(RuleViolation) as refused:
        curriculum_services.concentric_level_set(other, actor=None, level=4, text_nl="Te hoog")
    assert refused.value.rule_id == "curriculum.concentric-levels"
    assert not ConcentricLevel.objects.filter(outcome=other).exists()


def test_the_unit_editor_shows_a_row_per_level_and_refuses_one_beyond(client, db):
    oer = factories.draft_oer(_variant(4), unit_ec=(30, 30))
    unit = oer.units.get(code="U1")
    manager = factories.user_with_role(Role.PROGRAMME_MANAGER, oer.variant.programme)
    page = view(client, manager, reverse("curriculum:unit_detail", args=[unit.pk]))
    assert [page.has(f"level-{n}") for n in range(1, 6)] == [True, True, True, True, False]
    assert page.text("levels-count") == (
        "The outcome worked out on 4 successive levels; a student works at the level that fits."
    )
    outcome = unit.outcomes.get()
    ok = client.post(
        reverse("curriculum:concentric_level_set", args=[outcome.pk, 4]),
        {"text_nl": "Onbekende context", "text_en": ""},
    )
    assert ok.status_code == 302
    refused = Page(
        client.post(
            reverse("curriculum:concentric_level_set", args=[outcome.pk, 5]),
            {"text_nl": "Bestaat niet", "text_en": ""},
        )
    )
    assert refused.status == 422
    assert "curriculum.concentric-levels" in refused.html
    assert "Level 5 does not exist" in refused.html
    assert list(outcome.levels.values_list("level", flat=True)) == [4]


# --- intake: a starting level with its grounds -----------------------------------------------


def test_the_coach_records_a_starting_level_with_its_grounds(db):
    oer = levelled_oer(4)
    enrol = factories.enrolment(oer.variant, start=ON)
    outcome = oer.units.get(code="U1").outcomes.get()
    start = plan_services.start_level_record(
        enrol,
        actor=enrol.coach,
        outcome=outcome,
        level=2,
        grounds="prior_work",
        explanation=" Zes jaar werkervaring. ",
        on=ON,
    )
    stored = StartLevel.objects.get()
    assert (stored.pk, stored.enrolment, stored.outcome, stored.level) == (
        start.pk,
        enrol,
        outcome,
        2,
    )
    assert (stored.grounds, stored.explanation, stored.recorded_by) == (
        "prior_work",
        "Zes jaar werkervaring.",
        enrol.coach,
    )
    # recording it again replaces level and grounds: still one per outcome
    plan_services.start_level_record(
        enrol, actor=enrol.coach, outcome=outcome, level=4, grounds="exemption", on=ON
    )
    assert list(StartLevel.objects.values_list("level", "grounds")) == [(4, "exemption")]
    assert AuditEntry.objects.filter(action="intake.start_level").count() == 2


def test_a_starting_level_beyond_the_programmes_levels_is_refused_and_nothing_written(db):
    oer = levelled_oer(4)
    enrol = factories.enrolment(oer.variant, start=ON)
    outcome = oer.units.get(code="U1").outcomes.get()
    with pytest.raises(RuleViolation) as refused:
        plan_services.start_level_record(
            enrol, actor=enrol.coach, outcome=outcome, level=5, grounds="prior_work", on=ON
        )
    assert (refused.value.rule_id, refused.value.field) == ("curriculum.concentric-levels", "level")
    with pytest.raises(DomainError) as bad_grounds:
        plan_services.start_level_record(
            enrol, actor=enrol.coach, outcome=outcome, level=2, grounds="hunch", on=ON
        )
    assert bad_grounds.value.field == "grounds"
    elsewhere = levelled_oer(4, croho="34808").units.get(code="U1").outcomes.get()
    with pytest.raises(DomainError) as foreign:
        plan_services.start_level_record(
            enrol, actor=enrol.coach, outcome=elsewhere, level=2, grounds="prior_work", on=ON
        )
    assert foreign.value.field == "outcome"
    with pytest.raises(PermissionDenied):  # the student does not set their own starting level
        plan_services.start_level_record(
            enrol, actor=enrol.student, outcome=outcome, level=3, grounds="prior_work", on=ON
        )
    assert not StartLevel.objects.exists()
    assert not AuditEntry.objects.filter(action="intake.start_level").exists()


def test_the_students_file_records_a_starting_level_and_shows_a_refusal(client, db):
    oer = levelled_oer(4)
    enrol = factories.enrolment(oer.variant, start=ON)
    outcome = oer.units.get(code="U1").outcomes.get()
    page = view(client, enrol.coach, reverse("studyplans:student_file", args=[enrol.pk]))
    assert page.has("no-start-levels")
    assert page.text("start-level-level") == "1 2 3 4"  # the programme's four levels
    path = reverse("studyplans:start_level_record", args=[enrol.pk])
    response = client.post(
        path,
        {"outcome": outcome.pk, "level": 2, "grounds": "intake_conversation", "explanation": "x"},
    )
    assert response.status_code == 302
    page = view(client, enrol.coach, reverse("studyplans:student_file", args=[enrol.pk]))
    assert page.text("start-level-U1-LU1") == f"U1 LU1 2 intake conversation x {enrol.coach} · " + (
        StartLevel.objects.get().recorded_at.date().isoformat()
    )
    refused = Page(client.post(path, {"outcome": outcome.pk, "level": 5, "grounds": "exemption"}))
    assert refused.status == 422  # level 5 is not among the choices of a four-level programme
    assert list(StartLevel.objects.values_list("level", "grounds")) == [(2, "intake_conversation")]


# --- the plan: the level a unit aims at --------------------------------------------------------


def test_a_plan_unit_names_the_level_it_aims_at_within_the_programmes_levels(db):
    oer = levelled_oer(4)
    enrol = factories.enrolment(oer.variant, start=ON)
    version = factories.plan(enrol, oer, routes={"U1": "A"}).versions.get()
    pu = version.units.get()

    def aim(level: int | None) -> PlanUnit:
        version.refresh_from_db()
        return plan_services.plan_unit_update(
            pu,
            actor=enrol.student,
            expected_lock_version=version.lock_version,
            route="A",
            aimed_level=level,
            on=ON,
        )

    assert aim(4).aimed_level == 4
    lock = PlanUnit.objects.get(pk=pu.pk).version.lock_version
    with pytest.raises(RuleViolation) as refused:
        aim(5)
    assert (refused.value.rule_id, refused.value.field) == (
        "curriculum.concentric-levels",
        "aimed_level",
    )
    stored = PlanUnit.objects.select_related("version").get(pk=pu.pk)
    assert (stored.aimed_level, stored.version.lock_version) == (4, lock)
    # no level named is allowed too
    assert aim(None).aimed_level is None


# --- progress: where the student started and what they reached --------------------------------


def test_progress_shows_the_starting_level_the_skipped_levels_and_the_level_reached(client, db):
    oer = levelled_oer(4)
    staff = staff_of(oer.variant.programme)
    enrol = factories.enrolment(oer.variant, start=ON)
    outcome = oer.units.get(code="U1").outcomes.get()
    plan_services.start_level_record(
        enrol, actor=enrol.coach, outcome=outcome, level=2, grounds="prior_work", on=ON
    )
    version = plan_units(enrol, oer, {"U1": "A"})
    pu = version.units.get()
    plan_services.plan_unit_update(
        pu,
        actor=enrol.student,
        expected_lock_version=version.lock_version,
        route="A",
        aimed_level=4,
        on=ON,
    )
    home = reverse("examcommittee:progress_home")
    page = view(client, enrol.student, home, date(2026, 10, 1))
    line = page.attrs("level-line-U1-LU1")
    assert (line["data-start"], line["data-reached"], line["data-accelerated"]) == (
        "2",
        "",
        "true",
    )
    assert [a["data-state"] for a, _ in page.elements["level-1"]] == ["skipped"]
    assert [a["data-state"] for a, _ in page.elements["level-4"]] == ["aimed"]
    assert page.text("start-level") == "level 2 prior work (portfolio, work experience)"
    assert page.text("accelerated") == "accelerated: 1 level skipped"

    assess(enrol, oer, staff, ["U1"], on=date(2026, 11, 2))
    page = view(client, enrol.student, home, date(2026, 11, 3))
    assert page.attrs("level-line-U1-LU1")["data-reached"] == "4"
    assert [page.elements[f"level-{n}"][0][0]["data-state"] for n in range(1, 5)] == [
        "skipped",
        "reached",
        "reached",
        "reached",
    ]
    assert page.text("reached-level") == "level 4 accelerated: 1 level skipped"
    # the coach sees the same on the student's progress page
    staff_page = view(
        client, enrol.coach, reverse("examcommittee:progress_student", args=[enrol.pk])
    )
    assert staff_page.attrs("level-line-U1-LU1")["data-reached"] == "4"


def test_a_programme_without_levels_or_starting_levels_shows_no_learning_lines(client, db):
    oer = factories.draft_oer(_variant(3), unit_ec=(30, 30))
    oer = curriculum_services.oer_publish(oer, actor=None)
    enrol = factories.enrolment(oer.variant, start=ON)
    page = view(client, enrol.student, reverse("examcommittee:progress_home"), date(2026, 10, 1))
    assert page.has("tiles")
    assert not page.has("learning-lines")
