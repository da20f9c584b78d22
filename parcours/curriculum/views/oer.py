"""The OER editor: an OER with its units, EC total and rule checks (or, once published, the
grounds it was published on), publishing, copying to the next year, the differences between
two years, and adding a unit."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parcours.accounts.step_up import step_up_required
from parcours.core import web
from parcours.core.web import AuthedRequest, post_only
from parcours.rules import get_rule

from .. import permissions, selectors, services
from ..forms import ActionForm, ConfirmForm, DiffForm, UnitForm
from ..models import Oer
from .common import oer_summary, table_row, top_violations


def _grounds(oer: Oer) -> list[web.Check]:
    """The rules a published OER was checked against, as stored when it was published."""
    lang = get_language() or "nl"
    return [
        web.Check(
            g["rule"],
            get_rule(g["rule"]).title(lang),
            g["ok"],
            False,
            "",
            "; ".join(c["label"] for c in g["citations"]),
            str(g["values_used"].get("unit", "")),
        )
        for g in oer.publish_grounds
    ]


def _render_oer(
    request: AuthedRequest, oer: Oer, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    units = list(selectors.oer_units(oer))
    manages = permissions.can_edit_oer(request.user, oer)
    editable = manages and not oer.is_published
    context = {
        "oer": oer,
        "programme": oer.variant.programme,
        "rows": [table_row(u) for u in units],
        "summary": oer_summary(oer, units),
        "can_manage": manages,
        "can_edit": editable,
        "grounds": _grounds(oer) if oer.is_published else [],
        "next_year": selectors.next_year_oer(oer, request.user) if oer.is_published else None,
        "unit_form": bound.get("unit") or UnitForm(auto_id=web.auto_id("new-unit")),
        "top_violations": top_violations(bound, editable),
        "publish_form": page if isinstance(page := bound.get("page"), ConfirmForm) else None,
    }
    return render(request, "curriculum/oer_detail.html", context, status=422 if bound else 200)


@login_required
def oer_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_oer(request, permissions.get_oer_for(request.user, pk))


def _managed_oer(request: AuthedRequest, pk: int) -> Oer:
    oer = permissions.get_oer_for(request.user, pk)
    web.require(permissions.can_edit_oer(request.user, oer))
    return oer


@login_required
@post_only
@step_up_required(guard=_managed_oer)
def oer_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    """Publish the OER once the manager has ticked that it becomes final (nothing is written
    otherwise)."""
    oer = _managed_oer(request, pk)
    form = ConfirmForm(request.POST)
    if web.submit(form, lambda d: services.oer_publish(oer, actor=request.user))[0]:
        messages.success(request, _("The OER was published."))
        return redirect("curriculum:oer_detail", oer.pk)
    return _render_oer(request, oer, {"page": form})


@login_required
@post_only
def oer_copy(request: AuthedRequest, pk: int) -> HttpResponse:
    oer = _managed_oer(request, pk)
    form = ActionForm(request.POST)
    ok, copy = web.submit(form, lambda d: services.oer_copy_to_next_year(oer, actor=request.user))
    if ok:
        messages.success(request, _("Next year's OER was made as an editable copy."))
        return redirect("curriculum:oer_detail", copy.pk)
    return _render_oer(request, oer, {"page": form})


@login_required
def oer_diff(request: AuthedRequest, pk: int) -> HttpResponse:
    oer = permissions.get_oer_for(request.user, pk)
    form = DiffForm(
        request.GET if "met" in request.GET else None,
        choices=selectors.comparable_oers(request.user, oer),
        initial={"met": oer.copied_from_id},
    )
    old = new = None
    diffs: list[selectors.UnitDiff] = []
    if form.is_bound and form.is_valid():
        old, new = sorted([oer, form.cleaned_data["met"]], key=attrgetter("academic_year", "pk"))
        diffs = selectors.oer_diff(old, new)
    context = {
        "oer": oer,
        "programme": oer.variant.programme,
        "form": form,
        "old": old,
        "new": new,
        "diffs": diffs,
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "curriculum/oer_diff.html", context, status=status)


# --- units in the OER editor --------------------------------------------------------------------


@login_required
@post_only
def unit_create(request: AuthedRequest, pk: int) -> HttpResponse:
    oer = _managed_oer(request, pk)
    form = web.bind(UnitForm, request, "new-unit")
    if web.submit(form, lambda d: services.unit_create(oer, actor=request.user, **d))[0]:
        messages.success(request, _("Unit %(code)s added.") % {"code": form.cleaned_data["code"]})
        return redirect("curriculum:oer_detail", oer.pk)
    return _render_oer(request, oer, {"unit": form})
