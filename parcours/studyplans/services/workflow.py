"""The workflow of a plan version: submit, return (advise against), agree, amend, refer to the
exam committee against the coach's advice, establish; completing a plan.

The coach advises, the exam committee decides (rule studyplan.committee-referral): a version
the coach returned with advice against can still reach the committee when the student sends it
with their own reasons; the advice travels with the version."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.core.progress import enrolments_changed
from parcours.notifications import services as notifications
from parcours.notifications.models import Kind
from parcours.rules.facts import CommitteeReferralFacts, UnitDecisionFacts
from parcours.rules.study_plans import (
    studyplan_committee_referral,
    studyplan_own_route_established,
)

from .. import permissions
from ..models import Enrolment, LargeActivity, PlanActivity, PlanUnit, PlanVersion, StudyPlan
from ..selectors import version_check, version_with_content
from .common import Status, lock, not_a_draft, today, transition


def _enrolment(version: PlanVersion) -> Enrolment:
    return Enrolment.objects.select_related("student", "coach").get(pk=version.plan.enrolment_id)


def _completeness(version: PlanVersion) -> list[str]:
    """Own routes need their agreements before the coach can look at them."""
    missing = []
    for pu in version.units.all():
        if pu.route == PlanUnit.Route.B and not pu.activities.all():
            missing.append(f"{pu.unit.code}: B")
        if pu.route == PlanUnit.Route.D and pu.large_activity_id is None:
            missing.append(f"{pu.unit.code}: D")
    return missing


@transaction.atomic
def version_submit(
    version: PlanVersion, *, actor: User, expected_lock_version: int, on: date | None = None
) -> PlanVersion:
    """Hand the draft to the coach: it must fit one plan, be feasible, and say for every own
    route which activities (B) or which large activity (D) it relies on."""
    require(permissions.can_submit_version(actor, version))
    version = version_with_content(version.pk)
    if version.status != Status.DRAFT:
        raise not_a_draft(version)
    results = raise_if_refused(version_check(version, on=on or today()))
    missing = _completeness(version)
    if missing:
        raise DomainError(
            "Nog niet compleet: bij route B hoort ten minste één leeractiviteit, bij route D een "
            "grote leeractiviteit (" + "; ".join(missing) + ").",
            "Not complete yet: route B needs at least one learning activity, route D a large "
            "activity (" + "; ".join(missing) + ").",
        )
    lock(version, expected_lock_version, {"status": "submitted"})
    transition(version, {Status.DRAFT}, Status.SUBMITTED, submitted_at=timezone.now())
    audit_record(
        actor, "plan_version.submit", version, warnings=[r.rule_id for r in results if r.warning]
    )
    notifications.notify(Kind.PLAN_SUBMITTED, version.pk, users=[_enrolment(version).coach])
    return version


@transaction.atomic
def version_return(version: PlanVersion, *, actor: User, comment: str) -> PlanVersion:
    """The coach sends a submitted version back with comments, advising against it; it stays as
    it was, and the student amends it into a new version or puts it to the exam committee as it
    is (version_refer)."""
    require(permissions.can_review_version(actor, version))
    if not comment.strip():
        raise DomainError(
            "Schrijf erbij wat er anders moet.",
            "Say what needs to change.",
            field="comment",
        )
    transition(
        version,
        {Status.SUBMITTED},
        Status.RETURNED,
        coach_comment=comment,
        coach_advice=PlanVersion.Advice.AGAINST,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )
    audit_record(actor, "plan_version.return", version, comment=comment)
    notifications.notify(Kind.PLAN_RETURNED, version.pk, users=[_enrolment(version).student])
    return version


@transaction.atomic
def version_agree(version: PlanVersion, *, actor: User, comment: str = "") -> PlanVersion:
    require(permissions.can_review_version(actor, version))
    transition(
        version,
        {Status.SUBMITTED},
        Status.AGREED,
        coach_comment=comment,
        coach_advice=PlanVersion.Advice.AGREE,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )
    audit_record(actor, "plan_version.agree", version, comment=comment)
    notifications.notify(Kind.PLAN_AGREED, version.pk, users=[_enrolment(version).student])
    return version


OPEN = [Status.DRAFT, Status.SUBMITTED, Status.AGREED, Status.AGAINST_ADVICE]
# what the exam committee (or the delegated coach, for AGREED only) establishes
ESTABLISHABLE = {Status.AGREED, Status.AGAINST_ADVICE}


def referral_facts(version: PlanVersion, *, sender: str, reasons: str) -> CommitteeReferralFacts:
    return CommitteeReferralFacts(coach_advice=version.coach_advice, sender=sender, reasons=reasons)


@transaction.atomic
def version_refer(
    version: PlanVersion, *, actor: User, reasons: str, on: date | None = None
) -> PlanVersion:
    """The student puts a version their coach returned with advice against to the exam
    committee as it is, with their own reasons; the coach's advice and comment stay with it
    (rule studyplan.committee-referral)."""
    require(permissions.can_refer_version(actor, version))
    on = on or today()
    version.refresh_from_db()
    sender = "student" if permissions.is_student_of(actor, version.plan.enrolment) else "coach"
    raise_if_refused(
        [
            studyplan_committee_referral(
                referral_facts(version, sender=sender, reasons=reasons), on=on
            )
        ]
    )
    if version.status != Status.RETURNED:
        raise DomainError(
            f"Versie {version.number} is {version.get_status_display()}: alleen een versie die de "
            "coach met een negatief advies teruggaf, kan zo worden voorgelegd.",
            f"Version {version.number} is {version.status}: only a version the coach returned "
            "with advice against can be put forward this way.",
        )
    if version.plan.versions.filter(number__gt=version.number).exists():
        raise DomainError(
            "Er is al een nieuwere versie van dit plan.",
            "There is already a newer version of this plan.",
        )
    transition(
        version,
        {Status.RETURNED},
        Status.AGAINST_ADVICE,
        student_reasons=reasons.strip(),
        referred_at=timezone.now(),
    )
    audit_record(
        actor,
        "plan_version.refer",
        version,
        coach_advice=version.coach_advice,
        reasons=reasons.strip(),
    )
    return version


@transaction.atomic
def version_amend(version: PlanVersion, *, actor: User) -> PlanVersion:
    """A new draft version based on a returned or the established version."""
    require(permissions.can_amend_version(actor, version))
    plan = StudyPlan.objects.select_for_update().get(pk=version.plan_id)
    version = version_with_content(version.pk)
    if version.status not in (Status.RETURNED, Status.ESTABLISHED):
        raise DomainError(
            "Alleen een teruggegeven of vastgestelde versie kan worden aangepast.",
            "Only a returned or an established version can be amended.",
        )
    if plan.versions.filter(status__in=OPEN).exists():
        raise DomainError(
            "Er loopt al een nieuwere versie van dit plan.",
            "A newer version of this plan is already under way.",
        )
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = PlanVersion.objects.create(
        plan=plan,
        number=number,
        based_on=version,
        hours_per_week=version.hours_per_week,
        notes=version.notes,
        created_by=actor,
    )
    large = {}
    for la in version.large_activities.all():
        copy = LargeActivity.objects.create(
            version=draft,
            kind=la.kind,
            title=la.title,
            hours=la.hours,
            description=la.description,
        )
        copy.outcomes.set(la.outcomes.all())
        large[la.pk] = copy
    for pu in version.units.all():
        new_pu = PlanUnit.objects.create(
            version=draft,
            unit=pu.unit,
            route=pu.route,
            assessment=pu.assessment,
            guidance=pu.guidance,
            planned_start=pu.planned_start,
            planned_end=pu.planned_end,
            aimed_level=pu.aimed_level,
            large_activity=large.get(pu.large_activity_id or 0),
        )
        for a in pu.activities.all():
            copied = PlanActivity.objects.create(
                plan_unit=new_pu,
                source=a.source,
                activity=a.activity,
                title=a.title,
                provider=a.provider,
                kind=a.kind,
                hours=a.hours,
                url=a.url,
            )
            copied.outcomes.set(a.outcomes.all())
    enrolments_changed([plan.enrolment_id])
    audit_record(actor, "plan_version.amend", draft, based_on=version.number)
    return draft


@transaction.atomic
def version_establish(
    version: PlanVersion,
    *,
    actor: User,
    decisions: dict[int, tuple[str, str]],
    on: date | None = None,
) -> PlanVersion:
    """Establish an agreed version, unit by unit: `decisions` maps each plan unit's id to
    ("established" | "refused", reasons). A refused unit falls back to the facilitated route.
    The version keeps its grounds; the previously established version is superseded."""
    require(permissions.can_establish_version(actor, version))
    on = on or today()
    version = version_with_content(version.pk)
    if version.status not in ESTABLISHABLE:
        raise DomainError(
            "Alleen een versie waarmee de coach akkoord ging, of die de student tegen het advies "
            "van de coach in voorlegde, kan worden vastgesteld.",
            "Only a version the coach agreed to, or one the student put forward against the "
            "coach's advice, can be established.",
        )
    units = list(version.units.all())
    if set(decisions) - {pu.pk for pu in units}:
        raise DomainError(
            "Besluiten over eenheden buiten deze versie.",
            "Decisions on units outside this version.",
            field="decisions",
        )
    unknown = {d for d, _ in decisions.values()} - {
        PlanUnit.Decision.ESTABLISHED,
        PlanUnit.Decision.REFUSED,
    }
    if unknown:
        raise DomainError(
            "Besluiten over eenheden buiten deze versie of onbekende besluiten worden niet "
            "aanvaard.",
            "Decisions on units outside this version, or unknown decisions, are not accepted.",
            field="decisions",
        )
    undecided = [pu.unit.code for pu in units if pu.pk not in decisions]
    if undecided:
        raise DomainError(
            "Neem voor elke eenheid een besluit: " + ", ".join(undecided) + ".",
            "Decide on every unit: " + ", ".join(undecided) + ".",
            field="decisions",
        )
    unreasoned = [
        pu.unit.code
        for pu in units
        if decisions[pu.pk][0] == PlanUnit.Decision.REFUSED and not decisions[pu.pk][1].strip()
    ]
    if unreasoned:
        raise DomainError(
            "Een weigering vraagt een motivering: " + ", ".join(unreasoned) + ".",
            "A refusal needs reasons: " + ", ".join(unreasoned) + ".",
            field="decisions",
        )
    grounds = [r.grounds() for r in version_check(version, on=on)]
    if version.status == Status.AGAINST_ADVICE:
        facts = referral_facts(version, sender="student", reasons=version.student_reasons)
        grounds.append(
            {
                **studyplan_committee_referral(facts, on=on).grounds(),
                "coach_comment": version.coach_comment,
                "student_reasons": version.student_reasons,
            }
        )
    for pu in units:
        decision, reason = decisions[pu.pk]
        pu.decision, pu.decision_reason = decision, reason.strip()
        pu.save(update_fields=["decision", "decision_reason"])
        result = studyplan_own_route_established(
            UnitDecisionFacts(chosen_route=pu.route, decision=decision), on=on
        )
        grounds.append({**result.grounds(), "unit": pu.unit.code, "reason": pu.decision_reason})
    PlanVersion.objects.filter(plan=version.plan, status=Status.ESTABLISHED).update(
        status=Status.SUPERSEDED
    )
    transition(
        version,
        set(ESTABLISHABLE),
        Status.ESTABLISHED,
        established_by=actor,
        established_at=timezone.now(),
        grounds=grounds,
    )
    audit_record(
        actor,
        "plan_version.establish",
        version,
        decisions={str(k): v[0] for k, v in decisions.items()},
    )
    notifications.notify(Kind.PLAN_ESTABLISHED, version.pk, users=[_enrolment(version).student])
    return version


@transaction.atomic
def plan_complete(plan: StudyPlan, *, actor: User) -> StudyPlan:
    require(permissions.is_coach_of(actor, plan.enrolment))
    if not plan.versions.filter(status=Status.ESTABLISHED).exists():
        raise DomainError(
            "Een plan zonder vastgestelde versie kan niet worden afgerond.",
            "A plan without an established version cannot be completed.",
        )
    plan.completed_at = timezone.now()
    plan.save(update_fields=["completed_at"])
    audit_record(actor, "plan.complete", plan)
    return plan
