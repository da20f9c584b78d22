"""Group projects: a student shares one of their items as a group project (a shared record
with a code to pass on), and another student, of any programme, joins with that code and gets
their own item linked to it. Each maps their own item to their own units; the coach and the
exam committee read the item and its shared record on the item's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ActionForm

from .. import permissions, services
from ..forms import GroupJoinForm
from .common import own_enrolments
from .evidence import _item_action, _item_for
from .overview import render_home


@login_required
@post_only
def item_share(request: AuthedRequest, pk: int) -> HttpResponse:
    """Make this item the shared record of a group project, with a code to pass on."""
    item = _item_for(request, pk, permissions.can_edit_item)
    return _item_action(
        request,
        item,
        "share",
        ActionForm(request.POST, auto_id=web.auto_id("share")),
        lambda _d: services.group_project_share(item, actor=request.user),
        lambda p: (
            _("This item is now a group project. Pass the code %(code)s on to the others.")
            % {"code": p.code}
        ),
        "group",
    )


@login_required
@post_only
def group_project_join(request: AuthedRequest) -> HttpResponse:
    """Join a group project with its code: your own item, linked to the shared record, to map
    to your own units. Students only."""
    enrolments = own_enrolments(request)
    web.require(bool(enrolments))
    form = GroupJoinForm(request.POST, enrolments=enrolments, auto_id=web.auto_id("group"))
    ok, item = web.submit(
        form,
        lambda d: services.group_project_join(
            form.chosen_enrolment(), actor=request.user, code=d["code"]
        ),
    )
    if not ok:
        return render_home(request, form, status=422)
    messages.success(request, _("You joined the group project. Map your item to your units."))
    return redirect(reverse("portfolio:item_detail", args=[item.pk]) + "#mapping")
