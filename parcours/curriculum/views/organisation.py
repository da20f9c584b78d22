"""The institution's calendar and organisation on pages: academic years with their periods
and start moments, organisational units and the unit a programme belongs to. Every member of
staff reads them; only the administrator changes them (the forms show for the administrator)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.errors import DomainError
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms.administration import (
    AcademicPeriodForm,
    AcademicYearForm,
    OrganisationalUnitForm,
    ProgrammeUnitForm,
    StartMomentForm,
)
from ..models import AcademicYear
from .common import page_institution


def _reader(request: AuthedRequest) -> None:
    web.require(permissions.can_view_organisation(request.user))


def _writer(request: AuthedRequest) -> None:
    web.require(permissions.can_manage_organisation(request.user))


# --- academic years ---------------------------------------------------------------------------


def _render_years(
    request: AuthedRequest, form: AcademicYearForm | None = None, *, status: int = 200
) -> HttpResponse:
    institution = page_institution(request)
    context = {
        "institution": institution,
        "years": selectors.academic_years_of(institution) if institution else [],
        "can_manage": permissions.can_manage_organisation(request.user),
        "form": form or AcademicYearForm(auto_id=web.auto_id("year")),
    }
    return render(request, "curriculum/academic_year_list.html", context, status=status)


@login_required
def academic_year_list(request: AuthedRequest) -> HttpResponse:
    _reader(request)
    return _render_years(request)


@login_required
@post_only
def academic_year_create(request: AuthedRequest) -> HttpResponse:
    _writer(request)
    form = AcademicYearForm(request.POST, auto_id=web.auto_id("year"))
    institution = page_institution(request)
    if institution is None:
        return redirect("curriculum:setup")
    ok, year = web.submit(
        form, lambda d: services.academic_year_create(institution, actor=request.user, **d)
    )
    if not ok:
        return _render_years(request, form, status=form.refusal_status)
    messages.success(request, _("The academic year was created: %(year)s.") % {"year": year})
    return redirect("curriculum:academic_year_detail", year.pk)


def _render_year(
    request: AuthedRequest, year: AcademicYear, *, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "year": year,
        "can_manage": permissions.can_manage_organisation(request.user),
        "period_form": forms.get("period_form") or AcademicPeriodForm(auto_id=web.auto_id("p")),
        "moment_form": forms.get("moment_form") or StartMomentForm(auto_id=web.auto_id("m")),
    }
    return render(request, "curriculum/academic_year_detail.html", context, status=status)


@login_required
def academic_year_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_year(request, permissions.get_academic_year_for(request.user, pk))


@login_required
@post_only
def academic_period_add(request: AuthedRequest, pk: int) -> HttpResponse:
    year = permissions.get_academic_year_for(request.user, pk)
    _writer(request)
    form = AcademicPeriodForm(request.POST, auto_id=web.auto_id("p"))
    ok, period = web.submit(
        form, lambda d: services.academic_period_add(year, actor=request.user, **d)
    )
    if not ok:
        return _render_year(request, year, status=form.refusal_status, period_form=form)
    messages.success(request, _("The period was added: %(period)s.") % {"period": period})
    return redirect("curriculum:academic_year_detail", year.pk)


@login_required
@post_only
def start_moment_add(request: AuthedRequest, pk: int) -> HttpResponse:
    year = permissions.get_academic_year_for(request.user, pk)
    _writer(request)
    form = StartMomentForm(request.POST, auto_id=web.auto_id("m"))
    ok, moment = web.submit(
        form, lambda d: services.start_moment_add(year, actor=request.user, **d)
    )
    if not ok:
        return _render_year(request, year, status=form.refusal_status, moment_form=form)
    messages.success(request, _("The start moment was added: %(day)s.") % {"day": moment})
    return redirect("curriculum:academic_year_detail", year.pk)


def _remove(request: AuthedRequest, obj: Any, remove: Any) -> HttpResponse:
    _writer(request)
    try:
        remove(obj, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Removed: %(what)s.") % {"what": obj})
    return redirect("curriculum:academic_year_detail", obj.year_id)


@login_required
@post_only
def academic_period_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    period = permissions.get_academic_period_for(request.user, pk)
    return _remove(request, period, services.academic_period_remove)


@login_required
@post_only
def start_moment_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    moment = permissions.get_start_moment_for(request.user, pk)
    return _remove(request, moment, services.start_moment_remove)


# --- organisational units ---------------------------------------------------------------------


def _render_units(request: AuthedRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    institution = page_institution(request)
    context = {
        "institution": institution,
        "units": selectors.organisational_units_of(institution) if institution else [],
        "can_manage": permissions.can_manage_organisation(request.user),
        "form": forms.get("form")
        or OrganisationalUnitForm(institution=institution, auto_id=web.auto_id("unit")),
        "attach_form": forms.get("attach_form")
        or ProgrammeUnitForm(institution=institution, auto_id=web.auto_id("attach")),
    }
    return render(request, "curriculum/organisational_unit_list.html", context, status=status)


@login_required
def organisational_unit_list(request: AuthedRequest) -> HttpResponse:
    _reader(request)
    return _render_units(request)


@login_required
@post_only
def organisational_unit_create(request: AuthedRequest) -> HttpResponse:
    _writer(request)
    institution = page_institution(request)
    if institution is None:
        return redirect("curriculum:setup")
    form = OrganisationalUnitForm(
        request.POST, institution=institution, auto_id=web.auto_id("unit")
    )
    ok, unit = web.submit(
        form,
        lambda d: services.organisational_unit_create(institution, actor=request.user, **d),
    )
    if not ok:
        return _render_units(request, status=form.refusal_status, form=form)
    messages.success(request, _("The unit was added: %(unit)s.") % {"unit": unit})
    return redirect("curriculum:organisational_unit_list")


@login_required
@post_only
def programme_unit_set(request: AuthedRequest) -> HttpResponse:
    _writer(request)
    form = ProgrammeUnitForm(
        request.POST, institution=page_institution(request), auto_id=web.auto_id("attach")
    )
    ok, programme = web.submit(
        form,
        lambda d: services.programme_set_unit(d["programme"], actor=request.user, unit=d["unit"]),
    )
    if not ok:
        return _render_units(request, status=form.refusal_status, attach_form=form)
    messages.success(
        request,
        _("%(programme)s belongs to: %(unit)s.")
        % {"programme": programme, "unit": programme.unit or _("no unit")},
    )
    return redirect("curriculum:organisational_unit_list")
