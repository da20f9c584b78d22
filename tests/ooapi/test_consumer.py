"""The OOAPI consumer against providers on loopback: a stdlib partner serving the spec's example
objects (tests/ooapi/partner.py) and Parcours's own provider (live_server). Every report is
asserted exactly; what a failed or skipped read would touch stays as it was."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from parcours.accounts.models import Role
from parcours.core.models import AuditEntry
from parcours.ooapi import services, tokens
from parcours.ooapi.models import CatalogueSource, ExternalActivity
from tests import factories
from tests.ooapi.partner import EXAMPLES, Answer, Partner, closed_port

A = EXAMPLES["course"]["courseId"]
A1 = EXAMPLES["component"]["componentId"]
B, C, D = (f"123e4567-e89b-12d3-a456-42661417400{n}" for n in (1, 2, 3))
A2, B1 = "123e4567-e89b-12d3-a456-4266141740a2", "123e4567-e89b-12d3-a456-4266141740b1"
SEMINAR = (
    "componentType: 'seminar' is not one of ['test', 'lecture', 'practical', 'tutorial', "
    "'consultation', 'project', 'workshop', 'excursion', 'independent study', 'external', "
    "'skills training']"
)
COLUMNS = [
    "kind",
    "ooapi_id",
    "course_ooapi_id",
    "name_nl",
    "name_en",
    "description_nl",
    "description_en",
    "ec",
    "language",
    "modes_of_delivery",
    "starts_on",
    "ends_on",
    "link",
    "withdrawn_at",
    "first_seen_at",
]


def course(ooapi_id: str, **changes) -> dict:
    return {**EXAMPLES["course"], "courseId": ooapi_id, **changes}


def component(ooapi_id: str, **changes) -> dict:
    return {**EXAMPLES["component"], "componentId": ooapi_id, **changes}


B_COURSE = course(
    B,
    name=[
        {"language": "nl-NL", "value": "Academisch schrijven"},
        {"language": "en-GB", "value": "Academic writing"},
    ],
    description=[
        {"language": "nl-NL", "value": "Schrijven voor de wetenschap."},
        {"language": "en-GB", "value": "Writing for science."},
    ],
    studyLoad={"studyLoadUnit": "ects", "value": 5},
    modeOfDelivery=["online", "hybrid"],
    teachingLanguage="eng",
    validFrom="2026-09-01",
    validTo="2027-09-01",
    link="https://partner.example/b",
)
C_INVALID = {k: v for k, v in course(C).items() if k != "teachingLanguage"}


def serve(partner: Partner, courses: list, **components: list | Answer) -> None:
    partner.routes.clear()
    partner.routes["/ooapi/courses"] = courses
    for course_id, items in components.items():
        partner.routes[f"/ooapi/courses/{course_id}/components"] = items


def catalogue(partner: Partner, **overrides) -> None:
    """A (the spec's example, with its example component and one of a type OOAPI does not
    know), B (Dutch and English, dates), C (no teaching language), D (components not JSON)."""
    serve(
        partner,
        overrides.pop("courses", [EXAMPLES["course"], B_COURSE, C_INVALID, course(D)]),
        **{
            A: [EXAMPLES["component"], component(A2, componentType="seminar")],
            B: [component(B1)],
            D: Answer(b"<html>oops"),
            **overrides,
        },
    )


@pytest.fixture
def partner():
    with Partner() as running:
        yield running


@pytest.fixture
def source(db, partner):
    return services.source_create(
        name="Hogeschool Partner", base_url=f"{partner.url}/ooapi/", token="geheim-123", actor=None
    )


def rows(source: CatalogueSource) -> dict[tuple[str, str], dict]:
    return {
        (r["kind"], r["ooapi_id"]): r
        for r in ExternalActivity.objects.filter(source=source).values(*COLUMNS)
    }


def report(*, added=0, changed=0, unchanged=0, withdrawn=0, skipped=(), error=""):
    return {
        "added": added,
        "changed": changed,
        "unchanged": unchanged,
        "withdrawn": withdrawn,
        "skipped": [dict(zip(("kind", "id", "reason"), s, strict=True)) for s in skipped],
        "error": error,
    }


def first_skips(partner: Partner) -> list[tuple[str, str, str]]:
    return [
        ("component", A2, SEMINAR),
        ("course", C, "'teachingLanguage' is a required property"),
        (
            "components",
            D,
            f"{partner.url}/ooapi/courses/{D}/components: the answer is not valid JSON",
        ),
    ]


def test_a_sync_imports_every_page_validates_each_object_and_reports(partner, source):
    catalogue(partner)

    result = services.catalogue_sync(source)

    assert result.as_dict() == report(added=5, skipped=first_skips(partner))
    source.refresh_from_db()
    assert source.last_report == result.as_dict()
    assert source.last_synced_at is not None
    found = rows(source)
    assert sorted(found) == sorted(
        [("course", A), ("course", B), ("course", D), ("component", A1), ("component", B1)]
    )
    a, b = found["course", A], found["course", B]
    assert (a["name_nl"], a["name_en"], a["ec"], a["language"], a["modes_of_delivery"]) == (
        "",
        "Academic and Professional Writing",
        Decimal("3.00"),
        "nld",
        ["situated"],
    )
    assert a["description_en"] == EXAMPLES["course"]["description"][0]["value"]
    assert a["link"] == EXAMPLES["course"]["link"]
    assert (b["name_nl"], b["name_en"], b["description_nl"], b["ec"], b["language"]) == (
        "Academisch schrijven",
        "Academic writing",
        "Schrijven voor de wetenschap.",
        Decimal("5.00"),
        "eng",
    )
    assert (b["modes_of_delivery"], b["starts_on"], b["ends_on"]) == (
        ["online", "hybrid"],
        datetime.date(2026, 9, 1),
        datetime.date(2027, 9, 1),
    )
    assert found["component", A1]["course_ooapi_id"] == A
    assert found["component", A1]["name_en"] == "Written test for INFOMQNM"
    # every page followed, the token sent, never stored in clear
    assert [r for r in partner.requests if r.startswith("/ooapi/courses?")] == [
        "/ooapi/courses?pageSize=100&pageNumber=1",
        "/ooapi/courses?pageSize=100&pageNumber=2",
    ]
    assert {h["Authorization"] for h in partner.headers} == {"Bearer geheim-123"}
    assert "geheim" not in source.token_encrypted
    assert tokens.decrypt(source.token_encrypted) == "geheim-123"
    entry = AuditEntry.objects.filter(action="ooapi.catalogue_sync").get()
    assert (entry.data["added"], entry.data["skipped"]) == (5, 3)


def test_a_second_sync_changes_nothing(partner, source):
    catalogue(partner)
    services.catalogue_sync(source)
    before = rows(source)

    again = services.catalogue_sync(source)

    assert again.as_dict() == report(unchanged=5, skipped=first_skips(partner))
    assert rows(source) == before


def test_changed_withdrawn_and_returning_activities(partner, source):
    catalogue(partner)
    services.catalogue_sync(source)
    renamed = course(A, name=[{"language": "en-GB", "value": "Academic Writing II"}])
    catalogue(partner, courses=[renamed, course(C), course(D)], **{C: []})

    changed = services.catalogue_sync(source)

    assert changed.as_dict() == report(
        added=1,
        changed=1,
        unchanged=2,  # A1 and D
        withdrawn=2,
        skipped=[first_skips(partner)[0], first_skips(partner)[2]],
    )
    found = rows(source)
    assert found["course", A]["name_en"] == "Academic Writing II"
    assert found["course", B]["withdrawn_at"] is not None  # kept, never deleted
    assert found["component", B1]["withdrawn_at"] is not None
    assert found["component", A1]["withdrawn_at"] is None
    # D's components could not be read: D's (none) and nobody else's are withdrawn for it

    catalogue(partner, courses=[renamed, B_COURSE, course(C), course(D)], **{C: []})
    back = services.catalogue_sync(source)

    assert (back.added, back.changed, back.withdrawn) == (0, 2, 0)
    assert rows(source)["course", B]["withdrawn_at"] is None
    assert rows(source)["course", B]["first_seen_at"] == found["course", B]["first_seen_at"]


def test_an_object_that_no_longer_validates_is_kept_as_it_was(partner, source):
    catalogue(partner)
    services.catalogue_sync(source)
    before = rows(source)
    broken = course(A, teachingLanguage="dutch", name=[{"language": "en-GB", "value": "Other"}])
    catalogue(partner, courses=[broken, B_COURSE, C_INVALID, course(D)])

    result = services.catalogue_sync(source)

    reason = (
        "teachingLanguage: 'dutch' is too long; "
        "teachingLanguage: 'dutch' does not match '^[a-z]{3}$'"
    )
    assert result.as_dict() == report(
        unchanged=3, skipped=[("course", A, reason), *first_skips(partner)[1:]]
    )
    assert rows(source) == before  # A and its component A1 untouched, not withdrawn


def test_what_does_not_fit_is_skipped_whole(partner, source):
    long_name = component(A2, name=[{"language": "en-GB", "value": "x" * 501}])
    serve(partner, [EXAMPLES["course"]], **{A: [long_name, EXAMPLES["component"]]})

    result = services.catalogue_sync(source)

    assert result.as_dict() == report(
        added=2, skipped=[("component", A2, "name_en: longer than 500 characters")]
    )
    assert not ExternalActivity.objects.filter(ooapi_id=A2).exists()


NOT_A_PAGE = (
    b'{"pageSize": 2, "pageNumber": 1, "hasPreviousPage": false, "hasNextPage": "no", "items": []}'
)
FAILURES = {
    "down": ("down", "unreachable (ConnectionError)"),
    "slow": (Answer(b"{}", delay=1.0), "no answer within the timeout"),
    "slow body": (Answer(b"{}", stall=1.0), "no answer within the timeout"),
    "invalid JSON": (Answer(b'{"items": ['), "the answer is not valid JSON"),
    "error status": (Answer(b"{}", status=503), "HTTP 503"),
    "too large": (Answer(b" " * 2000 + b"{}"), "the answer is larger than 1000 bytes"),
    "not a page": (
        Answer(NOT_A_PAGE),
        "page 1: not an OOAPI page (hasNextPage: 'no' is not of type 'boolean')",
    ),
}


@pytest.mark.parametrize("case", FAILURES, ids=list(FAILURES))
def test_a_partner_that_cannot_be_read_leaves_everything_as_it_was(case, partner, source, settings):
    settings.OOAPI_CONSUMER_TIMEOUT = (1.0, 0.3)
    settings.OOAPI_CONSUMER_MAX_BYTES = 1000
    catalogue(partner)
    services.catalogue_sync(source)
    source.refresh_from_db()
    synced_at, before = source.last_synced_at, rows(source)
    answer, reason = FAILURES[case]
    if answer == "down":
        source.base_url = f"http://127.0.0.1:{closed_port()}/ooapi"
        source.save()
    else:
        partner.routes["/ooapi/courses"] = answer

    result = services.catalogue_sync(source)

    assert result.as_dict() == report(
        error=f"{source.base_url}/courses: {reason}".replace(": page 1", " page 1")
    )
    assert rows(source) == before
    source.refresh_from_db()
    assert source.last_synced_at == synced_at
    assert source.last_report["error"] == result.error


def test_the_command_syncs_one_source_or_those_due(partner, source):
    catalogue(partner)
    out = StringIO()

    call_command("sync_catalogue", "--source", str(source.pk), stdout=out)

    assert out.getvalue().splitlines() == [
        "Hogeschool Partner: 5 added, 0 changed, 0 unchanged, 0 withdrawn, 3 skipped",
        *(f"  skipped {k} {i}: {r}" for k, i, r in first_skips(partner)),
    ]
    quiet = StringIO()
    call_command("sync_catalogue", stdout=quiet)  # synced just now: not due
    assert quiet.getvalue() == ""
    source.base_url = f"http://127.0.0.1:{closed_port()}/ooapi"
    source.last_synced_at = None
    source.save()
    with pytest.raises(CommandError, match=r"1 source\(s\) could not be read"):
        call_command("sync_catalogue", stdout=StringIO())
    assert ExternalActivity.objects.filter(withdrawn_at__isnull=True).count() == 5


def test_the_administrator_registers_syncs_and_removes_a_source(partner, db):
    catalogue(partner)
    admin = factories.user_with_role(Role.ADMINISTRATOR)
    client = Client()
    client.force_login(admin)
    form = {
        "name": "Partner",
        "base_url": f"{partner.url}/ooapi",
        "token": "t0ps3cret",
        "refresh_hours": "12",
    }

    assert client.post("/beheer/catalogi/nieuw/", form).status_code == 302
    created = CatalogueSource.objects.get()
    assert (created.name, created.base_url, created.refresh_hours) == (
        "Partner",
        f"{partner.url}/ooapi",
        12,
    )
    listing = client.get("/beheer/catalogi/").content.decode()
    assert "t0ps3cret" not in listing
    assert 'href="/beheer/catalogi/"' in listing  # the menu item

    synced = client.post(f"/beheer/catalogi/{created.pk}/synchroniseren/", follow=True)
    assert (
        "Partner gesynchroniseerd: 5 toegevoegd, 0 gewijzigd, 0 teruggetrokken, 3 overgeslagen."
        in synced.content.decode()
    )
    page = client.get("/beheer/catalogi/").content.decode()
    assert "5 actueel, 0 teruggetrokken" in page
    assert f"course {C}: &#x27;teachingLanguage&#x27; is a required property" in page
    assert client.post(f"/beheer/catalogi/{created.pk}/verwijderen/").status_code == 302
    created.refresh_from_db()
    assert created.removed_at is not None
    assert ExternalActivity.objects.filter(withdrawn_at__isnull=True).count() == 0
    assert ExternalActivity.objects.count() == 5  # withdrawn, kept
    assert client.post(f"/beheer/catalogi/{created.pk}/synchroniseren/").status_code == 404


def test_a_bad_registration_writes_nothing(db):
    client = Client()
    client.force_login(factories.user_with_role(Role.ADMINISTRATOR))

    answer = client.post(
        "/beheer/catalogi/nieuw/", {"name": "X", "base_url": "ftp://x", "refresh_hours": "0"}
    )

    assert answer.status_code == 400
    assert CatalogueSource.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_parcours_exchange_catalogues_through_the_provider(live_server):
    """Parcours's own provider as the partner: every course and component it publishes arrives."""
    oer = factories.published_oer()
    provider = Client()
    courses = provider.get("/ooapi/v5/courses?pageSize=100").json()["items"]
    components = [
        c
        for item in courses
        for c in provider.get(
            f"/ooapi/v5/courses/{item['courseId']}/components?pageSize=100"
        ).json()["items"]
    ]
    assert len(courses) == oer.units.count()
    assert components
    source = services.source_create(name="Zelf", base_url=f"{live_server.url}/ooapi/v5", actor=None)

    result = services.catalogue_sync(source)

    assert result.as_dict() == report(added=len(courses) + len(components))
    stored = {r.ooapi_id: r for r in ExternalActivity.objects.filter(kind="course")}
    assert set(stored) == {c["courseId"] for c in courses}
    for item in courses:
        nl = next(n["value"] for n in item["name"] if n["language"].startswith("nl"))
        assert stored[item["courseId"]].name_nl == nl
        assert stored[item["courseId"]].ec == Decimal(str(item["studyLoad"]["value"])).quantize(
            Decimal("0.01")
        )
    assert services.catalogue_sync(source).as_dict() == report(
        unchanged=len(courses) + len(components)
    )
