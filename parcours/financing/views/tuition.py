"""The statutory tuition per academic year (/beheer/collegegeld/): the administrator's list
and the form to enter a year's rate, or to correct it while the year is still open."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core import paging, web
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms import TuitionRateForm

SORTS = {"year": ("first_year",)}


def _render(request: AuthedRequest, form: Any, institution: Any, status: int = 200) -> HttpResponse:
    listing = paging.list_page(
        request, selectors.tuition_rates(institution), sorts=SORTS, default="-year"
    )
    context = {
        "institution": institution,
        "institutions": selectors.institutions_for(request.user),
        "listing": listing,
        "form": form,
        "rule": web.rule_note("tuition.route-independent"),
    }
    return render(request, "financing/tuition_list.html", context, status=status)


@login_required
def tuition_list(request: AuthedRequest) -> HttpResponse:
    web.require(permissions.can_manage_tuition(request.user))
    institution = selectors.institution_for(request.user, request.GET.get("instelling"))
    if institution is None:
        raise Http404
    return _render(request, TuitionRateForm(auto_id=web.auto_id("rate")), institution)


@login_required
@post_only
def tuition_rate_set(request: AuthedRequest) -> HttpResponseBase:
    web.require(permissions.can_manage_tuition(request.user))
    institution = selectors.institution_for(request.user, request.POST.get("instelling"))
    if institution is None:
        raise Http404
    form = TuitionRateForm(request.POST, auto_id=web.auto_id("rate"))
    valid = form.is_valid()
    ok, _result = web.submit(
        form,
        lambda d: services.tuition_rate_set(
            institution, actor=request.user, today=web.today(), **form.values()
        ),
    )
    if not ok:
        return _render(request, form, institution, status=422 if valid else 400)
    messages.success(request, _("The tuition rate is recorded."))
    return redirect(reverse("financing:tuition_list") + f"?instelling={institution.pk}")
