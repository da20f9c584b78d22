"""`manage.py generate_institution`: counts follow from N, the same seed gives the same rows, a
non-empty database is refused, the curriculum and plans hang together, and every decision's
appeal deadline is what rule decision.appeal-deadline gives. (No timings here: see the report.)"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, F
from django.test.utils import override_settings

from parcours.accounts.models import User
from parcours.assessments.models import AssessmentRequest, RequestUnit, UnitResult
from parcours.core.audit_chain import verify_chain
from parcours.core.models import AuditEntry
from parcours.curriculum.models import (
    AssessmentCriterion,
    AssessmentForm,
    Institution,
    LearningActivity,
    LearningOutcome,
    Oer,
    ProgrammeVariant,
    RoleAssignment,
    Unit,
)
from parcours.demo.generator import generate
from parcours.demo.generator.build import MODELS
from parcours.demo.generator.digest import digest
from parcours.demo.generator.spec import ACADEMIC_YEARS, PROGRAMMES, UNIT_EC
from parcours.examcommittee.models import Decision
from parcours.rules.decisions import decision_appeal_deadline
from parcours.rules.facts import AppealFacts
from parcours.studyplans.models import Enrolment, Intake, PlanUnit, PlanVersion

pytestmark = pytest.mark.django_db

N = 30


def db_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in MODELS}


def test_counts_follow_from_n() -> None:
    counts = generate(N, seed=7)
    assert counts == db_counts()  # what the command reports is what is stored
    assert counts["studyplans.Enrolment"] == counts["studyplans.Intake"] == N
    # staff: per programme a manager, three exam-committee members, at least two coaches and
    # two assessors (one of each per 60 expected students)
    assert counts["accounts.User"] == N + 8 * len(PROGRAMMES)
    assert counts["curriculum.RoleAssignment"] == counts["accounts.User"]
    variants = sum(len(p.forms) for p in PROGRAMMES)
    units = sum(len(p.forms) * p.nominal_ec // UNIT_EC for p in PROGRAMMES) * len(ACADEMIC_YEARS)
    assert counts["curriculum.ProgrammeVariant"] == variants
    assert counts["curriculum.Oer"] == variants * len(ACADEMIC_YEARS)
    assert counts["curriculum.Unit"] == counts["curriculum.AssessmentForm"] == units
    assert (
        counts["curriculum.LearningOutcome"] == counts["curriculum.LearningActivity"] == 2 * units
    )
    assert counts["curriculum.AssessmentCriterion"] == 4 * units
    # one request, one request unit and one result per assessment
    results = counts["assessments.UnitResult"]
    assert counts["assessments.AssessmentRequest"] == counts["assessments.RequestUnit"] == results
    assert 10 * N <= results <= 40 * N
    assert 15 * N <= counts["portfolio.EvidenceItem"] <= 60 * N
    assert counts["studyplans.PlanVersion"] >= counts["studyplans.StudyPlan"] >= N
    assert UnitResult.objects.filter(result=UnitResult.Result.NOT_YET).exists()
    statuses = set(PlanVersion.objects.values_list("status", flat=True))
    assert {"draft", "established", "superseded"} <= statuses or {"established"} <= statuses


def test_same_seed_gives_identical_rows_and_the_audit_chain_verifies() -> None:
    digests = []
    for seed in (11, 11, 12):
        with transaction.atomic():
            generate(N, seed=seed)
            digests.append(digest())
            entries = list(AuditEntry.objects.order_by("sequence"))
            assert [e.action for e in entries] == ["institution.generate"]
            assert verify_chain(entries) is None
            transaction.set_rollback(True)
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


def test_a_second_run_is_refused_and_writes_nothing() -> None:
    with override_settings(DEBUG=True):
        call_command("generate_institution", "--students", str(N), "--seed", "3", stdout=StringIO())
        before = db_counts()
        audit = AuditEntry.objects.count()
        with pytest.raises(CommandError, match="empty database only"):
            call_command("generate_institution", "--students", "5", stdout=StringIO())
    assert db_counts() == before
    assert AuditEntry.objects.count() == audit


def test_refused_into_a_database_with_students() -> None:
    generate(3, seed=1)
    Institution.objects.all().update(brin_code="99ZZ")  # another institution, with students
    before = db_counts()
    with override_settings(DEBUG=True), pytest.raises(CommandError, match="already has students"):
        call_command("generate_institution", "--students", "5", stdout=StringIO())
    assert db_counts() == before


def test_refused_without_debug() -> None:
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("generate_institution", "--students", "5", stdout=StringIO())
    assert not Enrolment.objects.exists()
    assert not User.objects.exists()


def test_oers_published_and_plan_units_belong_to_the_students_oer() -> None:
    generate(N, seed=5)
    assert not Oer.objects.exclude(status=Oer.Status.PUBLISHED).exists()
    assert not Oer.objects.filter(published_at__isnull=True).exists()
    # every unit has outcomes with criteria and a facilitated route
    assert not Unit.objects.filter(activities__isnull=True).exists()
    assert not LearningOutcome.objects.filter(criteria__isnull=True).exists()
    # a plan version's units come from one OER, of the student's own variant
    assert PlanUnit.objects.exists()
    assert not PlanUnit.objects.exclude(
        unit__oer__variant_id=F("version__plan__enrolment__variant_id")
    ).exists()
    per_enrolment = (
        PlanUnit.objects.values("version__plan__enrolment")
        .annotate(oers=Count("unit__oer", distinct=True))
        .filter(oers__gt=1)
    )
    assert not per_enrolment.exists()
    # results are for units of the student's OER too
    assert not UnitResult.objects.exclude(unit__oer__variant_id=F("enrolment__variant_id")).exists()


def test_decisions_are_made_known_with_the_rules_appeal_deadline() -> None:
    generate(120, seed=2)
    decisions = list(Decision.objects.all())
    assert {d.kind for d in decisions} >= {Decision.Kind.EXEMPTION}
    for decision in decisions:
        assert decision.made_known_on is not None
        expected = decision_appeal_deadline(
            AppealFacts(made_known=decision.made_known_on), on=decision.made_known_on
        ).values_used["deadline"]
        assert decision.appeal_deadline == expected
        assert decision.grounds[-1]["rule"] == "decision.appeal-deadline"
        assert decision.grounds[-1]["values_used"]["deadline"] == expected.isoformat()
        assert all(g["ok"] for g in decision.grounds)
        assert decision.decided_on <= decision.made_known_on


def test_stored_rows_are_consistent() -> None:
    generate(N, seed=9)
    assert Intake.objects.count() == Enrolment.objects.count()
    assert RequestUnit.objects.count() == AssessmentRequest.objects.count()
    assert not ProgrammeVariant.objects.filter(outcome_based=False).exists()
    assert AssessmentForm.objects.count() == Unit.objects.count()
    assert LearningActivity.objects.count() == 2 * Unit.objects.count()
    assert AssessmentCriterion.objects.count() == 4 * Unit.objects.count()
    assert RoleAssignment.objects.filter(role="student").count() == N


def test_kept_progress_of_every_student_verifies() -> None:
    from parcours.examcommittee.models import EnrolmentProgress

    generate(N, seed=11)
    assert EnrolmentProgress.objects.count() == Enrolment.objects.count() == N
    out = StringIO()
    call_command("verify_progress", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "0 differences"


def foreign_keys() -> list[tuple[str, str, str]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
            " FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2"
        )
        return cursor.fetchall()


def test_postgresql_foreign_keys_come_back_the_same_and_still_refuse_an_orphan() -> None:
    """On PostgreSQL the generator adds the keys of the tables it fills after writing them:
    afterwards every key is there with its definition (deferred), and a row without its
    parent still fails the generation, writing nothing."""
    from django.db import IntegrityError, connection

    from parcours.demo.generator import writer

    if connection.vendor != "postgresql":
        pytest.skip("the keys are dropped and added on PostgreSQL only")
    before = foreign_keys()
    assert any("DEFERRABLE INITIALLY DEFERRED" in d for _t, _n, d in before)
    with transaction.atomic():
        generate(N, seed=3)
        assert foreign_keys() == before
        transaction.set_rollback(True)

    real_add = writer.Table.add
    orphaned = []

    def orphan_plan_unit(self, **fields):
        if self.model is PlanUnit and not orphaned:
            fields["unit_id"] = 10**9  # no such unit, in one plan unit
            orphaned.append(fields)
        return real_add(self, **fields)

    writer.Table.add = orphan_plan_unit  # type: ignore[method-assign]
    try:
        with pytest.raises(IntegrityError, match="foreign key"), transaction.atomic():
            generate(N, seed=3)
    finally:
        writer.Table.add = real_add  # type: ignore[method-assign]
    assert len(orphaned) == 1
    assert foreign_keys() == before
    assert db_counts() == dict.fromkeys(db_counts(), 0)
