"""Every exam-committee decision write: drafted, updated, made known, corrected.

A decision is drafted, then made known. Making it known checks every Awb part (rule
decision.awb-complete), computes the appeal deadline (Awb 6:7-6:8 with the Algemene
termijnenwet) and freezes it: a made-known decision never changes, a correction is a new
decision that refers to it. The drafts of an exemption (on a desk request) and of the decision on
a study plan version start here too."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, RuleViolation, raise_if_refused, require
from parcours.curriculum.models import Programme
from parcours.notifications import services as notifications
from parcours.notifications.models import Kind
from parcours.rules.decisions import (
    decision_appeal_deadline,
    decision_awb_complete,
    exemption_grounds,
)
from parcours.rules.facts import AppealFacts, DecisionFacts, ExemptionFacts
from parcours.studyplans.models import Enrolment, PlanUnit, PlanVersion

from .. import permissions, selectors
from ..models import Decision, DecisionUnit, DeskRequest
from .kept import decision_progress_refresh

Status = DeskRequest.Status

LEGAL_BASIS: dict[str, str] = {
    Decision.Kind.EXEMPTION: "WHW art. 7.12b lid 1 onder d; OER, vrijstellingen",
    Decision.Kind.STUDY_PLAN: "Wet leeruitkomsten hoger onderwijs (Kamerstukken 36 136); OER",
    Decision.Kind.DIPLOMA: "WHW art. 7.11",
    Decision.Kind.PROPEDEUSE: "WHW art. 7.8 en 7.11",
    Decision.Kind.BSA: "WHW art. 7.8b",
}
# A decision in English is worded in English throughout: its prefilled parts too.
LEGAL_BASIS_EN: dict[str, str] = {
    Decision.Kind.EXEMPTION: (
        "WHW art. 7.12b(1)(d); Education and Examination Regulations (OER), exemptions"
    ),
    Decision.Kind.STUDY_PLAN: (
        "Act on units of learning outcomes in higher education (Wet leeruitkomsten hoger "
        "onderwijs, Kamerstukken 36 136); Education and Examination Regulations (OER)"
    ),
    Decision.Kind.DIPLOMA: "WHW art. 7.11",
    Decision.Kind.BSA: "WHW art. 7.8b",
}


def english(language: str | None) -> bool:
    return (language or "nl").startswith("en")


def legal_basis(kind: str, language: str) -> str:
    return (LEGAL_BASIS_EN if english(language) else LEGAL_BASIS).get(kind, "")


def default_body(programme: Programme, language: str) -> str:
    """The decision-making body as the letter names it, in the decision's language."""
    if english(language):
        return f"Examination Board {programme.name_en or programme.name_nl}"
    return f"Examencommissie {programme.name_nl}"


def default_appeal_clause(language: str) -> str:
    """The appeal clause (Awb 3:45): where and within what term to appeal. The letter adds the
    computed last day."""
    if language == "en":
        return (
            "You may lodge an appeal against this decision with the Examination Appeals Board "
            "(College van beroep voor de examens, WHW art. 7.61) within six weeks of the day "
            "after this decision was made known (Awb art. 6:7 and 6:8)."
        )
    return (
        "Tegen dit besluit kunt u binnen zes weken na de dag waarop het is bekendgemaakt "
        "beroep instellen bij het College van beroep voor de examens (WHW art. 7.61; Awb art. "
        "6:7 en 6:8)."
    )


AWB_RULE = "decision.awb-complete"


def missing_parts(refused: RuleViolation) -> list[str]:
    """The Awb parts a refusal to make a decision known names as missing (rule
    decision.awb-complete), by field name; none when that rule did not refuse."""
    return [
        part
        for result in refused.results
        if result.rule_id == AWB_RULE
        for part in result.values_used.get("missing", [])
    ]


def decision_facts(decision: Decision) -> DecisionFacts:
    return DecisionFacts(
        body=decision.body,
        members=tuple(str(m) for m in decision.members),
        decided_on=decision.decided_on,
        legal_basis=decision.legal_basis,
        reasons=decision.reasons,
        outcome=decision.outcome,
        appeal_clause=decision.appeal_clause,
        evidence_cited=bool(decision.evidence_cited),
    )


DRAFT_FIELDS = (
    "body",
    "members",
    "decided_on",
    "legal_basis",
    "reasons",
    "evidence_cited",
    "outcome",
    "appeal_clause",
    "language",
)


@transaction.atomic
def decision_draft(
    programme: Programme,
    *,
    actor: User,
    kind: str,
    student: User,
    enrolment: Enrolment | None = None,
    desk_request: DeskRequest | None = None,
    corrects: Decision | None = None,
    unit_grants: dict[int, bool] | None = None,
    content: dict[str, Any] | None = None,
    **fields: Any,
) -> Decision:
    """A draft decision, prefilled with the committee, its members, the legal basis and the
    appeal clause; parts may stay empty until it is made known."""
    require(permissions.can_decide(actor, programme.pk))
    if kind == Decision.Kind.ADMISSION:
        # admission is decided by the programme's staff on /toelating/ (parcours.admissions)
        raise DomainError(
            "Over toelating beslist de opleiding, niet de examencommissie; een "
            "toelatingsbesluit wordt hier niet opgesteld of gecorrigeerd.",
            "Admission is decided by the programme, not the exam committee; an admission "
            "decision is not drafted or corrected here.",
        )
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"not decision fields: {sorted(unknown)}")
    language = fields.get("language") or getattr(student, "preferred_language", "nl") or "nl"
    defaults = {
        "body": default_body(programme, language),
        "members": selectors.committee_members(programme),
        "legal_basis": legal_basis(kind, language),
        "appeal_clause": default_appeal_clause(language),
        "language": language,
    }
    if corrects is not None and not corrects.is_known:
        raise DomainError(
            "Alleen een bekendgemaakt besluit wordt gecorrigeerd; pas het concept zelf aan.",
            "Only a decision made known is corrected; edit the draft itself.",
        )
    decision = Decision.objects.create(
        kind=kind,
        student=student,
        programme=programme,
        enrolment=enrolment,
        desk_request=desk_request,
        corrects=corrects,
        created_by=actor,
        content=content or {},
        **(defaults | fields),
    )
    _set_units(decision, unit_grants or {})
    audit_record(actor, "decision.draft", decision, kind=kind, student=student.pk)
    return decision


def decision_correct(original: Decision, *, actor: User) -> Decision:
    """A correction of a decision made known: a new draft that refers to it, prefilled with its
    content; the original stays as it was (a draft is edited, not corrected)."""
    return decision_draft(
        original.programme,
        actor=actor,
        kind=original.kind,
        student=original.student,
        enrolment=original.enrolment,
        desk_request=original.desk_request,
        corrects=original,
        unit_grants={du.unit_id: du.granted for du in original.decision_units.all()},
        content=original.content,
        reasons=original.reasons,
        evidence_cited=list(original.evidence_cited),
        legal_basis=original.legal_basis,
        language=original.language,
        **({} if original.kind == Decision.Kind.EXEMPTION else {"outcome": original.outcome}),
    )


def _set_units(decision: Decision, unit_grants: dict[int, bool]) -> None:
    if not unit_grants:
        return
    units = {
        u.pk: u
        for u in selectors.units_for_exemption(decision.programme).filter(pk__in=unit_grants)
    }
    if set(units) != set(unit_grants):
        raise DomainError(
            "Een eenheid hoort niet bij deze opleiding.",
            "A unit is not part of this programme.",
            field="units",
        )
    decision.decision_units.all().delete()
    DecisionUnit.objects.bulk_create(
        DecisionUnit(decision=decision, unit=units[pk], granted=granted, ec=units[pk].ec)
        for pk, granted in unit_grants.items()
    )
    granted = [g for g in unit_grants.values() if g]
    if decision.kind == Decision.Kind.EXEMPTION:
        decision.outcome = (
            Decision.Outcome.GRANTED
            if len(granted) == len(unit_grants)
            else Decision.Outcome.PARTLY
            if granted
            else Decision.Outcome.REFUSED
        )
        decision.save(update_fields=["outcome"])


def _editable(decision: Decision) -> Decision:
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.is_known:
        raise DomainError(
            "Een bekendgemaakt besluit verandert niet meer; neem een nieuw besluit dat het "
            "corrigeert.",
            "A decision made known no longer changes; take a new decision that corrects it.",
        )
    return locked


@transaction.atomic
def decision_update(
    decision: Decision, *, actor: User, unit_grants: dict[int, bool] | None = None, **fields: Any
) -> Decision:
    require(permissions.can_decide(actor, decision.programme_id))
    decision = _editable(decision)
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"not decision fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.save()
    if unit_grants is not None:
        _set_units(decision, unit_grants)
    audit_record(actor, "decision.update", decision, fields=sorted(fields))
    return decision


@transaction.atomic
def decision_make_known(decision: Decision, *, actor: User, on: date) -> Decision:
    """Make the decision known: refused while an Awb part is missing (each missing part is
    named); then the appeal deadline is computed, once (rule decision.appeal-deadline), stored
    with the grounds, and the decision is frozen."""
    require(permissions.can_decide(actor, decision.programme_id))
    decision = _editable(decision)
    results = [decision_awb_complete(decision_facts(decision), on=on)]
    if decision.kind == Decision.Kind.EXEMPTION:
        units = list(decision.decision_units.select_related("unit"))
        if not units:
            raise_if_refused(results)  # name every missing Awb part (the outcome among them)
            raise DomainError(
                "Kies per eenheid: vrijstelling verleend of niet.",
                "Choose per unit: exemption granted or not.",
                field="units",
            )
        for du in units:
            if du.granted:
                results.append(
                    exemption_grounds(
                        ExemptionFacts(
                            unit_code=du.unit.code,
                            evidence=tuple(str(e) for e in decision.evidence_cited),
                            reasons=decision.reasons,
                        ),
                        on=on,
                    )
                )
    raise_if_refused(results)
    appeal = decision_appeal_deadline(AppealFacts(made_known=on), on=on)
    decision.made_known_on = on
    decision.appeal_deadline = appeal.values_used["deadline"]
    decision.grounds = [r.grounds() for r in [*results, appeal]]
    decision.save()
    decision_progress_refresh(decision)
    if decision.desk_request_id:
        DeskRequest.objects.filter(pk=decision.desk_request_id).update(
            status=Status.DECIDED, decided_at=timezone.now()
        )
    audit_record(
        actor,
        "decision.make_known",
        decision,
        outcome=decision.outcome,
        made_known_on=on.isoformat(),
        appeal_deadline=decision.appeal_deadline.isoformat(),
        corrects=decision.corrects_id,
    )
    notifications.notify(Kind.DECISION_KNOWN, decision.pk, users=[decision.student])
    return decision


@transaction.atomic
def decision_save_and_make_known(
    decision: Decision,
    *,
    actor: User,
    on: date,
    unit_grants: dict[int, bool] | None = None,
    **fields: Any,
) -> Decision:
    """Save the editor's input and make the decision known, in one transaction: refused while
    an Awb part is missing (each named), and then nothing of the input is saved."""
    decision_update(decision, actor=actor, unit_grants=unit_grants, **fields)
    return decision_make_known(decision, actor=actor, on=on)


def exemption_draft(
    request: DeskRequest,
    *,
    actor: User,
    student: User | None = None,
    **fields: Any,
) -> Decision:
    """Start the exemption decision on a desk request: every requested unit, none granted yet;
    the evidence list holds the request's documents."""
    require(permissions.can_handle_desk_request(actor, request))
    if request.kind != DeskRequest.Kind.EXEMPTION:
        raise DomainError(
            "Een vraag krijgt een antwoord, geen besluit.",
            "A question gets an answer, not a decision.",
        )
    student = student or request.requester
    if student is None:
        raise DomainError("Dit verzoek heeft geen aanvrager.", "This request has no requester.")
    request.refresh_from_db(fields=["status"])
    if request.status == Status.DECIDED:
        raise DomainError(
            "Over dit verzoek is al beslist; corrigeer zo nodig het besluit.",
            "This request has been decided; correct the decision if needed.",
        )
    enrolment = selectors.enrolment_in(student, request.programme)
    language = fields.get("language") or getattr(student, "preferred_language", "nl") or "nl"
    with translation.override(language):  # the evidence is cited in the letter's language
        evidence = [
            f"{d.get_kind_display()}: {d.original_name}" + (f" ({d.issuer})" if d.issuer else "")
            for d in request.documents.all()
        ] + [f"Portfolio: {i.title}" for i in request.portfolio_items.all()]
    fields.setdefault("evidence_cited", evidence)
    with transaction.atomic():
        if request.status == Status.RECEIVED:
            request.status = Status.IN_REVIEW
            request.save(update_fields=["status"])
        return decision_draft(
            request.programme,
            actor=actor,
            kind=Decision.Kind.EXEMPTION,
            student=student,
            enrolment=enrolment,
            desk_request=request,
            unit_grants={u.pk: False for u in request.units.all()},
            **fields,
        )


@transaction.atomic
def study_plan_decision_draft(version: PlanVersion, *, actor: User) -> Decision:
    """The decision letter on an established study plan version: per unit whether the chosen
    route was established (a refused unit falls back to the facilitated route), with the
    committee's reasons per unit. One decision per version; asking again opens it."""
    enrolment = version.plan.enrolment
    programme = enrolment.variant.programme
    require(permissions.can_decide(actor, programme.pk))
    existing = Decision.objects.filter(kind=Decision.Kind.STUDY_PLAN, plan_version=version).first()
    if existing is not None:
        return existing
    if version.status not in (PlanVersion.Status.ESTABLISHED, PlanVersion.Status.SUPERSEDED):
        raise DomainError(
            "Alleen over een vastgestelde versie van een studieplan volgt een besluit.",
            "Only an established version of a study plan is followed by a decision.",
        )
    units = list(version.units.select_related("unit"))
    granted = {pu.unit_id: pu.decision == PlanUnit.Decision.ESTABLISHED for pu in units}
    outcome = (
        Decision.Outcome.ESTABLISHED
        if all(granted.values())
        else Decision.Outcome.PARTLY
        if any(granted.values())
        else Decision.Outcome.NOT_ESTABLISHED
    )
    language = getattr(enrolment.student, "preferred_language", "nl") or "nl"
    en = english(language)
    lines = [
        f"{pu.unit.code} (route {pu.route}): "
        + (
            ("established" if en else "vastgesteld")
            if granted[pu.unit_id]
            else (
                "not established; the facilitated route applies"
                if en
                else "niet vastgesteld; de gefaciliteerde route geldt"
            )
        )
        + (f" — {pu.decision_reason}" if pu.decision_reason else "")
        for pu in units
    ]
    agreed = f"{version.reviewed_at:%Y-%m-%d}" if version.reviewed_at else ""
    if en:
        evidence = f"Study plan '{version.plan.title}', version {version.number}" + (
            f", agreed by the coach on {agreed}" if agreed else ""
        )
    else:
        evidence = f"Studieplan '{version.plan.title}', versie {version.number}" + (
            f", akkoord coach {agreed}" if agreed else ""
        )
    established_on = timezone.localdate(version.established_at) if version.established_at else None
    decision = decision_draft(
        programme,
        actor=actor,
        kind=Decision.Kind.STUDY_PLAN,
        student=enrolment.student,
        enrolment=enrolment,
        decided_on=established_on,
        language=language,
        reasons="\n".join(lines),
        evidence_cited=[evidence],
        content={"plan_version": version.pk, "plan": version.plan.title, "number": version.number},
    )
    decision.plan_version = version
    decision.outcome = outcome
    decision.save(update_fields=["plan_version", "outcome"])
    DecisionUnit.objects.bulk_create(
        DecisionUnit(decision=decision, unit=pu.unit, granted=granted[pu.unit_id], ec=pu.unit.ec)
        for pu in units
    )
    return decision
