"""The admission decision: admitted or not admitted, taken by the programme's staff and recorded
as an Awb decision with the exam committee's machinery (`admission_decision_record`: reasons,
date, body, legal basis, appeal clause and deadline; made known at once, then immutable, with
its PDF letter). A refusal names its grounds from a fixed list; rule admission.same-conditions
refuses a wish for an own route or flexibility as a ground, and then nothing is written. An
admission enrols the applicant from the chosen start moment in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import translation

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.examcommittee import services as decisions
from parcours.notifications import services as notifications
from parcours.notifications.models import Kind
from parcours.rules.facts import AdmissionFacts
from parcours.rules.funding import admission_same_conditions
from parcours.studyplans.services import enrolment_create

from .. import permissions
from ..models import Application

# The grounds a refusal may name (the wish grounds are offered so the rule can refuse them
# with its reason; they are never stored).
GROUNDS: dict[str, tuple[str, str]] = {
    "requirements_not_met": (
        "U voldoet niet aan de toelatingseisen (vooropleidingseisen) van de opleiding.",
        "You do not meet the programme's admission (prior-education) requirements.",
    ),
    "late_application": (
        "Uw aanmelding kwam na de uiterste aanmelddatum voor dit startmoment binnen.",
        "Your application arrived after the closing date for this start moment.",
    ),
    "numerus_fixus": (
        "Het aantal plaatsen van de opleiding is beperkt (numerus fixus) en er is geen plaats.",
        "The programme has a limited number of places (numerus fixus) and none is left.",
    ),
    "other": ("Andere grond:", "Other ground:"),
    "own_route_wish": ("Wens voor een eigen route.", "Wish for an own route."),
    "flexibility_wish": ("Wens voor flexibiliteit.", "Wish for flexibility."),
}
ADMITTED_TEXT = (
    "U voldoet aan de toelatingseisen van de opleiding; uw wens voor uw route is vastgelegd "
    "en speelt bij de toelating geen rol.",
    "You meet the programme's admission requirements; your wish for your route is recorded and "
    "plays no part in admission.",
)


REQUIREMENTS_TEXT = (
    "De toelatingseisen van de opleiding:",
    "The programme's admission requirements:",
)


def _reasons(
    grounds: list[str],
    other_text: str,
    reasons: str,
    *,
    admitted: bool,
    en: bool,
    requirements: str,
) -> str:
    """The decision's reasons in the letter's language; a refusal on the requirements quotes
    the variant's requirements as recorded when it was decided."""
    pick = 1 if en else 0
    lines = [ADMITTED_TEXT[pick]] if admitted else []
    for ground in grounds:
        line = GROUNDS[ground][pick]
        lines.append(f"{line} {other_text.strip()}" if ground == "other" else line)
        if ground == "requirements_not_met" and requirements:
            lines.append(f"{REQUIREMENTS_TEXT[pick]} {requirements}")
    if reasons.strip():
        lines.append(reasons.strip())
    return "\n".join(lines)


@transaction.atomic
def application_decide(
    application: Application,
    *,
    actor: User,
    admitted: bool,
    grounds: Iterable[str] = (),
    other_text: str = "",
    reasons: str = "",
    on: date,
) -> Application:
    """Decide an application: the Awb decision made known, the enrolment on admission, the
    applicant notified. Refused with the reason, nothing written: an application decided
    before, a ground not on the list, a refusal without grounds or on a wish (rule
    admission.same-conditions), 'other' without its text."""
    programme = application.variant.programme
    require(permissions.can_decide_admission(actor, programme.pk))
    application = (
        Application.objects.select_for_update()
        .select_related("variant__programme__institution", "start_moment", "applicant")
        .get(pk=application.pk)
    )
    if application.status != Application.Status.SUBMITTED:
        raise DomainError(
            "Over deze aanmelding is al beslist.",
            "This application has already been decided.",
        )
    grounds = list(dict.fromkeys(grounds))
    unknown = [g for g in grounds if g not in GROUNDS]
    if unknown:
        raise DomainError(
            f"Onbekende grond: {', '.join(unknown)}.",
            f"Unknown ground: {', '.join(unknown)}.",
            field="grounds",
        )
    if admitted and grounds:
        raise DomainError(
            "Een toelating noemt geen weigeringsgronden.",
            "An admission names no grounds for refusal.",
            field="grounds",
        )
    facts = AdmissionFacts(
        decision="admitted" if admitted else "refused",
        grounds=tuple(grounds),
        own_route_wish=application.own_route_wish or application.flexibility_wish,
    )
    rule = admission_same_conditions(facts, on=on)
    raise_if_refused([rule])
    if "other" in grounds and not other_text.strip():
        raise DomainError("Noem de andere grond.", "Describe the other ground.", field="other_text")
    applicant = application.applicant
    enrolment = None
    if admitted:
        enrolment = enrolment_create(
            applicant,
            actor=actor,
            variant=application.variant,
            start_date=application.start_moment.starts_on,
            on=on,
        )
    language = application.language or "nl"
    en = language.startswith("en")
    variant = application.variant
    requirements = (
        variant.admission_requirements_en or variant.admission_requirements_nl
        if en
        else variant.admission_requirements_nl
    )
    with translation.override(language):
        evidence = [
            f"{d.get_kind_display()}: {d.original_name}" + (f" ({d.issuer})" if d.issuer else "")
            for d in application.documents.all()
        ]
    decision = decisions.admission_decision_record(
        programme,
        actor=actor,
        student=applicant,
        enrolment=enrolment,
        admitted=admitted,
        reasons=_reasons(
            grounds, other_text, reasons, admitted=admitted, en=en, requirements=requirements
        ),
        evidence_cited=evidence,
        rule_results=[rule],
        content={
            "application": application.pk,
            "variant": application.variant_id,
            "start_date": application.start_moment.starts_on.isoformat(),
            "grounds": grounds,
            "other": other_text.strip(),
            "own_route_wish": application.own_route_wish,
            "flexibility_wish": application.flexibility_wish,
        },
        language=language,
        on=on,
    )
    application.status = Application.Status.ADMITTED if admitted else Application.Status.REFUSED
    application.decision = decision
    application.enrolment = enrolment
    application.save(update_fields=["status", "decision", "enrolment"])
    audit_record(
        actor,
        "application.decide",
        application,
        outcome=application.status,
        grounds=grounds,
        decision=decision.pk,
        enrolment=enrolment.pk if enrolment else None,
    )
    notifications.notify(Kind.ADMISSION_DECIDED, application.pk, users=[applicant])
    return application
