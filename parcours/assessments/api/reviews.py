"""The exam committee's reviews of completed assessments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router

from parcours.core.api import LIST_ERRORS, WRITE_ERRORS, ObjectId, caller

from .. import permissions, selectors, services
from .schemas import ReviewIn, ReviewOut

router = Router()


# --- the exam committee ---------------------------------------------------------------------


@router.get(
    "/assessment-reviews",
    response={200: list[ReviewOut], **LIST_ERRORS},
    operation_id="assessment_review_queue",
    url_name="assessment_review_queue",
)
def assessment_review_queue(request: HttpRequest) -> Any:
    """Completed assessments drawn for review by this member's exam committee, the ones not
    yet reviewed first."""
    if not permissions.can_view_review_queue(request.user):
        raise PermissionDenied
    return selectors.review_queue(caller(request))


@router.post(
    "/assessment-reviews/{review_id}",
    response={200: ReviewOut, **WRITE_ERRORS},
    operation_id="assessment_review_record",
    url_name="assessment_review_record",
)
def assessment_review_record(request: HttpRequest, review_id: ObjectId, payload: ReviewIn) -> Any:
    """Record the exam committee's findings on a drawn assessment."""
    review = permissions.get_review_for(request.user, review_id)
    services.review_record(review, actor=caller(request), notes=payload.notes)
    return selectors.review_queue(caller(request)).get(pk=review.pk)
