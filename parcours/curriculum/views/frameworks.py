"""An outcomes framework as a spreadsheet: the page (template, export, upload), the preview
with every problem, the import, and the downloads.

Between preview and import the checked sheet waits in the session (`forms.sheets.SheetSession`);
the import checks the cells again against the OER as it is then."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import exports, web
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, services
from ..forms.administration import FrameworkImportForm, FrameworkUploadForm
from ..forms.sheets import SheetSession
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
    problems = refused if refused is not None else (plan.problems if plan else [])
    context = {
        "oer": oer,
        "programme": oer.variant.programme,
        "levels": range(1, oer.variant.programme.outcome_levels + 1),
        "columns": columns(oer.variant.programme.outcome_levels),
        "upload_form": upload or FrameworkUploadForm(),
        "plan": plan,
        "problems": problems,
        "import_form": FrameworkImportForm(initial={"sheet": digest}) if digest else None,
        "top_violations": upload.violations if upload else [],
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
    form = FrameworkUploadForm(request.POST, request.FILES)
    ok, plan, digest = _sheets(oer).preview(
        request,
        form,
        lambda sheet: services.framework_preview(oer, actor=request.user, sheet=sheet),
    )
    if not ok:
        return _render(request, oer, upload=form, status=form.refusal_status)
    return _render(request, oer, plan=plan, digest=digest, status=200 if plan.ok else 422)


@login_required
@post_only
def framework_import(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """Import the checked sheet into the draft OER, all of it or (on any problem) nothing."""
    oer = _managed_oer(request, pk)
    ok, result = _sheets(oer).commit(
        request,
        lambda sheet: services.framework_import(oer, actor=request.user, sheet=sheet),
        partial(_render, request, oer),
    )
    if not ok:
        return result
    messages.success(
        request,
        _(
            "Imported %(units)s units with %(outcomes)s learning outcomes, %(levels)s level "
            "descriptions and %(criteria)s criteria."
        )
        % result,
    )
    return redirect("curriculum:oer_detail", oer.pk)


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
