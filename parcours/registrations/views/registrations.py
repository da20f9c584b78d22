"""A student's registrations at a programme (/studiejaren/<enrolment>/): every academic year
with its enrolment year, and for the administrator the forms to register for a year, to
de-enrol (date and reason) and to switch programme. Programme managers and the student read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.web import AuthedRequest, post_only
from parcours.studyplans.models import Enrolment

from .. import permissions, selectors, services
from ..forms import EndForm, RegistrationForm, SwitchForm


def _forms(enrolment: Enrolment, bound: dict[str, Any]) -> dict[str, Any]:
    open_rows = selectors.open_registrations(enrolment)
    return {
        "create_form": bound.get("create") or RegistrationForm(auto_id=web.auto_id("create")),
        "end_form": bound.get("end") or EndForm(open_rows=open_rows, auto_id=web.auto_id("end")),
        "switch_form": bound.get("switch")
        or SwitchForm(
            open_rows=open_rows,
            targets=selectors.other_enrolments(enrolment),
            auto_id=web.auto_id("switch"),
        ),
    }


def _render(
    request: AuthedRequest,
    enrolment: Enrolment,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    can_manage = permissions.can_manage_registrations(request.user, enrolment)
    context = {
        "enrolment": enrolment,
        "registrations": selectors.registrations_of(enrolment),
        "can_manage": can_manage,
        **(_forms(enrolment, bound or {}) if can_manage else {}),
    }
    return render(request, "registrations/registration_list.html", context, status=status)


@login_required
def registration_list(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render(request, permissions.get_enrolment_for(request.user, pk))


def _done(request: AuthedRequest, enrolment: Enrolment, message: str) -> HttpResponseBase:
    messages.success(request, message)
    return redirect("registrations:registration_list", pk=enrolment.pk)


def _writer(request: AuthedRequest, pk: int) -> Enrolment:
    enrolment = permissions.get_enrolment_for(request.user, pk)
    web.require(permissions.can_manage_registrations(request.user, enrolment))
    return enrolment


def _refused(request: AuthedRequest, enrolment: Enrolment, key: str, form: Any) -> HttpResponse:
    """A form that is not valid (400), or that the service refused (422, with the reason)."""
    return _render(request, enrolment, {key: form}, status=422 if form.refused else 400)


def _submit(form: Any, action: Any) -> bool:
    form.refused = False
    if not form.is_valid():
        return False
    ok, _result = web.submit(form, action)
    form.refused = not ok
    return ok


@login_required
@post_only
def registration_create(request: AuthedRequest, pk: int) -> HttpResponseBase:
    enrolment = _writer(request, pk)
    form = RegistrationForm(request.POST, auto_id=web.auto_id("create"))
    if not _submit(
        form, lambda d: services.registration_create(enrolment, actor=request.user, **d)
    ):
        return _refused(request, enrolment, "create", form)
    return _done(request, enrolment, _("The student is registered for the academic year."))


@login_required
@post_only
def registration_end(request: AuthedRequest, pk: int) -> HttpResponseBase:
    enrolment = _writer(request, pk)
    form = EndForm(
        request.POST,
        open_rows=selectors.open_registrations(enrolment),
        auto_id=web.auto_id("end"),
    )
    if not _submit(
        form,
        lambda d: services.registration_end(
            d["registration"], actor=request.user, ends_on=d["ends_on"], reason=d["reason"]
        ),
    ):
        return _refused(request, enrolment, "end", form)
    return _done(request, enrolment, _("The student is de-enrolled."))


@login_required
@post_only
def registration_switch(request: AuthedRequest, pk: int) -> HttpResponseBase:
    enrolment = _writer(request, pk)
    form = SwitchForm(
        request.POST,
        open_rows=selectors.open_registrations(enrolment),
        targets=selectors.other_enrolments(enrolment),
        auto_id=web.auto_id("switch"),
    )
    if not _submit(
        form,
        lambda d: services.registration_switch(
            d["registration"], actor=request.user, to_enrolment=d["to_enrolment"], on=d["on"]
        ),
    ):
        return _refused(request, enrolment, "switch", form)
    return _done(request, enrolment, _("The student switched; the new registration is made."))
