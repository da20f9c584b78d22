"""What a student pays (/financien/): per academic year the statutory tuition of each year
they are registered, or in a demand-financed variant per module its price and the voucher
applied, with the rules and their sources. The student sees their own enrolments; the
administrator and the programme's managers reach an enrolment's page (/financien/<id>/) from
the student's registrations. On it the student (or the administrator) enrols for a module and
asks for the voucher."""

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
from ..forms import ModuleEnrolForm, VoucherForm

RULES = ("tuition.route-independent", "financing.module-price", "financing.voucher")


def _section(request: AuthedRequest, enrolment: Enrolment, bound: dict[Any, Any]) -> Any:
    """One enrolment's finances, with its forms when the user may enrol for modules."""
    finances = selectors.finances_of(enrolment, on=web.today())
    can_enrol = permissions.can_enrol_for_module(request.user, enrolment)
    section: dict[str, Any] = {"finances": finances, "can_enrol": can_enrol}
    if can_enrol:
        if finances.demand_financed:
            offered = selectors.modules_offered(enrolment).order_by("-first_year", "code")
            section["offered"] = offered
        section["enrol_form"] = bound.get(("enrol", enrolment.pk)) or ModuleEnrolForm(
            auto_id=web.auto_id(f"enrol{enrolment.pk}")
        )
        section["voucher_form"] = bound.get(("voucher", enrolment.pk)) or VoucherForm(
            rows=selectors.module_enrolments_of(enrolment),
            auto_id=web.auto_id(f"voucher{enrolment.pk}"),
        )
    return section


def _render(
    request: AuthedRequest,
    enrolments: list[Enrolment],
    *,
    single: bool,
    bound: dict[Any, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "sections": [_section(request, e, bound or {}) for e in enrolments],
        "single": single,
        "rules": [web.rule_note(r) for r in RULES],
        "stap_claims": selectors.stap_claims_of(enrolments[0].student) if enrolments else [],
    }
    return render(request, "financing/finances.html", context, status=status)


@login_required
def finances_page(request: AuthedRequest) -> HttpResponse:
    return _render(request, list(selectors.enrolments_of(request.user)), single=False)


@login_required
def finances_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render(request, [permissions.get_enrolment_for(request.user, pk)], single=True)


def _writer(request: AuthedRequest, pk: int) -> Enrolment:
    enrolment = permissions.get_enrolment_for(request.user, pk)
    web.require(permissions.can_enrol_for_module(request.user, enrolment))
    return enrolment


def _back(enrolment: Enrolment, request: AuthedRequest) -> HttpResponseBase:
    if enrolment.student_id == request.user.pk:
        return redirect("financing:finances_page")
    return redirect("financing:finances_detail", pk=enrolment.pk)


@login_required
@post_only
def module_enrol(request: AuthedRequest, pk: int) -> HttpResponseBase:
    enrolment = _writer(request, pk)
    form = ModuleEnrolForm(request.POST, auto_id=web.auto_id(f"enrol{enrolment.pk}"))
    valid = form.is_valid()
    ok, _result = web.submit(
        form,
        lambda d: services.module_enrol(enrolment, actor=request.user, module=d["module"]),
    )
    if not ok:
        return _render(
            request,
            [enrolment],
            single=True,
            bound={("enrol", enrolment.pk): form},
            status=422 if valid else 400,
        )
    messages.success(request, _("You are enrolled for the module."))
    return _back(enrolment, request)


@login_required
@post_only
def voucher_request(request: AuthedRequest, pk: int) -> HttpResponseBase:
    enrolment = _writer(request, pk)
    form = VoucherForm(
        request.POST,
        rows=selectors.module_enrolments_of(enrolment),
        auto_id=web.auto_id(f"voucher{enrolment.pk}"),
    )
    valid = form.is_valid()
    ok, verdict = web.submit(
        form,
        lambda d: services.voucher_request(
            d["module_enrolment"],
            actor=request.user,
            holds_degree=d["holds_degree"],
            on=web.today(),
        ),
    )
    if not ok:
        return _render(
            request,
            [enrolment],
            single=True,
            bound={("voucher", enrolment.pk): form},
            status=422 if valid else 400,
        )
    if verdict.granted:
        messages.success(request, _("The voucher is granted."))
    else:
        messages.warning(request, _("The voucher is refused; the reason is shown."))
    return _back(enrolment, request)
