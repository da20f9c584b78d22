"""Modules for demand financing (/vraagfinanciering/modules/): the list of the modules a
programme manager (or the administrator) keeps, and the form to create one. A module over 30
EC or in a variant that is not demand-financed is refused with rule financing.module."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import paging, web
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms import ModuleForm

SORTS = {
    "year": ("first_year", "code"),
    "code": ("code",),
    "programme": ("variant__programme__name_nl", "variant__form"),
    "ec": ("ec",),
}


def _form(request: AuthedRequest, data: Any = None) -> ModuleForm:
    return ModuleForm(
        data,
        variants=selectors.variants_for(request.user),
        units=selectors.units_for(request.user),
        auto_id=web.auto_id("module"),
    )


def _render(request: AuthedRequest, form: ModuleForm, status: int = 200) -> HttpResponse:
    web.require(permissions.can_list_modules(request.user))
    listing = paging.list_page(
        request, selectors.modules_for(request.user), sorts=SORTS, default="-year"
    )
    context = {"listing": listing, "form": form, "rule": web.rule_note("financing.module")}
    return render(request, "financing/module_list.html", context, status=status)


@login_required
def module_list(request: AuthedRequest) -> HttpResponse:
    return _render(request, _form(request))


@login_required
@post_only
def module_create(request: AuthedRequest) -> HttpResponseBase:
    web.require(permissions.can_list_modules(request.user))
    form = _form(request, request.POST)
    valid = form.is_valid()
    ok, _result = web.submit(
        form,
        lambda d: services.module_create(
            d["variant"],
            actor=request.user,
            first_year=d["first_year"],
            code=d["code"],
            name_nl=d["name_nl"],
            name_en=d["name_en"],
            units=list(d["units"]),
            on=web.today(),
        ),
    )
    if not ok:
        return _render(request, form, status=422 if valid else 400)
    messages.success(request, _("The module is created."))
    return redirect("financing:module_list")
