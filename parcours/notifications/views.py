"""The inbox (/meldingen/): a user's notifications, paged, newest first; open one (marks it
read and goes to what it is about), mark all read; and the e-mail choice per kind."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.paging import list_page
from parcours.core.web import AuthedRequest, post_only

from . import permissions, selectors, services
from .forms import PreferencesForm

SORTS = {"received": ["created_at"]}


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    web.require(permissions.can_view_inbox(request.user))
    listing = list_page(request, selectors.inbox_of(request.user), sorts=SORTS, default="-received")
    return render(request, "notifications/inbox.html", {"listing": listing})


@login_required
@post_only
def notification_read(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to what it is about (or back to the inbox)."""
    notification = permissions.get_notification_for(request.user, pk)
    services.notification_mark_read(notification, actor=request.user)
    return redirect(notification.link or "notifications:inbox")


@login_required
@post_only
def notifications_read_all(request: AuthedRequest) -> HttpResponse:
    services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("All notifications are marked read."))
    return redirect("notifications:inbox")


@login_required
def preferences(request: AuthedRequest) -> HttpResponse:
    """Per kind: e-mail too, or the inbox only (e-mail is on until switched off)."""
    web.require(permissions.can_view_inbox(request.user))
    chosen = selectors.email_choices(request.user)
    initial = {"email": [kind for kind, on in chosen.items() if on]}
    form = web.bind(PreferencesForm, request, "preferences", initial=initial)
    if request.method != "POST":
        return render(request, "notifications/preferences.html", {"form": form})
    ok, _choices = web.submit(
        form,
        lambda d: services.preferences_set(
            request.user, actor=request.user, email_kinds=d["email"]
        ),
    )
    if not ok:
        return render(request, "notifications/preferences.html", {"form": form}, status=422)
    messages.success(request, _("Your choices were saved."))
    return redirect("notifications:preferences")
