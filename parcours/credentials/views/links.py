"""The public addresses a credential points to: the credential itself (the signed JSON for a
machine, a page saying what it is for a person) and the institution's status lists."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import permissions, selectors, services
from ..qr import qr_svg

JSON_TYPES = ("application/json", "application/ld+json", "application/vc")


def _wants_json(request: HttpRequest) -> bool:
    if request.GET.get("format") == "json":
        return True
    accepted = request.headers.get("Accept", "")
    return any(t in accepted for t in JSON_TYPES) and "text/html" not in accepted


@require_GET
def credential_public(request: HttpRequest, public_id: str) -> HttpResponse:
    credential = permissions.get_public_credential(public_id)
    if _wants_json(request):
        response = HttpResponse(credential.document, content_type="application/json")
        response["Vary"] = "Accept"
        response["Access-Control-Allow-Origin"] = "*"  # a verifier elsewhere may fetch it
        return response
    url = selectors.credential_url(credential.public_id)
    response = render(
        request,
        "credentials/credential_public.html",
        {"credential": credential, "signed": credential.signed, "url": url, "qr": qr_svg(url)},
    )
    response["Vary"] = "Accept"
    return response


@require_GET
def status_list(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_status_list(pk)
    response = JsonResponse(services.status_list_credential(found), json_dumps_params={"indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response
