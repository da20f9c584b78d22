"""Writes: enter (or, while its year is still open, correct) the tuition rate of an academic
year, create a module of a demand-financed variant, enrol a student for a module, and decide
the voucher on a module enrolment. Each checks permission, refuses bad input with the reason
and the rule (nothing written) and leaves an audit record."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, RuleViolation, require
from parcours.curriculum.models import Institution, ProgrammeVariant, Unit
from parcours.rules import get_rule
from parcours.rules.facts import VoucherFacts
from parcours.rules.money import euros
from parcours.studyplans.models import Enrolment

from . import permissions, selectors
from .models import Module, ModuleEnrolment, TuitionRate, VoucherVerdict

MAX_CENTS = 10_000_000  # €100,000: far above any statutory tuition; a typo, not a rate


def _check_amount(amount_cents: int) -> None:
    if not 0 < amount_cents <= MAX_CENTS:
        raise DomainError(
            "Het collegegeld is een positief bedrag van ten hoogste € 100.000,00.",
            "Tuition is a positive amount of at most €100,000.00.",
            field="amount",
        )


@transaction.atomic
def tuition_rate_set(
    institution: Institution, *, actor: Any, first_year: int, amount_cents: int, today: date
) -> tuple[TuitionRate, bool]:
    """Enter the statutory tuition of an academic year; returns (rate, created). A year that
    has a rate may be corrected only while it has not started and no student is registered in
    it: after that students are charged on it, so a change is refused with the reason (the
    old value stays). Every write is audited with the old and the new amount."""
    require(permissions.can_manage_tuition(actor))
    _check_amount(amount_cents)
    rate = (
        TuitionRate.objects.select_for_update()
        .filter(institution=institution, first_year=first_year)
        .first()
    )
    label = f"{first_year}-{first_year + 1}"
    if rate is None:
        rate = TuitionRate.objects.create(
            institution=institution,
            first_year=first_year,
            amount_cents=amount_cents,
            entered_by=actor,
        )
        audit_record(
            actor, "tuition_rate_create", rate, first_year=first_year, amount_cents=amount_cents
        )
        return rate, True
    if rate.amount_cents == amount_cents:
        return rate, False
    why = selectors.year_fixed(institution, first_year, today)
    if why == "started":
        raise DomainError(
            f"Studiejaar {label} is begonnen: het collegegeld daarvan verandert niet meer.",
            f"Academic year {label} has started: its tuition no longer changes.",
            field="first_year",
        )
    if why == "registrations":
        raise DomainError(
            f"Er zijn al studenten ingeschreven voor {label}: het collegegeld daarvan "
            "verandert niet meer.",
            f"Students are already registered for {label}: its tuition no longer changes.",
            field="first_year",
        )
    old = rate.amount_cents
    rate.amount_cents = amount_cents
    rate.entered_by = actor
    rate.save(update_fields=["amount_cents", "entered_by", "entered_at"])
    audit_record(
        actor, "tuition_rate_correct", rate, first_year=first_year, old=old, new=amount_cents
    )
    return rate, False


@transaction.atomic
def module_create(
    variant: ProgrammeVariant,
    *,
    actor: Any,
    first_year: int,
    code: str,
    name_nl: str,
    name_en: str,
    units: list[Unit],
    on: date,
) -> Module:
    """Create a module of the variant in an academic year, grouping units of the variant's
    OERs; refused by rule financing.module (not demand-financed, no unit, over 30 EC)."""
    require(permissions.can_manage_modules(actor, variant))
    units = list(units)
    foreign = [u.code for u in units if u.oer.variant_id != variant.pk]
    if foreign:
        raise DomainError(
            f"Deze eenheden horen niet bij de variant: {', '.join(foreign)}.",
            f"These units do not belong to the variant: {', '.join(foreign)}.",
            field="units",
        )
    result = selectors.module_check(variant, units, on=on)
    if not result.ok:
        raise RuleViolation([result], field="units")
    if Module.objects.filter(variant=variant, first_year=first_year, code=code).exists():
        raise DomainError(
            f"De variant heeft in {first_year}-{first_year + 1} al een module {code}.",
            f"The variant already has a module {code} in {first_year}-{first_year + 1}.",
            field="code",
        )
    module = Module.objects.create(
        variant=variant,
        first_year=first_year,
        code=code,
        name_nl=name_nl,
        name_en=name_en,
        created_by=actor,
    )
    module.units.set(units)
    audit_record(
        actor,
        "module_create",
        module,
        variant=variant.pk,
        first_year=first_year,
        code=code,
        units=sorted(u.pk for u in units),
        ec=result.values_used["module_ec"],
    )
    return module


@transaction.atomic
def module_enrol(enrolment: Enrolment, *, actor: Any, module: Module) -> ModuleEnrolment:
    """Enrol the student (in a demand-financed variant) for a module of that variant."""
    require(permissions.can_enrol_for_module(actor, enrolment))
    if module.variant_id != enrolment.variant_id:
        raise DomainError(
            "Deze module hoort bij een andere variant dan de inschrijving van de student.",
            "This module belongs to another variant than the student's enrolment.",
            field="module",
        )
    if not enrolment.variant.programme.demand_financed:
        raise DomainError(
            "De variant valt niet onder het experiment vraagfinanciering.",
            "The variant is not in the demand-financing experiment.",
            field="module",
        )
    if ModuleEnrolment.objects.filter(enrolment=enrolment, module=module).exists():
        raise DomainError(
            "De student is al ingeschreven voor deze module.",
            "The student is already enrolled for this module.",
            field="module",
        )
    row = ModuleEnrolment.objects.create(enrolment=enrolment, module=module, created_by=actor)
    audit_record(actor, "module_enrol", row, enrolment=enrolment.pk, module=module.pk)
    return row


@transaction.atomic
def voucher_request(
    module_enrolment: ModuleEnrolment, *, actor: Any, holds_degree: bool, on: date
) -> VoucherVerdict:
    """Ask for the voucher on a module enrolment, stating whether the student holds a
    bachelor's or master's degree. Rule financing.voucher decides; its verdict (granted with
    the amount, or refused with the reason) is stored once and does not change."""
    require(permissions.can_enrol_for_module(actor, module_enrolment.enrolment))
    row = (
        ModuleEnrolment.objects.select_for_update()
        .select_related("enrolment__variant__programme", "module")
        .get(pk=module_enrolment.pk)
    )
    if VoucherVerdict.objects.filter(module_enrolment=row).exists():
        raise DomainError(
            "Over de voucher voor deze module is al beslist; dat besluit verandert niet.",
            "The voucher for this module has been decided; that verdict does not change.",
        )
    facts = VoucherFacts(
        demand_financed=row.enrolment.variant.programme.demand_financed,
        module_ec=selectors.module_ec(row.module),
        holds_degree=holds_degree,
    )
    result = get_rule("financing.voucher")(facts, on=on)
    amount = int(result.values_used.get("voucher_cents", 0)) if result.ok else 0
    reason_nl, reason_en = result.message_nl, result.message_en
    if result.ok:
        reason_nl = (
            f"Toegekend: {euros(amount, 'nl')} voor een module van {facts.module_ec} "
            "studiepunten; de student heeft geen bachelor- of mastergraad."
        )
        reason_en = (
            f"Granted: {euros(amount, 'en')} for a module of {facts.module_ec} EC; the student "
            "holds no bachelor's or master's degree."
        )
    verdict = VoucherVerdict.objects.create(
        module_enrolment=row,
        holds_degree=holds_degree,
        granted=result.ok,
        amount_cents=amount,
        rule_id=result.rule_id,
        reason_nl=reason_nl,
        reason_en=reason_en,
        grounds=result.grounds(),
        decided_on=on,
        decided_by=actor,
    )
    audit_record(
        actor,
        "voucher_decide",
        verdict,
        module_enrolment=row.pk,
        holds_degree=holds_degree,
        granted=result.ok,
        amount_cents=amount,
        rule=result.rule_id,
    )
    return verdict
