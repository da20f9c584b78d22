"""The workplace supervisor's confirmation pages, under /bevestigen/ (no account needed). The
link from the e-mail (`workplace_open`) puts its token in the session and moves on to
`workplace_confirm`, an address without the token."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from parcours.core import web
from parcours.core.errors import DomainError

from .. import services
from ..forms import ConfirmationAnswerForm
from ..models import WorkplaceConfirmation
from .common import attachment

SESSION_TOKEN = "portfolio.workplace_token"
SESSION_ANSWERED = "portfolio.workplace_answered"


def _private(response: HttpResponse) -> HttpResponse:
    """Pages behind a supervisor's link: never cached, never sent to another site as a
    referrer. (Not "no-referrer": a form on such a page would post "Origin: null", which the
    CSRF check refuses.)"""
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _closed(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The link cannot be used: say why, show nothing of the item (and thank the supervisor
    who has just answered through it)."""
    answered = status == 410 and request.session.get(SESSION_ANSWERED, False)
    context = {"message": message, "status": status, "answered": answered}
    return _private(render(request, "portfolio/workplace_closed.html", context, status=status))


def _open_confirmation(request: HttpRequest) -> WorkplaceConfirmation | HttpResponse:
    token = request.session.get(SESSION_TOKEN)
    if not token:
        return _closed(
            request,
            404,
            _("No confirmation link is open. Open the link from the e-mail you received."),
        )
    try:
        confirmation = services.confirmation_by_token(token)
    except services.LinkUnusable as exc:
        return _closed(request, 410, exc.message)
    if confirmation is None:
        return _closed(
            request,
            404,
            _("This link does not exist. Check that you opened the whole link from the e-mail."),
        )
    return confirmation


@require_GET
def workplace_open(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: keep the token in the session and move on to an address
    without it, so it stays out of the address bar, the history and any referrer."""
    request.session[SESSION_TOKEN] = token
    request.session.pop(SESSION_ANSWERED, None)
    return _private(redirect("portfolio:workplace_confirm"))


@require_http_methods(["GET", "POST"])
def workplace_confirm(request: HttpRequest) -> HttpResponse:
    """The one item the supervisor was asked about, and their answer (once)."""
    found = _open_confirmation(request)
    if isinstance(found, HttpResponse):
        return found
    confirmation = found
    item = confirmation.item
    form = ConfirmationAnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"name": confirmation.supervisor_name, "organisation": item.organisation},
        auto_id=web.auto_id("answer"),
    )
    if request.method == "POST":
        closed: list[DomainError] = []

        def unusable(_form: Any, exc: DomainError) -> bool:
            if isinstance(exc, services.LinkUnusable):
                closed.append(exc)
                return True
            return False

        ok, _answer = web.submit(
            form,
            lambda d: services.confirmation_answer(request.session[SESSION_TOKEN], **d),
            handle=unusable,
        )
        if closed:
            return _closed(request, 410, closed[0].message)
        if ok:
            request.session[SESSION_ANSWERED] = True
            return _private(redirect("portfolio:workplace_confirm"))
    context = {
        "confirmation": confirmation,
        "item": item,
        "student": item.enrolment.student,
        "form": form,
    }
    status = 422 if form.is_bound else 200
    return _private(render(request, "portfolio/workplace_confirm.html", context, status=status))


@require_GET
def workplace_download(request: HttpRequest) -> HttpResponseBase:
    """The version the supervisor was asked about, through the same single-use link."""
    found = _open_confirmation(request)
    if isinstance(found, HttpResponse):
        return found
    if found.version is None:
        raise Http404
    return attachment(found.version)
