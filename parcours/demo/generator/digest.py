"""A stable digest of the generated institution's main tables: two runs with the same N and
seed give the same digest (ids included, since the generator assigns them)."""

from __future__ import annotations

import hashlib
import json

from django.db import models

from parcours.assessments.models import UnitResult
from parcours.curriculum.models import AssessmentCriterion, Oer, Programme, Unit
from parcours.examcommittee.models import Decision, DecisionUnit
from parcours.portfolio.models import EvidenceItem, EvidenceMapping, EvidenceVersion
from parcours.studyplans.models import (
    Enrolment,
    GuidanceConversation,
    PlanUnit,
    PlanVersion,
    StudyPlan,
)

MAIN_TABLES: list[type[models.Model]] = [
    Programme,
    Oer,
    Unit,
    AssessmentCriterion,
    Enrolment,
    StudyPlan,
    PlanVersion,
    PlanUnit,
    GuidanceConversation,
    EvidenceItem,
    EvidenceVersion,
    EvidenceMapping,
    UnitResult,
    Decision,
    DecisionUnit,
]


def digest() -> str:
    """SHA-256 over every column of every row of MAIN_TABLES, in id order."""
    sha = hashlib.sha256()
    for model in MAIN_TABLES:
        columns = [f.attname for f in model._meta.concrete_fields]
        sha.update(model._meta.label.encode())
        for row in model._default_manager.order_by("pk").values_list(*columns).iterator():
            sha.update(json.dumps(row, sort_keys=True, default=str).encode())
    return sha.hexdigest()
