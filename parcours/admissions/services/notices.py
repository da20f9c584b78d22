"""What an applicant is told when their application is decided (the renderer for
`parcours.notifications`, registered in `AdmissionsConfig.ready`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.notifications.models import Kind
from parcours.notifications.registry import Rendered, Target, register_renderer

from ..models import Application


def render_decided(target: Target) -> Rendered | None:
    application = (
        Application.objects.select_related("variant__programme", "decision")
        .filter(pk=target.object_id)
        .first()
    )
    if application is None or application.decision is None:
        return None
    decision = application.decision
    values = {
        "programme": str(application.variant.programme),
        "outcome": application.get_status_display(),
        "deadline": decision.appeal_deadline.isoformat() if decision.appeal_deadline else "",
    }
    return Rendered(
        _("Your application for %(programme)s was decided") % values,
        _(
            "Your application for %(programme)s was decided: %(outcome)s. The letter gives the "
            "reasons; you may lodge an appeal until %(deadline)s."
        )
        % values,
        reverse("admissions:application_detail", args=[application.pk]),
    )


def register() -> None:
    register_renderer(Kind.ADMISSION_DECIDED, render_decided)
