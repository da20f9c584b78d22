"""The European Learning Model export of a credential: JSON-LD with the ELM (EDC application
profile) and VC 1.1 contexts from local copies, which expands without a network and keeps the
unit, its EC, its EQF level, its learning outcomes and the awarding body."""

from __future__ import annotations

import pytest
from pyld import jsonld

from parcours.credentials import elm, services
from tests.credentials.world import achievement, build_world

pytestmark = pytest.mark.django_db
ELM = "http://data.europa.eu/snb/model/elm/"
DC = "http://purl.org/dc/terms/"


@pytest.fixture
def world(db):
    return build_world()


def test_the_export_expands_with_the_local_contexts(world):
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U4"), actor=student)
    document = elm.elm_document(credential)
    assert document["@context"] == [
        "https://www.w3.org/2018/credentials/v1",
        "http://data.europa.eu/snb/model/context/edc-ap",
    ]
    expanded = jsonld.expand(document, {"documentLoader": elm.document_loader})
    (node,) = expanded
    assert ELM + "EuropeanDigitalCredential" in node["@type"]
    flat = jsonld.flatten(document, None, {"documentLoader": elm.document_loader})
    by_type = {}
    for item in flat:
        for kind in item.get("@type", []):
            by_type.setdefault(kind.rsplit("/", 1)[-1], []).append(item)
    (claim,) = by_type["LearningAchievement"]
    unit = credential.unit
    titles = {t["@language"]: t["@value"] for t in claim[DC + "title"]}
    assert titles == {"nl": unit.title_nl, "en": unit.title_en}
    (points,) = by_type["CreditPoint"]
    assert points[ELM + "point"][0]["@value"] == str(unit.ec)
    (spec,) = by_type["LearningAchievementSpecification"]
    assert spec[ELM + "EQFLevel"][0]["@id"] == f"http://data.europa.eu/snb/eqf/{unit.nlqf_level}"
    (outcome,) = by_type["LearningOutcome"]
    assert {t["@language"]: t["@value"] for t in outcome[DC + "title"]}["nl"] == (
        unit.outcomes.get().text_nl
    )
    (process,) = by_type["AwardingProcess"]
    assert process[ELM + "awardingDate"][0]["@value"] == "2026-10-05T00:00:00+02:00"
    organisations = by_type["Organisation"]
    assert organisations[0]["@id"] == (
        f"http://localhost:8000/issuers/{world['programme'].institution.brin_code}"
    )


def test_only_local_contexts_are_loaded():
    with pytest.raises(ValueError, match="not a local context"):
        elm.document_loader("https://example.org/context.jsonld")
