"""The programme staff's pages (/toelating/): the applications of their programmes, paged and
searchable, and the decision on one (admitted, or refused on named grounds)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.accounts.step_up import step_up_required
from parcours.core import paging, web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ListFilterForm

from .. import permissions, selectors, services
from ..forms import DecisionForm
from ..models import Application

SORTS = {
    "applicant": ("applicant__last_name", "applicant__first_name"),
    "programme": ("variant__programme__name_nl",),
    "start": ("start_moment__starts_on",),
    "status": ("status",),
    "submitted": ("submitted_at",),
}


@login_required
def application_list(request: AuthedRequest) -> HttpResponse:
    """The applications of the user's programmes, 50 a page, newest first."""
    web.require(permissions.can_use_admission_pages(request.user))
    form = ListFilterForm(
        request.GET,
        programmes=selectors.decided_programmes(request.user),
        statuses=Application.Status.choices,
        cohort=False,
    )
    rows = selectors.staff_application_list(request.user, form.filters())
    return render(
        request,
        "admissions/list.html",
        {
            "listing": paging.list_page(request, rows, sorts=SORTS, default="-submitted"),
            "form": form,
        },
    )


def _review(
    request: AuthedRequest, application: Application, form: DecisionForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "admissions/review.html",
        {
            "application": application,
            "documents": selectors.documents_of(application),
            "form": form,
        },
        status=status,
    )


@login_required
def application_review(request: AuthedRequest, pk: int) -> HttpResponse:
    application = permissions.get_application_to_decide(request.user, pk)
    return _review(request, application, DecisionForm(auto_id=web.auto_id("decision")))


def _decidable(request: AuthedRequest, pk: int) -> Application:
    return permissions.get_application_to_decide(request.user, pk)


@login_required
@post_only
@step_up_required(guard=_decidable)
def application_decide(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """Decide: the decision made known with its letter, the enrolment on admission; a refusal
    by a rule or a missing part is shown on the form (422) with nothing written. Making a
    decision known asks for a recent second-factor code, as every decision does."""
    application = permissions.get_application_to_decide(request.user, pk)
    form = DecisionForm(request.POST, auto_id=web.auto_id("decision"))
    ok, decided = web.submit(
        form,
        lambda d: services.application_decide(
            application,
            actor=request.user,
            admitted=d["outcome"] == "admitted",
            grounds=d["grounds"],
            other_text=d["other_text"],
            reasons=d["reasons"],
            on=web.today(),
        ),
    )
    if not ok:
        return _review(request, application, form, status=form.refusal_status)
    messages.success(request, _("The decision was made known to the applicant."))
    return redirect("admissions:application_review", decided.pk)
