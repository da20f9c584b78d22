"""`generate(students, seed)`: the stages of `manage.py generate_institution`, in one
transaction. Rows go in through `bulk_create` in batches (services work per object and are far
too slow at this size); the rules a stored decision rests on are still evaluated per decision.

The audit log gets exactly one entry, through `parcours.core.audit.audit_record`: that the
institution was generated, with N, the seed and the row counts. No entry per generated row:
those rows record no one's action (a service writes an entry for what a person did), and a
chain of millions of invented entries would be fake history and dominate the run time. The
chain stays intact, so `manage.py verify_audit` still verifies."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import connection, models, transaction

from parcours.accounts.models import User
from parcours.assessments.models import AssessmentRequest, RequestUnit, UnitResult
from parcours.core.audit import audit_record
from parcours.curriculum.models import (
    AssessmentCriterion,
    AssessmentForm,
    Institution,
    LearningActivity,
    LearningOutcome,
    Oer,
    Programme,
    ProgrammeVariant,
    RoleAssignment,
    Unit,
)
from parcours.examcommittee import services as examcommittee_services
from parcours.examcommittee.models import Decision, DecisionUnit, PersonalCircumstance
from parcours.portfolio.models import EvidenceItem, EvidenceMapping, EvidenceVersion
from parcours.studyplans.models import (
    Enrolment,
    GuidanceConversation,
    Intake,
    PlanActivity,
    PlanUnit,
    PlanVersion,
    StudyPlan,
)

from .institution import build_catalogue
from .spec import CHUNK_STUDENTS, INSTITUTION_CODE, INSTITUTION_NAME
from .students import generate_student
from .writer import Tables, fixed_timestamps, foreign_keys_added_after, reset_sequences

# Parents before children: the order the tables are written in.
MODELS: list[type[models.Model]] = [
    Institution,
    User,
    Programme,
    RoleAssignment,
    ProgrammeVariant,
    Oer,
    Unit,
    LearningOutcome,
    AssessmentCriterion,
    LearningActivity,
    AssessmentForm,
    Enrolment,
    Intake,
    StudyPlan,
    PlanVersion,
    PlanUnit,
    PlanActivity,
    GuidanceConversation,
    EvidenceItem,
    EvidenceVersion,
    EvidenceMapping,
    AssessmentRequest,
    RequestUnit,
    UnitResult,
    PersonalCircumstance,
    Decision,
    DecisionUnit,
]


class GeneratorRefused(Exception):
    """The database is not empty: nothing was written."""


def refusal() -> str | None:
    """Why the generator may not run here, or None. It builds into an empty database only."""
    if Institution.objects.filter(brin_code=INSTITUTION_CODE).exists():
        return (
            f"{INSTITUTION_NAME} ({INSTITUTION_CODE}) already exists; generate_institution "
            "builds into an empty database only. Nothing was written."
        )
    if Enrolment.objects.exists():
        return (
            f"The database already has students ({Enrolment.objects.count()} enrolments); "
            "generate_institution builds into an empty database only. Nothing was written."
        )
    return None


def analyze() -> None:
    """Planner statistics for the tables just filled, as after any bulk load: without them
    PostgreSQL guesses, and scans whole tables where an index finds a student's rows (autovacuum
    would analyse them too, but only minutes later). SQLite plans without statistics."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def finish(enrolment_ids: list[int]) -> None:
    """The final stage: the kept progress (EnrolmentProgress) of every generated enrolment,
    computed from the rows just written, so the lists read it and verify_progress agrees."""
    examcommittee_services.progress_refresh(enrolment_ids)


def write_rows(
    tables: Tables, students: int, seed: int, stage: Callable[[str, Tables], None]
) -> list[int]:
    """The catalogue, then the students in rounds of CHUNK_STUDENTS; their enrolment ids."""
    catalogue = build_catalogue(tables, random.Random(f"parcours-generator:{seed}"), students)
    tables.flush()
    stage(
        f"institution, staff and curriculum ({len(catalogue.programmes)} programmes, "
        f"{len(catalogue.variants)} variants, {tables[Unit].written:,} units)",
        tables,
    )
    enrolments: list[int] = []
    for first in range(1, students + 1, CHUNK_STUDENTS):
        last = min(students, first + CHUNK_STUDENTS - 1)
        for number in range(first, last + 1):
            enrolments.append(generate_student(tables, catalogue, seed, number))
        tables.flush()
        stage(f"students {first:,}-{last:,}", tables)
    return enrolments


def generate(
    students: int, seed: int, report: Callable[[str], None] = lambda line: None
) -> dict[str, int]:
    """Build the institution with `students` students from `seed`; return rows per table.
    Raises GeneratorRefused (nothing written) unless the database is empty."""
    reason = refusal()
    if reason:
        raise GeneratorRefused(reason)
    started = time.monotonic()

    def stage(name: str, tables: Tables) -> None:
        written = sum(tables.counts().values())
        report(f"{name}: {written:,} rows so far, {time.monotonic() - started:.1f} s")

    with transaction.atomic(), fixed_timestamps(MODELS):
        tables = Tables(MODELS)
        with foreign_keys_added_after(MODELS):
            enrolments = write_rows(tables, students, seed, stage)
        stage("foreign keys added and checked", tables)
        reset_sequences(MODELS)
        analyze()
        finish(enrolments)
        stage("kept progress", tables)
        counts = tables.counts()
        audit_record(
            None,
            "institution.generate",
            Institution.objects.get(brin_code=INSTITUTION_CODE),
            students=students,
            seed=seed,
            rows=counts,
        )
        stage("done", tables)
    return counts
