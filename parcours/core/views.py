from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import parameter_catalogue, rule_catalogue


def rules_index(request: HttpRequest) -> HttpResponse:
    """Every rule with its statement, kind, sources and cases (public: the law is public)."""
    return render(
        request,
        "core/rules.html",
        {"rules": rule_catalogue(), "parameters": parameter_catalogue()},
    )
