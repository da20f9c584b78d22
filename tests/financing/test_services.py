"""Tuition rates, modules, module enrolments and the voucher through the services: exact
values, the audit record, and on every refusal its reason with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction

from parcours.core.errors import DomainError, RuleViolation
from parcours.core.models import AuditEntry
from parcours.financing import selectors, services
from parcours.financing.models import (
    ImmutableVerdict,
    Module,
    ModuleEnrolment,
    TuitionRate,
    VoucherVerdict,
)

from .conftest import TODAY


def _audits(action: str) -> list[dict]:
    return list(AuditEntry.objects.filter(action=action).values_list("data", flat=True))


def _rate(fw, year=2026, cents=260100, today=TODAY):
    return services.tuition_rate_set(
        fw.w.bachelor.institution,
        actor=fw.admin,
        first_year=year,
        amount_cents=cents,
        today=today,
    )


def test_a_rate_is_entered_and_audited(fw):
    rate, created = _rate(fw)
    assert created
    assert (rate.first_year, rate.amount_cents, rate.entered_by) == (2026, 260100, fw.admin)
    assert _audits("tuition_rate_create") == [{"first_year": 2026, "amount_cents": 260100}]


def test_a_rate_of_an_open_year_is_corrected_with_old_and_new_in_the_audit(fw):
    _rate(fw)
    rate, created = _rate(fw, cents=269400)
    assert (created, rate.amount_cents) == (False, 269400)
    assert _audits("tuition_rate_correct") == [{"first_year": 2026, "old": 260100, "new": 269400}]


def test_a_rate_of_a_started_year_is_not_changed(fw):
    _rate(fw)
    with pytest.raises(DomainError) as refused:
        _rate(fw, cents=100, today=date(2026, 9, 1))
    assert refused.value.message_en == (
        "Academic year 2026-2027 has started: its tuition no longer changes."
    )
    assert TuitionRate.objects.get().amount_cents == 260100
    assert _audits("tuition_rate_correct") == []


def test_a_rate_of_a_year_with_registrations_is_not_changed(fw):
    _rate(fw)
    fw.w.years(fw.regular, 2026, 2026)
    with pytest.raises(DomainError) as refused:
        _rate(fw, cents=100, today=date(2026, 1, 1))
    assert refused.value.message_en == (
        "Students are already registered for 2026-2027: its tuition no longer changes."
    )
    assert TuitionRate.objects.get().amount_cents == 260100


@pytest.mark.parametrize("cents", [0, -5, 10_000_001])
def test_an_amount_that_is_not_positive_or_too_large_is_refused(fw, cents):
    with pytest.raises(DomainError) as refused:
        _rate(fw, cents=cents)
    assert refused.value.field == "amount"
    assert not TuitionRate.objects.exists()
    assert _audits("tuition_rate_create") == []


def test_only_the_administrator_enters_a_rate(fw):
    with pytest.raises(PermissionDenied):
        services.tuition_rate_set(
            fw.w.bachelor.institution,
            actor=fw.w.manager,
            first_year=2026,
            amount_cents=1,
            today=TODAY,
        )
    assert not TuitionRate.objects.exists()


def test_a_module_of_30_ec_is_created_with_its_units(fw):
    module = fw.module()
    assert sorted(u.code for u in module.units.all()) == ["U1", "U2"]
    assert selectors.module_ec(module) == 30
    (audit,) = _audits("module_create")
    assert (audit["code"], audit["ec"], audit["first_year"]) == ("M1", 30, 2026)


def test_a_module_over_30_ec_is_refused_with_the_rule_and_nothing_stored(fw):
    with pytest.raises(RuleViolation) as refused:
        fw.module(units=("U1", "U4"))
    assert refused.value.rule_id == "financing.module"
    assert refused.value.message_en == "A module counts at most 30 EC; this one counts 60."
    assert "Kamerbrief eindevaluatie" in refused.value.violations()[0]["source"]
    assert not Module.objects.exists()
    assert _audits("module_create") == []


def test_a_module_in_a_variant_outside_the_experiment_is_refused(fw):
    with pytest.raises(RuleViolation) as refused:
        services.module_create(
            fw.w.part_time,
            actor=fw.admin,
            first_year=2026,
            code="M1",
            name_nl="M",
            name_en="M",
            units=[fw.other_unit],
            on=TODAY,
        )
    assert refused.value.message_en == (
        "This variant is not in the demand-financing experiment: it offers no modules."
    )
    assert not Module.objects.exists()


def test_a_module_with_a_unit_of_another_variant_is_refused(fw):
    with pytest.raises(DomainError) as refused:
        services.module_create(
            fw.w.demand_variant,
            actor=fw.admin,
            first_year=2026,
            code="M1",
            name_nl="M",
            name_en="M",
            units=[fw.units["U1"], fw.other_unit],
            on=TODAY,
        )
    assert refused.value.message_en == "These units do not belong to the variant: U1."
    assert not Module.objects.exists()


def test_a_student_enrols_for_a_module_of_their_variant(fw):
    module = fw.module()
    row = services.module_enrol(fw.student, actor=fw.student.student, module=module)
    assert (row.enrolment, row.module) == (fw.student, module)
    assert _audits("module_enrol") == [{"enrolment": fw.student.pk, "module": module.pk}]


def test_a_module_of_another_variant_is_refused_and_nothing_stored(fw):
    module = fw.module()
    with pytest.raises(DomainError) as refused:
        services.module_enrol(fw.regular, actor=fw.admin, module=module)
    assert refused.value.message_en == (
        "This module belongs to another variant than the student's enrolment."
    )
    assert not ModuleEnrolment.objects.exists()


def test_another_student_cannot_enrol_someone(fw):
    module = fw.module()
    with pytest.raises(PermissionDenied):
        services.module_enrol(fw.student, actor=fw.regular.student, module=module)
    assert not ModuleEnrolment.objects.exists()


def _enrolled(fw, code="M1", units=("U1", "U2")):
    module = fw.module(code, units)
    return services.module_enrol(fw.student, actor=fw.student.student, module=module)


def test_the_voucher_is_granted_without_a_degree_and_stored_with_rule_and_reason(fw):
    row = _enrolled(fw)
    verdict = services.voucher_request(row, actor=fw.student.student, holds_degree=False, on=TODAY)
    assert (verdict.granted, verdict.amount_cents, verdict.rule_id) == (
        True,
        125000,
        "financing.voucher",
    )
    assert verdict.reason_en == (
        "Granted: €1,250.00 for a module of 30 EC; the student holds no bachelor's or "
        "master's degree."
    )
    assert verdict.reason_nl.startswith("Toegekend: € 1.250,00 voor een module van 30")
    assert verdict.grounds["values_used"]["voucher_cents"] == 125000
    (audit,) = _audits("voucher_decide")
    assert (audit["granted"], audit["amount_cents"]) == (True, 125000)


def test_the_voucher_is_refused_to_a_degree_holder_and_the_refusal_is_stored(fw):
    row = _enrolled(fw)
    verdict = services.voucher_request(row, actor=fw.admin, holds_degree=True, on=TODAY)
    assert (verdict.granted, verdict.amount_cents) == (False, 0)
    assert verdict.reason_en == (
        "No voucher: the student already holds a bachelor's or master's degree."
    )
    assert verdict.reason_nl == "Geen voucher: de student heeft al een bachelor- of mastergraad."


def test_a_second_voucher_request_is_refused_and_the_verdict_stays(fw):
    row = _enrolled(fw)
    services.voucher_request(row, actor=fw.admin, holds_degree=True, on=TODAY)
    with pytest.raises(DomainError):
        services.voucher_request(row, actor=fw.admin, holds_degree=False, on=TODAY)
    assert list(VoucherVerdict.objects.values_list("granted", flat=True)) == [False]
    assert len(_audits("voucher_decide")) == 1


def test_a_verdict_cannot_be_changed_or_deleted(fw):
    verdict = services.voucher_request(_enrolled(fw), actor=fw.admin, holds_degree=True, on=TODAY)
    with pytest.raises(ImmutableVerdict):
        verdict.save()
    with pytest.raises(ImmutableVerdict):
        verdict.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        VoucherVerdict.objects.filter(pk=verdict.pk).update(granted=True, amount_cents=125000)
    verdict.refresh_from_db()
    assert (verdict.granted, verdict.amount_cents) == (False, 0)


def test_finances_show_the_module_price_less_the_voucher(fw):
    _rate(fw)
    granted = _enrolled(fw)
    refused = _enrolled(fw, "M2", ("U3",))
    services.voucher_request(granted, actor=fw.admin, holds_degree=False, on=TODAY)
    services.voucher_request(refused, actor=fw.admin, holds_degree=True, on=TODAY)
    finances = selectors.finances_of(fw.student, on=TODAY)
    (year,) = finances.years
    lines = {
        m.row.module.code: (m.price_cents, m.voucher_cents, m.to_pay_cents) for m in year.modules
    }
    assert (finances.demand_financed, year.first_year) == (True, 2026)
    assert lines == {"M1": (130050, 125000, 5050), "M2": (65025, 0, 65025)}


def test_finances_show_the_statutory_tuition_whatever_the_routes(fw):
    _rate(fw)
    fw.w.years(fw.regular, 2025, 2026)
    finances = selectors.finances_of(fw.regular, on=TODAY)
    assert [(y.first_year, y.statutory_cents) for y in finances.years] == [
        (2025, None),
        (2026, 260100),
    ]
    check = finances.years[1].tuition_check
    assert (check.rule, check.ok) == ("tuition.route-independent", True)
    assert finances.own_route_units == 0
