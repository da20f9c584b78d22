"""The assessment flow through the services: request with frozen evidence, two assessors who
score blind, a third when they disagree, consensus and immutable results."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from parcours.accounts.models import Role
from parcours.assessments import selectors, services
from parcours.assessments.models import AssessmentRequest, UnitResult
from parcours.core.errors import RuleViolation
from parcours.portfolio.services import version_upload
from tests import factories

ON = date(2026, 11, 2)
Status = AssessmentRequest.Status


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    enrol = factories.enrolment(oer.variant)
    u1, u2 = oer.units.get(code="U1"), oer.units.get(code="U2")
    item = factories.evidence_item(
        enrol, criteria=factories.criteria_of(u1) + factories.criteria_of(u2)
    )
    return {
        "oer": oer,
        "enrol": enrol,
        "u1": u1,
        "u2": u2,
        "item": item,
        "coordinator": factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme),
        "assessors": [factories.user_with_role(Role.ASSESSOR, programme) for _ in range(3)],
    }


def _integral_request(w):
    return services.request_create(
        w["enrol"],
        actor=w["enrol"].student,
        unit_ids=[w["u1"].pk, w["u2"].pk],
        item_ids=[w["item"].pk],
        integral=True,
        on=ON,
    )


def _scores(request, value_by_position):
    criteria = selectors.criteria_of_units(ru.unit_id for ru in request.request_units.all())
    return {c.pk: value_by_position for c in criteria}


def test_integral_assessment_reaches_consensus_and_records_both_units(world):
    request = _integral_request(world)
    first, second, _ = world["assessors"]
    services.assessor_assign(request, actor=world["coordinator"], assessor=first, on=ON)
    services.assessor_assign(request, actor=world["coordinator"], assessor=second, on=ON)
    request.refresh_from_db()
    assert request.status == Status.SCORING

    services.scores_submit(request, actor=first, scores=_scores(request, 3), on=ON)
    # blind: the second assessor sees nothing of the first's scores before submitting
    request = selectors.request_detail(request.pk)
    rows = selectors.score_table(request, second)
    assert all(r.own is None and r.others == [] for r in rows)

    services.scores_submit(request, actor=second, scores=_scores(request, 4), on=ON)
    request = selectors.request_detail(request.pk)
    assert request.status == Status.CONSENSUS
    rows = selectors.score_table(request, second)
    assert [(r.own.score, [s.score for _, s in r.others]) for r in rows] == [(4, [3])] * 4

    results = services.consensus_record(
        request,
        actor=first,
        final_scores=_scores(request, 3),
        feedback={world["u1"].pk: "Overtuigend.", world["u2"].pk: "Sterk onderbouwd."},
        on=ON,
        draw=lambda: 0.99,
    )
    assert [(r.unit.code, r.result, r.ec, r.route, r.integral) for r in results] == [
        ("U1", "achieved", 15, "A", True),
        ("U2", "achieved", 15, "A", True),
    ]
    request.refresh_from_db()
    assert request.status == Status.COMPLETED
    assert not hasattr(request, "review")


def test_evidence_is_frozen_at_submission(world):
    request = _integral_request(world)
    import io

    version_upload(
        world["item"],
        actor=world["enrol"].student,
        file_name="zorgplan-v2.pdf",
        file=io.BytesIO(factories.MINIMAL_PDF + b"\n"),
        file_size=len(factories.MINIMAL_PDF) + 1,
    )
    frozen = request.frozen.get()
    assert frozen.version.number == 1
    assert world["item"].versions.count() == 2


def test_the_students_coach_cannot_be_assigned(world):
    request = _integral_request(world)
    coach = world["enrol"].coach
    from parcours.curriculum.services import role_assign

    role_assign(coach, actor=None, role=Role.ASSESSOR, programme=world["oer"].variant.programme)
    with pytest.raises(RuleViolation) as refused:
        services.assessor_assign(request, actor=world["coordinator"], assessor=coach, on=ON)
    assert refused.value.rule_id == "assessment.assessor-independent"
    assert request.assignments.count() == 0


def test_wide_disagreement_brings_in_a_third_assessor_by_workload(world):
    request = _integral_request(world)
    first, second, third = world["assessors"]
    services.assessor_assign(request, actor=world["coordinator"], assessor=first, on=ON)
    services.assessor_assign(request, actor=world["coordinator"], assessor=second, on=ON)
    services.scores_submit(request, actor=first, scores=_scores(request, 1), on=ON)
    services.scores_submit(request, actor=second, scores=_scores(request, 4), on=ON)
    request = selectors.request_detail(request.pk)
    assert request.status == Status.THIRD_ASSESSOR
    assert [(a.assessor, a.position) for a in request.assignments.all()][-1] == (third, 3)
    with pytest.raises(RuleViolation) as refused:
        services.consensus_record(
            request, actor=first, final_scores=_scores(request, 3), feedback={}, on=ON
        )
    assert refused.value.rule_id == "assessment.third-assessor"
    services.scores_submit(request, actor=third, scores=_scores(request, 3), on=ON)
    request.refresh_from_db()
    assert request.status == Status.CONSENSUS


def test_consensus_with_a_low_score_gives_not_yet(world):
    request = _integral_request(world)
    _first, _second, _ = world["assessors"]
    services.assessors_assign_by_workload(request, actor=world["coordinator"], on=ON)
    request = selectors.request_detail(request.pk)
    a1, a2 = [a.assessor for a in request.assignments.all()]
    services.scores_submit(request, actor=a1, scores=_scores(request, 2), on=ON)
    services.scores_submit(request, actor=a2, scores=_scores(request, 3), on=ON)
    finals = _scores(request, 3)
    first_criterion = next(iter(finals))
    finals[first_criterion] = 2
    results = services.consensus_record(
        request,
        actor=a1,
        final_scores=finals,
        feedback={world["u1"].pk: "Werk LU1 verder uit.", world["u2"].pk: "Goed."},
        on=ON,
        draw=lambda: 0.0,
    )
    assert [r.result for r in results] == ["not_yet", "achieved"]
    request.refresh_from_db()
    assert request.review.notes == ""


def test_only_an_assigned_assessor_scores(world):
    request = _integral_request(world)
    with pytest.raises(PermissionDenied):
        services.scores_submit(
            request, actor=world["assessors"][0], scores=_scores(request, 3), on=ON
        )
    assert UnitResult.objects.count() == 0


def test_a_recorded_result_cannot_be_changed_or_deleted_in_the_database(world):
    from django.db import IntegrityError, InternalError, OperationalError, transaction

    request = _integral_request(world)
    first, second, _ = world["assessors"]
    services.assessor_assign(request, actor=world["coordinator"], assessor=first, on=ON)
    services.assessor_assign(request, actor=world["coordinator"], assessor=second, on=ON)
    services.scores_submit(request, actor=first, scores=_scores(request, 3), on=ON)
    services.scores_submit(request, actor=second, scores=_scores(request, 3), on=ON)
    services.consensus_record(
        request,
        actor=first,
        final_scores=_scores(request, 3),
        feedback={world["u1"].pk: "Goed.", world["u2"].pk: "Goed."},
        on=ON,
        draw=lambda: 0.99,
    )
    refused = (IntegrityError, InternalError, OperationalError)
    with pytest.raises(refused), transaction.atomic():
        UnitResult.objects.filter(request=request).update(result="not_yet")
    with pytest.raises(refused), transaction.atomic():
        UnitResult.objects.filter(request=request).delete()
    assert list(UnitResult.objects.values_list("unit__code", "result")) == [
        ("U1", "achieved"),
        ("U2", "achieved"),
    ]
