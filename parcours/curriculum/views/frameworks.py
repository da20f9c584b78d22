"""An outcomes framework as a spreadsheet: the page (template, export, upload), the preview
with every problem, the import, and the downloads.

Between preview and import the checked sheet waits in the session (`forms.sheets.SheetSession`);
the import checks the cells again against the OER as it is then."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core import exports, web
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, services
from ..forms.administration import FrameworkUploadForm
from ..forms.sheets import SheetSession, imported, sheet_page
from ..models import Oer
from ..uploads import columns

SESSION_KEY = "curriculum.framework_sheet"
KINDS = ("csv", "xlsx")


def _managed_oer(request: AuthedRequest, pk: int) -> Oer:
    oer = permissions.get_oer_for(request.user, pk)
    web.require(permissions.can_edit_oer(request.user, oer))
    return oer


def _render(
    request: AuthedRequest,
    oer: Oer,
    *,
    upload: FrameworkUploadForm | None = None,
    plan: services.FrameworkPlan | None = None,
    digest: str = "",
    refused: list[services.Problem] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "oer": oer,
        "programme": oer.variant.programme,
        "levels": range(1, oer.variant.programme.outcome_levels + 1),
        "columns": columns(oer.variant.programme.outcome_levels),
        **sheet_page(upload=upload, plan=plan, digest=digest, refused=refused),
    }
    return render(request, "curriculum/framework.html", context, status=status)


@login_required
def framework_page(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render(request, _managed_oer(request, pk))


def _sheets(oer: Oer) -> SheetSession:
    return SheetSession(SESSION_KEY, {"oer": oer.pk})


@login_required
@post_only
def framework_preview(request: AuthedRequest, pk: int) -> HttpResponse:
    """Check the uploaded sheet: every problem with its row and column, nothing written; a
    clean sheet waits in the session for the import button."""
    oer = _managed_oer(request, pk)
    return _sheets(oer).preview_page(
        request,
        lambda sheet: services.framework_preview(oer, actor=request.user, sheet=sheet),
        partial(_render, request, oer),
    )


@login_required
@post_only
def framework_import(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """Import the checked sheet into the draft OER, all of it or (on any problem) nothing."""
    oer = _managed_oer(request, pk)
    message = _(
        "Imported %(units)s units with %(outcomes)s learning outcomes, %(levels)s level "
        "descriptions and %(criteria)s criteria."
    )
    return _sheets(oer).commit_page(
        request,
        lambda sheet: services.framework_import(oer, actor=request.user, sheet=sheet),
        partial(_render, request, oer),
        imported(request, message, reverse("curriculum:oer_detail", args=[oer.pk])),
    )


@login_required
def framework_download(request: AuthedRequest, pk: int, what: str, kind: str) -> HttpResponseBase:
    """The empty template (`sjabloon`) or the OER's framework (`export`), as CSV or XLSX; for
    whoever may read the OER."""
    oer = permissions.get_oer_for(request.user, pk)
    if kind not in KINDS or what not in ("sjabloon", "export"):
        raise Http404
    programme = oer.variant.programme
    if what == "export":
        header, rows = services.framework_export(oer)
    else:
        header, rows = columns(programme.outcome_levels), []
    name = f"{what}-{programme.croho_code}-{oer.variant.form}-{oer.year_label}"
    return exports.download(kind, name, header, rows)
