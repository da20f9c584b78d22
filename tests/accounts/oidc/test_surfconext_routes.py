"""The SURFconext routes for every role, configured and against the real provider (the
permission matrix, tests/security, has them switched off): anyone may start a login (a
signed-in user, to step up or to log in as someone else), and a callback without this
browser's state is refused for everyone, with nothing written but the failed login."""

from __future__ import annotations

import pytest
from django.urls import reverse

from parcours.accounts.models import ExternalIdentity, User
from parcours.core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "student",
    "workplace_supervisor",
    "coach",
    "assessor",
    "exam_committee",
    "programme_manager",
    "administrator",
)


def signed_in(client, role: str, programme) -> None:
    if role != "anonymous":
        client.force_login(factories.user_with_role(role, programme))


@pytest.mark.parametrize("role", ROLES)
def test_anyone_may_start_a_login_at_the_provider(client, surfconext, programme, role):
    signed_in(client, role, programme)
    response = client.post(reverse("accounts:surfconext_login"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{surfconext.issuer}/auth?")
    # a GET starts nothing (CSRF): it goes to the page of the form, as every POST-only address
    assert client.get(reverse("accounts:surfconext_login"))["Location"] == "/account/"


@pytest.mark.parametrize("role", ROLES)
def test_a_callback_without_this_browsers_state_is_refused_for_everyone(
    client, surfconext, programme, role
):
    signed_in(client, role, programme)
    users = User.objects.count()
    response = client.get(f"{reverse('accounts:surfconext_callback')}?code=x&state=y")
    assert response.status_code == 400
    assert User.objects.count() == users
    assert ExternalIdentity.objects.count() == 0
    assert AuditEntry.objects.filter(action="security.login_failed").get().data == {
        "method": "surfconext",
        "reason": "state_unknown_or_replayed",
    }
