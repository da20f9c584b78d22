"""A spreadsheet checked and then imported on a page: what every import page shares (the
outcomes framework, staff and their roles, registrations in the registrations app).

Between preview and import the checked sheet's cells (text only, never the file) wait in the
user's session, which lives on the server (database sessions), so nobody can alter them; the
import form names them by digest, so a second preview in another tab is never imported by the
first tab's button. The import checks the cells again (the service does), so what changed in
between is seen. The page template includes `curriculum/_sheet_problems.html` for the
problems."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect

from parcours.core import web
from parcours.core.errors import DomainError

from ..services import Problem, SheetRefused
from ..uploads import Sheet, read_sheet
from .administration import FrameworkImportForm, FrameworkUploadForm

# render(upload=…, refused=…, status=…) → the import page as it stands
Render = Callable[..., HttpResponse]


def _stale() -> FrameworkUploadForm:
    upload = FrameworkUploadForm()
    upload.add_domain_error(
        DomainError(
            "Deze controle is niet meer bewaard (verlopen of vervangen door een andere); "
            "controleer het bestand opnieuw.",
            "This check is no longer kept (expired, or replaced by another); check the file again.",
        )
    )
    return upload


def sheet_page(
    *,
    upload: FrameworkUploadForm | None,
    plan: Any,
    digest: str,
    refused: list[Problem] | None,
) -> dict[str, Any]:
    """What every import page shows: the upload form (with its refusal), the plan and its
    counts, the problems (the plan's, or those the import found), and the import button when
    a clean sheet is kept under `digest`."""
    problems = refused if refused is not None else (plan.problems if plan else [])
    return {
        "upload_form": upload or FrameworkUploadForm(),
        "plan": plan,
        "counts": plan.counts() if plan else None,
        "problems": problems,
        "import_form": FrameworkImportForm(initial={"sheet": digest}) if digest else None,
        "top_violations": upload.violations if upload else [],
    }


def imported(request: HttpRequest, message: str, to: str) -> Callable[[Any], HttpResponseBase]:
    """The answer to an import that is done: `message` filled with its counts, and on to `to`."""

    def done(counts: Any) -> HttpResponseBase:
        messages.success(request, message % counts)
        return redirect(to)

    return done


@dataclass(frozen=True)
class SheetSession:
    """One import's checked sheet in the session under `key`, for the object(s) in `scope`
    (e.g. {"oer": 7}): a sheet kept for another scope is not imported."""

    key: str
    scope: dict[str, int]

    def digest(self, sheet: Sheet) -> str:
        data = {**self.scope, **sheet.as_json()}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def preview(
        self, request: HttpRequest, form: FrameworkUploadForm, check: Callable[[Sheet], Any]
    ) -> tuple[bool, Any, str]:
        """Read the uploaded file and run `check` (the service's preview): (False, None, "")
        with the refusal on the form, else (True, the plan, the digest to import it by; ""
        when the plan has problems). A clean sheet is kept for the import button."""

        def read_and_check(data: dict[str, Any]) -> tuple[Any, Sheet]:
            upload = data["file"]
            sheet = read_sheet(upload, upload.size or 0)
            return check(sheet), sheet

        ok, result = web.submit(form, read_and_check)
        if not ok:
            return False, None, ""
        plan, sheet = result
        if not plan.ok:
            return True, plan, ""
        digest = self.digest(sheet)
        request.session[self.key] = {**self.scope, "digest": digest, **sheet.as_json()}
        return True, plan, digest

    def preview_page(
        self, request: HttpRequest, check: Callable[[Sheet], Any], render: Render
    ) -> HttpResponse:
        """The page after an upload: the form's refusal (400/413/422), the plan with its
        problems (422), or the clean plan with the import button (200)."""
        form = FrameworkUploadForm(request.POST, request.FILES)
        ok, plan, digest = self.preview(request, form, check)
        if not ok:
            return render(upload=form, status=form.refusal_status)
        return render(plan=plan, digest=digest, status=200 if plan.ok else 422)

    def commit_page(
        self,
        request: HttpRequest,
        run: Callable[[Sheet], Any],
        render: Render,
        done: Callable[[Any], HttpResponseBase],
    ) -> HttpResponseBase:
        """`commit`, then `done(result)` (a message and a redirect) or the page that says why."""
        ok, result = self.commit(request, run, render)
        return done(result) if ok else result

    def commit(
        self, request: HttpRequest, run: Callable[[Sheet], Any], render: Render
    ) -> tuple[bool, Any]:
        """Import the kept sheet the form names with `run` (the service's import): (True, its
        result) and the sheet forgotten, or (False, the page that says why: no such check
        kept, the problems found now, or the service's refusal)."""
        form = FrameworkImportForm(request.POST)
        kept = request.session.get(self.key) or {}
        named = form.cleaned_data["sheet"] if form.is_valid() else None
        if any(kept.get(k) != v for k, v in self.scope.items()) or kept.get("digest") != named:
            return False, render(upload=_stale(), status=422)
        try:
            result = run(Sheet.from_json(kept))
        except SheetRefused as exc:
            return False, render(refused=exc.problems, status=422)
        except DomainError as exc:
            upload = FrameworkUploadForm()
            upload.add_domain_error(exc)
            return False, render(upload=upload, status=exc.status)
        del request.session[self.key]
        return True, result
