"""Builds the whole demo institution Hogeschool Parcours through the services, in the order
`manage.py seed_demo` needs: the curriculum with its accounts (parcours.demo.curriculum.build),
the students' study plans (parcours.demo.studyplans), their portfolios (parcours.demo.portfolio)
and assessments (parcours.demo.assessments), the exam committee's validation desk, decisions,
diplomas and BSA (parcours.demo.examcommittee), the STAP budget's listings and claims
(parcours.demo.stap) and the microcredentials a student claimed (parcours.demo.credentials).
The assessment services load scikit-learn, so import this module only to build."""

from __future__ import annotations

from django.db import transaction

from parcours.demo.assessments import build_assessments, spread_assessment_history
from parcours.demo.credentials import build_credentials
from parcours.demo.curriculum.build import build_curriculum
from parcours.demo.examcommittee import build_exam_committee
from parcours.demo.financing import build_financing
from parcours.demo.portfolio import build_portfolios
from parcours.demo.registrations import build_registrations
from parcours.demo.stap import build_stap
from parcours.demo.studyplans import build_study_plans
from parcours.portfolio.models import WorkplaceConfirmation


@transaction.atomic
def build_demo() -> WorkplaceConfirmation:
    """Everything or nothing; returns the open workplace-confirmation invitation (its link:
    parcours.demo.portfolio.invitation_link, once this has committed)."""
    build_curriculum()
    build_study_plans()
    build_registrations()
    build_financing()
    portfolios = build_portfolios()
    build_assessments(portfolios.items)
    build_exam_committee()
    build_stap()
    spread_assessment_history()  # it dates every assessment (the results keep their dates)
    build_credentials()  # after the results and decisions they rest on
    return portfolios.open_invitation
