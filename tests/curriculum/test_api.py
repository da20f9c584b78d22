"""The JSON API under /api/v1/: status codes, response shapes, authentication, and that a refusal
writes nothing."""

import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError
from django.test import Client
from openapi_spec_validator import validate

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.core.models import AuditEntry
from parcours.core.security_events import SECURITY_EVENT_KINDS
from parcours.curriculum import permissions, services
from parcours.curriculum.models import (
    AssessmentCriterion,
    AssessmentForm,
    LearningActivity,
    LearningOutcome,
    Oer,
    Unit,
)
from parcours.rules import all_rules
from tests import factories, second_factor

API = "/api/v1"
PUBLISH_DAY = date(2026, 8, 1)

FACILITATED_ROUTE_CITATIONS = [
    {
        "source": "seed-000",
        "reference": "Kamerstukken 36 136, memorie van antwoord",
        "title": "Memorie van antwoord aan de Eerste Kamer, Wet leeruitkomsten hoger onderwijs "
        "(2024)",
        "pinpoint": "antwoord 1",
        "quote": "dan is de instelling verplicht om ook een vastgelegde leerroute (de zogenaamde "
        "gefaciliteerde leerroute) aan te blijven bieden",
        "label": "Kamerstukken 36 136, memorie van antwoord, antwoord 1",
    },
    {
        "source": "wlho",
        "reference": "Kamerstukken 36 136",
        "title": "Wet leeruitkomsten hoger onderwijs (wijziging van de WHW)",
        "pinpoint": "",
        "quote": "",
        "label": "Kamerstukken 36 136",
    },
]
FACILITATED_ROUTE_SOURCE = (
    "Kamerstukken 36 136, memorie van antwoord, antwoord 1; Kamerstukken 36 136"
)
IMMUTABLE_SOURCE = "WHW, art. 7.13; Kamerstukken 36 136, memorie van antwoord, antwoord 27"
IMMUTABLE_NL = (
    "Deze OER is gepubliceerd en kan niet meer worden gewijzigd; wijzigingen horen in de OER van "
    "het volgende studiejaar."
)
NOT_FOUND = {"code": "not_found", "message": "Not found."}
FORBIDDEN = {"code": "forbidden", "message": "Not allowed for this user."}
UNAUTHENTICATED = {
    "code": "unauthenticated",
    "message": "Authentication required: send 'Authorization: Bearer <token>' or sign in.",
}
BAD_TOKEN = {"code": "unauthenticated", "message": "Unknown API token.", "reason": "unknown"}


# --- helpers ----------------------------------------------------------------------------------


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user, actor=None)}"}


def otp(user) -> dict[str, str]:
    """A current code of the user's authenticator (set up when missing): publishing asks it."""
    return {"HTTP_X_PARCOURS_OTP": second_factor.code_for(user)}


def send(client, method, url, data=None, **extra):
    """A JSON request; `data` that is already a string is sent as is (malformed on purpose)."""
    if data is None:
        return getattr(client, method)(url, **extra)
    body = data if isinstance(data, str) else json.dumps(data)
    return getattr(client, method)(url, data=body, content_type="application/json", **extra)


def snapshot(oer):
    """Everything a refused write might have touched."""
    return {
        "oer": Oer.objects.filter(pk=oer.pk).values().get(),
        "units": list(Unit.objects.filter(oer=oer).order_by("pk").values()),
        "outcomes": LearningOutcome.objects.filter(unit__oer=oer).count(),
        "criteria": AssessmentCriterion.objects.filter(outcome__unit__oer=oer).count(),
        "activities": LearningActivity.objects.filter(unit__oer=oer).count(),
        "forms": AssessmentForm.objects.filter(unit__oer=oer).count(),
        "oers": Oer.objects.count(),
        # a code checked for the act is its own event, audited whether the act then succeeds
        "audit": AuditEntry.objects.exclude(action__in=SECURITY_EVENT_KINDS)
        .exclude(action__startswith="second_factor.")
        .count(),
    }


def publish(oer, manager):
    return services.oer_publish(oer, actor=manager, on=PUBLISH_DAY)


def unit_body(code="NEW", **overrides):
    body = {"code": code, "title_nl": "Nieuwe eenheid", "title_en": "New unit", "ec": 15}
    body["nlqf_level"] = 6
    body.update(overrides)
    return body


@pytest.fixture
def coach(programme):
    return factories.user_with_role(Role.COACH, programme)


@pytest.fixture
def other_oer(db):
    """A draft OER of another programme, with its own manager."""
    prog = factories.programme(
        croho_code="34808", name_nl="Pabo", name_en="Primary teacher education"
    )
    return factories.draft_oer(factories.outcome_based_variant(prog))


@pytest.fixture
def published_oer(oer, manager):
    return publish(oer, manager)


# --- programmes -------------------------------------------------------------------------------


def test_programmes_are_listed_for_anonymous_callers_with_croho_codes_and_variants(client, db):
    nursing = factories.programme()
    nursing_variant = factories.outcome_based_variant(nursing)
    pabo = factories.programme(
        croho_code="34808", name_nl="Pabo", name_en="Primary teacher education"
    )
    pabo_variant = services.variant_create(
        pabo, actor=None, form="part_time", has_propedeuse=True, bsa_norm_ec=40
    )
    ad = factories.programme(
        croho_code="80017",
        name_nl="Associate degree Elektrotechniek",
        name_en="Associate degree Electrical Engineering",
        level="ad",
        nominal_years=2,
    )
    ad_variant = services.variant_create(ad, actor=None, form="dual")

    response = client.get(f"{API}/programmes")

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": ad.pk,
            "croho_code": "80017",
            "name_nl": "Associate degree Elektrotechniek",
            "name_en": "Associate degree Electrical Engineering",
            "level": "ad",
            "sector": "hbo",
            "nominal_ec": 120,
            "nominal_years": 2,
            "institution": "Hogeschool Test",
            "variants": [
                {
                    "id": ad_variant.pk,
                    "form": "dual",
                    "outcome_based": False,
                    "has_propedeuse": False,
                    "bsa_norm_ec": None,
                    "admission_requirements_nl": "",
                    "admission_requirements_en": "",
                },
            ],
        },
        {
            "id": pabo.pk,
            "croho_code": "34808",
            "name_nl": "Pabo",
            "name_en": "Primary teacher education",
            "level": "ba",
            "sector": "hbo",
            "nominal_ec": 240,
            "nominal_years": 4,
            "institution": "Hogeschool Test",
            "variants": [
                {
                    "id": pabo_variant.pk,
                    "form": "part_time",
                    "outcome_based": False,
                    "has_propedeuse": True,
                    "bsa_norm_ec": 40,
                    "admission_requirements_nl": "",
                    "admission_requirements_en": "",
                },
            ],
        },
        {
            "id": nursing.pk,
            "croho_code": "34560",
            "name_nl": "Verpleegkunde",
            "name_en": "Nursing",
            "level": "ba",
            "sector": "hbo",
            "nominal_ec": 240,
            "nominal_years": 4,
            "institution": "Hogeschool Test",
            "variants": [
                {
                    "id": nursing_variant.pk,
                    "form": "part_time",
                    "outcome_based": True,
                    "has_propedeuse": False,
                    "bsa_norm_ec": None,
                    "admission_requirements_nl": "",
                    "admission_requirements_en": "",
                },
            ],
        },
    ]


def test_programme_list_is_the_same_with_a_token(client, programme, manager):
    anonymous = client.get(f"{API}/programmes").json()
    assert client.get(f"{API}/programmes", **bearer(manager)).json() == anonymous
    assert [p["croho_code"] for p in anonymous] == ["34560"]


def test_programme_list_query_count_does_not_grow_with_programmes(
    client, db, django_assert_max_num_queries
):
    factories.outcome_based_variant(factories.programme())
    with django_assert_max_num_queries(2):
        assert len(client.get(f"{API}/programmes").json()) == 1
    for code in ("34808", "80017", "06401"):
        prog = factories.programme(croho_code=code, name_nl=f"Opleiding {code}")
        services.variant_create(prog, actor=None, form="part_time")
        services.variant_create(prog, actor=None, form="dual")
    with django_assert_max_num_queries(2):
        assert len(client.get(f"{API}/programmes").json()) == 4


def test_programme_detail_is_public_and_has_the_descriptions(client, variant):
    programme = variant.programme
    response = client.get(f"{API}/programmes/{programme.pk}")
    assert response.status_code == 200
    assert response.json() == {
        "id": programme.pk,
        "croho_code": "34560",
        "name_nl": "Verpleegkunde",
        "name_en": "Nursing",
        "level": "ba",
        "sector": "hbo",
        "nominal_ec": 240,
        "nominal_years": 4,
        "institution": "Hogeschool Test",
        "description_nl": "",
        "description_en": "",
        "variants": [
            {
                "id": variant.pk,
                "form": "part_time",
                "outcome_based": True,
                "has_propedeuse": False,
                "bsa_norm_ec": None,
                "admission_requirements_nl": "",
                "admission_requirements_en": "",
            },
        ],
    }


def test_unknown_programme_answers_404(client, db):
    response = client.get(f"{API}/programmes/999")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- reading OERs and units -------------------------------------------------------------------


def test_anonymous_caller_sees_published_oers_only(client, published_oer, other_oer):
    response = client.get(f"{API}/oers")
    assert response.status_code == 200
    assert [o["id"] for o in response.json()] == [published_oer.pk]


def test_oer_list_entry_has_the_programme_and_variant(client, published_oer, manager):
    published_oer.refresh_from_db()
    [entry] = client.get(f"{API}/oers").json()
    assert entry == {
        "id": published_oer.pk,
        "academic_year": 2026,
        "year_label": "2026-2027",
        "status": "published",
        "programme_id": published_oer.variant.programme_id,
        "croho_code": "34560",
        "programme_name_nl": "Verpleegkunde",
        "programme_name_en": "Nursing",
        "variant_id": published_oer.variant_id,
        "form": "part_time",
        "published_at": published_oer.published_at.isoformat(timespec="milliseconds").replace(
            "+00:00", "Z"
        ),
        "published_by_id": manager.pk,
        "copied_from_id": None,
        "version": published_oer.version,
    }


def test_manager_token_also_lists_drafts_of_their_own_programme(client, oer, manager, other_oer):
    response = client.get(f"{API}/oers", **bearer(manager))
    assert [(o["id"], o["status"]) for o in response.json()] == [(oer.pk, "draft")]


def test_session_is_honoured_on_public_reads(client, oer, manager, other_oer):
    client.force_login(manager)
    response = client.get(f"{API}/oers")
    assert [o["id"] for o in response.json()] == [oer.pk]
    assert client.get(f"{API}/oers/{oer.pk}").status_code == 200


def test_oer_list_shows_exactly_what_can_view_oer_allows(client, published_oer, other_oer):
    programme = published_oer.variant.programme
    draft = factories.draft_oer(published_oer.variant, year=2027)
    for role in [None, *Role.values]:
        user = factories.user_with_role(role, programme) if role else AnonymousUser()
        extra = bearer(user) if role else {}
        listed = {o["id"] for o in client.get(f"{API}/oers", **extra).json()}
        assert listed == {o.pk for o in Oer.objects.all() if permissions.can_view_oer(user, o)}
        assert published_oer.pk in listed, role
        assert (draft.pk in listed) == (role in {*permissions.STAFF_ROLES, Role.ADMINISTRATOR})
        assert (other_oer.pk in listed) == (role == Role.ADMINISTRATOR), role


def test_oer_detail_nests_units_with_outcomes_levels_activities_and_assessment_forms(
    client, variant, manager
):
    oer = services.oer_create(variant, actor=None, academic_year=2026)
    unit = factories.complete_unit(oer, code="PAB1", ec=30)
    outcome = unit.outcomes.get()
    level = services.concentric_level_set(
        outcome, actor=None, level=1, text_nl="Onder begeleiding", text_en="Under supervision"
    )
    grid = services.grid_entry_create(outcome, actor=None, evidence_nl="Lesvoorbereiding")
    criteria = list(outcome.criteria.all())
    activity = unit.activities.get()
    form = unit.assessment_forms.get()

    response = client.get(f"{API}/oers/{oer.pk}", **bearer(manager))

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"], body["publish_grounds"]) == (oer.pk, "draft", [])
    assert body["units"] == [
        {
            "id": unit.pk,
            "oer_id": oer.pk,
            "code": "PAB1",
            "title_nl": "Eenheid PAB1",
            "title_en": "Unit PAB1",
            "ec": 30,
            "nlqf_level": 6,
            "description_nl": "",
            "description_en": "",
            "position": 1,
            "outcomes": [
                {
                    "id": outcome.pk,
                    "code": "LU1",
                    "text_nl": "De student handelt methodisch.",
                    "text_en": "The student acts methodically.",
                    "position": 1,
                    "criteria": [
                        {
                            "id": criteria[0].pk,
                            "text_nl": "Onderbouwt keuzes met bronnen.",
                            "text_en": "",
                            "position": 1,
                        },
                        {
                            "id": criteria[1].pk,
                            "text_nl": "Reflecteert op het eigen handelen.",
                            "text_en": "",
                            "position": 2,
                        },
                    ],
                    "levels": [
                        {
                            "level": level.level,
                            "text_nl": "Onder begeleiding",
                            "text_en": "Under supervision",
                        },
                    ],
                    "validation_grid": [
                        {"id": grid.pk, "evidence_nl": "Lesvoorbereiding", "evidence_en": ""},
                    ],
                },
            ],
            "activities": [
                {
                    "id": activity.pk,
                    "kind": "course",
                    "mode": "contact",
                    "title_nl": "Cursus",
                    "title_en": "",
                    "hours": 600,
                    "description_nl": "",
                    "description_en": "",
                },
            ],
            "assessment_forms": [
                {
                    "id": form.pk,
                    "kind": "portfolio_interview",
                    "route_independent": True,
                    "assessors": 2,
                    "description_nl": "",
                    "description_en": "",
                },
            ],
        },
    ]


def test_oer_detail_query_count_does_not_grow_with_units(
    client, variant, manager, django_assert_max_num_queries
):
    small = factories.draft_oer(variant, year=2026, unit_ec=(60, 60, 60, 60))
    large = factories.draft_oer(variant, year=2027, unit_ec=(12,) * 20)
    headers = bearer(manager)
    # token (2: look-up, last used), roles (1), OER (1), units and their six kinds of parts (7)
    with django_assert_max_num_queries(11):
        assert len(client.get(f"{API}/oers/{small.pk}", **headers).json()["units"]) == 4
    with django_assert_max_num_queries(11):
        assert len(client.get(f"{API}/oers/{large.pk}", **headers).json()["units"]) == 20


def test_published_unit_is_readable_anonymously_and_a_draft_one_is_not(client, variant, manager):
    published = publish(factories.draft_oer(variant, year=2026), manager)
    draft = factories.draft_oer(variant, year=2027)
    unit = published.units.get(code="U2")
    response = client.get(f"{API}/units/{unit.pk}")
    assert response.status_code == 200
    assert (response.json()["code"], response.json()["oer_id"]) == ("U2", published.pk)
    assert [len(response.json()[k]) for k in ("outcomes", "activities", "assessment_forms")] == [
        1,
        1,
        1,
    ]
    draft_unit = draft.units.get(code="U2")
    response = client.get(f"{API}/units/{draft_unit.pk}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert client.get(f"{API}/units/{draft_unit.pk}", **bearer(manager)).status_code == 200


def test_draft_oer_of_another_programme_answers_404_like_a_missing_one(
    client, oer, manager, other_oer
):
    headers = bearer(manager)
    other_unit = other_oer.units.get(code="U1")
    other_outcome = other_unit.outcomes.get()
    missing = Oer.objects.order_by("-pk").first().pk + 1000
    before = snapshot(other_oer)
    for method, url, data in [
        ("get", f"{API}/oers/{{}}", None),
        ("post", f"{API}/oers/{{}}/publish", None),
        ("post", f"{API}/oers/{{}}/copy", None),
        ("post", f"{API}/oers/{{}}/units", unit_body()),
    ]:
        for pk in (other_oer.pk, missing):
            response = send(client, method, url.format(pk), data, **headers)
            assert (response.status_code, response.json()) == (404, NOT_FOUND), (method, url)
    for method, url, data in [
        ("get", f"{API}/units/{other_unit.pk}", None),
        ("patch", f"{API}/units/{other_unit.pk}", {"title_nl": "Gekaapt"}),
        ("delete", f"{API}/units/{other_unit.pk}", None),
        ("post", f"{API}/units/{other_unit.pk}/outcomes", {"code": "X", "text_nl": "x"}),
        ("post", f"{API}/outcomes/{other_outcome.pk}/criteria", {"text_nl": "x"}),
        ("post", f"{API}/oers", {"variant_id": other_oer.variant_id, "academic_year": 2027}),
    ]:
        response = send(client, method, url, data, **headers)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), (method, url)
    assert snapshot(other_oer) == before


# --- writes: OERs -----------------------------------------------------------------------------


def test_manager_creates_an_oer_with_a_token(client, variant, manager):
    response = send(
        client,
        "post",
        f"{API}/oers",
        {"variant_id": variant.pk, "academic_year": 2027},
        **bearer(manager),
    )
    assert response.status_code == 201
    oer = Oer.objects.get(variant=variant, academic_year=2027)
    assert response.json() == {
        "id": oer.pk,
        "academic_year": 2027,
        "year_label": "2027-2028",
        "status": "draft",
        "programme_id": variant.programme_id,
        "croho_code": "34560",
        "programme_name_nl": "Verpleegkunde",
        "programme_name_en": "Nursing",
        "variant_id": variant.pk,
        "form": "part_time",
        "published_at": None,
        "published_by_id": None,
        "copied_from_id": None,
        "version": 1,
    }
    entry = AuditEntry.objects.get(action="oer.create", object_id=str(oer.pk))
    assert (entry.actor, entry.data) == (manager, {"academic_year": 2027})


def test_second_oer_for_the_same_year_is_refused_in_the_callers_language(client, oer, manager):
    headers = bearer(manager)
    before = snapshot(oer)
    for language, message in [
        ("nl", "Er is al een OER 2026-2027 voor deze variant."),
        ("en", "There already is an OER 2026-2027 for this variant."),
    ]:
        response = send(
            client,
            "post",
            f"{API}/oers",
            {"variant_id": oer.variant_id, "academic_year": 2026},
            HTTP_ACCEPT_LANGUAGE=language,
            **headers,
        )
        assert response.status_code == 422
        assert response.json() == {
            "code": "domain_error",
            "message": message,
            "field": "academic_year",
        }
    assert snapshot(oer) == before


BAD_OER_INPUT = [
    ({"academic_year": 2027}, "variant_id: Field required"),
    (
        {"variant_id": "{variant}", "academic_year": 1999},
        "academic_year: Input should be greater than or equal to 2000",
    ),
    (
        {"variant_id": "{variant}", "academic_year": "2027"},
        "academic_year: Input should be a valid integer",
    ),
    (
        {"variant_id": 10**40, "academic_year": 2027},
        "variant_id: Input should be less than or equal to 9223372036854775807",
    ),
]


def test_bad_oer_input_answers_422_and_writes_nothing(client, oer, manager):
    headers = bearer(manager)
    before = snapshot(oer)
    for body, message in BAD_OER_INPUT:
        if body.get("variant_id") == "{variant}":
            body = {**body, "variant_id": oer.variant_id}
        response = send(client, "post", f"{API}/oers", body, **headers)
        assert (response.status_code, response.json()) == (
            422,
            {"code": "invalid", "message": message, "errors": response.json()["errors"]},
        ), body
        assert snapshot(oer) == before, body


def test_publish_through_the_api_publishes_with_the_grounds(client, oer, manager):
    with time_machine.travel(datetime(2026, 8, 1, 10, 0, tzinfo=UTC), tick=False):
        response = send(
            client, "post", f"{API}/oers/{oer.pk}/publish", **bearer(manager), **otp(manager)
        )
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"], body["published_at"], body["published_by_id"]) == (
        oer.pk,
        "published",
        "2026-08-01T10:00:00Z",
        manager.pk,
    )
    assert {g["rule"] for g in body["publish_grounds"]} == {
        "oer.published-immutable",
        "variant.outcome-based-eligible",
        "variant.teacher-consent",
        "unit.facilitated-route",
        "outcome.assessment-criteria",
        "unit.study-load-hours",
        "oer.nominal-study-load",
    }
    assert all(g["ok"] for g in body["publish_grounds"])
    oer.refresh_from_db()
    assert (oer.status, oer.published_by) == ("published", manager)


def test_publish_with_a_unit_without_facilitated_route_answers_422_and_changes_nothing(
    client, variant, manager
):
    oer = factories.draft_oer(variant, unit_ec=(60, 60, 60))
    factories.complete_unit(oer, code="BARE", ec=60, with_route=False)
    headers = {**bearer(manager), **otp(manager)}
    before = snapshot(oer)

    response = send(client, "post", f"{API}/oers/{oer.pk}/publish", **headers)

    assert response.status_code == 422
    violation = {
        "code": "rule_violation",
        "message": "Eenheid BARE heeft geen volledige gefaciliteerde leerroute: geen aanbevolen "
        "leeractiviteit en geen leerwegonafhankelijke toetsvorm.",
        "rule": "unit.facilitated-route",
        "source": FACILITATED_ROUTE_SOURCE,
        "citations": FACILITATED_ROUTE_CITATIONS,
    }
    assert response.json() == {**violation, "violations": [violation]}
    assert snapshot(oer) == before


def test_publish_refusal_speaks_english_when_asked(client, variant, manager):
    oer = factories.draft_oer(variant, unit_ec=(60, 60))
    factories.complete_unit(oer, code="BARE", ec=30, with_route=False)
    response = send(
        client,
        "post",
        f"{API}/oers/{oer.pk}/publish",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(manager),
        **otp(manager),
    )
    assert response.status_code == 422
    body = response.json()
    assert (body["rule"], body["source"]) == ("unit.facilitated-route", FACILITATED_ROUTE_SOURCE)
    assert body["message"] == (
        "Unit BARE has no complete facilitated route: no recommended learning activity and no "
        "route-independent assessment form."
    )
    assert [(v["rule"], v["message"]) for v in body["violations"]] == [
        ("unit.facilitated-route", body["message"]),
        ("oer.nominal-study-load", "The units add up to 150 EC; the nominal study load is 240 EC."),
    ]
    assert Oer.objects.get(pk=oer.pk).status == "draft"


def test_copy_of_a_published_oer_is_next_years_draft(client, published_oer, manager):
    headers = bearer(manager)
    response = send(client, "post", f"{API}/oers/{published_oer.pk}/copy", **headers)
    assert response.status_code == 201
    body = response.json()
    copy = Oer.objects.get(pk=body["id"])
    assert (body["academic_year"], body["status"], body["copied_from_id"]) == (
        2027,
        "draft",
        published_oer.pk,
    )
    assert sorted(copy.units.values_list("code", flat=True)) == ["U1", "U2", "U3", "U4"]

    again = send(client, "post", f"{API}/oers/{published_oer.pk}/copy", **headers)
    assert (again.status_code, again.json()["message"]) == (
        422,
        "Er is al een OER 2027-2028 voor deze variant.",
    )
    assert Oer.objects.filter(variant=published_oer.variant).count() == 2


# --- writes: units and their parts ------------------------------------------------------------


def test_manager_adds_a_unit(client, oer, manager):
    response = send(
        client,
        "post",
        f"{API}/oers/{oer.pk}/units",
        unit_body(description_nl="Over zorg", description_en="About care"),
        **bearer(manager),
    )
    assert response.status_code == 201
    unit = oer.units.get(code="NEW")
    assert response.json() == {
        "id": unit.pk,
        "oer_id": oer.pk,
        "code": "NEW",
        "title_nl": "Nieuwe eenheid",
        "title_en": "New unit",
        "ec": 15,
        "nlqf_level": 6,
        "description_nl": "Over zorg",
        "description_en": "About care",
        "position": 5,
        "outcomes": [],
        "activities": [],
        "assessment_forms": [],
    }
    assert AuditEntry.objects.filter(action="unit.create", object_id=str(unit.pk)).count() == 1


BAD_UNIT_INPUT = [
    ("{not json", 400, "Cannot parse request body"),
    ("", 422, "body: Field required"),
    (
        "null",
        422,
        "body: Input should be a valid dictionary or object to extract fields from",
    ),
    (
        "[1, 2]",
        422,
        "body: Input should be a valid dictionary or object to extract fields from",
    ),
    (
        {"code": "NEW"},
        422,
        "title_nl: Field required; title_en: Field required; "
        "ec: Field required; nlqf_level: Field required",
    ),
    (unit_body(ec="five"), 422, "ec: Input should be a valid integer"),
    (unit_body(ec="15"), 422, "ec: Input should be a valid integer"),
    (unit_body(ec=True), 422, "ec: Input should be a valid integer"),
    (unit_body(ec=1.5), 422, "ec: Input should be a valid integer"),
    (unit_body(title_nl=7), 422, "title_nl: Input should be a valid string"),
    (unit_body(title_nl=None), 422, "title_nl: Input should be a valid string"),
    (unit_body(colour="red"), 422, "colour: Extra inputs are not permitted"),
    (unit_body(code="N\x00UL"), 422, "code: Value error, must not contain NUL characters"),
    (unit_body(ec=0), 422, "ec: Zorg ervoor dat deze waarde minstens 1 is."),
    (unit_body(ec=10**30), 422, "ec: Input should be less than or equal to 32767"),
    (unit_body(ec=241), 422, "ec: Zorg ervoor dat deze waarde hoogstens 240 is."),
    (unit_body(nlqf_level=9), 422, "nlqf_level: Zorg ervoor dat deze waarde hoogstens 8 is."),
    (unit_body(code="met spatie"), 422, "code: Voer een geldige waarde in."),
    (
        unit_body(code="X" * 21),
        422,
        "code: Zorg dat deze waarde niet meer dan 20 tekens bevat (het zijn er nu 21).",
    ),
    (unit_body(code="U1"), 422, "Er is al een eenheid met code U1 in deze OER."),
]


def test_bad_unit_input_answers_4xx_with_a_message_and_writes_nothing(client, oer, manager):
    headers = bearer(manager)
    before = snapshot(oer)
    for body, status, message in BAD_UNIT_INPUT:
        response = send(client, "post", f"{API}/oers/{oer.pk}/units", body, **headers)
        assert (response.status_code, response.json()["message"]) == (status, message), body
        assert response.json()["code"] in {"bad_request", "invalid", "domain_error"}
        assert snapshot(oer) == before, body


def test_form_encoded_body_is_a_400_not_a_500(client, oer, manager):
    response = client.post(f"{API}/oers/{oer.pk}/units", data=unit_body(), **bearer(manager))
    assert (response.status_code, response.json()["code"]) == (400, "bad_request")


def test_a_uniqueness_race_answers_409_not_500(client, oer, manager, monkeypatch):
    def racing_unit_create(*args, **kwargs):
        raise IntegrityError(
            "UNIQUE constraint failed: curriculum_unit.oer_id, curriculum_unit.code"
        )

    monkeypatch.setattr(services, "unit_create", racing_unit_create)
    response = send(client, "post", f"{API}/oers/{oer.pk}/units", unit_body(), **bearer(manager))
    assert (response.status_code, response.json()) == (
        409,
        {"code": "conflict", "message": "Conflicts with a change made at the same time; retry."},
    )


def test_ids_that_cannot_exist_answer_422_not_500(client, db):
    for url in ["/oers/abc", "/oers/0", "/oers/-1", "/oers/99999999999999999999", "/units/1.5"]:
        response = client.get(f"{API}{url}")
        assert (response.status_code, response.json()["code"]) == (422, "invalid"), url


def test_patch_changes_only_the_fields_sent(client, oer, manager):
    unit = oer.units.get(code="U1")
    response = send(
        client,
        "patch",
        f"{API}/units/{unit.pk}",
        {"title_en": "Methodical work", "ec": 60},
        **bearer(manager),
    )
    assert response.status_code == 200
    assert (response.json()["title_en"], response.json()["title_nl"]) == (
        "Methodical work",
        "Eenheid U1",
    )
    unit.refresh_from_db()
    assert (unit.title_nl, unit.title_en, unit.ec) == ("Eenheid U1", "Methodical work", 60)
    entry = AuditEntry.objects.get(action="unit.update", object_id=str(unit.pk))
    assert entry.data == {
        "before": {"title_en": "Unit U1", "ec": 60},
        "after": {"title_en": "Methodical work", "ec": 60},
    }


BAD_PATCH = [
    ({}, "Nothing to change: send at least one field."),
    ({"title_nl": None}, "title_nl: Input should be a valid string"),
    ({"ec": None}, "ec: Input should be a valid integer"),
    ({"ec": "60"}, "ec: Input should be a valid integer"),
    ({"tittle_nl": "typo"}, "tittle_nl: Extra inputs are not permitted"),
    ({"code": "U2"}, "Er is al een eenheid met code U2 in deze OER."),
    ({"ec": -3}, "ec: Input should be greater than or equal to 0"),
    ({"ec": 0}, "ec: Zorg ervoor dat deze waarde minstens 1 is."),
]


def test_bad_patch_answers_422_and_changes_nothing(client, oer, manager):
    unit = oer.units.get(code="U1")
    headers = bearer(manager)
    before = snapshot(oer)
    for body, message in BAD_PATCH:
        response = send(client, "patch", f"{API}/units/{unit.pk}", body, **headers)
        assert (response.status_code, response.json()["message"]) == (422, message), body
        assert snapshot(oer) == before, body


def test_patch_of_a_unit_in_a_published_oer_answers_422_and_changes_nothing(
    client, published_oer, manager
):
    unit = published_oer.units.get(code="U1")
    headers = bearer(manager)
    before = snapshot(published_oer)
    response = send(client, "patch", f"{API}/units/{unit.pk}", {"title_nl": "Nieuw"}, **headers)
    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["rule"], body["source"], body["message"]) == (
        "rule_violation",
        "oer.published-immutable",
        IMMUTABLE_SOURCE,
        IMMUTABLE_NL,
    )
    assert [v["rule"] for v in body["violations"]] == ["oer.published-immutable"]
    assert snapshot(published_oer) == before


UNIT_WRITES = [
    ("post", "/oers/{oer}/units", unit_body()),
    ("delete", "/units/{unit}", None),
    ("post", "/units/{unit}/outcomes", {"code": "LU9", "text_nl": "Nieuw"}),
    ("post", "/outcomes/{outcome}/criteria", {"text_nl": "Nieuw"}),
    (
        "post",
        "/units/{unit}/activities",
        {"kind": "course", "mode": "online", "title_nl": "Nieuw", "hours": 1},
    ),
    ("post", "/units/{unit}/assessment-forms", {"kind": "written_exam"}),
]


def test_every_write_to_a_published_oer_is_refused_by_the_immutability_rule(
    client, published_oer, manager
):
    unit = published_oer.units.get(code="U1")
    ids = {"oer": published_oer.pk, "unit": unit.pk, "outcome": unit.outcomes.get().pk}
    headers = bearer(manager)
    before = snapshot(published_oer)
    for method, path, data in UNIT_WRITES:
        response = send(client, method, API + path.format(**ids), data, **headers)
        assert (response.status_code, response.json()["rule"]) == (
            422,
            "oer.published-immutable",
        ), path
        assert snapshot(published_oer) == before, path


def test_delete_removes_the_unit(client, oer, manager):
    unit = oer.units.get(code="U4")
    response = send(client, "delete", f"{API}/units/{unit.pk}", **bearer(manager))
    assert (response.status_code, response.content) == (204, b"")
    assert sorted(oer.units.values_list("code", flat=True)) == ["U1", "U2", "U3"]
    assert AuditEntry.objects.filter(action="unit.delete", object_id=str(unit.pk)).count() == 1


def test_manager_builds_a_unit_with_outcome_criterion_and_facilitated_route(client, oer, manager):
    headers = bearer(manager)
    unit_id = send(client, "post", f"{API}/oers/{oer.pk}/units", unit_body(), **headers).json()[
        "id"
    ]

    response = send(
        client,
        "post",
        f"{API}/units/{unit_id}/outcomes",
        {"code": "LU1", "text_nl": "De student plant zorg.", "text_en": "The student plans care."},
        **headers,
    )
    assert response.status_code == 201
    outcome = LearningOutcome.objects.get(unit_id=unit_id)
    assert response.json() == {
        "id": outcome.pk,
        "code": "LU1",
        "text_nl": "De student plant zorg.",
        "text_en": "The student plans care.",
        "position": 1,
        "criteria": [],
        "levels": [],
        "validation_grid": [],
    }

    response = send(
        client,
        "post",
        f"{API}/outcomes/{outcome.pk}/criteria",
        {"text_nl": "Stelt een zorgplan op."},
        **headers,
    )
    criterion = outcome.criteria.get()
    assert (response.status_code, response.json()) == (
        201,
        {"id": criterion.pk, "text_nl": "Stelt een zorgplan op.", "text_en": "", "position": 1},
    )

    response = send(
        client,
        "post",
        f"{API}/units/{unit_id}/activities",
        {
            "kind": "workplace_task",
            "mode": "workplace",
            "title_nl": "Zorgplan op de afdeling",
            "hours": 120,
        },
        **headers,
    )
    activity = LearningActivity.objects.get(unit_id=unit_id)
    assert (response.status_code, response.json()) == (
        201,
        {
            "id": activity.pk,
            "kind": "workplace_task",
            "mode": "workplace",
            "title_nl": "Zorgplan op de afdeling",
            "title_en": "",
            "hours": 120,
            "description_nl": "",
            "description_en": "",
        },
    )

    response = send(
        client,
        "post",
        f"{API}/units/{unit_id}/assessment-forms",
        {"kind": "portfolio_interview", "assessors": 2, "description_nl": "Portfolio"},
        **headers,
    )
    form = AssessmentForm.objects.get(unit_id=unit_id)
    assert (response.status_code, response.json()) == (
        201,
        {
            "id": form.pk,
            "kind": "portfolio_interview",
            "route_independent": True,
            "assessors": 2,
            "description_nl": "Portfolio",
            "description_en": "",
        },
    )
    detail = client.get(f"{API}/units/{unit_id}", **headers).json()
    assert [o["criteria"][0]["text_nl"] for o in detail["outcomes"]] == ["Stelt een zorgplan op."]


BAD_PART_INPUT = [
    (
        "/units/{unit}/outcomes",
        {"code": "LU1", "text_nl": "Dubbel"},
        "Eenheid U1 heeft al een leeruitkomst LU1.",
    ),
    ("/units/{unit}/outcomes", {"code": "LU2"}, "text_nl: Field required"),
    (
        "/outcomes/{outcome}/criteria",
        {"text_nl": ["lijst"]},
        "text_nl: Input should be a valid string",
    ),
    (
        "/units/{unit}/activities",
        {"kind": "lecture", "mode": "contact", "title_nl": "Les", "hours": 2},
        "kind: Input should be 'course', 'workshop', 'internship', 'challenge', 'project', "
        "'workplace_task', 'mooc', 'research' or 'learning_team'",
    ),
    (
        "/units/{unit}/activities",
        {"kind": "course", "mode": "contact", "title_nl": "Les", "hours": 40000},
        "hours: Input should be less than or equal to 32767",
    ),
    (
        "/units/{unit}/assessment-forms",
        {"kind": "written_exam", "assessors": 0},
        "assessors: Zorg ervoor dat deze waarde minstens 1 is.",
    ),
    (
        "/units/{unit}/assessment-forms",
        {"kind": "written_exam", "route_independent": "yes"},
        "route_independent: Input should be a valid boolean",
    ),
]


def test_bad_input_for_unit_parts_answers_422_and_writes_nothing(client, oer, manager):
    unit = oer.units.get(code="U1")
    ids = {"unit": unit.pk, "outcome": unit.outcomes.get().pk}
    headers = bearer(manager)
    before = snapshot(oer)
    for path, body, message in BAD_PART_INPUT:
        response = send(client, "post", API + path.format(**ids), body, **headers)
        assert (response.status_code, response.json()["message"]) == (422, message), body
        assert snapshot(oer) == before, body


# --- who may write ----------------------------------------------------------------------------

WRITES = [
    ("post", "/oers", {"variant_id": "{variant}", "academic_year": 2027}),
    ("post", "/oers/{oer}/units", unit_body()),
    ("patch", "/units/{unit}", {"title_nl": "Nieuw"}),
    ("delete", "/units/{unit}", None),
    ("post", "/units/{unit}/outcomes", {"code": "LU9", "text_nl": "Nieuw"}),
    ("post", "/outcomes/{outcome}/criteria", {"text_nl": "Nieuw"}),
    (
        "post",
        "/units/{unit}/activities",
        {"kind": "course", "mode": "online", "title_nl": "Nieuw", "hours": 1},
    ),
    ("post", "/units/{unit}/assessment-forms", {"kind": "written_exam"}),
    ("post", "/oers/{oer}/publish", None),
    ("post", "/oers/{oer}/copy", None),
]


def _write_request(oer, path, data):
    unit = oer.units.get(code="U1")
    ids = {
        "oer": oer.pk,
        "unit": unit.pk,
        "outcome": unit.outcomes.get().pk,
        "variant": oer.variant_id,
    }
    if data and data.get("variant_id") == "{variant}":
        data = {**data, "variant_id": oer.variant_id}
    return API + path.format(**ids), data


def test_anonymous_writes_answer_401_and_write_nothing(client, oer):
    before = snapshot(oer)
    for method, path, data in WRITES:
        url, data = _write_request(oer, path, data)
        response = send(client, method, url, data)
        assert (response.status_code, response.json()) == (401, UNAUTHENTICATED), path
        assert response["WWW-Authenticate"] == "Bearer"
        assert snapshot(oer) == before, path


def test_coach_may_read_the_draft_but_writing_answers_403(client, oer, coach):
    headers = bearer(coach)
    assert client.get(f"{API}/oers/{oer.pk}", **headers).status_code == 200
    before = snapshot(oer)
    for method, path, data in WRITES:
        url, data = _write_request(oer, path, data)
        response = send(client, method, url, data, **headers)
        assert (response.status_code, response.json()) == (403, FORBIDDEN), path
        assert snapshot(oer) == before, path


def test_coach_writing_to_a_published_oer_answers_403_not_422(client, published_oer, coach):
    unit = published_oer.units.get(code="U1")
    response = send(client, "patch", f"{API}/units/{unit.pk}", {"title_nl": "X"}, **bearer(coach))
    assert (response.status_code, response.json()) == (403, FORBIDDEN)


def test_user_without_a_role_gets_404_for_drafts_and_403_for_published_oers(
    client, oer, variant, manager
):
    stranger = factories.UserFactory()
    headers = bearer(stranger)
    unit = oer.units.get(code="U1")
    response = send(client, "patch", f"{API}/units/{unit.pk}", {"title_nl": "X"}, **headers)
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    publish(oer, manager)
    response = send(client, "patch", f"{API}/units/{unit.pk}", {"title_nl": "X"}, **headers)
    assert (response.status_code, response.json()) == (403, FORBIDDEN)


def test_session_write_needs_the_csrf_token(oer, manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    url = f"{API}/oers/{oer.pk}/units"
    before = snapshot(oer)

    response = send(client, "post", url, unit_body())
    assert (response.status_code, response.json()) == (
        403,
        {"code": "forbidden", "message": "CSRF check failed: send the X-CSRFToken header."},
    )
    assert snapshot(oer) == before

    secret = "a" * 32
    client.cookies["csrftoken"] = secret
    response = send(client, "post", url, unit_body(), HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 201
    assert oer.units.filter(code="NEW").exists()


def test_bearer_write_needs_no_csrf_token(oer, manager):
    client = Client(enforce_csrf_checks=True)
    response = send(client, "post", f"{API}/oers/{oer.pk}/units", unit_body(), **bearer(manager))
    assert response.status_code == 201


def test_anonymous_write_with_csrf_enforced_still_answers_401(oer):
    client = Client(enforce_csrf_checks=True)
    response = send(client, "post", f"{API}/oers/{oer.pk}/publish")
    assert (response.status_code, response.json()) == (401, UNAUTHENTICATED)


def test_unknown_token_answers_401_even_on_public_reads(client, oer):
    for header in ["Bearer pc_unknown", "Bearer ", "Bearer"]:
        for method, url in [("get", f"{API}/programmes"), ("post", f"{API}/oers/{oer.pk}/publish")]:
            response = getattr(client, method)(url, HTTP_AUTHORIZATION=header)
            assert (response.status_code, response.json()) == (401, BAD_TOKEN), header
    assert Oer.objects.get(pk=oer.pk).status == "draft"


def test_unknown_token_is_refused_even_next_to_a_valid_session(client, oer, manager):
    client.force_login(manager)
    response = send(
        client, "post", f"{API}/oers/{oer.pk}/publish", HTTP_AUTHORIZATION="Bearer pc_unknown"
    )
    assert (response.status_code, response.json()) == (401, BAD_TOKEN)


# --- rules and the OpenAPI document -----------------------------------------------------------


def test_rules_are_listed_anonymously_with_their_sources_and_cases(client, db):
    response = client.get(f"{API}/rules")
    assert response.status_code == 200
    body = response.json()
    assert [r["id"] for r in body] == [r.id for r in all_rules()]
    route = next(r for r in body if r["id"] == "unit.facilitated-route")
    assert {k: route[k] for k in ("title_nl", "title_en", "kind", "citations")} == {
        "title_nl": "Een eenheid heeft een gefaciliteerde leerroute",
        "title_en": "A unit has a facilitated route",
        "kind": "law",
        "citations": FACILITATED_ROUTE_CITATIONS,
    }
    assert route["statement"] == (
        "A unit of learning outcomes can be published only with a facilitated route: at least "
        "one\nrecommended learning activity and at least one route-independent assessment form."
    )
    for rule in body:
        assert {c["expect"] for c in rule["cases"]} == {"allowed", "refused"}, rule["id"]


def test_openapi_document_is_valid_openapi_3_and_lists_every_endpoint(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.")
    listed = {
        (method.upper(), path.removeprefix(API))
        for path, operations in document["paths"].items()
        for method in operations
    }
    # the curriculum's operations, all of them (other apps add theirs beside)
    assert listed >= {
        ("GET", "/programmes"),
        ("GET", "/programmes/{programme_id}"),
        ("GET", "/oers"),
        ("POST", "/oers"),
        ("GET", "/oers/{oer_id}"),
        ("POST", "/oers/{oer_id}/publish"),
        ("POST", "/oers/{oer_id}/copy"),
        ("POST", "/oers/{oer_id}/units"),
        ("GET", "/units/{unit_id}"),
        ("PATCH", "/units/{unit_id}"),
        ("DELETE", "/units/{unit_id}"),
        ("POST", "/units/{unit_id}/outcomes"),
        ("POST", "/outcomes/{outcome_id}/criteria"),
        ("POST", "/units/{unit_id}/activities"),
        ("POST", "/units/{unit_id}/assessment-forms"),
        ("GET", "/rules"),
    }
    # Public reads list the empty requirement (authentication optional); writes do not.
    assert document["paths"][f"{API}/oers"]["get"]["security"] == [
        {"BearerToken": []},
        {"SessionCookie": []},
        {},
    ]
    assert document["paths"][f"{API}/oers"]["post"]["security"] == [
        {"BearerToken": []},
        {"SessionCookie": []},
    ]


def test_publish_before_the_law_applies_is_refused_with_the_rules_validity(client, oer, manager):
    """A rule asked for on a day outside its validity is not applied: 422, nothing published."""
    with time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=UTC), tick=False):
        response = send(
            client, "post", f"{API}/oers/{oer.pk}/publish", **bearer(manager), **otp(manager)
        )
    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["rule"]) == ("rule_violation", "variant.outcome-based-eligible")
    assert body["message"] == (
        "Regel variant.outcome-based-eligible geldt niet op 2024-06-01: geldig sinds 2024-09-01."
    )
    assert body["source"].startswith("Kamerstukken 36 136")
    oer.refresh_from_db()
    assert (oer.status, oer.published_by) == ("draft", None)
