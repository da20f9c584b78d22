"""Staff and their roles from a spreadsheet, on the administrator's user pages: the page
(template, upload), the preview with every problem, the import, and the template download.

As the outcomes framework's pages (`frameworks.py`): between preview and import the checked
sheet waits in the session (`forms.sheets.SheetSession`), and the import checks it again.
Importing gives roles, so it asks for a recent second-factor code as giving a role on the roles
page does (accounts/step_up.py)."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.step_up import step_up_required
from parcours.core import exports, web
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms.administration import FrameworkUploadForm
from ..forms.sheets import SheetSession, imported, sheet_page
from ..models import Institution
from .common import page_institution

SESSION_KEY = "curriculum.staff_sheet"
KINDS = ("csv", "xlsx")


def _administrator(request: AuthedRequest, *args: object, **kwargs: object) -> None:
    web.require(permissions.can_manage_users(request.user))
    web.require(permissions.can_manage_roles(request.user))


def _institution(request: AuthedRequest) -> Institution:
    institution = page_institution(request)
    if institution is None:
        raise Http404
    return institution


def _render(
    request: AuthedRequest,
    institution: Institution,
    *,
    upload: FrameworkUploadForm | None = None,
    plan: services.StaffPlan | None = None,
    digest: str = "",
    refused: list[services.Problem] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "institution": institution,
        "institutions": selectors.institutions(),
        "columns": services.STAFF_COLUMNS,
        **sheet_page(upload=upload, plan=plan, digest=digest, refused=refused),
    }
    return render(request, "curriculum/staff_import.html", context, status=status)


@login_required
def staff_import_page(request: AuthedRequest) -> HttpResponse:
    _administrator(request)
    return _render(request, _institution(request))


def _sheets(institution: Institution) -> SheetSession:
    return SheetSession(SESSION_KEY, {"institution": institution.pk})


@login_required
@post_only
def staff_import_preview(request: AuthedRequest) -> HttpResponse:
    """Check the uploaded sheet: every problem with its row and column, nothing written; a
    clean sheet waits in the session for the import button."""
    _administrator(request)
    institution = _institution(request)
    return _sheets(institution).preview_page(
        request,
        lambda sheet: services.staff_preview(institution, actor=request.user, sheet=sheet),
        partial(_render, request, institution),
    )


@login_required
@post_only
@step_up_required(guard=_administrator)
def staff_import_commit(request: AuthedRequest) -> HttpResponseBase:
    """Add the checked sheet's accounts and roles, all of them or (on any problem) nothing."""
    _administrator(request)
    institution = _institution(request)
    message = _(
        "Imported: %(users_added)s accounts added, %(roles_added)s roles given, "
        "%(roles_changed)s roles with a new end, %(unchanged)s roles unchanged."
    )
    return _sheets(institution).commit_page(
        request,
        lambda sheet: services.staff_import(institution, actor=request.user, sheet=sheet),
        partial(_render, request, institution),
        imported(request, message, reverse("curriculum:user_list")),
    )


@login_required
def staff_import_template(request: AuthedRequest, kind: str) -> HttpResponseBase:
    """The empty template, as CSV or XLSX."""
    _administrator(request)
    if kind not in KINDS:
        raise Http404
    header, rows = services.staff_template()
    return exports.download(kind, "medewerkers-sjabloon", header, rows)
