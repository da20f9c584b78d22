"""The exam committee's diploma queue (/examencommissie/diplomas/, read from the kept progress,
50 students a page: `?pagina=N`), the diploma decision (one by one or for the students ticked on
a page at once) and its supplement (as a page and as a PDF).

Thin views: permission through permissions.py (404 for what a user may not see, 403 for what
they may see but not do), every write through one service call, a refusal shown on the queue
with each rule and its source and the units still missing (422).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.downloads import download, html_to_pdf
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ActionForm
from parcours.studyplans.models import Enrolment

from .. import permissions, selectors, services
from ..forms import BulkPrepareForm
from ..models import Decision
from .common import (
    HOW_LABELS,
    Refusal,
    bulk_refusals,
    bulk_summary,
    decision_url,
    list_page,
    same_page,
    tile,
)

DIPLOMA_RULE = "diploma.all-units-achieved"


@dataclass(frozen=True)
class DiplomaRow:
    enrolment: Enrolment
    ec_done: int
    nominal_ec: int
    by_assessment: int
    by_exemption: int
    decision: Decision | None

    @property
    def decision_url(self) -> str:
        return decision_url(self.decision) if self.decision else ""


def _render_diploma_queue(
    request: AuthedRequest,
    refusal: Refusal | None = None,
    status: int = 200,
    *,
    bulk: BulkPrepareForm | None = None,
    refusals: list[Refusal] | None = None,
) -> HttpResponse:
    listing = list_page(request, selectors.diploma_queue(request.user))
    rows = selectors.queue_rows(listing.rows, on=web.today())
    drafts = selectors.decisions_by_enrolment(Decision.Kind.DIPLOMA, (r.enrolment.pk for r in rows))
    context = {
        "rows": [
            DiplomaRow(
                r.enrolment,
                r.ec_done,
                r.nominal_ec,
                r.by_assessment,
                r.by_exemption,
                drafts.get(r.enrolment.pk),
            )
            for r in rows
        ],
        "page": listing.page,
        "listing": listing,
        "refusal": refusal,
        "refusals": refusals or [],
        "bulk": bulk or BulkPrepareForm(),
        "rule": web.rule_note(DIPLOMA_RULE),
    }
    return render(request, "examcommittee/diploma_queue.html", context, status=status)


@login_required
def diploma_queue(request: AuthedRequest) -> HttpResponse:
    """Students of the committee's programmes with every unit achieved and no diploma yet."""
    web.require(permissions.can_use_committee_pages(request.user))
    return _render_diploma_queue(request)


@login_required
@post_only
def diploma_prepare(request: AuthedRequest, pk: int) -> HttpResponse:
    """Draft the diploma decision with its supplement (refused with the rule while a unit is
    missing); a draft that already exists is opened instead of a second one."""
    enrolment = permissions.get_committee_enrolment_for(request.user, pk)
    existing = selectors.open_draft(Decision.Kind.DIPLOMA, enrolment)
    if existing is not None:
        return redirect(decision_url(existing))
    today = web.today()
    form = ActionForm(request.POST)
    ok, decision = web.submit(
        form, lambda _d: services.diploma_draft(enrolment, actor=request.user, on=today)
    )
    if ok:
        messages.success(request, _("The diploma decision was prepared with its supplement."))
        return redirect(decision_url(decision))
    found = selectors.progress(
        enrolment.student, enrolment.variant.programme, on=today, enrolment=enrolment
    )
    refusal = Refusal(enrolment, form.violations, [tile(r) for r in found.units if not r.done])
    return _render_diploma_queue(request, refusal, status=422)


@login_required
@post_only
def diploma_prepare_many(request: AuthedRequest) -> HttpResponse:
    """Draft the diploma decision with its supplement for every student ticked on a page of
    the queue (at most a page): back to that page with what was prepared, or the page with
    each refusal (422)."""
    web.require(permissions.can_use_committee_pages(request.user))
    form = BulkPrepareForm(request.POST)
    ok, result = web.submit(
        form,
        lambda d: services.diploma_draft_many(
            permissions.get_committee_enrolments_for(request.user, d["enrolments"]),
            actor=request.user,
            on=web.today(),
        ),
    )
    if not ok:
        return _render_diploma_queue(request, status=422, bulk=form)
    prepared = len(result.prepared)
    summary = bulk_summary(
        result,
        ngettext(
            "Prepared %(count)d diploma decision", "Prepared %(count)d diploma decisions", prepared
        ),
    )
    if result.refused:
        messages.warning(request, summary)
        return _render_diploma_queue(request, status=422, refusals=bulk_refusals(result))
    messages.success(request, summary)
    return redirect(same_page(request, "examcommittee:diploma_queue"))


# --- the diploma supplement ---------------------------------------------------------------


@dataclass(frozen=True)
class SupplementLine:
    code: str
    title: str
    ec: int
    how: str
    how_label: str
    route: str
    on: date | None


def supplement_lines(stored: list[dict[str, Any]]) -> list[SupplementLine]:
    """The lines a decision stored (the diploma supplement, the propedeuse certificate), with
    titles in the active language."""
    english = (get_language() or "nl").startswith("en")
    return [
        SupplementLine(
            line["code"],
            line["title_en"] if english and line.get("title_en") else line["title_nl"],
            int(line["ec"]),
            line["how"],
            str(HOW_LABELS.get(line["how"], line["how"])),
            line.get("route", ""),
            date.fromisoformat(line["on"]) if line.get("on") else None,
        )
        for line in stored
    ]


StrOrPromise = str | Promise


@dataclass(frozen=True)
class Sheet:
    """What differs between the diploma supplement and the propedeuse certificate: both list
    the units a decision rests on, on a page and as a PDF, from the same templates."""

    kind: str
    content_key: str
    title: StrOrPromise
    heading: StrOrPromise
    lead: StrOrPromise
    units_heading: StrOrPromise
    queue: StrOrPromise
    queue_url: str
    pdf_url: str
    pdf_testid: str
    filename: str
    shows_nominal: bool


SUPPLEMENT = Sheet(
    kind=Decision.Kind.DIPLOMA,
    content_key="supplement",
    title=gettext_lazy("Diploma supplement"),
    heading=gettext_lazy("Diploma decision"),
    lead=gettext_lazy("Every unit of the exam with its study load, how and when it was achieved."),
    units_heading=gettext_lazy("Units of the exam"),
    queue=gettext_lazy("Diploma queue"),
    queue_url="examcommittee:diploma_queue",
    pdf_url="examcommittee:diploma_supplement_pdf",
    pdf_testid="supplement-pdf",
    filename="diplomasupplement",
    shows_nominal=True,
)


def _sheet_decision(request: AuthedRequest, pk: int, sheet: Sheet) -> Decision:
    decision = permissions.get_decision_for(request.user, pk)
    if decision.kind != sheet.kind:
        raise Http404
    return decision


def _sheet_context(request: AuthedRequest, decision: Decision, sheet: Sheet) -> dict[str, Any]:
    lines = supplement_lines(decision.content.get(sheet.content_key, []))
    return {
        "sheet": sheet,
        "decision": decision,
        "lines": lines,
        "ec_total": decision.content.get("ec_total", sum(line.ec for line in lines)),
        "nominal_ec": decision.content.get("nominal_ec") if sheet.shows_nominal else None,
        "can_decide": permissions.can_decide(request.user, decision.programme_id),
        "decision_url": decision_url(decision),
    }


def sheet_page(request: AuthedRequest, pk: int, sheet: Sheet) -> HttpResponse:
    """The decision with its sheet of units; the student reads it once made known, the
    committee also while it is a draft."""
    decision = _sheet_decision(request, pk, sheet)
    context = _sheet_context(request, decision, sheet)
    return render(request, "examcommittee/decision_sheet.html", context)


def sheet_pdf(request: AuthedRequest, pk: int, sheet: Sheet) -> HttpResponse:
    """The sheet as a PDF (WeasyPrint), in the decision's language."""
    decision = _sheet_decision(request, pk, sheet)
    with translation.override(decision.language or "nl"):
        html = render_to_string(
            "examcommittee/decision_sheet_pdf.html", _sheet_context(request, decision, sheet)
        )
    return download(
        html_to_pdf(html),
        filename=f"{sheet.filename}-{decision.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
def diploma_supplement(request: AuthedRequest, pk: int) -> HttpResponse:
    """The diploma decision with its supplement: every unit, EC, how and when achieved. The
    student reads it once made known; the committee also while it is a draft."""
    return sheet_page(request, pk, SUPPLEMENT)


@login_required
def diploma_supplement_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The supplement as a PDF (WeasyPrint), in the decision's language."""
    return sheet_pdf(request, pk, SUPPLEMENT)
