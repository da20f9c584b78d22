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

from django.http import HttpRequest, HttpResponse

from parcours.core import web
from parcours.core.errors import DomainError

from ..services import SheetRefused
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
