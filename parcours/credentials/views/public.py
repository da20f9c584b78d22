"""The public pages: the issuer's profile (a JSON controller document) and the page where
anyone checks a credential."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import issuers, permissions, status
from ..forms import VerifyForm
from ..verification import verify_credential


@require_GET
def issuer_profile(request: HttpRequest, brin: str) -> HttpResponse:
    """The institution as issuer: its Controller Document / Open Badges Profile with every
    credential key (application/ld+json when asked for, else application/json)."""
    institution = permissions.get_issuer_for(request.user, brin)
    accept = request.headers.get("Accept", "")
    content_type = "application/ld+json" if "application/ld+json" in accept else "application/json"
    body = json.dumps(issuers.issuer_profile(institution), indent=2, ensure_ascii=False)
    response = HttpResponse(body + "\n", content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"  # any verifier may read it
    return response


def credential_verify(request: HttpRequest) -> HttpResponse:
    """Paste or upload a credential: every check, in the reader's language, and why a failed
    one failed. Nothing is stored."""
    if not permissions.can_verify_credential(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = VerifyForm(request.POST if posted else None, request.FILES if posted else None)
    report = None
    if posted and form.is_valid():
        report = verify_credential(form.cleaned_data["raw"], status_lookup=status.lookup)
    return render(
        request,
        "credentials/verify.html",
        {"form": form, "report": report},
        status=422 if posted and not form.is_valid() else 200,
    )
