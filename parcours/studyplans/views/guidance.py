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
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core import exports, paging, web
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms.common import IntakeForm
from ..forms.guidance import (
    CaseloadFilterForm,
    ConversationRecordForm,
    ConversationScheduleForm,
    PersonaLinkForm,
    StartLevelForm,
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
    """A row with its cells as text, computed once in Python instead of resolved through
    the template engine per row (the same text the template would print)."""

    row: selectors.CaseloadRow
    status_label: str
    file_url: str
    student: str
    programme: str
    form: str
    next_conversation: str
    last_conversation: str
    last_progress: str


def _day(value: Any) -> str:
    return value.isoformat() if value else "—"


def _caseload_entry(row: selectors.CaseloadRow, labels: dict[str, Any]) -> CaseloadEntry:
    e = row.enrolment
    return CaseloadEntry(
        row,
        str(labels.get(row.plan_status or "", "")),
        reverse("studyplans:student_file", args=[e.pk]),
        str(e.student),
        str(e.variant.programme),
        e.variant.get_form_display(),
        _day(row.next_conversation),
        _day(row.last_conversation),
        _day(row.last_progress),
    )


@dataclass(frozen=True)
class FlagCount:
    flag: str
    label: str
    count: int


CASELOAD_SORTS = {
    "student": ("student__last_name", "student__first_name"),
    "programme": ("variant__programme__name_nl", "variant__form"),
    "persona": ("persona__name",),
    "status": ("plan_status",),
    "next": ("next_conversation",),
    "last": ("last_conversation",),
    "progress": ("last_progress",),
}


def _caseload_cells(row: selectors.CaseloadRow, labels: dict[str, Any]) -> list[Any]:
    e = row.enrolment
    return [
        str(e.student),
        str(e.variant.programme),
        e.variant.get_form_display(),
        e.start_date.isoformat(),
        e.persona.name if e.persona else "",
        str(labels.get(row.plan_status or "", "")),
        row.next_conversation.isoformat() if row.next_conversation else "",
        row.last_conversation.isoformat() if row.last_conversation else "",
        row.last_progress.isoformat() if row.last_progress else "",
        _("yes") if row.stalled else "",
        _("yes") if row.guidance_overdue else "",
    ]


@login_required
def caseload(request: AuthedRequest) -> HttpResponseBase:
    """The coach's students with plan status, conversations, last progress and flags, all
    computed in the database, 50 a page; sorted by a column and filtered by plain GET
    parameters; `?export=csv|xlsx` downloads the whole filtered caseload. A fixed number of
    queries whatever the caseload."""
    web.require(permissions.can_view_caseload(request.user))
    today = web.today()
    form = CaseloadFilterForm(
        request.GET if request.GET else None,
        programmes=selectors.coach_programmes(request.user),
    )
    found = selectors.caseload_rows(
        request.user, today=today, filters=form.filters(), flag=form.flag_value
    )
    labels = dict(Status.choices)
    kind = paging.export_kind(request)
    if kind:
        rows = paging.sorted_list(request, found, sorts=CASELOAD_SORTS, default="student")
        header = [_("Student"), _("Programme"), _("Variant"), _("Start date"), _("Persona")]
        header += [_("Plan status"), _("Next conversation"), _("Last conversation")]
        header += [_("Last progress"), _("stalled"), _("no guidance conversation in 6 months")]
        return exports.download(
            kind,
            "caseload",
            header,
            (
                _caseload_cells(selectors.caseload_row(e), labels)
                for e in rows.iterator(chunk_size=exports.CHUNK)
            ),
        )
    listing = paging.list_page(request, found, sorts=CASELOAD_SORTS, default="student")
    counts = selectors.caseload_counts(request.user, today=today)
    entries = [_caseload_entry(row, labels) for row in map(selectors.caseload_row, listing.rows)]
    context = {
        "form": form,
        "listing": listing,
        "entries": entries,
        "total": counts.total,
        "flags": [
            FlagCount("stalled", _("stalled"), counts.stalled),
            FlagCount(
                "guidance", _("no guidance conversation in 6 months"), counts.guidance_overdue
            ),
        ],
        "filtered": form.active,
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
    can_record_levels = permissions.can_record_start_level(user, enrolment)
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
        "levels": enrolment.variant.programme.outcome_levels,
        "start_levels": selectors.start_levels_of(enrolment),
        "can_record_levels": can_record_levels,
        "start_level_form": form(
            "start-level",
            StartLevelForm,
            outcomes=selectors.start_level_outcomes(enrolment),
            levels=enrolment.variant.programme.outcome_levels,
        )
        if can_record_levels
        else None,
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
        "grid_units": selectors.plan_grid_units(enrolment),
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
@post_only
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
@post_only
def start_level_record(request: AuthedRequest, pk: int) -> HttpResponse:
    """At intake the coach records the level a student starts on for a learning outcome, with
    its grounds; a level outside the programme's levels is refused with the rule."""
    enrolment = common.file_enrolment(request, pk)
    web.require(permissions.can_record_start_level(request.user, enrolment))
    return _file_action(
        request,
        enrolment,
        "start-level",
        web.bind(
            StartLevelForm,
            request,
            "start-level",
            outcomes=selectors.start_level_outcomes(enrolment),
            levels=enrolment.variant.programme.outcome_levels,
        ),
        lambda d: services.start_level_record(enrolment, actor=request.user, **d),
        _("Starting level saved."),
        "start-levels",
    )


@login_required
@post_only
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
@post_only
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
@post_only
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
