"""The student's credentials (/mijn-credentials/): per achieved unit a Claim button or, once
claimed, the download (JSON), the European Learning Model export, the public link with its QR
code, and a revoked credential with its reason."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from parcours.core import web
from parcours.core.downloads import download
from parcours.core.errors import DomainError
from parcours.core.web import AuthedRequest, post_only

from .. import elm, permissions, selectors, services
from ..qr import qr_svg


def _page(request: AuthedRequest, *, refusal: str = "", status: int = 200) -> HttpResponse:
    web.require(permissions.can_view_own_credentials(request.user))
    rows = selectors.credential_rows(request.user, on=web.today())
    for row in rows:
        if row.credential is not None:
            row.url = selectors.credential_url(row.credential.public_id)  # type: ignore[attr-defined]
            row.qr = qr_svg(row.url)  # type: ignore[attr-defined]
    return render(
        request,
        "credentials/my_credentials.html",
        {"rows": rows, "refusal": refusal},
        status=status,
    )


@login_required
def my_credentials(request: AuthedRequest) -> HttpResponse:
    return _page(request)


@login_required
@post_only
def credential_claim(request: AuthedRequest) -> HttpResponse:
    try:
        achievement = selectors.achievement_of(
            request.user, request.POST.get("achievement", ""), on=web.today()
        )
        credential = services.credential_claim(achievement, actor=request.user)
    except DomainError as refused:
        return _page(request, refusal=refused.message, status=422)
    return redirect(reverse("credentials:my_credentials") + f"#credential-{credential.pk}")


@login_required
def credential_download(request: AuthedRequest, pk: int) -> HttpResponse:
    credential = permissions.get_credential_for(request.user, pk)
    return download(
        credential.document.encode("utf-8"),
        filename=f"credential-{credential.unit.code}.json",
        content_type="application/json",
    )


@login_required
def credential_elm(request: AuthedRequest, pk: int) -> HttpResponse:
    credential = permissions.get_credential_for(request.user, pk)
    return download(
        services.as_text(elm.elm_document(credential)).encode("utf-8"),
        filename=f"europass-{credential.unit.code}.jsonld",
        content_type="application/ld+json",
    )
