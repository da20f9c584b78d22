"""What assessors and students are told: an assessor assigned, all scores in (consensus can be
recorded), a result available (renderers for `parcours.notifications`, registered in
`AssessmentsConfig.ready`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.notifications.models import Kind
from parcours.notifications.registry import Rendered, Target, register_renderer

from ..models import AssessmentRequest, UnitResult


def render_assessment(target: Target) -> Rendered | None:
    request = (
        AssessmentRequest.objects.select_related("enrolment__student")
        .prefetch_related("request_units__unit")
        .filter(pk=target.object_id)
        .first()
    )
    if request is None:
        return None
    values = {
        "student": str(request.enrolment.student),
        "units": ", ".join(ru.unit.code for ru in request.request_units.all()),
    }
    link = reverse("assessments:request_detail", args=[request.pk])
    if target.kind == Kind.ASSESSOR_ASSIGNED:
        return Rendered(
            _("You assess %(units)s of %(student)s") % values,
            _("You were assigned as assessor of %(units)s for %(student)s. Score independently.")
            % values,
            link,
        )
    if target.kind == Kind.SCORES_COMPLETE:
        return Rendered(
            _("All scores are in for %(units)s of %(student)s") % values,
            _("Every assessor has scored %(units)s of %(student)s: record the consensus.") % values,
            link,
        )
    results = UnitResult.objects.filter(request=request).select_related("unit")
    lines = [f"{r.unit.code}: {r.get_result_display()}" for r in results]
    return Rendered(
        _("Your assessment result for %(units)s is available") % values,
        _("The result of your assessment, with the assessors' feedback:") + "\n" + "\n".join(lines),
        link,
    )


def register() -> None:
    for kind in (Kind.ASSESSOR_ASSIGNED, Kind.SCORES_COMPLETE, Kind.RESULT_AVAILABLE):
        register_renderer(kind, render_assessment)
