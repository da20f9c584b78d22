"""The administrator's role page: who has which role; giving and taking roles, each asking for a
recent second-factor code."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from parcours.core.models import AuditEntry
from parcours.curriculum.models import RoleAssignment
from tests import factories
from tests.second_factor import log_in_verified

pytestmark = pytest.mark.django_db

LIST = reverse("curriculum:role_list")
ASSIGN = reverse("curriculum:role_assign")


@pytest.fixture
def admin(db):
    return factories.user_with_role("administrator")


def html(response) -> str:
    return unescape(response.content.decode())


def assignments() -> set[tuple[str, str, int | None]]:
    return set(RoleAssignment.objects.values_list("user__username", "role", "programme_id"))


def test_the_administrator_gives_a_role_after_a_code(client, admin, programme):
    person = factories.UserFactory(username="nieuw", first_name="Nina", last_name="Nieuw")
    log_in_verified(client, admin)
    response = client.post(
        ASSIGN, {"username": "nieuw", "role": "coach", "programme": programme.pk}
    )
    assert response["Location"] == LIST
    assert ("nieuw", "coach", programme.pk) in assignments()
    entry = AuditEntry.objects.filter(action="role.assign").latest("sequence")
    assert (entry.actor_id, entry.data) == (
        admin.pk,
        {"user": "nieuw", "role": "coach", "programme": programme.pk},
    )
    page = html(client.get(LIST, {"zoek": "Nieuw"}))
    row = RoleAssignment.objects.get(user=person)
    assert f'data-testid="role-row-{row.pk}"' in page
    assert "<td>nieuw</td><td>Nina Nieuw</td><td>Coach</td>" in page


def test_without_a_recent_code_nothing_is_given(client, admin, programme):
    factories.UserFactory(username="nieuw")
    client.force_login(admin)
    response = client.post(
        ASSIGN, {"username": "nieuw", "role": "coach", "programme": programme.pk}
    )
    assert response["Location"] == "/account/tweestaps/instellen/?next=%2Fbeheer%2Frollen%2F"
    assert not RoleAssignment.objects.filter(user__username="nieuw").exists()


def test_a_role_needs_the_right_scope_and_an_existing_account(client, admin, programme):
    factories.UserFactory(username="nieuw")
    log_in_verified(client, admin)
    before = assignments()
    wrong_scope = client.post(ASSIGN, {"username": "nieuw", "role": "coach", "programme": ""})
    assert wrong_scope.status_code == 422
    assert (
        "De rol beheerder geldt voor de hele instelling; elke andere rol hoort bij een opleiding."
        in html(wrong_scope)
    )
    unknown = client.post(
        ASSIGN, {"username": "niemand", "role": "coach", "programme": programme.pk}
    )
    assert unknown.status_code == 422
    assert "Geen actief account met deze gebruikersnaam." in html(unknown)
    assert assignments() == before


def test_the_administrator_takes_a_role_away_but_not_their_own(client, admin, programme):
    coach = factories.user_with_role("coach", programme)
    assignment = coach.role_assignments.get()
    log_in_verified(client, admin)
    response = client.post(reverse("curriculum:role_remove", args=[assignment.pk]))
    assert response["Location"] == LIST
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    entry = AuditEntry.objects.get(action="role.remove")
    assert entry.data == {"user": coach.username, "role": "coach", "programme": programme.pk}
    own = admin.role_assignments.get()
    refused = client.post(reverse("curriculum:role_remove", args=[own.pk]), follow=True)
    assert "U kunt uw eigen rol als beheerder niet intrekken" in html(refused)
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_only_the_administrator_sees_or_changes_roles(client, programme):
    manager = factories.user_with_role("programme_manager", programme)
    assignment = manager.role_assignments.get()
    log_in_verified(client, manager)
    assert client.get(LIST).status_code == 403
    assert client.post(ASSIGN, {"username": manager.username, "role": "coach"}).status_code == 403
    assert client.post(reverse("curriculum:role_remove", args=[assignment.pk])).status_code == 404
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
