"""What a plan's student and coach are told when a version is submitted, returned, agreed or
established (renderers for `parcours.notifications`, registered in `StudyplansConfig.ready`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.notifications.models import Kind
from parcours.notifications.registry import Rendered, Target, register_renderer

from ..models import PlanVersion


def _version(target: Target) -> PlanVersion | None:
    return (
        PlanVersion.objects.select_related("plan__enrolment__student", "plan__enrolment__variant")
        .filter(pk=target.object_id)
        .first()
    )


def render_plan(target: Target) -> Rendered | None:
    version = _version(target)
    if version is None:
        return None
    values = {
        "plan": version.plan.title,
        "number": version.number,
        "student": str(version.plan.enrolment.student),
        "comment": version.coach_comment,
    }
    subject, body = {
        Kind.PLAN_SUBMITTED: (
            _("%(student)s submitted a study plan for your review") % values,
            _("%(student)s submitted version %(number)s of '%(plan)s'. Agree or return it.")
            % values,
        ),
        Kind.PLAN_RETURNED: (
            _("Your study plan was returned") % values,
            _("Your coach returned version %(number)s of '%(plan)s': %(comment)s") % values,
        ),
        Kind.PLAN_AGREED: (
            _("Your coach agreed to your study plan") % values,
            _(
                "Your coach agreed to version %(number)s of '%(plan)s'. The exam committee "
                "establishes it next."
            )
            % values,
        ),
        Kind.PLAN_ESTABLISHED: (
            _("Your study plan was established") % values,
            _(
                "The exam committee established version %(number)s of '%(plan)s'. Read per "
                "unit what was decided and why."
            )
            % values,
        ),
    }[Kind(target.kind)]
    return Rendered(subject, body, reverse("studyplans:version_detail", args=[version.pk]))


def register() -> None:
    for kind in (
        Kind.PLAN_SUBMITTED,
        Kind.PLAN_RETURNED,
        Kind.PLAN_AGREED,
        Kind.PLAN_ESTABLISHED,
    ):
        register_renderer(kind, render_plan)
