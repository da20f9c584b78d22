"""The exam committee's desk queue and one request (/examencommissie/loket/): review it, ask
the requester for more information, answer a question, start the exemption decision.

Thin views as in views.desk: the request through permissions.get_desk_request_for (404), the
committee's right to handle it checked before any input is bound (403), one service call per
action, a refusal re-rendered on the request's page (422).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import exports, paging, web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ActionForm, ListFilterForm

from .. import permissions, selectors, services
from ..forms import (
    InformationAskForm,
    QuestionAnswerForm,
)
from ..models import Decision, DeskRequest
from .common import (
    TERM_RULE,
    RequestRow,
    Status,
    request_context,
)

DESK_SORTS = {
    "term": ("term_end",),
    "subject": ("subject",),
    "from": ("contact_name",),
    "programme": ("programme__name_nl",),
    "status": ("status",),
    "received": ("received_on",),
}


def _desk_cells(r: DeskRequest, on: date) -> list[Any]:
    countdown = selectors.countdown(r, on=on)
    return [
        r.term_end.isoformat(),
        "" if countdown.days is None else countdown.days,
        r.subject,
        r.get_kind_display(),
        ", ".join(u.code for u in r.units.all()),
        len(r.documents.all()),
        r.contact_name,
        r.contact_email,
        str(r.programme),
        r.get_status_display(),
        r.received_on.isoformat(),
    ]


@login_required
def desk_queue(request: AuthedRequest) -> HttpResponseBase:
    """Requests to the committee's programmes, the earliest term end first, with the days left
    (overdue highlighted), 50 a page; sorted by a column, searched, filtered by programme and
    status; `?export=csv|xlsx` downloads the whole filtered queue."""
    web.require(permissions.can_use_committee_pages(request.user))
    form = ListFilterForm(
        request.GET,
        programmes=selectors.committee_programmes(request.user),
        statuses=Status.choices,
        every_status=_("every open request"),
        cohort=False,
        variant=False,
    )
    found = selectors.desk_queue_list(request.user, form.filters())
    on = web.today()
    kind = paging.export_kind(request)
    if kind:
        rows = paging.sorted_list(request, found, sorts=DESK_SORTS, default="term")
        header = [_("Decision by"), _("Days left"), _("Request"), _("Kind"), _("Units")]
        header += [_("Documents"), _("From"), _("E-mail address"), _("Programme"), _("Status")]
        header += [_("Received")]
        return exports.download(
            kind,
            "loket",
            header,
            (_desk_cells(r, on) for r in rows.iterator(chunk_size=exports.CHUNK)),
        )
    listing = paging.list_page(request, found, sorts=DESK_SORTS, default="term")
    return render(
        request,
        "examcommittee/desk_queue.html",
        {
            "listing": listing,
            "rows": [RequestRow(r, selectors.countdown(r, on=on), []) for r in listing.rows],
            "form": form,
            "term_rule": web.rule_note(TERM_RULE),
        },
    )


def _render_committee_request(
    request: AuthedRequest, desk_request: DeskRequest, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    context = request_context(request, desk_request)
    open_request = desk_request.status != Status.DECIDED
    is_exemption = desk_request.kind == DeskRequest.Kind.EXEMPTION
    draft = next((d for d in context["decisions"] if not d.is_known), None)
    context.update(
        {
            "open_request": open_request,
            "is_exemption": is_exemption,
            "draft": draft,
            "review_form": bound.get("review") or ActionForm(),
            "ask_form": bound.get("ask") or InformationAskForm(auto_id=web.auto_id("ask")),
            "answer_form": bound.get("answer") or QuestionAnswerForm(auto_id=web.auto_id("answer")),
            "draft_form": bound.get("draft") or ActionForm(),
        }
    )
    return render(
        request,
        "examcommittee/request_committee.html",
        context,
        status=422 if bound else 200,
    )


def _handled_request(request: AuthedRequest, pk: int) -> DeskRequest:
    desk_request = permissions.get_desk_request_for(request.user, pk)
    web.require(permissions.can_handle_desk_request(request.user, desk_request))
    return desk_request


@login_required
def committee_request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One request as the committee handles it: documents, messages, units and the actions."""
    return _render_committee_request(request, _handled_request(request, pk))


def _request_action(
    request: AuthedRequest,
    desk_request: DeskRequest,
    key: str,
    form: Any,
    action: Any,
    done: str,
) -> HttpResponse:
    ok, result = web.submit(form, action)
    if not ok:
        return _render_committee_request(request, desk_request, {key: form})
    messages.success(request, done)
    if isinstance(result, Decision):
        return redirect("examcommittee:decision_detail", result.pk)
    return redirect("examcommittee:committee_request_detail", desk_request.pk)


@login_required
@post_only
def request_review(request: AuthedRequest, pk: int) -> HttpResponse:
    desk_request = _handled_request(request, pk)
    return _request_action(
        request,
        desk_request,
        "review",
        ActionForm(request.POST),
        lambda d: services.desk_request_review(desk_request, actor=request.user),
        _("The request is in review."),
    )


@login_required
@post_only
def information_ask(request: AuthedRequest, pk: int) -> HttpResponse:
    desk_request = _handled_request(request, pk)
    return _request_action(
        request,
        desk_request,
        "ask",
        web.bind(InformationAskForm, request, "ask"),
        lambda d: services.desk_information_ask(desk_request, actor=request.user, text=d["text"]),
        _("Your question was sent to the requester; the request waits for their answer."),
    )


@login_required
@post_only
def question_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    desk_request = _handled_request(request, pk)
    return _request_action(
        request,
        desk_request,
        "answer",
        web.bind(QuestionAnswerForm, request, "answer"),
        lambda d: services.desk_question_answer(
            desk_request, actor=request.user, answer=d["answer"]
        ),
        _("The question was answered."),
    )


@login_required
@post_only
def exemption_draft(request: AuthedRequest, pk: int) -> HttpResponse:
    """Start the exemption decision (every requested unit, none granted yet, the documents as
    evidence); an open draft is opened instead of starting a second one."""
    desk_request = _handled_request(request, pk)
    draft = selectors.open_request_draft(desk_request)
    if draft is not None:
        return redirect("examcommittee:decision_detail", draft.pk)
    return _request_action(
        request,
        desk_request,
        "draft",
        ActionForm(request.POST),
        lambda d: services.exemption_draft(desk_request, actor=request.user),
        _("A draft decision was made; decide per unit and complete every part."),
    )
