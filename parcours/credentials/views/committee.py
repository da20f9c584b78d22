"""The exam committee's credentials (/examencommissie/credentials/): the credentials issued in
its programmes, newest first, and revoking one by hand with the reason (a correction revokes
without anyone acting)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from parcours.core import web
from parcours.core.errors import DomainError
from parcours.core.paging import list_page
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services

SORTS = {
    "issued": ("issued_at",),
    "unit": ("unit__code",),
    "student": ("student__last_name", "student__first_name"),
}


def _list(request: AuthedRequest, *, refusal: str = "", status: int = 200) -> HttpResponse:
    web.require(permissions.can_use_committee_credentials(request.user))
    listing = list_page(
        request, selectors.committee_credentials(request.user), sorts=SORTS, default="-issued"
    )
    return render(
        request,
        "credentials/committee_credentials.html",
        {"listing": listing, "refusal": refusal},
        status=status,
    )


@login_required
def committee_credentials(request: AuthedRequest) -> HttpResponse:
    return _list(request)


@login_required
@post_only
def credential_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    credential = permissions.get_committee_credential_for(request.user, pk)
    try:
        services.credential_revoke(
            credential, reason=request.POST.get("reason", ""), actor=request.user
        )
    except DomainError as refused:
        return _list(request, refusal=refused.message, status=422)
    return redirect(reverse("credentials:committee_credentials") + f"#credential-{pk}")
