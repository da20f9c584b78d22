"""scim2-tester's conformance checks against the real application, called in-process through
scim2-client's WSGI engine (no network, no mocks): every check passes except the named
deviations, each chosen on purpose (decision 0012)."""

from __future__ import annotations

import pytest
from django.core.wsgi import get_wsgi_application
from scim2_client.engines.wsgi import WSGISCIMClient
from scim2_tester import check_server
from scim2_tester.utils import Status

# Check → why Parcours answers otherwise.
DEVIATIONS = {
    # DELETE deactivates and keeps the account (its records stay); it still reads as inactive.
    "object_deletion",
    # POST /Users/.search is not served: filters go in the query string.
    "search_with_attributes",
    # Every account has a language (nl unless set) and is active or not: a removal keeps them.
    "check_remove_attribute",
}


@pytest.mark.django_db(transaction=True)
def test_scim2_tester_finds_no_other_deviation(scim):
    client = WSGISCIMClient(
        get_wsgi_application(),
        base_url="http://testserver/scim/v2",
        headers={"Authorization": f"Bearer {scim.token}", "Accept-Language": "en"},
    )

    results = check_server(client)

    failed = {
        r.title: r.reason for r in results if r.status not in {Status.SUCCESS, Status.SKIPPED}
    }
    assert set(failed) <= DEVIATIONS, failed
    assert failed["object_deletion"].endswith("still exists after deletion")
    assert sum(r.status == Status.SUCCESS for r in results) >= 40
