"""The administrator's pages and API: a programme from the CROHO register, users (searched,
paged, added, deactivated) and roles ended on a date. Every write audited; other roles refused
with nothing written."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from html import unescape

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import ApiToken, User
from parcours.accounts.services import api_token_create
from parcours.core.errors import RuleViolation
from parcours.core.models import AuditEntry
from parcours.curriculum import permissions, services
from parcours.curriculum.models import Programme, RoleAssignment
from tests import factories
from tests.second_factor import code_for, log_in_verified

pytestmark = pytest.mark.django_db

CREATE = reverse("curriculum:programme_create")
USERS = reverse("curriculum:user_list")
ADD = reverse("curriculum:user_add")
ROLES = reverse("curriculum:role_list")
PASSWORD = "Kwartel-Lantaarn-42"
SOURCE = "WHW, art. 6.13 (Centraal register opleidingen hoger onderwijs)"


@pytest.fixture
def admin(db):
    return factories.user_with_role("administrator", first_name="Ada", last_name="Beheer")


@pytest.fixture
def institution(db):
    inst = factories.institution()
    factories.croho_registration(inst.brin_code, "34560", name="Verpleegkunde", level="ba")
    factories.croho_registration(
        inst.brin_code, "80001", name="Oude opleiding", ended_on=date(2025, 1, 1)
    )
    return inst


def html(response) -> str:
    return unescape(response.content.decode())


def api(client, method: str, path: str, user, body=None, *, code: bool = False, token=None):
    token = token or api_token_create(user, actor=None)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if code:
        headers["HTTP_X_PARCOURS_OTP"] = code_for(user)
    send = getattr(client, method)
    if method == "get":
        return send(f"/api/v1{path}", body or {}, **headers)
    return send(
        f"/api/v1{path}", json.dumps(body or {}), content_type="application/json", **headers
    )


def audit_count(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


# --- a programme from the register ------------------------------------------------------------


def test_the_register_list_is_searchable_and_a_code_fills_the_form(client, admin, institution):
    client.force_login(admin)
    page = html(client.get(CREATE, {"zoek": "verpleeg"}))
    assert 'data-testid="register-row-34560"' in page
    assert 'data-testid="register-row-80001"' not in page
    assert 'data-testid="register-choose-34560"' in page
    chosen = html(client.get(CREATE, {"code": "34560"}))
    assert 'name="croho_code" value="34560"' in chosen
    ended = html(client.get(CREATE))
    assert "beëindigd op 2025-01-01" in ended


def test_the_page_creates_a_programme_from_its_register_row(client, admin, institution):
    client.force_login(admin)
    response = client.post(
        CREATE,
        {
            "croho_code": "34560",
            "nominal_years": 4,
            "outcome_levels": 4,
            "instelling": institution.pk,
        },
    )
    programme = Programme.objects.get()
    assert response["Location"] == reverse("curriculum:programme_detail", args=[programme.pk])
    assert (programme.name_nl, programme.level, programme.sector, programme.nominal_ec) == (
        "Verpleegkunde",
        "ba",
        "hbo",
        240,
    )
    assert programme.outcome_levels == 4
    entry = AuditEntry.objects.get(action="programme.create")
    assert (entry.actor_id, entry.data["croho_code"]) == (admin.pk, "34560")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("99999", "Opleidingscode 99999 staat niet in het CROHO-register voor instelling 99XX."),
        ("80001", "Opleidingscode 80001 is in het CROHO-register beëindigd op 2025-01-01."),
    ],
)
def test_the_page_shows_the_rules_refusal_and_writes_nothing(
    client, admin, institution, code, message
):
    client.force_login(admin)
    before = AuditEntry.objects.count()
    response = client.post(CREATE, {"croho_code": code, "nominal_years": 4, "outcome_levels": 3})
    assert response.status_code == 422
    page = html(response)
    assert f'<span data-testid="violation-message">{message}</span>' in page
    assert 'data-rule="programme.croho-registered"' in page
    assert f'<span data-testid="violation-source">{SOURCE}</span>' in page
    assert not Programme.objects.exists()
    assert AuditEntry.objects.count() == before


def test_a_programme_manager_may_not_open_or_post_the_page(client, institution):
    manager = factories.user_with_role("programme_manager", factories.programme(croho_code="34808"))
    client.force_login(manager)
    assert client.get(CREATE).status_code == 403
    response = client.post(CREATE, {"croho_code": "34560", "nominal_years": 4, "outcome_levels": 3})
    assert response.status_code == 403
    assert list(Programme.objects.values_list("croho_code", flat=True)) == ["34808"]


def test_the_api_lists_the_register_and_creates_a_programme(client, admin, institution):
    rows = api(client, "get", "/croho-register", admin, {"search": "verpleeg"}).json()
    assert rows == [
        {
            "code": "34560",
            "name": "Verpleegkunde",
            "level": "ba",
            "sector": "hbo",
            "demand_financed": False,
            "ended_on": None,
            "has_programme": False,
        }
    ]
    response = api(
        client, "post", "/programmes", admin, {"croho_code": "34560", "nominal_years": 4}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["croho_code"], body["name_nl"], body["level"], body["nominal_ec"]) == (
        "34560",
        "Verpleegkunde",
        "ba",
        240,
    )
    assert Programme.objects.get().pk == body["id"]


def test_the_api_refuses_an_unknown_code_with_the_rule_and_writes_nothing(
    client, admin, institution
):
    token = api_token_create(admin, actor=None)
    before = AuditEntry.objects.count()
    response = api(
        client,
        "post",
        "/programmes",
        admin,
        {"croho_code": "99999", "nominal_years": 4},
        token=token,
    )
    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["rule"], body["source"]) == (
        "rule_violation",
        "programme.croho-registered",
        SOURCE,
    )
    assert not Programme.objects.exists()
    assert AuditEntry.objects.count() == before


def test_the_api_refuses_a_coach(client, institution):
    coach = factories.user_with_role("coach", factories.programme(croho_code="34808"))
    response = api(
        client, "post", "/programmes", coach, {"croho_code": "34560", "nominal_years": 4}
    )
    assert response.status_code == 403
    assert api(client, "get", "/croho-register", coach).status_code == 403
    assert Programme.objects.count() == 1


# --- users --------------------------------------------------------------------------------------


def test_the_user_list_searches_and_pages(client, admin):
    for n in range(55):
        factories.UserFactory(username=f"docent{n:02}", last_name="Jansen")
    factories.UserFactory(username="anders", last_name="Pietersen", email="p@elders.test")
    client.force_login(admin)
    first = html(client.get(USERS, {"zoek": "jansen"}))
    assert "Pagina 1 van 2 (55 rijen)" in first
    assert "<td>docent00</td>" in first
    assert "<td>anders</td>" not in first
    found = html(client.get(USERS, {"zoek": "elders.test"}))
    assert "<td>anders</td>" in found
    assert "<td>docent00</td>" not in found


def test_the_user_list_takes_a_constant_number_of_queries(client, admin, programme):
    client.force_login(admin)
    client.get(USERS)  # warm the session and caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(USERS).status_code == 200
        return len(queries)

    few = count()
    for n in range(30):
        services.role_assign(
            factories.UserFactory(username=f"coach{n:02}"),
            actor=None,
            role="coach",
            programme=programme,
        )
    assert count() == few


def test_the_administrator_adds_an_account(client, admin):
    client.force_login(admin)
    response = client.post(
        ADD,
        {
            "username": "nieuwe.docent",
            "first_name": "Nel",
            "last_name": "Nieuw",
            "email": "nel@example.org",
            "preferred_language": "en",
            "password": PASSWORD,
        },
    )
    assert response["Location"] == USERS
    user = User.objects.get(username="nieuwe.docent")
    assert (user.email, user.preferred_language, user.check_password(PASSWORD)) == (
        "nel@example.org",
        "en",
        True,
    )
    entry = AuditEntry.objects.get(action="user.create", object_id=str(user.pk))
    assert entry.actor_id == admin.pk


def test_a_weak_password_or_a_taken_username_adds_nothing(client, admin):
    client.force_login(admin)
    users, audit = User.objects.count(), AuditEntry.objects.count()
    weak = client.post(ADD, {"username": "x1", "preferred_language": "nl", "password": "kort"})
    assert weak.status_code == 422
    assert "Dit wachtwoord is te kort." in html(weak)
    taken = client.post(
        ADD, {"username": admin.username, "preferred_language": "nl", "password": PASSWORD}
    )
    assert taken.status_code == 422
    assert (User.objects.count(), AuditEntry.objects.count()) == (users, audit)


def test_deactivating_an_account_ends_its_tokens_and_is_audited(client, admin, programme):
    coach = factories.user_with_role("coach", programme)
    api_token_create(coach, actor=None)
    log_in_verified(client, admin)
    response = client.post(reverse("curriculum:user_deactivate", args=[coach.pk]))
    assert response["Location"] == USERS
    coach.refresh_from_db()
    assert coach.is_active is False
    assert not ApiToken.objects.filter(user=coach, revoked_at__isnull=True).exists()
    entry = AuditEntry.objects.get(action="user.deactivate")
    assert (entry.actor_id, entry.data) == (admin.pk, {"user": coach.username})


def test_an_administrator_cannot_deactivate_themselves(client, admin):
    log_in_verified(client, admin)
    client.post(reverse("curriculum:user_deactivate", args=[admin.pk]))
    admin.refresh_from_db()
    assert admin.is_active is True
    assert audit_count("user.deactivate") == 0


def test_other_roles_may_not_see_or_change_users(client, programme):
    manager = factories.user_with_role("programme_manager", programme)
    coach = factories.user_with_role("coach", programme)
    log_in_verified(client, manager)
    assert client.get(USERS).status_code == 403
    assert (
        client.post(
            ADD, {"username": "x", "preferred_language": "nl", "password": PASSWORD}
        ).status_code
        == 403
    )
    assert client.post(reverse("curriculum:user_deactivate", args=[coach.pk])).status_code == 404
    coach.refresh_from_db()
    assert coach.is_active
    assert not User.objects.filter(username="x").exists()
    assert audit_count("user.deactivate") == 0


def test_the_api_lists_adds_and_deactivates_users(client, admin, programme):
    coach = factories.user_with_role("coach", programme, username="coach1", last_name="Kok")
    listed = api(client, "get", "/users", admin, {"search": "kok"}).json()
    role = coach.role_assignments.get()
    assert listed == [
        {
            "id": coach.pk,
            "username": "coach1",
            "first_name": coach.first_name,
            "last_name": "Kok",
            "email": coach.email,
            "is_active": True,
            "roles": [
                {"id": role.pk, "role": "coach", "programme_id": programme.pk, "ends_on": None}
            ],
        }
    ]
    added = api(client, "post", "/users", admin, {"username": "api.docent", "password": PASSWORD})
    assert added.status_code == 201
    assert added.json()["username"] == "api.docent"
    no_code = api(client, "post", f"/users/{coach.pk}/deactivate", admin)
    assert (no_code.status_code, no_code.json()["code"]) == (403, "step_up_required")
    coach.refresh_from_db()
    assert coach.is_active
    done = api(client, "post", f"/users/{coach.pk}/deactivate", admin, code=True)
    assert (done.status_code, done.json()["is_active"]) == (200, False)


# --- roles ended on a date ----------------------------------------------------------------------


def test_a_role_ended_on_a_later_date_counts_until_then(client, admin, programme):
    coach = factories.user_with_role("coach", programme)
    role = coach.role_assignments.get()
    later = timezone.localdate() + timedelta(days=10)
    log_in_verified(client, admin)
    response = client.post(
        reverse("curriculum:role_end", args=[role.pk]), {"on": later.isoformat()}
    )
    assert response["Location"] == ROLES
    role.refresh_from_db()
    assert role.ends_on == later
    entry = AuditEntry.objects.get(action="role.end")
    assert (entry.actor_id, entry.data["ends_on"], entry.data["role"]) == (
        admin.pk,
        later.isoformat(),
        "coach",
    )
    fresh = User.objects.get(pk=coach.pk)
    assert permissions.roles_by_programme(fresh) == {programme.pk: {"coach"}}
    with time_machine.travel(later + timedelta(hours=12)):
        assert permissions.roles_by_programme(User.objects.get(pk=coach.pk)) == {}


def test_a_role_ended_today_is_taken_away_at_once(client, admin, programme):
    coach = factories.user_with_role("coach", programme)
    role = coach.role_assignments.get()
    log_in_verified(client, admin)
    client.post(
        reverse("curriculum:role_end", args=[role.pk]), {"on": timezone.localdate().isoformat()}
    )
    assert not RoleAssignment.objects.filter(pk=role.pk).exists()
    assert audit_count("role.remove") == 1


def test_giving_an_ended_role_again_clears_its_end(admin, programme):
    coach = factories.user_with_role("coach", programme)
    role = coach.role_assignments.get()
    services.role_end(role, actor=admin, on=timezone.localdate() + timedelta(days=3))
    again = services.role_assign(coach, actor=admin, role="coach", programme=programme)
    assert (again.pk, again.ends_on) == (role.pk, None)


def test_ending_a_role_needs_the_administrator_and_a_code(client, admin, programme):
    coach = factories.user_with_role("coach", programme)
    role = coach.role_assignments.get()
    later = (timezone.localdate() + timedelta(days=5)).isoformat()
    manager = factories.user_with_role("programme_manager", programme)
    log_in_verified(client, manager)
    assert (
        client.post(reverse("curriculum:role_end", args=[role.pk]), {"on": later}).status_code
        == 404
    )
    client.force_login(admin)  # no recent code
    response = client.post(reverse("curriculum:role_end", args=[role.pk]), {"on": later})
    assert response.status_code == 302
    assert "tweestaps" in response["Location"]
    role.refresh_from_db()
    assert role.ends_on is None
    assert audit_count("role.end") == 0


def test_the_api_grants_and_ends_a_role_with_a_code(client, admin, programme):
    person = factories.UserFactory(username="persoon")
    body = {"username": "persoon", "role": "assessor", "programme_id": programme.pk}
    refused = api(client, "post", "/role-assignments", admin, body)
    assert refused.status_code == 403
    assert not person.role_assignments.exists()
    granted = api(client, "post", "/role-assignments", admin, body, code=True)
    assert granted.status_code == 201
    role_id = granted.json()["id"]
    later = (timezone.localdate() + timedelta(days=7)).isoformat()
    ended = api(client, "post", f"/role-assignments/{role_id}/end", admin, {"on": later}, code=True)
    assert ended.json() == {
        "ended": False,
        "role": {"id": role_id, "role": "assessor", "programme_id": programme.pk, "ends_on": later},
    }
    coach = factories.user_with_role("coach", programme)
    denied = api(
        client, "post", f"/role-assignments/{role_id}/end", coach, {"on": later}, code=True
    )
    assert denied.status_code == 404


# --- navigation ---------------------------------------------------------------------------------


def test_the_administrator_finds_the_pages_from_the_start_page_and_the_menu(client, admin):
    client.force_login(admin)
    page = html(client.get(reverse("start:home")))
    assert f'<a href="{USERS}">Gebruikers</a>' in page  # the menu
    assert f'<a href="{CREATE}" data-testid="home-programme-create">' in page
    assert f'<a href="{USERS}" data-testid="home-users">' in page
    assert f'<a href="{ROLES}" data-testid="home-roles-admin">' in page
    programmes = html(client.get(reverse("curriculum:programme_list")))
    assert f'<a href="{CREATE}" class="button" data-testid="programme-create-link">' in programmes


def test_other_roles_see_no_administration_links(client, programme):
    client.force_login(factories.user_with_role("programme_manager", programme))
    page = html(client.get(reverse("start:home")))
    assert USERS not in page
    assert CREATE not in page
    assert CREATE not in html(client.get(reverse("curriculum:programme_list")))


# --- variants -----------------------------------------------------------------------------------


def test_a_manager_adds_a_variant_and_switches_it_after_consent_as_before(client, programme):
    manager = factories.user_with_role("programme_manager", programme)
    client.force_login(manager)
    response = client.post(
        reverse("curriculum:variant_create", args=[programme.pk]),
        {"form": "dual", "has_propedeuse": "on", "bsa_norm_ec": 45},
    )
    assert response["Location"] == reverse("curriculum:programme_detail", args=[programme.pk])
    variant = programme.variants.get(form="dual")
    assert (variant.has_propedeuse, variant.bsa_norm_ec, variant.outcome_based) == (
        True,
        45,
        False,
    )
    entry = AuditEntry.objects.get(action="variant.create")
    assert (entry.actor_id, entry.data) == (manager.pk, {"form": "dual"})
    # without the teachers' consent the switch to units of learning outcomes is still refused
    with pytest.raises(RuleViolation) as refused:
        services.variant_set_outcome_based(variant, actor=manager, outcome_based=True)
    assert "variant.teacher-consent" in {v["rule"] for v in refused.value.violations()}
    variant.refresh_from_db()
    assert variant.outcome_based is False


def test_a_second_variant_of_the_same_form_is_refused_and_nothing_written(client, programme):
    services.variant_create(programme, actor=None, form="dual")
    manager = factories.user_with_role("programme_manager", programme)
    client.force_login(manager)
    before = AuditEntry.objects.count()
    response = client.post(
        reverse("curriculum:variant_create", args=[programme.pk]), {"form": "dual"}
    )
    assert response.status_code == 422
    assert programme.variants.filter(form="dual").count() == 1
    assert AuditEntry.objects.count() == before


def test_the_api_adds_a_variant(client, admin, programme):
    response = api(
        client,
        "post",
        f"/programmes/{programme.pk}/variants",
        admin,
        {"form": "full_time", "bsa_norm_ec": 50},
    )
    assert response.status_code == 201
    variant = programme.variants.get(form="full_time")
    assert response.json() == {
        "id": variant.pk,
        "form": "full_time",
        "outcome_based": False,
        "has_propedeuse": False,
        "bsa_norm_ec": 50,
        "admission_requirements_nl": "",
        "admission_requirements_en": "",
    }


def test_end_roles_removes_the_roles_whose_end_came_and_ends_their_sessions(admin, programme):
    coach = factories.user_with_role("coach", programme)
    assessor = factories.user_with_role("assessor", programme)
    api_token_create(coach, actor=None)
    today = timezone.localdate()
    services.role_end(coach.role_assignments.get(), actor=admin, on=today + timedelta(days=2))
    services.role_end(assessor.role_assignments.get(), actor=admin, on=today + timedelta(days=9))
    with time_machine.travel(today + timedelta(days=2, hours=12)):
        out = io.StringIO()
        call_command("end_roles", stdout=out)
    assert out.getvalue() == "1 rol(len) beëindigd / role(s) ended\n"
    assert not coach.role_assignments.exists()
    assert assessor.role_assignments.get().ends_on == today + timedelta(days=9)
    entry = AuditEntry.objects.get(action="role.expire")
    assert (entry.actor_id, entry.data["user"], entry.data["role"]) == (
        None,
        coach.username,
        "coach",
    )
    assert not ApiToken.objects.filter(user=coach, revoked_at__isnull=True).exists()
