"""The exam committee's reviews: completed assessments drawn for review, read-only, with the
committee's notes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms import ReviewForm
from .request_page import evidence_rows, groups


@login_required
def review_queue(request: AuthedRequest) -> HttpResponse:
    """Completed assessments drawn for review: not yet reviewed first."""
    web.require(permissions.can_view_review_queue(request.user))
    return render(
        request,
        "assessments/review_queue.html",
        {"reviews": list(selectors.review_queue(request.user))},
    )


def _render_review(
    request: AuthedRequest, review: Any, form: ReviewForm | None = None
) -> HttpResponse:
    req = selectors.request_detail(review.request_id)
    criteria = selectors.criteria_of_units(ru.unit_id for ru in req.request_units.all())
    table = selectors.score_table(req, request.user)
    labels = {c.pk: selectors.criterion_label(c) for c in criteria}
    context = {
        "review": review,
        "req": req,
        "enrolment": req.enrolment,
        "assignments": list(req.assignments.all()),
        "groups": groups(req, criteria, table=table, scores_form=None, consensus_form=None),
        "evidence": evidence_rows(req, labels),
        "interview": selectors.interview_of(req),
        "form": form or ReviewForm(initial={"notes": review.notes}, auto_id=web.auto_id("review")),
    }
    return render(request, "assessments/review_detail.html", context, status=422 if form else 200)


@login_required
def review_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A reviewed assessment, read-only: evidence, every assessor's scores, the consensus,
    results and feedback, and the committee's notes."""
    return _render_review(request, permissions.get_review_for(request.user, pk))


@login_required
@post_only
def review_record(request: AuthedRequest, pk: int) -> HttpResponse:
    review = permissions.get_review_for(request.user, pk)
    form = web.bind(ReviewForm, request, "review")
    if web.submit(
        form, lambda d: services.review_record(review, actor=request.user, notes=d["notes"])
    )[0]:
        messages.success(request, _("The review was saved."))
        return redirect("assessments:review_detail", review.pk)
    return _render_review(request, review, form)
