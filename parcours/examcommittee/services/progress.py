"""The decisions on a student's progress: the diploma with its supplement, the binding study
advice (BSA), and the personal circumstances the committee weighs in it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import formats, translation

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.studyplans.models import Enrolment

from .. import permissions, selectors
from ..models import (
    Decision,
    PersonalCircumstance,
)
from .decisions import decision_draft, english
from .kept import progress_refresh


@transaction.atomic
def diploma_draft(enrolment: Enrolment, *, actor: User, on: date, **fields: Any) -> Decision:
    """The diploma decision, with the supplement: every unit, EC, how and when achieved.
    Refused while a unit is not achieved (rule diploma.all-units-achieved)."""
    programme = enrolment.variant.programme
    require(permissions.can_decide(actor, programme.pk))
    if Decision.objects.filter(
        kind=Decision.Kind.DIPLOMA,
        student=enrolment.student,
        programme=programme,
        made_known_on__isnull=False,
    ).exists():
        raise DomainError(
            "Deze student heeft het diploma al; corrigeer zo nodig dat besluit.",
            "This student has been awarded the diploma; correct that decision if needed.",
        )
    found = selectors.progress(enrolment.student, programme, on=on, enrolment=enrolment)
    check = selectors.diploma_check(found, on=on)
    raise_if_refused([check])
    fields.setdefault("outcome", Decision.Outcome.DIPLOMA)
    language = fields.get("language") or enrolment.student.preferred_language or "nl"
    fields.setdefault("language", language)
    fields.setdefault(
        "reasons",
        f"All units of the programme have been achieved ({found.ec_done} EC), by assessment or "
        "exemption; see the diploma supplement."
        if english(language)
        else f"Alle eenheden van de opleiding zijn behaald ({found.ec_done} EC), door "
        "beoordeling of vrijstelling; zie het diplomasupplement.",
    )
    fields.setdefault("evidence_cited", unit_evidence(found.units, language))
    fields.setdefault("decided_on", on)
    return decision_draft(
        programme,
        actor=actor,
        kind=Decision.Kind.DIPLOMA,
        student=enrolment.student,
        enrolment=enrolment,
        content={
            "supplement": selectors.supplement(found),
            "ec_total": found.ec_done,
            "nominal_ec": found.nominal_ec,
        },
        **fields,
    )


# How a unit was achieved, as a decision cites it (Dutch, English); {route} is the route.
HOW_CITED: dict[str, tuple[str, str]] = {
    selectors.How.FACILITATED: (
        "beoordeeld na de gefaciliteerde leerroute",
        "assessed after the facilitated route",
    ),
    selectors.How.OWN_ROUTE: (
        "beoordeeld na een eigen leerroute (route {route})",
        "assessed after an own route (route {route})",
    ),
    selectors.How.INTEGRAL: ("integraal beoordeeld", "assessed in an integral assessment"),
    selectors.How.EXEMPTION: ("vrijstelling verleend", "exemption granted"),
}


def unit_evidence(rows: list[selectors.UnitProgress], language: str) -> list[str]:
    """Each unit as the diploma decision cites it, in the decision's language: "AD-4 Integral
    project: assessed in an integral assessment, 2 March 2027", never stored codes."""
    en = english(language)
    with translation.override("en" if en else "nl"):
        return [
            f"{r.unit.code} {r.unit.title_en if en and r.unit.title_en else r.unit.title_nl}: "
            + HOW_CITED.get(r.how, (r.how, r.how))[1 if en else 0].format(route=r.route)
            + (f", {formats.date_format(r.on, 'j F Y')}" if r.on else "")
            for r in rows
        ]


@transaction.atomic
def propedeuse_draft(enrolment: Enrolment, *, actor: User, on: date, **fields: Any) -> Decision:
    """The propedeuse decision, with its certificate: every unit of the propedeuse phase, EC,
    how and when achieved. Refused where the variant has no propedeuse and while a unit of the
    phase is not achieved (rule propedeuse.first-year-units-achieved)."""
    programme = enrolment.variant.programme
    require(permissions.can_decide(actor, programme.pk))
    if Decision.objects.filter(
        kind=Decision.Kind.PROPEDEUSE,
        student=enrolment.student,
        programme=programme,
        made_known_on__isnull=False,
    ).exists():
        raise DomainError(
            "Deze student heeft de propedeuse al; corrigeer zo nodig dat besluit.",
            "This student has been awarded the propedeuse; correct that decision if needed.",
        )
    found = selectors.progress(enrolment.student, programme, on=on, enrolment=enrolment)
    check = selectors.propedeuse_check(found, on=on)
    raise_if_refused([check])
    phase = found.propedeuse or []
    ec_total = sum(r.unit.ec for r in phase)
    fields.setdefault("outcome", Decision.Outcome.PROPEDEUSE)
    fields.setdefault(
        "reasons",
        f"Alle eenheden van de propedeutische fase zijn behaald ({ec_total} EC), door "
        "beoordeling of vrijstelling; zie het propedeusegetuigschrift.",
    )
    fields.setdefault("evidence_cited", [f"{r.unit.code}: {r.how} {r.on}" for r in phase])
    fields.setdefault("decided_on", on)
    return decision_draft(
        programme,
        actor=actor,
        kind=Decision.Kind.PROPEDEUSE,
        student=enrolment.student,
        enrolment=enrolment,
        content={
            "certificate": selectors.propedeuse_lines(found),
            "ec_total": ec_total,
            "rule": check.grounds(),
        },
        **fields,
    )


@transaction.atomic
def bsa_draft(enrolment: Enrolment, *, actor: User, on: date, **fields: Any) -> Decision:
    """The binding study advice after the student's own first year (rule bsa.norm)."""
    programme = enrolment.variant.programme
    require(permissions.can_decide(actor, programme.pk))
    found = selectors.progress(enrolment.student, programme, on=on, enrolment=enrolment)
    if found.bsa is None:
        raise DomainError(
            "Deze opleiding kent geen bindend studieadvies.",
            "This programme has no binding study advice.",
        )
    advice = found.bsa.values_used.get("advice", "")
    if advice == "not_yet":
        raise_if_refused([found.bsa])
    outcome = {
        "positive": Decision.Outcome.BSA_POSITIVE,
        "negative": Decision.Outcome.BSA_NEGATIVE,
        "committee_weighs_circumstances": Decision.Outcome.BSA_POSTPONED,
    }.get(str(advice), "")
    fields.setdefault("outcome", outcome)
    fields.setdefault("decided_on", on)
    return decision_draft(
        programme,
        actor=actor,
        kind=Decision.Kind.BSA,
        student=enrolment.student,
        enrolment=enrolment,
        content={"bsa": found.bsa.grounds()},
        **fields,
    )


@transaction.atomic
def circumstance_record(
    enrolment: Enrolment,
    *,
    actor: User,
    description: str,
    period_from: date,
    period_until: date | None = None,
) -> PersonalCircumstance:
    require(permissions.can_decide(actor, enrolment.variant.programme_id))
    if not description.strip():
        raise DomainError(
            "Beschrijf de omstandigheden.", "Describe the circumstances.", field="description"
        )
    if period_until and period_until < period_from:
        raise DomainError(
            "De einddatum ligt voor de begindatum.",
            "The end date lies before the start date.",
            field="period_until",
        )
    circumstance = PersonalCircumstance.objects.create(
        enrolment=enrolment,
        description=description.strip(),
        period_from=period_from,
        period_until=period_until,
        recorded_by=actor,
    )
    progress_refresh([enrolment.pk])
    audit_record(actor, "bsa.circumstance", enrolment)
    return circumstance
