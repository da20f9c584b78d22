from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from parcours.core.errors import RuleViolation
from parcours.core.models import AuditEntry
from parcours.curriculum import services
from parcours.curriculum.models import Oer, Unit
from tests import factories


def test_publishable_oer_is_published_with_its_grounds(oer, manager):
    services.oer_publish(oer, actor=manager, on=date(2026, 8, 1))
    oer.refresh_from_db()
    assert oer.status == Oer.Status.PUBLISHED
    assert oer.published_by == manager
    rules = {g["rule"] for g in oer.publish_grounds}
    assert rules == {
        "oer.published-immutable",
        "variant.outcome-based-eligible",
        "variant.teacher-consent",
        "unit.facilitated-route",
        "outcome.assessment-criteria",
        "unit.study-load-hours",
        "oer.nominal-study-load",
    }
    assert AuditEntry.objects.filter(action="oer.publish", object_id=str(oer.pk)).count() == 1


def test_oer_with_unit_without_facilitated_route_is_not_published(variant, manager):
    oer = factories.draft_oer(variant, unit_ec=(60, 60, 60))
    factories.complete_unit(oer, code="BARE", ec=60, with_route=False)
    audit_before = AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as exc:
        services.oer_publish(oer, actor=manager, on=date(2026, 8, 1))
    assert [v["rule"] for v in exc.value.violations()] == ["unit.facilitated-route"]
    assert exc.value.message_en == (
        "Unit BARE has no complete facilitated route: no recommended learning activity and "
        "no route-independent assessment form."
    )
    oer.refresh_from_db()
    assert oer.status == Oer.Status.DRAFT
    assert oer.published_at is None
    assert AuditEntry.objects.count() == audit_before


def test_publish_lists_every_violation_at_once(variant, manager):
    oer = factories.draft_oer(variant, unit_ec=(60, 60))
    factories.complete_unit(oer, code="BARE", ec=30, with_route=False)
    with pytest.raises(RuleViolation) as exc:
        services.oer_publish(oer, actor=manager, on=date(2026, 8, 1))
    assert [v["rule"] for v in exc.value.violations()] == [
        "unit.facilitated-route",
        "oer.nominal-study-load",
    ]


def test_published_oer_refuses_edits_and_next_year_is_an_editable_copy(oer, manager):
    services.oer_publish(oer, actor=manager, on=date(2026, 8, 1))
    unit = oer.units.get(code="U1")
    with pytest.raises(RuleViolation) as exc:
        services.unit_update(unit, actor=manager, title_nl="Nieuw")
    assert exc.value.rule_id == "oer.published-immutable"
    assert Unit.objects.get(pk=unit.pk).title_nl == "Eenheid U1"

    nxt = services.oer_copy_to_next_year(oer, actor=manager)
    assert (nxt.academic_year, nxt.status, nxt.copied_from_id) == (2027, "draft", oer.pk)
    copied = nxt.units.get(code="U1")
    assert copied.pk != unit.pk
    assert [o.code for o in copied.outcomes.all()] == ["LU1"]
    assert copied.outcomes.get().criteria.count() == 2
    assert copied.activities.count() == 1
    assert copied.assessment_forms.count() == 1
    services.unit_update(copied, actor=manager, title_nl="Nieuw")
    assert Unit.objects.get(pk=unit.pk).title_nl == "Eenheid U1"


def test_full_time_wo_variant_cannot_switch_to_units(manager):
    prog = factories.programme(
        croho_code="06401",
        name_nl="Economie",
        name_en="Economics",
        sector="wo",
        level="ba",
        nominal_years=3,
    )
    assert prog.nominal_ec == 180
    variant = services.variant_create(prog, actor=None, form="full_time")
    with pytest.raises(RuleViolation) as exc:
        services.variant_set_outcome_based(variant, actor=None, outcome_based=True)
    assert [v["rule"] for v in exc.value.violations()] == [
        "variant.outcome-based-eligible",
        "variant.teacher-consent",
    ]
    variant.refresh_from_db()
    assert variant.outcome_based is False


def test_switch_without_consent_is_refused_then_allowed_after_vote(programme, manager):
    variant = services.variant_create(programme, actor=manager, form="dual")
    with pytest.raises(RuleViolation) as exc:
        services.variant_set_outcome_based(variant, actor=manager, outcome_based=True)
    assert exc.value.rule_id == "variant.teacher-consent"
    services.consent_record(
        variant,
        actor=manager,
        body="Docententeam",
        method="ballot",
        result="granted",
        decided_on=date(2026, 1, 15),
    )
    services.variant_set_outcome_based(variant, actor=manager, outcome_based=True)
    variant.refresh_from_db()
    assert variant.outcome_based is True


def test_coach_may_not_edit_units(oer, programme):
    coach = factories.user_with_role("coach", programme)
    unit = oer.units.get(code="U1")
    with pytest.raises(PermissionDenied):
        services.unit_update(unit, actor=coach, title_nl="Gewijzigd")
    assert Unit.objects.get(pk=unit.pk).title_nl == "Eenheid U1"
