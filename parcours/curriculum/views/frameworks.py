"""An outcomes framework as a spreadsheet: the page (template, export, upload), the preview
with every problem, the import, and the downloads.

Between preview and import the checked sheet's cells (text only, never the file) wait in the
user's session, which lives on the server (database sessions), so nobody can alter them; the
import form names them by digest, so a second preview in another tab is never imported by the
first tab's button. The import checks the cells again against the OER as it is then."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import exports, web
from parcours.core.errors import DomainError
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, services
from ..forms.administration import FrameworkImportForm, FrameworkUploadForm
from ..models import Oer
from ..uploads import Sheet, columns, read_sheet

SESSION_KEY = "curriculum.framework_sheet"
KINDS = ("csv", "xlsx")


def _managed_oer(request: AuthedRequest, pk: int) -> Oer:
    oer = permissions.get_oer_for(request.user, pk)
    web.require(permissions.can_edit_oer(request.user, oer))
    return oer


def _digest(sheet: Sheet) -> str:
    return hashlib.sha256(json.dumps(sheet.as_json(), sort_keys=True).encode()).hexdigest()


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


@login_required
@post_only
def framework_preview(request: AuthedRequest, pk: int) -> HttpResponse:
    """Check the uploaded sheet: every problem with its row and column, nothing written; a
    clean sheet waits in the session for the import button."""
    oer = _managed_oer(request, pk)
    form = FrameworkUploadForm(request.POST, request.FILES)

    def check(data: dict[str, Any]) -> tuple[services.FrameworkPlan, Sheet]:
        upload = data["file"]
        sheet = read_sheet(upload, upload.size or 0)
        return services.framework_preview(oer, actor=request.user, sheet=sheet), sheet

    ok, result = web.submit(form, check)
    if not ok:
        return _render(request, oer, upload=form, status=form.refusal_status)
    plan, sheet = result
    digest = ""
    if plan.ok:
        digest = _digest(sheet)
        request.session[SESSION_KEY] = {"oer": oer.pk, "digest": digest, **sheet.as_json()}
    return _render(request, oer, plan=plan, digest=digest, status=200 if plan.ok else 422)


@login_required
@post_only
def framework_import(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """Import the checked sheet into the draft OER, all of it or (on any problem) nothing."""
    oer = _managed_oer(request, pk)
    form = FrameworkImportForm(request.POST)
    kept = request.session.get(SESSION_KEY) or {}
    named = form.cleaned_data["sheet"] if form.is_valid() else None
    if kept.get("oer") != oer.pk or kept.get("digest") != named:
        upload = FrameworkUploadForm()
        upload.add_domain_error(
            DomainError(
                "Deze controle is niet meer bewaard (verlopen of vervangen door een andere); "
                "controleer het bestand opnieuw.",
                "This check is no longer kept (expired, or replaced by another); check the "
                "file again.",
            )
        )
        return _render(request, oer, upload=upload, status=422)
    try:
        counts = services.framework_import(oer, actor=request.user, sheet=Sheet.from_json(kept))
    except services.FrameworkRefused as exc:
        return _render(request, oer, refused=exc.problems, status=422)
    except DomainError as exc:
        upload = FrameworkUploadForm()
        upload.add_domain_error(exc)
        return _render(request, oer, upload=upload, status=exc.status)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _(
            "Imported %(units)s units with %(outcomes)s learning outcomes, %(levels)s level "
            "descriptions and %(criteria)s criteria."
        )
        % counts,
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
