"""Writes of a request: the student requests an assessment (the evidence frozen as it is) or
withdraws it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Prefetch

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.curriculum.models import AssessmentForm, Unit
from parcours.portfolio.models import EvidenceItem
from parcours.portfolio.selectors import usable_versions
from parcours.studyplans.models import Enrolment
from parcours.studyplans.permissions import is_student_of

from .. import permissions, selectors
from ..models import AssessmentRequest, FrozenEvidence, RequestUnit
from .common import Status, locked


@transaction.atomic
def request_create(
    enrolment: Enrolment,
    *,
    actor: User,
    unit_ids: Iterable[int],
    item_ids: Iterable[int],
    integral: bool,
    note: str = "",
    on: date,
) -> AssessmentRequest:
    """The student requests an assessment of one unit, or an integral assessment of several;
    the chosen evidence is frozen as it is now (current version, link and mapping); a version
    still waiting for the virus scan is not frozen, the newest usable one is."""
    require(is_student_of(actor, enrolment))
    unit_ids = list(dict.fromkeys(unit_ids))
    units = list(
        Unit.objects.filter(
            pk__in=unit_ids, oer__variant_id=enrolment.variant_id, oer__status="published"
        ).prefetch_related("assessment_forms")
    )
    if len(units) != len(unit_ids):
        raise DomainError(
            "Een gekozen eenheid hoort niet bij een gepubliceerde OER van je opleiding.",
            "A chosen unit is not part of a published OER of your programme.",
            field="units",
        )
    item_ids = list(dict.fromkeys(item_ids))
    items = list(
        EvidenceItem.objects.filter(pk__in=item_ids, enrolment=enrolment).prefetch_related(
            Prefetch("versions", queryset=usable_versions()), "mappings"
        )
    )
    if len(items) != len(item_ids):
        raise DomainError(
            "Een gekozen bewijsstuk hoort niet bij je portfolio.",
            "A chosen item is not in your portfolio.",
            field="items",
        )
    facts = selectors.request_facts(enrolment, units, items, integral=integral)
    raise_if_refused(selectors.request_check(facts, on=on))
    forms = [f for u in units for f in u.assessment_forms.all() if f.route_independent]
    form_kind = forms[0].kind if forms else AssessmentForm.Kind.PORTFOLIO_INTERVIEW
    request = AssessmentRequest.objects.create(
        enrolment=enrolment,
        integral=integral,
        form_kind=form_kind,
        assessors_required=max([f.assessors for f in forms] or [2]),
        student_note=note,
    )
    RequestUnit.objects.bulk_create(
        RequestUnit(request=request, unit=u, route=selectors.route_of(enrolment, u, on=on))
        for u in units
    )
    FrozenEvidence.objects.bulk_create(
        FrozenEvidence(
            request=request,
            item=item,
            version=max(item.versions.all(), key=lambda v: v.number, default=None),
            title=item.title,
            link=item.link,
            criterion_ids=sorted(m.criterion_id for m in item.mappings.all()),
        )
        for item in items
    )
    audit_record(
        actor,
        "assessment.request",
        request,
        units=[u.code for u in units],
        integral=integral,
        evidence=[i.pk for i in items],
    )
    return request


@transaction.atomic
def request_withdraw(request: AssessmentRequest, *, actor: User) -> AssessmentRequest:
    request = locked(request)
    require(permissions.can_withdraw_request(actor, request))
    if request.status not in (Status.REQUESTED, Status.SCORING):
        raise DomainError(
            "Een beoordeling waarin al is gescoord kan niet meer worden ingetrokken.",
            "An assessment in which scores were submitted can no longer be withdrawn.",
        )
    if request.assignments.filter(submitted_at__isnull=False).exists():
        raise DomainError(
            "Een beoordeling waarin al is gescoord kan niet meer worden ingetrokken.",
            "An assessment in which scores were submitted can no longer be withdrawn.",
        )
    request.status = Status.WITHDRAWN
    request.save(update_fields=["status"])
    audit_record(actor, "assessment.withdraw", request)
    return request
