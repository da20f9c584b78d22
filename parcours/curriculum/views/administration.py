"""The administrator's pages: a programme from the CROHO register, the users (searched and
paged; add, deactivate) and ending a role on a date. Deactivating and ending a role ask for a
recent second-factor code, as giving and taking roles do (accounts/step_up.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.accounts.step_up import step_up_required
from parcours.core import paging, web
from parcours.core.errors import DomainError
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms import ListFilterForm
from ..forms.administration import ProgrammeCreateForm, RoleEndForm, UserAddForm
from ..models import CrohoRegistration
from .common import page_institution

REGISTER_SORTS = {"code": ("code",), "name": ("name", "code"), "level": ("level", "code")}
USER_SORTS = {
    "user": ("username",),
    "name": ("last_name", "first_name", "username"),
    "email": ("email", "username"),
}
USER_STATUSES = [("active", _("active")), ("inactive", _("deactivated"))]


def _administrator(request: AuthedRequest, *args: object, **kwargs: object) -> None:
    web.require(permissions.can_manage_users(request.user))


# --- a programme from the CROHO register ---------------------------------------------------


def _render_programme_create(
    request: AuthedRequest, form: ProgrammeCreateForm, *, status: int = 200
) -> HttpResponse:
    institution = page_institution(request)
    search = request.GET.get("zoek", "")[:100]
    rows = (
        selectors.croho_register_for(institution, search=search)
        if institution
        else CrohoRegistration.objects.none()
    )
    context = {
        "form": form,
        "institution": institution,
        "institutions": selectors.institutions(),
        "search": search,
        "listing": paging.list_page(request, rows, sorts=REGISTER_SORTS, default="code"),
    }
    return render(request, "curriculum/programme_create.html", context, status=status)


@login_required
def programme_create(request: AuthedRequest) -> HttpResponse:
    """GET: the register's codes for the institution (searched, paged) and the form, a code
    chosen from the list filled in. POST: create the programme, or show the rule's refusal."""
    web.require(permissions.can_create_programme(request.user))
    if request.method != "POST":
        initial = {"croho_code": request.GET.get("code", "")[:5]}
        form = ProgrammeCreateForm(initial=initial, auto_id=web.auto_id("programme"))
        return _render_programme_create(request, form)
    form = ProgrammeCreateForm(request.POST, auto_id=web.auto_id("programme"))
    institution = page_institution(request)
    if institution is None:
        return redirect("curriculum:setup")
    ok, programme = web.submit(
        form, lambda d: services.programme_create(institution, actor=request.user, **d)
    )
    if not ok:
        return _render_programme_create(request, form, status=form.refusal_status)
    messages.success(request, _("The programme was created: %(name)s.") % {"name": programme})
    return redirect("curriculum:programme_detail", programme.pk)


# --- users ------------------------------------------------------------------------------------


def _render_users(
    request: AuthedRequest, form: UserAddForm | None = None, *, status: int = 200
) -> HttpResponse:
    filters = ListFilterForm(
        request.GET,
        statuses=USER_STATUSES,
        every_status=_("every account"),
        cohort=False,
        variant=False,
    )
    rows = selectors.users_for_administration(filters.filters())
    context = {
        "listing": paging.list_page(request, rows, sorts=USER_SORTS, default="user"),
        "filters": filters,
        "form": form or UserAddForm(auto_id=web.auto_id("user")),
    }
    return render(request, "curriculum/user_list.html", context, status=status)


@login_required
def user_list(request: AuthedRequest) -> HttpResponse:
    _administrator(request)
    return _render_users(request)


@login_required
@post_only
def user_add(request: AuthedRequest) -> HttpResponse:
    _administrator(request)
    form = UserAddForm(request.POST, auto_id=web.auto_id("user"))
    ok, user = web.submit(form, lambda d: services.user_add(actor=request.user, **d))
    if not ok:
        return _render_users(request, form, status=form.refusal_status)
    messages.success(request, _("The account was added: %(user)s.") % {"user": user.username})
    return redirect("curriculum:user_list")


@login_required
@post_only
@step_up_required(guard=lambda request, pk: permissions.get_user_for(request.user, pk))
def user_deactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    user = permissions.get_user_for(request.user, pk)
    try:
        services.user_deactivate(user, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The account was deactivated: %(user)s.") % {"user": user.username}
        )
    return redirect("curriculum:user_list")


@login_required
@post_only
@step_up_required(guard=lambda request, pk: permissions.get_role_assignment_for(request.user, pk))
def role_end(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = permissions.get_role_assignment_for(request.user, pk)
    label = str(assignment)
    form = RoleEndForm(request.POST, auto_id=web.auto_id("end"))
    ok, kept = web.submit(
        form, lambda d: services.role_end(assignment, actor=request.user, on=d["on"])
    )
    if not ok:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        errors += [v["message"] for v in form.violations]
        messages.error(request, " ".join(errors))
    elif kept is None:
        messages.success(request, _("The role was taken away: %(role)s.") % {"role": label})
    else:
        messages.success(
            request,
            _("The role ends on %(day)s: %(role)s.") % {"day": kept.ends_on, "role": label},
        )
    return redirect("curriculum:role_list")
