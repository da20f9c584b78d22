"""Every URL pattern and every API route, for every role and relation: allowed or denied.

A new route without a row in PROBES fails `test_every_route_has_a_probe`, so nothing ships
unchecked. Objects a user may not see answer 404 (never 403, so ids leak nothing); objects a
user may see but not change answer 403; the web asks anonymous users to log in (302), the API
answers 401.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from parcours.accounts.models import ApiToken
from parcours.accounts.services import api_token_create
from parcours.curriculum import services
from parcours.curriculum.uploads import columns
from tests import factories, second_factor

ROLES = (
    "anonymous",
    "student",
    "workplace_supervisor",
    "coach",
    "assessor",
    "exam_committee",
    "programme_manager",
    "other_manager",  # programme manager of another programme
    "administrator",
)
STAFF = {"coach", "assessor", "exam_committee", "programme_manager", "administrator"}
EDITORS = {"programme_manager", "administrator"}
MEMBERS = {"student", "workplace_supervisor"} | STAFF  # anyone with a role in the programme


@dataclass
class World:
    ids: dict[str, int]
    users: dict[str, Any]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One programme with a published and a draft OER, another programme, a user per role.
    Built once per module; each test's writes roll back."""
    with django_db_blocker.unblock(), transaction.atomic():
        programme = factories.programme()
        variant = factories.outcome_based_variant(programme)
        published = factories.draft_oer(variant, year=2025, unit_ec=(120, 120))
        services.oer_publish(published, actor=None)
        draft = factories.draft_oer(variant, year=2026, unit_ec=(120, 120))
        unit = draft.units.get(code="U1")
        outcome = unit.outcomes.get()
        other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
        other_variant = factories.outcome_based_variant(other)
        other_draft = factories.draft_oer(other_variant, year=2026, unit_ec=(240,))
        users = {"anonymous": None}
        for role in ROLES[1:]:
            if role == "other_manager":
                users[role] = factories.user_with_role("programme_manager", other)
            else:
                users[role] = factories.user_with_role(role, programme)
        tokens = {role: api_token_create(user, actor=None) for role, user in users.items() if user}
        ids = {
            "programme": programme.pk,
            "variant": variant.pk,
            "published": published.pk,
            "draft": draft.pk,
            "other_draft": other_draft.pk,
            "unit": unit.pk,
            "published_unit": published.units.get(code="U1").pk,
            "outcome": outcome.pk,
            "criterion": outcome.criteria.first().pk,
            "activity": unit.activities.get().pk,
            "form": unit.assessment_forms.get().pk,
            "student_token": ApiToken.objects.get(user=users["student"]).pk,
            "coach_role": users["coach"].role_assignments.get().pk,
        }
        yield World(ids, users, tokens)
        transaction.set_rollback(True)


def _everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def web_read(*, allowed: set[str], hidden_status: int = 404) -> dict[str, int]:
    """A page behind login: 200 for `allowed`, 404 (or 403) for the other signed-in users."""
    return {r: 302 if r == "anonymous" else 200 if r in allowed else hidden_status for r in ROLES}


def web_write(ok: int, *, visible: set[str] = STAFF) -> dict[str, int]:
    """A change: `ok` for editors, 403 for those who may see the object, 404 for the rest."""
    return {
        r: 302 if r == "anonymous" else ok if r in EDITORS else 403 if r in visible else 404
        for r in ROLES
    }


def api_write(ok: int, *, visible: set[str] = STAFF) -> dict[str, int]:
    return {**web_write(ok, visible=visible), "anonymous": 401}


@dataclass
class Probe:
    name: str  # URL name, namespaced
    method: str
    path: Callable[[dict[str, int]], str]
    expect: dict[str, int]
    data: dict[str, Any] = field(default_factory=dict)
    htmx: bool = False
    api_json: bool = False
    # The act asks for a recent second-factor code: the user confirms a real one first (the
    # step-up page; over the API the X-Parcours-OTP header). Who may not act is refused before
    # any code is asked, so the row reads the same as without.
    step_up: bool = False
    # A multipart upload (values that are callables make a fresh file per request); over the
    # API with the role's token.
    files: bool = False


UNIT = {
    "code": "NEW",
    "title_nl": "Nieuwe eenheid",
    "title_en": "New unit",
    "ec": 15,
    "nlqf_level": 6,
}
ACTIVITY = {"kind": "course", "mode": "online", "title_nl": "Cursus", "hours": 20}


def framework_file() -> SimpleUploadedFile:
    """A framework sheet with one more unit: checked, and refused (the draft already holds its
    240 EC), so editors get 422 with the problem and nothing is written."""
    row = ["NEW", "Nieuw", "New", "10", "6", "", "", "LU1", "Kan iets.", ""]
    row += ["Niveau", ""] * 3 + ["Onderbouwt.", ""]
    return SimpleUploadedFile(
        "raamwerk.csv", (",".join(columns(3)) + "\n" + ",".join(row)).encode()
    )


PROBES = [
    # public pages
    Probe("curriculum:catalogue", "get", lambda i: "/", _everyone(200)),
    Probe(
        "curriculum:catalogue_oer",
        "get",
        lambda i: f"/catalogus/oer/{i['published']}/",
        _everyone(200),
    ),
    Probe("rules", "get", lambda i: "/regels/", _everyone(200)),
    Probe(
        "accounts:login",
        "get",
        lambda i: "/account/inloggen/",
        {
            **_everyone(302),
            "anonymous": 200,  # a signed-in user is sent on to the start page
        },
    ),
    Probe("accounts:logout", "post", lambda i: "/account/uitloggen/", _everyone(302)),
    # SURFconext login: off here (not configured), so absent for everyone; configured, the same
    # rows against a real provider are in tests/accounts/oidc/test_surfconext_routes.py
    Probe("accounts:surfconext_login", "post", lambda i: "/account/surfconext/", _everyone(404)),
    Probe(
        "accounts:surfconext_callback",
        "get",
        lambda i: "/account/surfconext/terug/?code=x&state=y",
        _everyone(404),
    ),
    Probe(
        "accounts:language",
        "post",
        lambda i: "/account/taal/",
        _everyone(302),
        {"language": "en", "next": "/"},
    ),
    # the account pages: public ones (a reset asked by address, the links from e-mails: a bad
    # link answers 410), and the signed-in user's own
    Probe(
        "accounts:password_reset", "get", lambda i: "/account/wachtwoord-vergeten/", _everyone(200)
    ),
    Probe(
        "accounts:password_reset_sent",
        "get",
        lambda i: "/account/wachtwoord-vergeten/verstuurd/",
        _everyone(200),
    ),
    Probe(
        "accounts:password_reset_link",
        "get",
        lambda i: "/account/wachtwoord-herstellen/MQ/bad-token/",
        _everyone(410),
    ),
    Probe(
        "accounts:signup_sent", "get", lambda i: "/account/aanmelding/verstuurd/", _everyone(200)
    ),
    Probe(
        "accounts:signup_link", "get", lambda i: "/account/aanmelding/MQ/bad-token/", _everyone(302)
    ),
    Probe(
        "accounts:signup_confirm",
        "post",
        lambda i: "/account/aanmelding/bevestigen/",
        _everyone(410),
    ),
    Probe("accounts:account_home", "get", lambda i: "/account/", web_read(allowed=set(ROLES))),
    Probe(
        "accounts:sessions_end", "post", lambda i: "/account/sessies/beeindigen/", _everyone(302)
    ),
    Probe(
        "accounts:password_change",
        "get",
        lambda i: "/account/wachtwoord/",
        web_read(allowed=set(ROLES)),
    ),
    Probe("accounts:token_list", "get", lambda i: "/account/tokens/", web_read(allowed=set(ROLES))),
    Probe(
        "accounts:token_revoke",
        "post",
        lambda i: f"/account/tokens/{i['student_token']}/intrekken/",
        {**web_read(allowed={"student"}), "student": 302},  # another user's token: 404
    ),
    # the second factor: only ever the signed-in user's own, so no object to refuse
    Probe(
        "accounts:login_code",  # without a password checked first: back to the login page
        "get",
        lambda i: "/account/inloggen/code/",
        _everyone(302),
    ),
    Probe(
        "accounts:second_factor_status",
        "get",
        lambda i: "/account/tweestaps/",
        web_read(allowed=set(ROLES)),
    ),
    Probe(
        "accounts:second_factor_enrol",
        "get",
        lambda i: "/account/tweestaps/instellen/",
        web_read(allowed=set(ROLES)),
    ),
    Probe(
        "accounts:step_up",  # without an authenticator: sent to set one up
        "get",
        lambda i: "/account/bevestigen/",
        _everyone(302),
    ),
    Probe(
        "accounts:step_up",
        "get",
        lambda i: "/account/bevestigen/",
        web_read(allowed=set(ROLES)),
        step_up=True,
    ),
    Probe(
        "accounts:recovery_codes_regenerate",
        "post",
        lambda i: "/account/tweestaps/herstelcodes/",
        web_read(allowed=set(ROLES)),
        step_up=True,
    ),
    Probe(
        "accounts:second_factor_remove",  # a wrong code: refused, nothing removed
        "post",
        lambda i: "/account/tweestaps/verwijderen/",
        {**_everyone(422), "anonymous": 302},
        {"code": "000000"},
        step_up=True,
    ),
    # roles: the administrator's; giving and taking ask for a recent code
    Probe(
        "curriculum:role_list",
        "get",
        lambda i: "/beheer/rollen/",
        {**_everyone(403), "anonymous": 302, "administrator": 200},
    ),
    Probe(
        "curriculum:role_assign",  # no username: refused on the form, nothing given
        "post",
        lambda i: "/beheer/rollen/toekennen/",
        {**_everyone(403), "anonymous": 302, "administrator": 422},
        {"username": "", "role": "coach"},
        step_up=True,
    ),
    Probe(
        "curriculum:role_remove",
        "post",
        lambda i: f"/beheer/rollen/{i['coach_role']}/intrekken/",
        {**_everyone(404), "anonymous": 302, "administrator": 302},
        step_up=True,
    ),
    # pages behind login
    Probe("start:home", "get", lambda i: "/start/", web_read(allowed=set(ROLES))),
    Probe(
        "curriculum:programme_list",
        "get",
        lambda i: "/opleidingen/",
        web_read(allowed=set(ROLES)),
    ),
    Probe(
        "curriculum:programme_detail",
        "get",
        lambda i: f"/opleidingen/{i['programme']}/",
        web_read(allowed=MEMBERS | {"administrator"}),
    ),
    Probe("curriculum:oer_detail", "get", lambda i: f"/oer/{i['draft']}/", web_read(allowed=STAFF)),
    Probe(
        "curriculum:oer_diff",
        "get",
        lambda i: f"/oer/{i['draft']}/verschillen/?met={i['published']}",
        web_read(allowed=STAFF),
    ),
    Probe(
        "curriculum:unit_detail",
        "get",
        lambda i: f"/eenheden/{i['unit']}/",
        web_read(allowed=STAFF),
    ),
    # the inline editor's Cancel: a fragment for those who may edit
    Probe(
        "curriculum:unit_row",
        "get",
        lambda i: f"/eenheden/{i['unit']}/rij/",
        web_write(200),
        htmx=True,
    ),
    # changes
    Probe(
        "curriculum:persona_create",
        "post",
        lambda i: f"/opleidingen/{i['programme']}/personas/nieuw/",
        web_write(302, visible=MEMBERS),
        {"name": "Zij-instromer", "summary_nl": "Werkt al."},
    ),
    Probe(
        "curriculum:variant_consent_record",
        "post",
        lambda i: f"/varianten/{i['variant']}/instemming/",
        web_write(302, visible=MEMBERS),
        {"body": "Team", "method": "vote", "result": "granted", "decided_on": "2026-01-05"},
    ),
    Probe(
        "curriculum:variant_outcome_based_set",
        "post",
        lambda i: f"/varianten/{i['variant']}/leeruitkomsten/",
        web_write(302, visible=MEMBERS),
        {"outcome_based": "true"},
    ),
    Probe(
        "curriculum:variant_settings_update",
        "post",
        lambda i: f"/varianten/{i['variant']}/instellingen/",
        web_write(302, visible=MEMBERS),
        {
            "start_moments": "quarterly",
            "coach_establishes_plans": "on",
            "feasibility_warning_ratio": "1.2",
            "stall_weeks": 6,
        },
    ),
    Probe(
        "curriculum:variant_admission_requirements_update",
        "post",
        lambda i: f"/varianten/{i['variant']}/toelatingseisen/",
        web_write(302, visible=MEMBERS),
        {"admission_requirements_nl": "Havo of mbo-4", "admission_requirements_en": ""},
    ),
    Probe(
        "curriculum:oer_create",
        "post",
        lambda i: f"/varianten/{i['variant']}/oer/nieuw/",
        web_write(302, visible=MEMBERS),
        {"academic_year": 2027},
    ),
    Probe(
        "curriculum:oer_publish",
        "post",
        lambda i: f"/oer/{i['draft']}/publiceren/",
        web_write(302),
        {"confirm": "on"},
        step_up=True,
    ),
    Probe(  # without a second factor: editors are sent to set one up, nothing is published
        "curriculum:oer_publish",
        "post",
        lambda i: f"/oer/{i['draft']}/publiceren/",
        web_write(302),
        {"confirm": "on"},
    ),
    Probe("curriculum:oer_copy", "post", lambda i: f"/oer/{i['draft']}/kopieren/", web_write(302)),
    Probe(
        "curriculum:unit_create",
        "post",
        lambda i: f"/oer/{i['draft']}/eenheden/nieuw/",
        web_write(302),
        UNIT,
    ),
    # an outcomes framework as a spreadsheet: the page, check and import for editors; the
    # export for whoever reads the OER
    Probe("curriculum:framework", "get", lambda i: f"/oer/{i['draft']}/raamwerk/", web_write(200)),
    Probe(
        "curriculum:framework_preview",
        "post",
        lambda i: f"/oer/{i['draft']}/raamwerk/controleren/",
        web_write(422),
        {"file": framework_file},
        files=True,
    ),
    Probe(  # no checked sheet kept: refused, nothing written
        "curriculum:framework_import",
        "post",
        lambda i: f"/oer/{i['draft']}/raamwerk/importeren/",
        web_write(422),
        {"sheet": "0" * 64},
    ),
    Probe(
        "curriculum:framework_download",
        "get",
        lambda i: f"/oer/{i['draft']}/raamwerk/export.xlsx",
        web_read(allowed=STAFF),
    ),
    Probe(
        "curriculum:unit_row_edit",
        "post",
        lambda i: f"/eenheden/{i['unit']}/rij/bewerken/",
        web_write(200),
        {**UNIT, "code": "U1"},
        htmx=True,
    ),
    Probe(
        "curriculum:unit_delete",
        "post",
        lambda i: f"/eenheden/{i['unit']}/verwijderen/",
        web_write(302),
    ),
    Probe(
        "curriculum:outcome_create",
        "post",
        lambda i: f"/eenheden/{i['unit']}/leeruitkomsten/nieuw/",
        web_write(302),
        {"code": "LU9", "text_nl": "Kan iets."},
    ),
    Probe(
        "curriculum:activity_create",
        "post",
        lambda i: f"/eenheden/{i['unit']}/leeractiviteiten/nieuw/",
        web_write(302),
        ACTIVITY,
    ),
    Probe(
        "curriculum:assessment_form_create",
        "post",
        lambda i: f"/eenheden/{i['unit']}/toetsvormen/nieuw/",
        web_write(302),
        {"kind": "written_exam", "route_independent": "on", "assessors": 2},
    ),
    Probe(
        "curriculum:outcome_update",
        "post",
        lambda i: f"/leeruitkomsten/{i['outcome']}/",
        web_write(302),
        {"text_nl": "Kan methodisch handelen."},
    ),
    Probe(
        "curriculum:outcome_delete",
        "post",
        lambda i: f"/leeruitkomsten/{i['outcome']}/verwijderen/",
        web_write(302),
    ),
    Probe(
        "curriculum:criterion_create",
        "post",
        lambda i: f"/leeruitkomsten/{i['outcome']}/criteria/nieuw/",
        web_write(302),
        {"text_nl": "Onderbouwt keuzes."},
    ),
    Probe(
        "curriculum:concentric_level_set",
        "post",
        lambda i: f"/leeruitkomsten/{i['outcome']}/niveaus/2/",
        web_write(302),
        {"text_nl": "Zelfstandig in een vertrouwde situatie."},
    ),
    Probe(
        "curriculum:grid_entry_create",
        "post",
        lambda i: f"/leeruitkomsten/{i['outcome']}/valideringsraster/nieuw/",
        web_write(302),
        {"evidence_nl": "Zorgplan uit de eigen praktijk."},
    ),
    Probe(
        "curriculum:criterion_delete",
        "post",
        lambda i: f"/criteria/{i['criterion']}/verwijderen/",
        web_write(302),
    ),
    Probe(
        "curriculum:activity_delete",
        "post",
        lambda i: f"/leeractiviteiten/{i['activity']}/verwijderen/",
        web_write(302),
    ),
    Probe(
        "curriculum:assessment_form_delete",
        "post",
        lambda i: f"/toetsvormen/{i['form']}/verwijderen/",
        web_write(302),
    ),
    # API: public reads
    Probe("api:api-root", "get", lambda i: "/api/v1/", _everyone(404)),
    Probe("api:openapi-json", "get", lambda i: "/api/v1/openapi.json", _everyone(200)),
    Probe("api:openapi-view", "get", lambda i: "/api/v1/docs", _everyone(200)),
    Probe("api:programme_list", "get", lambda i: "/api/v1/programmes", _everyone(200)),
    Probe(
        "api:programme_detail",
        "get",
        lambda i: f"/api/v1/programmes/{i['programme']}",
        _everyone(200),
    ),
    Probe("api:oer_list", "get", lambda i: "/api/v1/oers", _everyone(200)),
    Probe("api:rule_list", "get", lambda i: "/api/v1/rules", _everyone(200)),
    Probe(
        "api:oer_detail",
        "get",
        lambda i: f"/api/v1/oers/{i['draft']}",
        {r: 200 if r in STAFF else 404 for r in ROLES},
    ),
    Probe(
        "api:unit_detail",
        "get",
        lambda i: f"/api/v1/units/{i['unit']}",
        {r: 200 if r in STAFF else 404 for r in ROLES},
    ),
    # API: changes
    Probe(
        "api:oer_create",
        "post",
        lambda i: "/api/v1/oers",
        {**api_write(201, visible=MEMBERS)},
        {"variant_id": "VARIANT", "academic_year": 2027},
        api_json=True,
    ),
    Probe(
        "api:oer_publish",
        "post",
        lambda i: f"/api/v1/oers/{i['draft']}/publish",
        api_write(200),
        api_json=True,
        step_up=True,
    ),
    Probe(  # without an X-Parcours-OTP code: 403 step_up_required for editors
        "api:oer_publish",
        "post",
        lambda i: f"/api/v1/oers/{i['draft']}/publish",
        api_write(403),
        api_json=True,
    ),
    Probe(
        "api:oer_copy",
        "post",
        lambda i: f"/api/v1/oers/{i['draft']}/copy",
        api_write(201),
        api_json=True,
    ),
    Probe(
        "api:framework_preview",
        "post",
        lambda i: f"/api/v1/oers/{i['draft']}/framework/preview",
        api_write(200),
        {"file": framework_file},
        files=True,
    ),
    Probe(
        "api:framework_import",
        "post",
        lambda i: f"/api/v1/oers/{i['draft']}/framework",
        api_write(422),
        {"file": framework_file},
        files=True,
    ),
    Probe(
        "api:framework_export",
        "get",
        lambda i: f"/api/v1/oers/{i['draft']}/framework?format=csv",
        {r: 200 if r in STAFF else 404 for r in ROLES},
    ),
    Probe(
        "api:unit_create",
        "post",
        lambda i: f"/api/v1/oers/{i['draft']}/units",
        api_write(201),
        UNIT,
        api_json=True,
    ),
    Probe(
        "api:unit_update",
        "patch",
        lambda i: f"/api/v1/units/{i['unit']}",
        api_write(200),
        {"title_nl": "Anders"},
        api_json=True,
    ),
    Probe(
        "api:unit_delete",
        "delete",
        lambda i: f"/api/v1/units/{i['unit']}",
        api_write(204),
        api_json=True,
    ),
    Probe(
        "api:outcome_create",
        "post",
        lambda i: f"/api/v1/units/{i['unit']}/outcomes",
        api_write(201),
        {"code": "LU9", "text_nl": "Kan iets."},
        api_json=True,
    ),
    Probe(
        "api:criterion_create",
        "post",
        lambda i: f"/api/v1/outcomes/{i['outcome']}/criteria",
        api_write(201),
        {"text_nl": "Onderbouwt keuzes."},
        api_json=True,
    ),
    Probe(
        "api:activity_create",
        "post",
        lambda i: f"/api/v1/units/{i['unit']}/activities",
        api_write(201),
        ACTIVITY,
        api_json=True,
    ),
    Probe(
        "api:assessment_form_create",
        "post",
        lambda i: f"/api/v1/units/{i['unit']}/assessment-forms",
        api_write(201),
        {"kind": "written_exam"},
        api_json=True,
    ),
]

# Relations beyond the role: the same routes on objects that must stay out of reach.
RELATION_PROBES = [
    Probe(
        "catalogue of a draft OER", "get", lambda i: f"/catalogus/oer/{i['draft']}/", _everyone(404)
    ),
    Probe(
        "editor of another programme's draft",
        "get",
        lambda i: f"/oer/{i['other_draft']}/",
        {**web_read(allowed={"administrator"}), "other_manager": 200},
    ),
    Probe(
        "editing a published OER's unit is refused by its rule",
        "post",
        lambda i: f"/eenheden/{i['published_unit']}/rij/bewerken/",
        {**web_write(200, visible=set(ROLES)), "anonymous": 302},
        {**UNIT, "code": "U1"},
        htmx=True,
    ),
    Probe(
        "API: another programme's draft",
        "get",
        lambda i: f"/api/v1/oers/{i['other_draft']}",
        {r: 200 if r in {"administrator", "other_manager"} else 404 for r in ROLES},
    ),
    Probe("API: published OER", "get", lambda i: f"/api/v1/oers/{i['published']}", _everyone(200)),
    Probe(
        "API: a published OER's framework",
        "get",
        lambda i: f"/api/v1/oers/{i['published']}/framework",
        _everyone(200),
    ),
    Probe(
        "a framework sheet for a published OER is refused by its rule",
        "post",
        lambda i: f"/oer/{i['published']}/raamwerk/controleren/",
        {**web_write(422, visible=set(ROLES)), "anonymous": 302},
        {"file": framework_file},
        files=True,
    ),
    Probe(
        "API: PATCH a published unit is refused by its rule",
        "patch",
        lambda i: f"/api/v1/units/{i['published_unit']}",
        {**api_write(422, visible=set(ROLES) - {"anonymous"})},
        {"title_nl": "Anders"},
        api_json=True,
    ),
]


def _request(probe: Probe, role: str, world: World) -> int:
    client = Client()
    headers: dict[str, str] = {}
    over_api = probe.path(world.ids).startswith("/api/")
    if role != "anonymous":
        if probe.api_json or (probe.files and over_api):
            headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[role]}"
            if probe.step_up:
                headers["HTTP_X_PARCOURS_OTP"] = second_factor.code_for(world.users[role])
        else:
            client.force_login(world.users[role])
            if probe.step_up:
                second_factor.step_up(client, world.users[role])
    if probe.htmx:
        headers["HTTP_HX_REQUEST"] = "true"
    path = probe.path(world.ids)
    data = {
        k: v() if callable(v) else world.ids["variant"] if v == "VARIANT" else v
        for k, v in probe.data.items()
    }
    send = getattr(client, probe.method)
    if probe.api_json and probe.method != "get":
        response = send(path, json.dumps(data), content_type="application/json", **headers)
    elif probe.method == "get":
        response = send(path, **headers)
    else:
        response = send(path, data, **headers)
    return response.status_code


CASES = [(p, r) for p in PROBES + RELATION_PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_route_answers_as_the_matrix_says(probe, role, world, db):
    assert _request(probe, role, world) == probe.expect[role]
