"""What several assessment pages share: the statuses that close a request and the link to a
page of another app that may not exist (yet)."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from ..models import AssessmentRequest

Status = AssessmentRequest.Status
CLOSED = (Status.COMPLETED, Status.WITHDRAWN)


def other_url(name: str, *args: Any) -> str:
    """A URL of another app's page when that page exists (it may be added later), else ''."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
