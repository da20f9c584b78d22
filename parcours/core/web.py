"""Helpers every app's pages share: binding several forms on one page, running a service call
with its refusal put on the form, and showing rule results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import get_language

from parcours.core.errors import require  # noqa: F401  (views call web.require)
from parcours.rules import NotInForce, RuleResult, get_rule

from .errors import DomainError

if TYPE_CHECKING:  # typing only: core sits below accounts
    from django_htmx.middleware import HtmxDetails

    from parcours.accounts.models import User


class AuthedRequest(HttpRequest):
    """What a view behind login_required receives (for the type checker)."""

    user: User
    htmx: HtmxDetails


def today() -> date:
    return timezone.localdate()


def auto_id(key: str) -> str:
    """Several forms of one class share a page: each gets its own element ids."""
    return f"id_{key}_%s"


def bind(form_class: Any, request: HttpRequest, key: str, **kwargs: Any) -> Any:
    data = request.POST if request.method == "POST" else None
    return form_class(data, auto_id=auto_id(key), **kwargs)


def submit(
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    *,
    handle: Callable[[Any, DomainError], bool] | None = None,
) -> tuple[bool, Any]:
    """Validate the form, then run the service call: (True, its result), or (False, None) with
    the refusal on the form. `handle` may take a DomainError itself (returning True)."""
    if not form.is_valid():
        return False, None
    try:
        return True, action(form.cleaned_data)
    except DomainError as exc:
        if handle is None or not handle(form, exc):
            form.add_domain_error(exc)
    except ValidationError as exc:
        form.add_validation_error(exc)
    except NotInForce as exc:  # a rule asked for on a day it does not apply: say so, apply nothing
        form.add_domain_error(DomainError(exc.message_nl, exc.message_en))
    return False, None


@dataclass(frozen=True)
class Check:
    """One rule result as the pages show it: refused, allowed with a warning, or allowed, with
    the rule's title and source, and the subject (e.g. a unit code) it was about."""

    rule: str
    title: str
    ok: bool
    warning: bool
    message: str
    source: str
    subject: str = ""

    @property
    def state(self) -> str:
        return "refused" if not self.ok else "warning" if self.warning else "allowed"


def checks(results: list[RuleResult]) -> list[Check]:
    """Rule results for a page: refused first, then warnings, then the rules that passed."""
    lang = get_language() or "nl"
    found = [
        Check(
            r.rule_id,
            get_rule(r.rule_id).title(lang),
            r.ok,
            r.warning,
            r.message(lang),
            r.source_label,
            str(r.values_used.get("unit", "")),
        )
        for r in results
    ]
    return sorted(found, key=lambda c: (c.ok, not c.warning))


@dataclass(frozen=True)
class RuleNote:
    """A rule cited on a page (a flag's, a term's or a fallback's legend)."""

    id: str
    title: str
    source: str


def rule_note(rule_id: str) -> RuleNote:
    rule = get_rule(rule_id)
    return RuleNote(
        rule.id, rule.title(get_language() or "nl"), "; ".join(c.label for c in rule.citations)
    )


View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def form_page(path: str) -> str:
    """The page a POST-only address belongs to: the nearest address above it that answers a
    GET (`/oer/5/publiceren/` → `/oer/5/`), else the start page. Pages live one level above
    their actions throughout Parcours, so this needs no table."""
    parts = path.rstrip("/").split("/")
    while len(parts) > 2:
        parts.pop()
        candidate = "/".join(parts) + "/"
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        if not getattr(match.func, "post_only", False):
            return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def post_only(view: View) -> View:
    """In place of `require_POST` for the views behind a form: a GET (a reload after a failed
    form re-rendered at the POST address, a language switch that returns to it, a pager link
    on it) is sent on to the page the form belongs to, with its query string, instead of a
    blank 405; other methods get a 405 that says which method is allowed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST":
            return view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            target = form_page(request.path)
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(f"{target}?{query}" if query else target)
        return HttpResponseNotAllowed(["POST"], content=b"This address only accepts POST.")

    wrapper.post_only = True  # type: ignore[attr-defined]
    return cast(View, wrapper)


def language_cookie_set(response: HttpResponseBase, language: str) -> HttpResponseBase:
    """Remember the interface language in Django's language cookie, with its settings: Secure
    over HTTPS (LANGUAGE_COOKIE_SECURE), HttpOnly, SameSite=Lax."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
