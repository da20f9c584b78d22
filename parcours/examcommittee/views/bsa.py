"""The exam committee's BSA list (/examencommissie/bsa/): each student's own first year, EC
within it against the norm, the verdict (rule bsa.norm), the personal circumstances recorded
and the BSA decision; read from the kept progress, 50 students a page (`?pagina=N`). The
decisions are prepared one by one or for the students ticked on a page at once.

Thin views: permission through permissions.py, every write through one service call, a refusal
re-rendered on the list with the rule and its source (422).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parcours.core import web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ActionForm
from parcours.studyplans.models import Enrolment

from .. import permissions, selectors, services
from ..forms import BulkPrepareForm, CircumstanceForm
from ..models import Decision, PersonalCircumstance
from .common import (
    Bsa,
    Refusal,
    bsa_advice,
    bulk_refusals,
    bulk_summary,
    decision_url,
    list_page,
    same_page,
)

BSA_RULE = "bsa.norm"


@dataclass(frozen=True)
class BsaRow:
    enrolment: Enrolment
    bsa: Bsa | None
    circumstances: list[PersonalCircumstance]
    decision: Decision | None

    @property
    def can_prepare(self) -> bool:
        return self.bsa is not None and self.bsa.advice != "not_yet" and self.decision is None

    @property
    def decision_url(self) -> str:
        return decision_url(self.decision) if self.decision else ""


def _circumstance_form(key: str) -> CircumstanceForm:
    return CircumstanceForm(auto_id=web.auto_id(key))


def _render_bsa_list(
    request: AuthedRequest,
    bound: dict[int, CircumstanceForm] | None = None,
    refusal: Refusal | None = None,
    *,
    bulk: BulkPrepareForm | None = None,
    refusals: list[Refusal] | None = None,
) -> HttpResponse:
    bound = bound or {}
    listing = list_page(request, selectors.bsa_list(request.user))
    rows = selectors.queue_rows(listing.rows, on=web.today())
    ids = [r.enrolment.pk for r in rows]
    circumstances = selectors.circumstances_by_enrolment(ids)
    decisions = selectors.decisions_by_enrolment(Decision.Kind.BSA, ids)
    context = {
        "rows": [
            BsaRow(
                r.enrolment,
                bsa_advice(r.bsa),
                circumstances.get(r.enrolment.pk, []),
                decisions.get(r.enrolment.pk),
            )
            for r in rows
        ],
        "page": listing.page,
        "listing": listing,
        "refusal": refusal,
        "refusals": refusals or [],
        "bulk": bulk or BulkPrepareForm(),
        "rule": web.rule_note(BSA_RULE),
    }
    status = 422 if bound or refusal or refusals or bulk is not None else 200
    return render(request, "examcommittee/bsa_list.html", context, status=status)


def _on_page(request: AuthedRequest) -> str:
    """Back to the page the form was sent from."""
    number = request.GET.get("pagina", "")
    return f"?pagina={number}" if number.isdigit() else ""


@login_required
def bsa_list(request: AuthedRequest) -> HttpResponse:
    """Students of the committee's BSA variants: their own first year, EC within it against
    the norm, the verdict, circumstances recorded, and the BSA decision."""
    web.require(permissions.can_use_committee_pages(request.user))
    return _render_bsa_list(request)


def _render_circumstances(
    request: AuthedRequest, enrolment: Enrolment, form: CircumstanceForm
) -> HttpResponse:
    context = {
        "enrolment": enrolment,
        "circumstances": selectors.circumstances_by_enrolment([enrolment.pk]).get(enrolment.pk, []),
        "form": form,
        "back": reverse("examcommittee:bsa_list") + f"{_on_page(request)}#bsa-{enrolment.pk}",
        "page_query": _on_page(request),
        "rule": web.rule_note(BSA_RULE),
    }
    status = 422 if form.is_bound else 200
    return render(request, "examcommittee/bsa_circumstances.html", context, status=status)


@login_required
def circumstance_record(request: AuthedRequest, pk: int) -> HttpResponse:
    """One student's personal circumstances and the form to record one, on a page of its own
    (the BSA list links to it rather than carrying a form on every row); back to the list's
    page after recording."""
    enrolment = permissions.get_committee_enrolment_for(request.user, pk)
    if request.method != "POST":
        return _render_circumstances(
            request, enrolment, CircumstanceForm(auto_id=web.auto_id(f"circ-{pk}"))
        )
    form = web.bind(CircumstanceForm, request, f"circ-{pk}")
    ok, _result = web.submit(
        form,
        lambda d: services.circumstance_record(enrolment, actor=request.user, **d),
    )
    if ok:
        messages.success(
            request,
            _("Circumstances recorded for %(name)s.") % {"name": enrolment.student},
        )
        return redirect(reverse("examcommittee:bsa_list") + f"{_on_page(request)}#bsa-{pk}")
    return _render_circumstances(request, enrolment, form)


@login_required
@post_only
def bsa_prepare(request: AuthedRequest, pk: int) -> HttpResponse:
    """Draft the BSA decision with the outcome rule bsa.norm gives (refused before the student's
    first year is over)."""
    enrolment = permissions.get_committee_enrolment_for(request.user, pk)
    existing = selectors.open_draft(Decision.Kind.BSA, enrolment)
    if existing is not None:
        return redirect(decision_url(existing))
    form = ActionForm(request.POST)
    ok, decision = web.submit(
        form, lambda _d: services.bsa_draft(enrolment, actor=request.user, on=web.today())
    )
    if ok:
        messages.success(request, _("The BSA decision was prepared."))
        return redirect(decision_url(decision))
    return _render_bsa_list(request, refusal=Refusal(enrolment, form.violations, []))


@login_required
@post_only
def bsa_prepare_many(request: AuthedRequest) -> HttpResponse:
    """Draft the BSA decision of every student ticked on a page of the list (at most a page):
    back to that page with what was prepared, or the page with each refusal (422)."""
    web.require(permissions.can_use_committee_pages(request.user))
    form = BulkPrepareForm(request.POST)
    ok, result = web.submit(
        form,
        lambda d: services.bsa_draft_many(
            permissions.get_committee_enrolments_for(request.user, d["enrolments"]),
            actor=request.user,
            on=web.today(),
        ),
    )
    if not ok:
        return _render_bsa_list(request, bulk=form)
    prepared = len(result.prepared)
    summary = bulk_summary(
        result,
        ngettext("Prepared %(count)d BSA decision", "Prepared %(count)d BSA decisions", prepared),
    )
    if result.refused:
        messages.warning(request, summary)
        return _render_bsa_list(request, refusals=bulk_refusals(result))
    messages.success(request, summary)
    return redirect(same_page(request, "examcommittee:bsa_list"))
