"""The coach's pages: the caseload and a student's file (intake, persona, plans, guidance
conversations). A student's file under /begeleiding/ is a staff page: the student themself
gets 403 there (their own pages live under /studie/)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.core import web
from parcours.core.web import AuthedRequest

from .. import permissions, selectors, services
from ..forms.common import IntakeForm
from ..forms.guidance import (
    CaseloadFilterForm,
    ConversationRecordForm,
    ConversationScheduleForm,
    PersonaLinkForm,
)
from ..models import (
    Enrolment,
    Intake,
    PlanVersion,
)
from . import common

Status = PlanVersion.Status


GUIDANCE_RULE = "guidance.twice-a-year"
FALLBACK_RULE = "studyplan.own-route-established"


# --- caseload ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseloadEntry:
    row: selectors.CaseloadRow
    status_label: str


@dataclass(frozen=True)
class FlagCount:
    flag: str
    label: str
    count: int


@login_required
def caseload(request: AuthedRequest) -> HttpResponse:
    """The coach's students with plan status, conversations, last progress and flags; the
    filters are plain GET parameters. A fixed number of queries whatever the caseload."""
    web.require(permissions.can_view_caseload(request.user))
    today = web.today()
    form = CaseloadFilterForm(request.GET if request.GET else None)
    status = flag = ""
    if form.is_bound and form.is_valid():
        status, flag = form.cleaned_data["status"], form.cleaned_data["flag"]
    everyone = selectors.caseload(request.user, today=today)
    rows = (
        selectors.caseload(request.user, today=today, status=status, flag=flag)
        if status or flag
        else everyone
    )
    labels = dict(Status.choices)
    context = {
        "form": form,
        "entries": [CaseloadEntry(r, str(labels.get(r.plan_status or "", ""))) for r in rows],
        "total": len(everyone),
        "flags": [
            FlagCount("stalled", _("stalled"), sum(r.stalled for r in everyone)),
            FlagCount(
                "guidance",
                _("no guidance conversation in 6 months"),
                sum(r.guidance_overdue for r in everyone),
            ),
        ],
        "filtered": bool(status or flag),
        "awaiting": list(selectors.versions_awaiting(request.user)),
        "guidance_rule": web.rule_note(GUIDANCE_RULE),
        "today": today,
    }
    template = "guidance/caseload.html"
    if request.htmx:
        template += "#caseload-results"
    status_code = 422 if form.errors and not request.htmx else 200
    return render(request, template, context, status=status_code)


# --- a student's file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionRow:
    version: PlanVersion
    can_review: bool
    can_establish: bool


def _render_file(
    request: AuthedRequest, enrolment: Enrolment, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    user, today = request.user, web.today()

    def form(key: str, form_class: Any, **kwargs: Any) -> Any:
        return bound.get(key) or form_class(auto_id=web.auto_id(key), **kwargs)

    intake = Intake.objects.filter(enrolment=enrolment).first()
    personas = enrolment.variant.programme.personas.all()
    conversations = list(enrolment.conversations.select_related("recorded_by"))
    plans = list(
        selectors.plans_of(enrolment).prefetch_related(
            Prefetch("versions", queryset=PlanVersion.objects.order_by("-number"))
        )
    )
    context = {
        "enrolment": enrolment,
        "programme": enrolment.variant.programme,
        "intake": intake,
        "can_edit_intake": permissions.can_edit_intake(user, enrolment),
        "can_link_persona": permissions.can_link_persona(user, enrolment),
        "can_guide": permissions.can_schedule_conversation(user, enrolment),
        "intake_form": form("intake", IntakeForm, initial=common.intake_initial(intake)),
        "persona_form": form(
            "persona", PersonaLinkForm, personas=personas, initial={"persona": enrolment.persona}
        ),
        "schedule_form": form("schedule", ConversationScheduleForm),
        "to_log": [
            (
                c,
                form(
                    f"conversation-{c.pk}",
                    ConversationRecordForm,
                    initial={
                        "participants": c.participants,
                        "held_on": c.planned_on if c.planned_on <= today else None,
                    },
                ),
            )
            for c in sorted(conversations, key=lambda c: (c.planned_on, c.pk))
            if c.held_on is None
        ],
        "held": [c for c in conversations if c.held_on is not None],
        "plans": [
            (
                plan,
                [
                    VersionRow(
                        v,
                        permissions.can_review_version(user, v),
                        permissions.can_establish_version(user, v),
                    )
                    for v in plan.versions.all()
                ],
            )
            for plan in plans
        ],
        "today": today,
    }
    return render(request, "guidance/enrolment_detail.html", context, status=422 if bound else 200)


def _file_action(
    request: AuthedRequest,
    enrolment: Enrolment,
    key: str,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    done: str,
    anchor: str,
) -> HttpResponse:
    if web.submit(form, action)[0]:
        messages.success(request, done)
        return redirect(reverse("studyplans:student_file", args=[enrolment.pk]) + f"#{anchor}")
    return _render_file(request, enrolment, {key: form})


@login_required
def student_file(request: AuthedRequest, pk: int) -> HttpResponse:
    """A student's file for the coach: intake, persona, plans and their versions, guidance
    conversations."""
    return _render_file(request, common.file_enrolment(request, pk))


@login_required
@require_POST
def student_file_intake_record(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = common.file_enrolment(request, pk)
    web.require(permissions.can_edit_intake(request.user, enrolment))
    return _file_action(
        request,
        enrolment,
        "intake",
        web.bind(IntakeForm, request, "intake"),
        lambda d: services.intake_record(enrolment, actor=request.user, **d),
        _("Intake saved."),
        "intake",
    )


@login_required
@require_POST
def persona_link(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = common.file_enrolment(request, pk)
    web.require(permissions.can_link_persona(request.user, enrolment))
    personas = enrolment.variant.programme.personas.all()
    return _file_action(
        request,
        enrolment,
        "persona",
        web.bind(PersonaLinkForm, request, "persona", personas=personas),
        lambda d: services.enrolment_link_persona(
            enrolment, actor=request.user, persona=d["persona"]
        ),
        _("Persona saved."),
        "intake",
    )


@login_required
@require_POST
def conversation_schedule(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = common.file_enrolment(request, pk)
    web.require(permissions.can_schedule_conversation(request.user, enrolment))
    return _file_action(
        request,
        enrolment,
        "schedule",
        web.bind(ConversationScheduleForm, request, "schedule"),
        lambda d: services.conversation_schedule(enrolment, actor=request.user, **d),
        _("Guidance conversation scheduled."),
        "conversations",
    )


@login_required
@require_POST
def conversation_record(request: AuthedRequest, pk: int) -> HttpResponse:
    """Log a held conversation: when, with whom, the notes and the agreements."""
    conversation = permissions.get_conversation_for(request.user, pk)
    enrolment = common.file_enrolment(request, conversation.enrolment_id)
    web.require(permissions.can_schedule_conversation(request.user, enrolment))
    key = f"conversation-{pk}"
    return _file_action(
        request,
        enrolment,
        key,
        web.bind(ConversationRecordForm, request, key),
        lambda d: services.conversation_record(conversation, actor=request.user, **d),
        _("Guidance conversation logged."),
        "conversations",
    )
