"""Reads: tuition rates with whether each year may still be corrected, modules with their EC
summed in the database, a student's module enrolments with their vouchers, and what a student
pays per academic year (`finances_of`), each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from parcours.accounts.models import User, Viewer
from parcours.core.web import Check, checks
from parcours.curriculum.models import Institution, ProgrammeVariant, Unit
from parcours.curriculum.permissions import is_administrator
from parcours.registrations.models import Registration
from parcours.registrations.permissions import managed_programme_ids
from parcours.registrations.selectors import registrations_of, year_bounds
from parcours.rules import get_rule
from parcours.rules.facts import ModuleFacts, ModulePriceFacts, TuitionFacts
from parcours.stap import selectors as stap
from parcours.studyplans import selectors as studyplans
from parcours.studyplans.models import Enrolment

from .models import Module, ModuleEnrolment, TuitionRate

# --- tuition rates ----------------------------------------------------------------------------


def institutions_for(viewer: Viewer) -> QuerySet[Institution]:
    """The institutions whose tuition rates the viewer keeps (the administrator: all)."""
    if not is_administrator(viewer):
        return Institution.objects.none()
    return Institution.objects.order_by("name", "pk")


def institution_for(viewer: Viewer, asked: Any = None) -> Institution | None:
    found = institutions_for(viewer)
    asked = str(asked or "")
    return (found.filter(pk=int(asked)).first() if asked.isdigit() else None) or found.first()


def _registrations_in_year(institution_ref: Any) -> Subquery:
    rows = (
        Registration.objects.filter(
            enrolment__variant__programme__institution=institution_ref,
            first_year=OuterRef("first_year"),
        )
        .order_by()
        .values("first_year")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(rows, output_field=IntegerField())


def tuition_rates(institution: Institution) -> QuerySet[TuitionRate]:
    """The institution's rates, newest year first, each with how many registrations its year
    has (`registrations`), counted in the same query."""
    return (
        TuitionRate.objects.filter(institution=institution)
        .select_related("entered_by")
        .annotate(registrations=Coalesce(_registrations_in_year(OuterRef("institution")), 0))
    )


def rate_of(institution: Institution, first_year: int) -> TuitionRate | None:
    return TuitionRate.objects.filter(institution=institution, first_year=first_year).first()


def rates_by_year(institution_id: int) -> dict[int, int]:
    return dict(
        TuitionRate.objects.filter(institution_id=institution_id).values_list(
            "first_year", "amount_cents"
        )
    )


def year_fixed(institution: Institution, first_year: int, today: date) -> str:
    """Why a year's rate may no longer be corrected ("started", "registrations") or ""."""
    first, _last = year_bounds(institution, first_year)
    if today >= first:
        return "started"
    if Registration.objects.filter(
        enrolment__variant__programme__institution=institution, first_year=first_year
    ).exists():
        return "registrations"
    return ""


# --- modules ------------------------------------------------------------------------------------


def with_ec(modules: QuerySet[Module]) -> QuerySet[Module]:
    """Each module with the sum of its units' EC (`ec`) and their number (`unit_count`)."""
    return modules.annotate(
        ec=Coalesce(Sum("units__ec"), Value(0)), unit_count=Count("units", distinct=True)
    )


def modules_for(user: Viewer) -> QuerySet[Module]:
    """The modules the user manages: all for the administrator, else those of their
    programmes."""
    rows = Module.objects.select_related("variant__programme")
    if not is_administrator(user):
        rows = rows.filter(variant__programme_id__in=managed_programme_ids(user))
    return with_ec(rows)


def variants_for(user: Viewer) -> QuerySet[ProgrammeVariant]:
    rows = ProgrammeVariant.objects.select_related("programme")
    if not is_administrator(user):
        rows = rows.filter(programme_id__in=managed_programme_ids(user))
    return rows.order_by("programme__name_nl", "form")


def units_for(user: Viewer) -> QuerySet[Unit]:
    """The units a module of the user's variants may group (their OERs' units)."""
    rows = Unit.objects.select_related("oer")
    if not is_administrator(user):
        rows = rows.filter(oer__variant__programme_id__in=managed_programme_ids(user))
    return rows.order_by("oer__variant_id", "-oer__academic_year", "position", "code")


def module_check(variant: ProgrammeVariant, units: list[Unit], *, on: date) -> Any:
    facts = ModuleFacts(
        demand_financed=variant.programme.demand_financed,
        module_ec=sum(u.ec for u in units),
        units=len(units),
    )
    return get_rule("financing.module")(facts, on=on)


def module_ec(module: Module) -> int:
    return int(module.units.aggregate(ec=Coalesce(Sum("ec"), Value(0)))["ec"])


def modules_offered(enrolment: Enrolment) -> QuerySet[Module]:
    """The modules of the enrolment's variant, with their EC and whether the student is
    enrolled (`enrolled`)."""
    mine = ModuleEnrolment.objects.filter(enrolment=enrolment, module=OuterRef("pk"))
    return with_ec(Module.objects.filter(variant_id=enrolment.variant_id)).annotate(
        enrolled=Exists(mine)
    )


def module_enrolments_of(enrolment: Enrolment) -> QuerySet[ModuleEnrolment]:
    """The student's module enrolments in this enrolment, each with its module's EC
    (`module_ec`) and its voucher verdict when asked."""
    ec = (
        Unit.objects.filter(modules=OuterRef("module_id"))
        .order_by()
        .values("modules")
        .annotate(total=Sum("ec"))
        .values("total")
    )
    return (
        ModuleEnrolment.objects.filter(enrolment=enrolment)
        .select_related("module", "voucher")
        .annotate(module_ec=Coalesce(Subquery(ec, output_field=IntegerField()), 0))
    )


# --- what a student pays ------------------------------------------------------------------------


@dataclass
class ModuleLine:
    row: ModuleEnrolment
    ec: int
    price_cents: int | None
    voucher_cents: int
    to_pay_cents: int | None
    price_check: Check


@dataclass
class FinanceYear:
    first_year: int
    statutory_cents: int | None = None  # the tuition of a registration year (not demand-financed)
    tuition_check: Check | None = None
    modules: list[ModuleLine] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.first_year}-{self.first_year + 1}"


@dataclass
class Finances:
    enrolment: Enrolment
    demand_financed: bool
    own_route_units: int
    years: list[FinanceYear]


def _tuition_years(enrolment: Enrolment, rates: dict[int, int], own: int, on: date) -> list[Any]:
    years = []
    for first_year in sorted({r.first_year for r in registrations_of(enrolment)}):
        statutory = rates.get(first_year)
        result = None
        if statutory is not None:
            facts = TuitionFacts(
                statutory_cents=statutory, charged_cents=statutory, own_route_units=own
            )
            result = checks([get_rule("tuition.route-independent")(facts, on=on)])[0]
        years.append(FinanceYear(first_year, statutory, result))
    return years


def _module_years(enrolment: Enrolment, rates: dict[int, int], on: date) -> list[FinanceYear]:
    by_year: dict[int, FinanceYear] = {}
    price_rule = get_rule("financing.module-price")
    rows: Any = module_enrolments_of(enrolment).order_by("module__first_year", "module__code")
    for row in rows:
        year = row.module.first_year
        statutory = rates.get(year, 0)
        result = price_rule(
            ModulePriceFacts(statutory_cents=statutory, module_ec=row.module_ec), on=on
        )
        price = result.values_used["price_cents"] if result.ok else None
        verdict = getattr(row, "voucher", None)
        voucher = verdict.amount_cents if verdict is not None else 0
        to_pay = max(price - voucher, 0) if price is not None else None
        line = ModuleLine(row, row.module_ec, price, voucher, to_pay, checks([result])[0])
        by_year.setdefault(year, FinanceYear(year)).modules.append(line)
    return [by_year[y] for y in sorted(by_year)]


def finances_of(enrolment: Enrolment, *, on: date) -> Finances:
    """What the student pays per academic year in this enrolment: the statutory tuition of
    each year they are registered (rule tuition.route-independent: their own routes do not
    change it), or in a demand-financed variant per module its price (rule
    financing.module-price) less the voucher granted (rule financing.voucher)."""
    demand = enrolment.variant.programme.demand_financed
    rates = rates_by_year(enrolment.variant.programme.institution_id)
    own = studyplans.own_route_units([enrolment.pk]).get(enrolment.pk, 0)
    years = _module_years(enrolment, rates, on) if demand else []
    if not demand:
        years = _tuition_years(enrolment, rates, own, on)
    return Finances(enrolment, demand, own, years)


def enrolments_of(student: User) -> QuerySet[Enrolment]:
    return studyplans.enrolments_of_student(student).select_related(
        "variant__programme__institution"
    )


def stap_claims_of(student: User) -> list[Any]:
    """The student's STAP training-budget claims (rule financing.stap) with why each was
    granted, capped or refused in the page's language (`why`), for the finances page."""
    language = get_language() or "nl"
    claims = list(stap.stap_claims_of(student).order_by("-claimed_on", "-id"))
    for claim in claims:
        claim.why = claim.reason(language)  # type: ignore[attr-defined]
    return claims


def verdict_reason(row: ModuleEnrolment) -> str:
    verdict = getattr(row, "voucher", None)
    return verdict.reason(get_language() or "nl") if verdict is not None else ""
