"""Every response carries an X-Request-ID: a well-formed incoming one echoed, anything else
replaced by a fresh uuid4 hex; `current_request_id()` gives it to code without the request."""

import re

import pytest
from django.test import RequestFactory

from parcours.core.request_ids import (
    RequestIdMiddleware,
    accepted_request_id,
    current_request_id,
)

UUID_HEX = re.compile(r"[0-9a-f]{32}")


@pytest.mark.django_db
def test_a_public_page_answers_with_a_fresh_request_id(client):
    response = client.get("/")
    assert UUID_HEX.fullmatch(response["X-Request-ID"])


@pytest.mark.django_db
def test_two_requests_get_different_ids(client):
    assert client.get("/")["X-Request-ID"] != client.get("/")["X-Request-ID"]


@pytest.mark.django_db
def test_a_well_formed_incoming_id_is_echoed(client):
    response = client.get("/", headers={"X-Request-ID": "proxy-1234-abcd"})
    assert response["X-Request-ID"] == "proxy-1234-abcd"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "incoming",
    [
        "short",  # 5 characters: under 8
        "a" * 65,  # over 64
        "abc def ghi",  # a space
        "abcdefgh<script>",  # markup
        "abcdefgh\u00e9ijk",  # not ASCII
        "abcdefgh_ijk",  # underscore is not in the pattern
    ],
)
def test_a_malformed_incoming_id_is_replaced(client, incoming):
    response = client.get("/", headers={"X-Request-ID": incoming})
    assert UUID_HEX.fullmatch(response["X-Request-ID"])
    assert response["X-Request-ID"] != incoming


def test_accepted_request_id_bounds():
    assert accepted_request_id("a" * 8) == "a" * 8
    assert accepted_request_id("A-" * 32) == "A-" * 32
    assert accepted_request_id("abcdefgh\n") != "abcdefgh\n"
    assert UUID_HEX.fullmatch(accepted_request_id(None))


def test_current_request_id_is_set_during_the_request_only():
    seen = {}

    def view(request):
        seen["inside"] = current_request_id()
        seen["attribute"] = request.request_id
        from django.http import HttpResponse

        return HttpResponse("ok")

    middleware = RequestIdMiddleware(view)
    request = RequestFactory().get("/", headers={"X-Request-ID": "abcdef12-3456"})
    response = middleware(request)
    assert seen == {"inside": "abcdef12-3456", "attribute": "abcdef12-3456"}
    assert response["X-Request-ID"] == "abcdef12-3456"
    assert current_request_id() is None
