"""Registrations from a spreadsheet (/beheer/inschrijvingen/inlezen/), for the administrator:
the page (template, upload), the preview with every row and every problem, the import, and the
template download; linked from the census page.

As the staff import's pages: between preview and import the checked sheet waits in the session
(`curriculum.forms.sheets.SheetSession`), and the import checks it again. Importing makes
accounts and enrolments, so it asks for a recent second-factor code (accounts/step_up.py)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.step_up import step_up_required
from parcours.core import exports, web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms.administration import FrameworkUploadForm
from parcours.curriculum.forms.sheets import SheetSession, imported, sheet_page
from parcours.curriculum.models import Institution
from parcours.curriculum.selectors import institutions

from .. import permissions, selectors, services

SESSION_KEY = "registrations.import_sheet"
KINDS = ("csv", "xlsx")


def _administrator(request: AuthedRequest, *args: object, **kwargs: object) -> None:
    web.require(permissions.can_import_registrations(request.user))


def _institution(request: AuthedRequest) -> Institution:
    asked = request.POST.get("instelling") or request.GET.get("instelling")
    institution = selectors.census_institution(request.user, asked)
    if institution is None:
        raise Http404
    return institution


def _sheets(institution: Institution) -> SheetSession:
    return SheetSession(SESSION_KEY, {"institution": institution.pk})


def _render(
    request: AuthedRequest,
    institution: Institution,
    *,
    upload: FrameworkUploadForm | None = None,
    plan: services.RegistrationPlan | None = None,
    digest: str = "",
    refused: list[Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "institution": institution,
        "institutions": institutions(),
        "columns": services.REGISTRATION_COLUMNS,
        **sheet_page(upload=upload, plan=plan, digest=digest, refused=refused),
    }
    return render(request, "registrations/registration_import.html", context, status=status)


@login_required
def registration_import_page(request: AuthedRequest) -> HttpResponse:
    _administrator(request)
    return _render(request, _institution(request))


@login_required
@post_only
def registration_import_preview(request: AuthedRequest) -> HttpResponse:
    """Check the uploaded sheet: every row and every problem, nothing written; a clean sheet
    waits in the session for the import button."""
    _administrator(request)
    institution = _institution(request)
    return _sheets(institution).preview_page(
        request,
        lambda sheet: services.registration_import_preview(
            institution, actor=request.user, sheet=sheet
        ),
        partial(_render, request, institution),
    )


@login_required
@post_only
@step_up_required(guard=_administrator)
def registration_import_commit(request: AuthedRequest) -> HttpResponseBase:
    """Write the checked sheet's accounts, enrolments and registrations, all or nothing."""
    _administrator(request)
    institution = _institution(request)
    message = _(
        "Imported: %(users_added)s accounts added, %(enrolments_added)s enrolments made, "
        "%(registrations_added)s registrations added, %(registrations_ended)s "
        "de-enrolments, %(unchanged)s registrations unchanged."
    )
    return _sheets(institution).commit_page(
        request,
        lambda sheet: services.registration_import(institution, actor=request.user, sheet=sheet),
        partial(_render, request, institution),
        imported(request, message, reverse("registrations:registration_import")),
    )


@login_required
def registration_import_template(request: AuthedRequest, kind: str) -> HttpResponseBase:
    """The empty template, as CSV or XLSX."""
    _administrator(request)
    if kind not in KINDS:
        raise Http404
    header, rows = services.registration_template()
    return exports.download(kind, "inschrijvingen-sjabloon", header, rows)
