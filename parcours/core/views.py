from itertools import groupby

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import errorpages
from .forms import RuleFilterForm
from .security_events import SecurityEvent, audit_security_event
from .selectors import area_label, parameter_catalogue, rule_catalogue


def rules_index(request: HttpRequest) -> HttpResponse:
    """Every rule with its statement, kind, sources and cases (public: the law is public), with
    a table of contents by area and a filter by area and text (GET, so it works without JS)."""
    form = RuleFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {"area": "", "text": ""}
    rules = rule_catalogue(**filters)
    contents = [
        (area_label(area), list(entries))
        for area, entries in groupby(sorted(rules, key=lambda e: e.area), key=lambda e: e.area)
    ]
    context = {
        "form": form,
        "filtered": any(filters.values()),
        "rules": rules,
        "contents": sorted(contents, key=lambda c: c[0]),
        "parameters": parameter_catalogue(**filters),
    }
    return render(request, "core/rules.html", context)


def security_txt(request: HttpRequest) -> HttpResponse:
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability, until when."""
    site = settings.PARCOURS_SITE_URL.rstrip("/")
    lines = [
        f"Contact: {settings.PARCOURS_SECURITY_CONTACT}",
        f"Expires: {settings.PARCOURS_SECURITY_TXT_EXPIRES}",
        "Preferred-Languages: nl, en",
        f"Canonical: {site}/.well-known/security.txt",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the 403 page (with the request id), after logging the refusal (its
    reason, never the token) to the audit chain."""
    audit_security_event(SecurityEvent.CSRF_FAILED, request, reason=reason[:200])
    return errorpages.permission_denied(request)
