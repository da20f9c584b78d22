"""The applicant's pages (/aanmelden/): the programmes open for application (public), the
application form (signed in), one's own applications with the decision and its letter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.downloads import download, stored_download
from parcours.core.web import AuthedRequest
from parcours.examcommittee import letters
from parcours.portfolio.services import evidence_storage

from .. import permissions, selectors, services
from ..forms import ApplicationForm


def application_open_list(request: HttpRequest) -> HttpResponse:
    """The programmes and variants a prospective student may apply for."""
    return render(
        request, "admissions/open_list.html", {"variants": list(selectors.open_variants())}
    )


@login_required
def application_create(request: AuthedRequest, variant_pk: int) -> HttpResponse:
    """Apply for a variant from a start moment, with a wish and documents; a variant whose
    institution has set no start moments yet says so."""
    variant = get_object_or_404(selectors.open_variants(), pk=variant_pk)
    moments = selectors.start_moments_for(variant, on=web.today())
    posted = request.method == "POST"
    form = ApplicationForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        moments=moments,
        auto_id=web.auto_id("application"),
    )
    if posted:
        ok, created = web.submit(
            form,
            lambda d: services.application_submit(
                variant,
                actor=request.user,
                start_moment_id=d["start_moment"],
                own_route_wish=d["own_route_wish"],
                flexibility_wish=d["flexibility_wish"],
                wish=d["wish"],
                documents=form.uploads(),
                on=web.today(),
            ),
        )
        if ok:
            messages.success(request, _("Your application was received."))
            return redirect("admissions:application_detail", created.pk)
    context = {"variant": variant, "moments": moments, "form": form}
    status = form.refusal_status if posted else 200
    return render(request, "admissions/apply.html", context, status=status)


@login_required
def application_mine(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "admissions/mine.html",
        {"applications": list(selectors.applications_of(request.user))},
    )


@login_required
def application_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """An application as its applicant (or its programme's staff) reads it."""
    application = permissions.get_application_for(request.user, pk)
    return render(
        request,
        "admissions/detail.html",
        {
            "application": application,
            "documents": selectors.documents_of(application),
            "can_decide": permissions.can_decide_admission(
                request.user, application.variant.programme_id
            ),
        },
    )


@login_required
def document_download(request: AuthedRequest, pk: int) -> FileResponse:
    """A document of an application, as an attachment."""
    document = permissions.get_document_for(request.user, pk)
    return stored_download(
        evidence_storage(),
        document.stored_name,
        filename=document.original_name,
        content_type=document.content_type,
        read_of=document,
    )


@login_required
def decision_letter(request: AuthedRequest, pk: int) -> HttpResponse:
    """The decision letter as PDF, once the application is decided."""
    application = permissions.get_application_for(request.user, pk)
    if application.decision is None:
        raise Http404
    return download(
        letters.letter_pdf(application.decision),
        filename=letters.letter_filename(application.decision),
        content_type="application/pdf",
    )
