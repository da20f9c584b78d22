"""Privacy pages: "my data" (a person downloads everything Parcours keeps about them) and the
administrator's privacy requests (look a person up, export their data, see until when each
record is kept, erase one on request). The person being handled is kept in the session, never
in the address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core import web
from parcours.core.security_events import SecurityEvent, audit_security_event
from parcours.core.web import AuthedRequest, post_only

from . import permissions, selectors, services
from .forms import EraseForm, PersonLookupForm, SubjectForm

SESSION_KEY = "privacy_subject"


def _zip(request: AuthedRequest, subject: User) -> FileResponse:
    stream = services.subject_export(subject, actor=request.user)
    audit_security_event(SecurityEvent.PRIVACY_EXPORT, request, obj=subject)
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=services.export_filename(subject),
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_data(request: AuthedRequest) -> HttpResponse:
    """What Parcours keeps about me, and the button that downloads it."""
    return render(request, "privacy/my_data.html", {"kept": selectors.kept_records(request.user)})


@login_required
@post_only
def my_data_export(request: AuthedRequest) -> FileResponse:
    return _zip(request, request.user)


def _requests_page(
    request: AuthedRequest,
    *,
    lookup: PersonLookupForm | None = None,
    erase: EraseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    subject_id = request.session.get(SESSION_KEY)
    subject = User.objects.filter(pk=subject_id).first() if subject_id else None
    context = {
        "lookup": lookup or PersonLookupForm(auto_id=web.auto_id("lookup")),
        "subject": subject,
        "kept": selectors.kept_records(subject) if subject else [],
        "erase": erase,
    }
    return render(request, "privacy/requests.html", context, status=status)


@login_required
def privacy_requests(request: AuthedRequest) -> HttpResponse:
    """Administrators: whose data (a username, posted), and that person's records."""
    web.require(permissions.can_handle_requests(request.user))
    if request.method != "POST":
        return _requests_page(request)
    form = web.bind(PersonLookupForm, request, "lookup")
    if form.is_valid():
        subject = selectors.person_lookup(form.cleaned_data["username"])
        if subject is not None:
            request.session[SESSION_KEY] = subject.pk
            return redirect("privacy:requests")
        form.add_error("username", _("No account has this username."))
    return _requests_page(request, lookup=form, status=422)


@login_required
@post_only
def subject_export(request: AuthedRequest) -> HttpResponseBase:
    """Administrators: the chosen person's data as a zip (audited)."""
    web.require(permissions.can_handle_requests(request.user))
    form = SubjectForm(request.POST)
    if not form.is_valid():
        return _requests_page(request, status=422)
    return _zip(request, permissions.get_subject_for(request.user, form.cleaned_data["subject"]))


@login_required
@post_only
def record_erase(request: AuthedRequest) -> HttpResponse:
    """Administrators: erase one record at its subject's request, unless it must be kept."""
    web.require(permissions.can_handle_requests(request.user))
    form = web.bind(EraseForm, request, "erase")
    done, _erased = web.submit(
        form,
        lambda d: services.record_erase(d["record"], d["pk"], actor=request.user, on=web.today()),
    )
    if not done:
        return _requests_page(request, erase=form, status=422)
    messages.success(request, _("The record was erased."))
    return redirect("privacy:requests")
