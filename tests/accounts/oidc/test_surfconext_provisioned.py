"""The first SURFconext login of a person whose account was provisioned beforehand (staff import,
SCIM: no usable password, no provider login yet) links to that account by e-mail address, so
its roles hold at once; an account with a password, or two candidates, are never linked."""

from __future__ import annotations

import pytest

from parcours.accounts.models import ExternalIdentity, Role, User
from parcours.core.models import AuditEntry
from parcours.curriculum import services
from tests import factories
from tests.oidc_provider import log_in_at_provider

pytestmark = pytest.mark.django_db

EMAIL = "a.jansen@hogeschool.example"  # coach-jansen's e-mail at the provider (provider.mjs)


def _provisioned(username: str, *, email: str = EMAIL, password: bool = False) -> User:
    user = factories.UserFactory(username=username, email=email, first_name="A.", last_name="J.")
    if not password:
        user.set_unusable_password()
        user.save()
    return user


def test_the_first_login_links_the_provisioned_account_and_its_role(client, surfconext, programme):
    coach = _provisioned("ajansen")
    services.role_assign(coach, actor=None, role=Role.COACH, programme=programme)
    response = client.get(log_in_at_provider(client, login="coach-jansen"))
    assert response.status_code == 302
    identity = ExternalIdentity.objects.get()
    assert identity.user_id == coach.pk
    assert int(client.session["_auth_user_id"]) == coach.pk
    coach.refresh_from_db()
    assert (coach.username, coach.first_name, coach.last_name) == ("ajansen", "Anna", "Jansen")
    assert User.objects.count() == 1
    assert AuditEntry.objects.filter(action="user.link_external").count() == 1
    assert not AuditEntry.objects.filter(action="user.create_external").exists()
    # the next login finds it by (issuer, subject)
    client.post("/account/uitloggen/")
    client.get(log_in_at_provider(client, login="coach-jansen"))
    assert ExternalIdentity.objects.get().user_id == coach.pk
    assert AuditEntry.objects.filter(action="user.link_external").count() == 1


def test_an_account_with_a_password_is_never_taken_over(client, surfconext):
    local = _provisioned("ajansen", password=True)
    client.get(log_in_at_provider(client, login="coach-jansen"))
    identity = ExternalIdentity.objects.get()
    assert identity.user_id != local.pk
    assert identity.user.username.startswith("surfconext-")
    assert AuditEntry.objects.filter(action="user.create_external").count() == 1
    assert not AuditEntry.objects.filter(action="user.link_external").exists()


@pytest.mark.parametrize("other", ["provisioned twice", "deactivated"])
def test_no_link_when_the_match_is_not_one_active_account(client, surfconext, other):
    first = _provisioned("ajansen")
    if other == "deactivated":
        first.is_active = False
        first.save()
    else:
        _provisioned("anna.jansen", email=EMAIL.upper())
    client.get(log_in_at_provider(client, login="coach-jansen"))
    assert ExternalIdentity.objects.get().user.username.startswith("surfconext-")
    assert not AuditEntry.objects.filter(action="user.link_external").exists()
