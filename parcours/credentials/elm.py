"""The same achievement in the European Learning Model (ELM v3, the Europass European Digital
Credential application profile), for the student to take to Europass: shaped after the
Commission's Annex I micro-credential example (`elm_contexts/` holds the two contexts it uses,
so it is built and read with no network). Unsigned: a signed EDC is a JAdES seal with an eIDAS
certificate, which the institution applies in Europass itself; the Open Badges credential is the
one Parcours signs."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from .models import Credential
from .openbadge import HOW_EN, HOW_NL, day_start, xsd_datetime
from .selectors import credential_url, issuer_url, outcomes_of

VC_V1 = "https://www.w3.org/2018/credentials/v1"
EDC_AP = "http://data.europa.eu/snb/model/context/edc-ap"
CONTEXT_FILES = {VC_V1: "credentials-v1.jsonld", EDC_AP: "edc-ap-context.jsonld"}
CONTEXT_DIR = Path(__file__).parent / "elm_contexts"


@cache
def local_context(url: str) -> Any:
    """The context document of one of the two URLs (KeyError for any other: never fetched)."""
    return json.loads((CONTEXT_DIR / CONTEXT_FILES[url]).read_text(encoding="utf-8"))


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader serving only the local contexts."""
    if url not in CONTEXT_FILES:
        raise ValueError(f"not a local context: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": local_context(url)}


def _concept(uri: str, scheme: str, label_en: str, notation: str = "") -> dict[str, Any]:
    concept: dict[str, Any] = {
        "id": uri,
        "type": "Concept",
        "inScheme": {"id": scheme, "type": "ConceptScheme"},
        "prefLabel": {"en": label_en},
    }
    if notation:
        concept["notation"] = notation
    return concept


def _bilingual(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en or nl}


def elm_document(credential: Credential) -> dict[str, Any]:
    unit, programme = credential.unit, credential.programme
    institution = programme.institution
    student = credential.student
    base = f"urn:parcours:{credential.public_id}"
    organisation = {
        "id": issuer_url(institution),
        "type": "Organisation",
        "legalName": {"nl": institution.name},
        "registration": {
            "id": f"{base}:registration",
            "type": "LegalIdentifier",
            "notation": institution.brin_code,
            "schemeName": "BRIN",
            "spatial": _concept(
                "http://publications.europa.eu/resource/authority/country/NLD",
                "http://publications.europa.eu/resource/authority/country",
                "Netherlands",
                "country",
            ),
        },
        "location": {
            "id": f"{base}:location",
            "type": "Location",
            "address": {
                "id": f"{base}:address",
                "type": "Address",
                "countryCode": _concept(
                    "http://publications.europa.eu/resource/authority/country/NLD",
                    "http://publications.europa.eu/resource/authority/country",
                    "Netherlands",
                    "country",
                ),
            },
        },
    }
    awarded = {
        "id": f"{base}:awardingProcess",
        "type": "AwardingProcess",
        "awardingBody": organisation,
        "awardingDate": day_start(credential.achieved_on),
        "description": _bilingual(
            HOW_NL[credential.How(credential.how)], HOW_EN[credential.How(credential.how)]
        ),
    }
    specification = {
        "id": f"{base}:specification",
        "type": "LearningAchievementSpecification",
        "title": _bilingual(unit.title_nl, unit.title_en),
        "description": _bilingual(unit.description_nl or unit.title_nl, unit.description_en),
        "eqfLevel": _concept(
            f"http://data.europa.eu/snb/eqf/{unit.nlqf_level}",
            "http://data.europa.eu/snb/eqf/25831c2",
            f"Level {unit.nlqf_level}",
        ),
        "creditPoint": {
            "id": f"{base}:creditPoint",
            "type": "CreditPoint",
            "framework": _concept(
                "http://data.europa.eu/snb/education-credit/6fcec5c5af",
                "http://data.europa.eu/snb/education-credit/25831c2",
                "European Credit Transfer System",
            ),
            "point": str(unit.ec),
        },
        "isPartialQualification": True,
        "learningOutcome": [
            {
                "id": f"{base}:learningOutcome:{n}",
                "type": "LearningOutcome",
                "title": _bilingual(o.text_nl, o.text_en),
            }
            for n, o in enumerate(outcomes_of(unit), start=1)
        ],
        "language": _concept(
            "http://publications.europa.eu/resource/authority/language/NLD",
            "http://publications.europa.eu/resource/authority/language",
            "Dutch",
            "language",
        ),
    }
    return {
        "@context": [VC_V1, EDC_AP],
        "id": f"urn:credential:{credential.public_id}",
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialProfiles": _concept(
            "http://data.europa.eu/snb/credential/e34929035b",
            "http://data.europa.eu/snb/credential/25831c2",
            "Generic",
        ),
        "identifier": {
            "id": f"{base}:identifier",
            "type": "Identifier",
            "schemeName": "Open Badges 3.0 credential",
            "notation": credential_url(credential.public_id),
        },
        "credentialSubject": {
            "id": f"{base}:person",
            "type": "Person",
            "fullName": {"nl": student.get_full_name() or student.username},
            "contactPoint": {
                "id": f"{base}:contactPoint",
                "type": "ContactPoint",
                "emailAddress": {"id": f"mailto:{student.email}", "type": "Mailbox"},
            },
            "hasClaim": {
                "id": f"{base}:learningAchievement",
                "type": "LearningAchievement",
                "title": _bilingual(unit.title_nl, unit.title_en),
                "awardedBy": awarded,
                "specifiedBy": specification,
            },
        },
        "issuer": organisation,
        "issuanceDate": xsd_datetime(credential.issued_at),
        "validFrom": xsd_datetime(credential.issued_at),
    }
