"""Headers and error answers that protect what a signed-in user sees.

Measured before (issue 13): no `Cache-Control: no-store` on 348 of 348 logged-in pages or on
the API; API 500s answered HTML; no request id anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from parcours.accounts.services import api_token_create
from tests import factories, second_factor

NO_STORE = "no-store, private"


def no_store(response) -> bool:
    """no-store and private among the Cache-Control directives (a view may add its own)."""
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


UUID_HEX = re.compile(r"[0-9a-f]{32}")


def parameterless_routes() -> list[str]:
    """Every URL pattern without arguments, by name."""

    def walk(patterns: list, ns: str | None) -> list[str]:
        names: list[str] = []
        for p in patterns:
            if isinstance(p, URLResolver):
                names += walk(p.url_patterns, p.namespace or ns)
            elif isinstance(p, URLPattern) and p.name and not p.pattern.regex.groups:
                names.append(f"{ns}:{p.name}" if ns else p.name)
        return names

    return sorted(set(walk(get_resolver().url_patterns, None)))


@pytest.fixture
def world(db):
    programme = factories.programme()
    variant = factories.outcome_based_variant(programme)
    oer = factories.published_oer(variant)
    enrol = factories.enrolment(variant)
    plan = factories.plan(enrol, oer, routes={"U1": "B", "U2": "A"})
    return {
        "plan": plan,
        "student": enrol.student,
        "coach": enrol.coach,
        "administrator": factories.user_with_role("administrator"),
    }


@pytest.mark.parametrize("role", ["student", "coach", "administrator"])
def test_every_page_a_signed_in_user_gets_is_no_store(world, role):
    """Each route without arguments, whatever it answers the role (page, redirect, refusal)."""
    client = Client(raise_request_exception=False)
    user = world[role]
    if role == "student":
        client.force_login(user)
    else:
        second_factor.log_in_verified(client, user)
    routes = parameterless_routes()
    assert len(routes) >= 40
    answers = {}
    for name in routes:
        response = client.get(reverse(name))
        answers[name] = (response.status_code, no_store(response))
    cached = {name: a for name, a in answers.items() if not a[1]}
    assert cached == {}
    assert sum(1 for status, _ in answers.values() if status == 200) >= 15
    assert all(status < 500 for status, _ in answers.values()), answers


def test_an_object_page_answers_no_store(world):
    client = Client()
    client.force_login(world["student"])
    page = client.get(reverse("studyplans:plan_detail", args=[world["plan"].pk]))
    assert (page.status_code, page["Cache-Control"]) == (200, NO_STORE)


def test_public_pages_stay_cacheable_for_anonymous_visitors(db):
    factories.institution()  # else "/" is the first run's redirect, never cached
    client = Client()
    for url in ("/", "/regels/", "/.well-known/security.txt"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_the_api_is_no_store_with_a_token_and_anonymously(world):
    token = api_token_create(world["student"], actor=None, name="headers")
    with_token = Client().get("/api/v1/programmes", headers={"Authorization": f"Bearer {token}"})
    assert (with_token.status_code, with_token["Cache-Control"]) == (200, NO_STORE)
    anonymous = Client().get("/api/v1/programmes")
    assert (anonymous.status_code, anonymous["Cache-Control"]) == (200, NO_STORE)
    refused = Client().get("/api/v1/programmes", headers={"Authorization": "Bearer wrong"})
    assert (refused.status_code, refused["Cache-Control"]) == (401, NO_STORE)


def test_after_logout_the_next_page_is_public_again(world):
    client = Client()
    client.force_login(world["student"])
    logout = client.post(reverse("accounts:logout"))
    assert logout.status_code == 302
    assert "no-store" not in client.get("/regels/").get("Cache-Control", "")


# --- error answers carry the request id ------------------------------------------------------


def test_the_404_page_shows_the_request_id_in_both_languages(db):
    for language, text in (("nl", "Verzoek-id"), ("en", "Request id")):
        response = Client(headers={"Accept-Language": language}).get("/bestaat-niet/")
        assert response.status_code == 404
        request_id = response["X-Request-ID"]
        assert UUID_HEX.fullmatch(request_id)
        page = response.content.decode()
        assert f"{text}: <code>{request_id}</code>" in page
        assert f'<html lang="{language}">' in page


@pytest.mark.urls("tests.core.error_urls")
def test_the_500_page_shows_the_request_id(db):
    client = Client(raise_request_exception=False)
    response = client.get("/test-only/boom/", headers={"X-Request-ID": "incident-2026-12-07"})
    assert response.status_code == 500
    assert response["X-Request-ID"] == "incident-2026-12-07"
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert "Verzoek-id: <code>incident-2026-12-07</code>" in page
    assert "a bug the tests put here" not in page


def test_an_unhandled_exception_in_the_api_answers_json_500(db, monkeypatch, caplog):
    from parcours.curriculum import selectors

    def broken(**filters: object) -> None:
        raise RuntimeError("a bug the test put here")

    monkeypatch.setattr(selectors, "public_programmes", broken)
    response = Client(raise_request_exception=False).get(
        "/api/v1/programmes", headers={"X-Request-ID": "api-incident-42"}
    )
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {
        "code": "server_error",
        "message": "Something went wrong on our side; it has been logged.",
        "detail": "Something went wrong on our side; it has been logged.",
        "request_id": "api-incident-42",
    }
    assert response["Cache-Control"] == NO_STORE
    logged = [r for r in caplog.records if r.levelname == "ERROR" and r.exc_info]
    assert [str(r.exc_info[1]) for r in logged] == ["a bug the test put here"]
    assert "api-incident-42" in logged[0].getMessage()


def test_an_unknown_api_address_answers_json_404(db):
    response = Client().get("/api/v1/no-such-thing", headers={"X-Request-ID": "probe-404-api"})
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Not found.",
        "detail": "Not found.",
        "request_id": "probe-404-api",
    }


# --- Content-Security-Policy: no inline script or style anywhere -------------------------------

INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_has_inline_script_style_or_event_handlers():
    templates = Path(settings.BASE_DIR) / "parcours" / "templates"
    found = {
        str(path.relative_to(templates)): INLINE.findall(path.read_text())
        for path in templates.rglob("*.html")
    }
    assert {k: v for k, v in found.items() if v} == {}
    assert len(found) > 50


def test_pages_carry_a_csp_without_unsafe_inline(world):
    client = Client()
    client.force_login(world["student"])
    for url in ("/", reverse("studyplans:plan_detail", args=[world["plan"].pk]), "/bestaat-niet/"):
        csp = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "style-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
