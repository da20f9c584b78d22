"""The administrator's role page: who has which role where; give and take roles. Both acts
ask for a recent second-factor code (accounts/step_up.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.accounts.step_up import step_up_required
from parcours.core import paging, web
from parcours.core.errors import DomainError
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms import ListFilterForm
from ..forms.administration import RoleAssignForm, RoleEndForm
from ..models import Programme

ROLE_SORTS = {
    "user": ("user__username",),
    "name": ("user__last_name", "user__first_name"),
    "role": ("role",),
    "programme": ("programme__name_nl",),
}


def _administrator(request: AuthedRequest, *args: object, **kwargs: object) -> None:
    web.require(permissions.can_manage_roles(request.user))


def _render_roles(
    request: AuthedRequest, form: RoleAssignForm | None = None, status: int = 200
) -> HttpResponse:
    filters = ListFilterForm(
        request.GET,
        programmes=Programme.objects.order_by("name_nl"),
        statuses=Role.choices,
        every_status=_("every role"),
        cohort=False,
        variant=False,
    )
    rows = selectors.role_assignments(filters.filters())
    listing = paging.list_page(request, rows, sorts=ROLE_SORTS, default="user")
    context = {
        "listing": listing,
        "filters": filters,
        "form": form or RoleAssignForm(auto_id=web.auto_id("role")),
        "end_form": RoleEndForm(auto_id=web.auto_id("end")),
    }
    return render(request, "curriculum/role_list.html", context, status=status)


@login_required
def role_list(request: AuthedRequest) -> HttpResponse:
    _administrator(request)
    return _render_roles(request)


@login_required
@post_only
@step_up_required(guard=_administrator)
def role_assign(request: AuthedRequest) -> HttpResponse:
    form = RoleAssignForm(request.POST, auto_id=web.auto_id("role"))
    ok, assignment = web.submit(
        form,
        lambda d: services.role_assign(
            d["username"], actor=request.user, role=d["role"], programme=d["programme"]
        ),
    )
    if not ok:
        return _render_roles(request, form, status=422)
    messages.success(request, _("The role was given: %(role)s.") % {"role": assignment})
    return redirect("curriculum:role_list")


@login_required
@post_only
@step_up_required(guard=lambda request, pk: permissions.get_role_assignment_for(request.user, pk))
def role_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = permissions.get_role_assignment_for(request.user, pk)
    label = str(assignment)
    try:
        services.role_remove(assignment, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The role was taken away: %(role)s.") % {"role": label})
    return redirect("curriculum:role_list")
