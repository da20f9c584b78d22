"""The public catalogue (no login): every published OER, and one as a prospective student
sees it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers

from .. import selectors
from .common import table_row


def catalogue_list(request: HttpRequest) -> HttpResponseBase:
    """Every published OER, by programme and variant (no login). An installation without an
    institution shows its first-run page instead."""
    oers = selectors.published_oers()
    if not oers and not selectors.institution_exists():
        response = redirect("curriculum:setup")
        add_never_cache_headers(response)  # a proxy must not keep sending here after setup
        return response
    return render(request, "curriculum/catalogue.html", {"oers": oers})


def catalogue_oer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A published OER as a prospective student sees it; a draft is not found."""
    oer = get_object_or_404(selectors.published_oers(), pk=pk)
    rows = [table_row(u) for u in selectors.oer_units(oer)]
    return render(
        request,
        "curriculum/catalogue_oer.html",
        {
            "oer": oer,
            "programme": oer.variant.programme,
            "rows": rows,
            "total_ec": sum(r.unit.ec for r in rows),
        },
    )
