"""The exam committee's propedeuse queue (/examencommissie/propedeuse/, read from the kept
progress, 50 students a page: `?pagina=N`), the propedeuse decision and its certificate (as a
page and as a PDF). Only variants with a propedeuse (`ProgrammeVariant.has_propedeuse`) have
students here; elsewhere nothing is offered.

Thin views: permission through permissions.py (404 for what a user may not see, 403 for what
they may see but not do), every write through one service call, a refusal shown on the queue
with each rule and its source and the units of the phase still missing (422).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parcours.core import web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ActionForm
from parcours.studyplans.models import Enrolment

from .. import permissions, selectors, services
from ..models import Decision
from .common import Refusal, decision_url, list_page, tile
from .diploma import Sheet, sheet_page, sheet_pdf

PROPEDEUSE_RULE = "propedeuse.first-year-units-achieved"


@dataclass(frozen=True)
class PropedeuseRow:
    enrolment: Enrolment
    ec_done: int
    decision: Decision | None

    @property
    def decision_url(self) -> str:
        return decision_url(self.decision) if self.decision else ""


def _render_queue(
    request: AuthedRequest, refusal: Refusal | None = None, status: int = 200
) -> HttpResponse:
    listing = list_page(request, selectors.propedeuse_queue(request.user))
    kept = list(listing.rows)
    drafts = selectors.decisions_by_enrolment(
        Decision.Kind.PROPEDEUSE, (k.enrolment.pk for k in kept)
    )
    context = {
        "rows": [PropedeuseRow(k.enrolment, k.ec_done, drafts.get(k.enrolment.pk)) for k in kept],
        "page": listing.page,
        "listing": listing,
        "refusal": refusal,
        "rule": web.rule_note(PROPEDEUSE_RULE),
    }
    return render(request, "examcommittee/propedeuse_queue.html", context, status=status)


@login_required
def propedeuse_queue(request: AuthedRequest) -> HttpResponse:
    """Students of the committee's programmes whose propedeuse phase is complete and who have
    no propedeuse decision made known yet."""
    web.require(permissions.can_use_committee_pages(request.user))
    return _render_queue(request)


@login_required
@post_only
def propedeuse_prepare(request: AuthedRequest, pk: int) -> HttpResponse:
    """Draft the propedeuse decision with its certificate (refused with the rule where the
    variant has no propedeuse or a unit of the phase is missing); a draft that already exists
    is opened instead of a second one."""
    enrolment = permissions.get_committee_enrolment_for(request.user, pk)
    existing = selectors.open_draft(Decision.Kind.PROPEDEUSE, enrolment)
    if existing is not None:
        return redirect(decision_url(existing))
    today = web.today()
    form = ActionForm(request.POST)
    ok, decision = web.submit(
        form, lambda _d: services.propedeuse_draft(enrolment, actor=request.user, on=today)
    )
    if ok:
        messages.success(request, _("The propedeuse decision was prepared with its certificate."))
        return redirect(decision_url(decision))
    found = selectors.progress(
        enrolment.student, enrolment.variant.programme, on=today, enrolment=enrolment
    )
    missing = [tile(r) for r in (found.propedeuse or []) if not r.done]
    return _render_queue(request, Refusal(enrolment, form.violations, missing), status=422)


# --- the certificate -----------------------------------------------------------------------

CERTIFICATE = Sheet(
    kind=Decision.Kind.PROPEDEUSE,
    content_key="certificate",
    title=gettext_lazy("Propedeuse certificate"),
    heading=gettext_lazy("Propedeuse decision"),
    lead=gettext_lazy(
        "Every unit of the propedeuse phase with its study load, how and when it was achieved."
    ),
    units_heading=gettext_lazy("Units of the propedeuse phase"),
    queue=gettext_lazy("Propedeuse queue"),
    queue_url="examcommittee:propedeuse_queue",
    pdf_url="examcommittee:propedeuse_certificate_pdf",
    pdf_testid="certificate-pdf",
    filename="propedeuse",
    shows_nominal=False,
)


@login_required
def propedeuse_certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    """The propedeuse decision with its certificate: every unit of the phase, EC, how and
    when achieved. The student reads it once made known; the committee also while a draft."""
    return sheet_page(request, pk, CERTIFICATE)


@login_required
def propedeuse_certificate_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The certificate as a PDF (WeasyPrint), in the decision's language."""
    return sheet_pdf(request, pk, CERTIFICATE)
