"""The exam committee's decisions through the services: the desk, an exemption made known with
its appeal deadline, frozen afterwards, corrected by a new decision; progress; the diploma."""

import io
from datetime import date

import pytest
from django.db import IntegrityError, InternalError, OperationalError, transaction

from parcours.accounts.models import Role
from parcours.core.errors import DomainError, RuleViolation
from parcours.examcommittee import selectors, services
from parcours.examcommittee.models import Decision, DeskRequest
from tests import factories

ON = date(2027, 4, 20)
IMMUTABLE = (IntegrityError, InternalError, OperationalError)


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    committee = factories.user_with_role(
        Role.EXAM_COMMITTEE, programme, first_name="Ans", last_name="de Wit"
    )
    prospective = factories.UserFactory(first_name="Petra", last_name="Bakker")
    return {"oer": oer, "programme": programme, "committee": committee, "student": prospective}


def _exemption_request(w):
    units = [w["oer"].units.get(code="U1"), w["oer"].units.get(code="U2")]
    return services.desk_request_create(
        w["programme"].institution,
        actor=w["student"],
        programme=w["programme"],
        kind=DeskRequest.Kind.EXEMPTION,
        subject="Vrijstelling op grond van EVC",
        message="Ik werk tien jaar als verpleegkundige.",
        unit_ids=[u.pk for u in units],
        documents=[
            services.Upload(
                "evc-certificaat.pdf",
                io.BytesIO(factories.MINIMAL_PDF),
                len(factories.MINIMAL_PDF),
                kind="rpl_certificate",
                issuer="EVC-centrum Zorg",
            )
        ],
        on=date(2027, 3, 1),
    )


def test_exemption_granted_is_made_known_with_the_appeal_deadline_and_frozen(world):
    request = _exemption_request(world)
    assert request.term_end == date(2027, 4, 26)
    decision = services.exemption_draft(request, actor=world["committee"])
    units = {du.unit.code: du.unit.pk for du in decision.decision_units.all()}
    with pytest.raises(RuleViolation) as refused:
        services.decision_make_known(decision, actor=world["committee"], on=ON)
    assert refused.value.rule_id == "decision.awb-complete"
    services.decision_update(
        decision,
        actor=world["committee"],
        unit_grants={units["U1"]: True, units["U2"]: True},
        reasons="Het EVC-certificaat toont LU1 van U1 en U2 op niveau 6 aan.",
        decided_on=date(2027, 4, 19),
    )
    decision = services.decision_make_known(decision, actor=world["committee"], on=ON)
    assert (decision.outcome, decision.made_known_on, decision.appeal_deadline) == (
        "granted",
        ON,
        date(2027, 6, 1),
    )
    request.refresh_from_db()
    assert request.status == DeskRequest.Status.DECIDED
    found = selectors.progress(world["student"], world["programme"], on=ON)
    assert [(r.unit.code, r.state, r.how) for r in found.units[:3]] == [
        ("U1", "exempted", "exemption"),
        ("U2", "exempted", "exemption"),
        ("U3", "open", ""),
    ]
    assert found.ec_done == 30
    with pytest.raises(DomainError):
        services.decision_update(decision, actor=world["committee"], reasons="anders")
    with pytest.raises(IMMUTABLE), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(reasons="stiekem anders")
    decision.refresh_from_db()
    assert decision.reasons.startswith("Het EVC-certificaat")

    correction = services.decision_draft(
        world["programme"],
        actor=world["committee"],
        kind=Decision.Kind.EXEMPTION,
        student=world["student"],
        corrects=decision,
        unit_grants={units["U1"]: True, units["U2"]: False},
        reasons="U2 vraagt ook LU2, dat het certificaat niet dekt (EVC-certificaat).",
        evidence_cited=["EVC-certificaat"],
        decided_on=date(2027, 5, 3),
    )
    services.decision_make_known(correction, actor=world["committee"], on=date(2027, 5, 3))
    found = selectors.progress(world["student"], world["programme"], on=date(2027, 5, 4))
    assert [r.state for r in found.units[:2]] == ["exempted", "open"]


def test_a_decided_request_gets_no_second_decision_but_a_correction(world):
    request = _exemption_request(world)
    decision = services.exemption_draft(request, actor=world["committee"])
    services.decision_update(
        decision,
        actor=world["committee"],
        unit_grants={du.unit_id: True for du in decision.decision_units.all()},
        reasons="Het EVC-certificaat toont LU1 van U1 en U2 aan.",
        decided_on=date(2027, 4, 19),
    )
    services.decision_make_known(decision, actor=world["committee"], on=ON)
    assert decision.evidence_cited == ["EVC-certificaat: evc-certificaat.pdf (EVC-centrum Zorg)"]
    with pytest.raises(DomainError) as refused:
        services.exemption_draft(request, actor=world["committee"])
    assert refused.value.message_en == (
        "This request has been decided; correct the decision if needed."
    )
    assert Decision.objects.count() == 1
