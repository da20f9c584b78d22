"""What every OOAPI endpoint shares: the parameter check against the spec, the language, the
OOAPI error shape (Problem, application/problem+json), the page envelope and `expand`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from .. import ids, permissions, schemas, selectors, vocabulary
from .build import ID_FIELD, Context, build

# A catalogue changes when an OER is published: a few minutes in a shared cache keep a
# harvester's load off the database without showing a new publication late for long.
MAX_AGE = 300


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str = "") -> None:
        super().__init__(title)
        self.status, self.title, self.detail = status, title, detail


def not_found(what: str) -> Problem:
    return Problem(404, _("Not found"), _("No published %(what)s has this id.") % {"what": what})


def problem_response(problem: Problem) -> HttpResponse:
    body = {"status": str(problem.status), "title": problem.title}
    if problem.detail:
        body["detail"] = problem.detail
    return JsonResponse(body, status=problem.status, content_type="application/problem+json")


def language(request: HttpRequest) -> str:
    """Dutch or English, the first of the two that Accept-Language names (Dutch otherwise)."""
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if tag[:2] in vocabulary.LANGUAGE_TAG:
            return tag[:2]
    return "nl"


Handler = Callable[..., dict[str, Any]]


def endpoint(handler: Handler) -> Callable[..., HttpResponse]:
    """A public read: checks the parameters against the spec (400 with the reason), answers in
    the language asked, and turns a Problem into the OOAPI error shape."""
    return _wrap(handler, checked=True)


def unchecked(handler: Handler) -> Callable[..., HttpResponse]:
    """The same for what the spec does not describe (the spec file itself, paths it lacks)."""
    return _wrap(handler, checked=False)


def _wrap(handler: Handler, *, checked: bool) -> Callable[..., HttpResponse]:
    @wraps(handler)
    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        lang = language(request)
        with translation.override(lang):
            response = _answer(request, handler, lang, kwargs, checked)
        response["Content-Language"] = vocabulary.LANGUAGE_TAG[lang]
        patch_vary_headers(response, ["Accept-Language"])
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    return view


def _answer(
    request: HttpRequest, handler: Handler, lang: str, kwargs: Any, checked: bool
) -> HttpResponse:
    if request.method != "GET":  # the spec describes GET only (HEAD neither)
        refused = problem_response(Problem(405, _("Method not allowed"), _("This API only reads.")))
        refused["Allow"] = "GET"
        return refused
    if not permissions.can_read_catalogue(request.user):
        return problem_response(Problem(403, _("Forbidden")))
    query, path, reason = schemas.check(request) if checked else ({}, kwargs, "")
    if reason:
        return problem_response(Problem(400, _("Bad request"), reason))
    ctx = Context(
        lang=lang,
        base=settings.PARCOURS_SITE_URL.rstrip("/"),  # links name the canonical site
        # The spec defines `consumer` on collections only; a single object answers it as well.
        eduxchange=request.GET.get("consumer") == "eduxchange",
        params=query,
    )
    try:
        body = handler(ctx, *path.values())  # the one id of the path, if any
    except Problem as problem:
        return problem_response(problem)
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def page_of(parts: Sequence[selectors.Part], ctx: Context, sort: Sequence[str]) -> dict[str, Any]:
    """The OOAPI page envelope around one page of the parts' objects."""
    size = ctx.params.get("pageSize", 10)
    number = ctx.params.get("pageNumber", 1)
    result = selectors.page(parts, selectors.brins(), sort=sort, number=number, size=size)
    return {
        "pageSize": size,
        "pageNumber": number,
        "hasPreviousPage": result.has_previous,
        "hasNextPage": result.has_next,
        "totalPages": result.pages,
        "items": [build(item, ctx) for item in selectors.fetch(result.rows)],
    }


def one(value: Any, kinds: Sequence[ids.Kind], what: str) -> selectors.Item:
    """The published object an id names (404 in the OOAPI shape otherwise); an id spelled for
    another institution than the object's is not its id."""
    item = selectors.find(value, kinds)
    if item is None or build(item, _PLAIN)[ID_FIELD[item.kind]] != str(value):
        raise not_found(what)
    return item


_PLAIN = Context(lang="nl", base="")


def expanded(body: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """`body` with the fields `expand` names replaced by the objects their ids name (fetched per
    kind at once)."""
    keys = [k for k in ctx.params.get("expand", []) if k in body]
    if not keys:
        return body
    brins = selectors.brins()
    refs = {v for k in keys for v in (body[k] if isinstance(body[k], list) else [body[k]])}
    rows = [selectors.Row(*ids.read(ref, brins, tuple(ids.Kind))) for ref in refs]
    objects = {}
    for item in selectors.fetch(rows):
        built = build(item, ctx)
        objects[built[ID_FIELD[item.kind]]] = built
    for key in keys:
        value = body[key]
        if isinstance(value, list):
            body[key] = [objects.get(v, v) for v in value]
        else:
            body[key] = objects.get(value, value)
    return body


def sort_of(ctx: Context, columns: dict[str, str], default: str) -> list[str]:
    """The spec's sort keys turned into selector sort columns ("-" kept)."""
    given = ctx.params.get("sort") or [default]
    # The spec's default for /education-specifications is [["name"]] (a list in a list).
    keys = [k for key in given for k in (key if isinstance(key, list) else [key])]
    return [("-" if k.startswith("-") else "") + columns[k.lstrip("-")] for k in keys]
