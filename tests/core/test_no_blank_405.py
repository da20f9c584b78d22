"""A GET at an address that only takes a POST (a reload after a failed form re-rendered there,
a language switch that returns to it, a pager or sort link on it) never shows a blank 405: it
is sent on to the page the form belongs to, keeping its query string (`core.web.post_only`)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import RegexPattern

from parcours.core.web import form_page
from tests import factories
from tests.second_factor import log_in_verified


def _sample(converter: Any) -> Any:
    return 1 if isinstance(converter, IntConverter) else "00XX"


def _regex_sample(name: str, groups: list[str]) -> str:
    for length in (24, 32):
        try:
            return reverse(name, kwargs=dict.fromkeys(groups, "a" * length))
        except NoReverseMatch:
            continue
    raise AssertionError(f"{name}: no sample token of 24 or 32 characters fits its pattern")


def _routes() -> list[tuple[str, str]]:
    """(name, a path) for every pattern of the URLconf but the JSON API's, its arguments
    filled in with sample values (an id, a code, a token)."""

    def walk(patterns: list[Any], prefix: str, ns: str | None) -> list[tuple[str, str]]:
        found = []
        for p in patterns:
            if isinstance(p, URLResolver):
                route = prefix + str(p.pattern)
                if not route.startswith("api/"):
                    found += walk(p.url_patterns, route, p.namespace or ns)
            elif isinstance(p, URLPattern):
                name = f"{ns}:{p.name}" if ns else str(p.name)
                if isinstance(p.pattern, RegexPattern):
                    # a token of the length the pattern takes (a link token, a public id)
                    path = _regex_sample(name, list(p.pattern.regex.groupindex))
                else:
                    kwargs = {k: _sample(c) for k, c in p.pattern.converters.items()}
                    path = reverse(name, kwargs=kwargs)
                found.append((name, path))
        return found

    return walk(get_resolver().url_patterns, "", None)


ROUTES = _routes()
POST_ONLY = [(n, p) for n, p in ROUTES if getattr(resolve(p).func, "post_only", False)]


def test_the_post_only_routes_are_found():
    names = {n for n, _ in POST_ONLY}
    assert {
        "curriculum:oer_publish",
        "examcommittee:decision_make_known",
        "assessments:scores_submit",
        "accounts:language",
    } <= names
    assert len(POST_ONLY) > 60


@pytest.fixture
def admin_client(client, db):
    client.force_login(factories.user_with_role("administrator"))
    return client


@pytest.mark.parametrize(("name", "path"), ROUTES, ids=[n for n, _ in ROUTES])
def test_no_route_answers_a_get_with_a_blank_405(admin_client, name, path):
    response = admin_client.get(path)

    assert response.status_code != 405, f"{name} {path}"


@pytest.mark.parametrize(("name", "path"), POST_ONLY, ids=[n for n, _ in POST_ONLY])
def test_a_get_at_a_post_only_route_goes_to_the_page_of_its_form(admin_client, name, path):
    response = admin_client.get(path + "?pagina=2")

    assert response.status_code == 302, name
    target, _, query = response["Location"].partition("?")
    assert query == "pagina=2"
    assert target == form_page(path)
    assert not getattr(resolve(target).func, "post_only", False)
    assert admin_client.get(target).status_code != 405


def test_the_page_of_a_form_is_the_address_above_it():
    assert form_page("/oer/5/publiceren/") == "/oer/5/"
    assert form_page("/examencommissie/besluiten/7/bekendmaken/") == "/examencommissie/besluiten/7/"
    # above the language switch and "log out everywhere else" is the account page
    assert form_page("/account/taal/") == reverse("accounts:account_home")
    assert form_page("/account/sessies/beeindigen/") == reverse("accounts:account_home")
    assert form_page("/account/tokens/7/intrekken/") == reverse("accounts:token_list")
    # where nothing answers above: the start page
    assert form_page("/nergens/iets/") == reverse("start:home")


def test_other_methods_still_get_a_405_that_says_what_is_allowed(admin_client):
    response = admin_client.put(reverse("curriculum:oer_publish", args=[1]))

    assert (response.status_code, response["Allow"]) == (405, "POST")
    assert response.content == b"This address only accepts POST."


def test_a_failed_form_then_a_language_switch_lands_on_the_form_page(client, oer, manager):
    """Publishing without ticking "final" is refused (422, re-rendered at the POST address);
    switching language there posts `next` = that address: the switch ends on the OER page."""
    log_in_verified(client, manager)
    publish = reverse("curriculum:oer_publish", args=[oer.pk])
    refused = client.post(publish, {})
    assert refused.status_code == 422
    assert f'name="next" value="{publish}"' in refused.content.decode()

    switched = client.post(reverse("accounts:language"), {"language": "en", "next": publish})
    assert switched["Location"] == publish
    reloaded = client.get(publish)

    assert (reloaded.status_code, reloaded["Location"]) == (302, f"/oer/{oer.pk}/")
    assert client.get(reloaded["Location"]).status_code == 200
    oer.refresh_from_db()
    assert oer.status == "draft"


def test_a_get_at_the_logout_address_signs_nobody_out(client, manager):
    client.force_login(manager)

    response = client.get(reverse("accounts:logout"))

    assert (response.status_code, response["Location"]) == (302, reverse("start:home"))
    assert client.get(reverse("start:home")).status_code == 200
