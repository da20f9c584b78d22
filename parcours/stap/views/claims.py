"""The administration's STAP pages (/stap/): the claims, paged and filtered by calendar year;
a new claim, decided at once by rule financing.stap and shown with the rule and its source; a
claim's detail with its proof of participation and invoice; the trainings listed in the STAP
training register (/stap/opleidingen/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parcours.core import paging, web
from parcours.core.downloads import stored_download
from parcours.core.web import AuthedRequest, post_only
from parcours.portfolio.services import evidence_storage

from .. import permissions, selectors, services
from ..forms import ClaimForm, InvoiceForm, ListingForm, ProofForm, YearForm, cents
from ..models import StapClaim

SORTS = {
    "person": ("person__last_name", "person__first_name", "person__username"),
    "training": ("listing__title",),
    "date": ("claimed_on",),
    "claimed": ("claimed_cents",),
    "granted": ("granted_cents",),
    "outcome": ("outcome",),
}


def _manager(request: AuthedRequest) -> None:
    web.require(permissions.can_manage_stap(request.user))


def _run(form: Any, action: Any) -> tuple[Any, int]:
    """The service's result and 200; or None and 400 for input that does not fit the form,
    the refusal's status (422, 413) when the service refused, the reason on the form."""
    if not form.is_valid():
        return None, form.refusal_status if form.refusal_status != 422 else 400
    ok, result = web.submit(form, action)
    return result, 200 if ok else form.refusal_status


@login_required
def claim_list(request: AuthedRequest) -> HttpResponse:
    """Every claim, 50 a page, newest claim date first; `?jaar=` one calendar year."""
    _manager(request)
    form = YearForm(request.GET or None, years=selectors.claim_years(request.user))
    rows = selectors.claim_list(request.user, year=form.year())
    listing = paging.list_page(request, rows, sorts=SORTS, default="-date")
    return render(request, "stap/claim_list.html", {"listing": listing, "form": form})


def _claim_form(request: AuthedRequest, data: Any = None) -> ClaimForm:
    return ClaimForm(data, listings=selectors.listings(request.user), auto_id=web.auto_id("claim"))


@login_required
def claim_create(request: AuthedRequest) -> HttpResponseBase:
    """The form (GET); a claim recorded and decided (POST): on to its detail with the outcome.
    Input that is not an amount or a date is refused on the form (400), nothing stored."""
    _manager(request)
    if request.method != "POST":
        return render(request, "stap/claim_form.html", {"form": _claim_form(request)})
    form = _claim_form(request, request.POST)
    claim, status = _run(
        form,
        lambda d: services.claim_record(
            d["listing"],
            actor=request.user,
            person=d["person"],
            registered_on=d["registered_on"],
            claimed_on=d["claimed_on"],
            claimed_cents=cents(d["amount"]),
        ),
    )
    if status != 200:
        return render(request, "stap/claim_form.html", {"form": form}, status=status)
    messages.success(request, _("The claim is recorded with its outcome."))
    return redirect("stap:claim_detail", claim.pk)


def _detail(
    request: AuthedRequest,
    claim: StapClaim,
    *,
    proof_form: ProofForm | None = None,
    invoice_form: InvoiceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    lang = get_language() or "nl"
    refusal = None
    if claim.outcome == StapClaim.Outcome.REFUSED:
        refusal = [{"message": claim.reason(lang), "rule": claim.rule_id, "source": _source(claim)}]
    context = {
        "claim": claim,
        "reason": claim.reason(lang),
        "source": _source(claim),
        "refusal": refusal,
        "proof": getattr(claim, "proof", None),
        "invoice": getattr(claim, "invoice", None),
        "proof_form": proof_form or ProofForm(auto_id=web.auto_id("proof")),
        "invoice_form": invoice_form or InvoiceForm(auto_id=web.auto_id("invoice")),
    }
    return render(request, "stap/claim_detail.html", context, status=status)


def _source(claim: StapClaim) -> str:
    """The sources the rule cited when the claim was decided (stored with its grounds)."""
    return "; ".join(c["label"] for c in claim.grounds.get("citations", []))


@login_required
def claim_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, permissions.get_claim_for(request.user, pk))


@login_required
@post_only
def proof_add(request: AuthedRequest, pk: int) -> HttpResponseBase:
    claim = permissions.get_claim_for(request.user, pk)
    form = ProofForm(request.POST, request.FILES, auto_id=web.auto_id("proof"))
    _proof, status = _run(
        form,
        lambda d: services.proof_record(
            claim, actor=request.user, confirmed_on=d["confirmed_on"], document=form.upload()
        ),
    )
    if status != 200:
        return _detail(request, claim, proof_form=form, status=status)
    messages.success(request, _("The proof of participation is recorded."))
    return redirect("stap:claim_detail", claim.pk)


@login_required
@post_only
def invoice_add(request: AuthedRequest, pk: int) -> HttpResponseBase:
    claim = permissions.get_claim_for(request.user, pk)
    form = InvoiceForm(request.POST, auto_id=web.auto_id("invoice"))
    _invoice, status = _run(
        form,
        lambda d: services.invoice_record(
            claim,
            actor=request.user,
            number=d["number"],
            issued_on=d["issued_on"],
            amount_cents=cents(d["amount"]),
        ),
    )
    if status != 200:
        return _detail(request, claim, invoice_form=form, status=status)
    messages.success(request, _("The invoice is recorded."))
    return redirect("stap:claim_detail", claim.pk)


@login_required
def proof_download(request: AuthedRequest, pk: int) -> FileResponse:
    proof = permissions.get_proof_for(request.user, pk)
    return stored_download(
        evidence_storage(),
        proof.stored_name,
        filename=proof.original_name,
        content_type=proof.content_type,
        read_of=proof,
    )


def _listings(request: AuthedRequest, form: ListingForm, status: int = 200) -> HttpResponse:
    rows = selectors.listings(request.user)
    listing = paging.list_page(request, rows, sorts={"title": ("title",)}, default="title")
    return render(
        request, "stap/listing_list.html", {"listing": listing, "form": form}, status=status
    )


@login_required
def listing_list(request: AuthedRequest) -> HttpResponse:
    _manager(request)
    return _listings(request, ListingForm(auto_id=web.auto_id("listing")))


@login_required
@post_only
def listing_create(request: AuthedRequest) -> HttpResponseBase:
    _manager(request)
    form = ListingForm(request.POST, auto_id=web.auto_id("listing"))
    _made, status = _run(
        form,
        lambda d: services.listing_create(
            selectors.institution_of(request.user), actor=request.user, **d
        ),
    )
    if status != 200:
        return _listings(request, form, status=status)
    messages.success(request, _("The training is listed."))
    return redirect("stap:listing_list")
