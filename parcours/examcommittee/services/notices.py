"""What a requester and a student are told: a desk question answered, more information asked,
a decision made known with its appeal deadline (renderers for `parcours.notifications`,
registered in `ExamcommitteeConfig.ready`). An anonymous asker's e-mail carries the answer
itself; their private link was shown once, when they asked, and is not in the e-mail."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.notifications.models import Kind
from parcours.notifications.registry import Rendered, Target, register_renderer

from ..models import Decision, DeskMessage, DeskRequest


def render_desk(target: Target) -> Rendered | None:
    request = DeskRequest.objects.filter(pk=target.object_id).first()
    if request is None:
        return None
    values = {"subject": request.subject, "name": request.contact_name}
    link = (
        reverse("examcommittee:desk_request_detail", args=[request.pk])
        if request.requester_id
        else ""
    )
    if target.kind == Kind.DESK_ANSWERED:
        body = _("Dear %(name)s,\n\nThe exam committee answered your question '%(subject)s':") % (
            values
        )
        body += "\n\n" + request.answer
        if not request.requester_id:
            body += "\n\n" + _(
                "You can read the question and its answer again through the private link you "
                "were given when you asked."
            )
        return Rendered(_("Answer to your question: %(subject)s") % values, body, link)
    asked = DeskMessage.objects.filter(request=request, from_committee=True).order_by("-pk").first()
    body = _("Dear %(name)s,\n\nThe exam committee asks for more information about '%(subject)s':")
    body = body % values + "\n\n" + (asked.text if asked else "")
    return Rendered(_("More information asked: %(subject)s") % values, body, link)


def render_decision(target: Target) -> Rendered | None:
    decision = Decision.objects.select_related("programme").filter(pk=target.object_id).first()
    if decision is None or not decision.is_known:
        return None
    values = {
        "outcome": decision.get_outcome_display(),
        "kind": decision.get_kind_display(),
        "programme": str(decision.programme),
        "deadline": decision.appeal_deadline.isoformat() if decision.appeal_deadline else "",
    }
    return Rendered(
        _("A decision was made known to you: %(kind)s") % values,
        _(
            "The exam committee of %(programme)s made its decision known: %(outcome)s. You may "
            "lodge an appeal until %(deadline)s; the letter says how."
        )
        % values,
        reverse("examcommittee:my_decision_detail", args=[decision.pk]),
    )


def register() -> None:
    register_renderer(Kind.DESK_ANSWERED, render_desk)
    register_renderer(Kind.DESK_INFO_REQUESTED, render_desk)
    register_renderer(Kind.DECISION_KNOWN, render_decision)
