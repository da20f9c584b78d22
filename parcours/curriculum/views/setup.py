"""The first-run page (/installatie/): on an installation without an institution, create it and
its first administrator. Only from loopback, or with the one-time token that
`manage.py setup_institution --token` prints; gone (404) once an institution exists."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from parcours.core.web import auto_id, submit

from .. import selectors, services
from ..forms.administration import SetupForm

LOOPBACK = frozenset({"127.0.0.1", "::1"})
# A request a proxy passed on reaches us from loopback too: it counts as remote.
PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


def from_loopback(request: HttpRequest) -> bool:
    meta = request.META
    return meta.get("REMOTE_ADDR") in LOOPBACK and not any(meta.get(h) for h in PROXY_HEADERS)


def _render(request: HttpRequest, form: SetupForm, *, status: int) -> HttpResponse:
    context = {"form": form, "loopback": from_loopback(request)}
    return render(request, "curriculum/setup.html", context, status=status)


@never_cache
def institution_setup(request: HttpRequest) -> HttpResponseBase:
    """GET: the form (from elsewhere than loopback: 403, with the form asking for the token).
    POST: create, or refuse with the reason and nothing written."""
    if selectors.institution_exists():
        return render(request, "curriculum/setup_done.html", status=404)
    loopback = from_loopback(request)
    form = SetupForm(
        request.POST if request.method == "POST" else None,
        auto_id=auto_id("setup"),
        ask_token=not loopback,
    )
    if request.method != "POST":
        return _render(request, form, status=200 if loopback else 403)

    def act(data: dict[str, Any]) -> Any:
        admin = services.FirstAdministrator(
            username=data["username"],
            password=data["password"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            preferred_language=(get_language() or "nl")[:2],
        )
        return services.institution_setup(
            name=data["name"],
            brin_code=data["brin_code"],
            admin=admin,
            token=None if loopback else data["token"],
            via="page",
        )

    ok, _created = submit(form, act)
    if not ok:
        return _render(request, form, status=form.refusal_status)
    messages.success(
        request, _("The institution and its administrator were created. Log in to go on.")
    )
    return redirect("accounts:login")
