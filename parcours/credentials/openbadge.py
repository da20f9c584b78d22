"""The unsigned documents: a unit achievement as an Open Badges 3.0 `OpenBadgeCredential` (W3C
VC Data Model 2.0 with the OB context 3.0.3, `achievementType` MicroCredential) and the
institution's revocation list as a `BitstringStatusListCredential` (W3C Bitstring Status List
v1.0). Only terms the two contexts define are used, so every statement is signed; the
credential validates against 1EdTech's AchievementCredential JSON Schema (draft 2019-09).

Dutch and English: OB 3.0 gives `name` and `description` as plain strings (the schema refuses a
language map), so the achievement is in Dutch with `inLanguage` "nl", and its English edition is
a `related` achievement with `inLanguage` "en" (OB 3.0: `related` "is primarily intended to
identify alternate language editions").

The earner is identified privately: an `IdentityObject` with the SHA-256 of their e-mail address
(lower-cased) and a salt of its own per credential (OB 3.0 IdentityHash "sha256$<hex>"), never a
student number."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from django.utils import timezone

from parcours.curriculum.models import LearningOutcome, Unit

from . import bitstring
from .models import Credential, StatusList
from .selectors import (
    Achievement,
    credential_url,
    issuer_url,
    status_list_url,
    unit_url,
)

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
EQF_URL = "http://data.europa.eu/snb/eqf/{level}"  # the EU's EQF level concepts (ELM uses them)

HOW_NL = {
    Credential.How.FACILITATED: "beoordeling op de gefaciliteerde route",
    Credential.How.OWN_ROUTE: "beoordeling op een eigen route",
    Credential.How.INTEGRAL: "integrale beoordeling",
    Credential.How.EXEMPTION: "vrijstelling door de examencommissie",
}
HOW_EN = {
    Credential.How.FACILITATED: "assessment on the facilitated route",
    Credential.How.OWN_ROUTE: "assessment on an own route",
    Credential.How.INTEGRAL: "integral assessment",
    Credential.How.EXEMPTION: "exemption by the examination board",
}


def xsd_datetime(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_start(day: date) -> str:
    """The start of a day in the institution's time zone, with its offset."""
    moment = timezone.make_aware(datetime.combine(day, time.min))
    return moment.isoformat()


def identity_hash(email: str, salt: str) -> str:
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


@dataclass(frozen=True)
class Issue:
    """What one credential needs beside the achievement."""

    public_id: str
    salt: str
    status_list: StatusList
    status_index: int
    issued_at: datetime


def _outcomes(outcomes: Sequence[LearningOutcome], language: str) -> str:
    lines = []
    for outcome in outcomes:
        text = outcome.text_en if language == "en" and outcome.text_en else outcome.text_nl
        lines.append(f"- {outcome.code}: {text}")
    return "\n".join(lines)


def _criteria(unit: Unit, outcomes: Sequence[LearningOutcome]) -> str:
    return f"Behaald wie de leeruitkomsten van de eenheid {unit.code} aantoont:\n" + _outcomes(
        outcomes, "nl"
    )


def credential_document(
    achievement: Achievement, outcomes: Sequence[LearningOutcome], issue: Issue
) -> dict[str, Any]:
    """The OpenBadgeCredential for an achievement, without proof."""
    unit, programme = achievement.unit, achievement.programme
    institution = programme.institution
    issuer = {"id": issuer_url(institution), "type": ["Profile"], "name": institution.name}
    achievement_id = unit_url(unit)
    how_id = f"{achievement_id}-how"
    description_nl = unit.description_nl or unit.title_nl
    description_en = unit.description_en or unit.title_en or description_nl
    level = unit.nlqf_level
    return {
        "@context": [VC_V2, OB_V3],
        "id": credential_url(issue.public_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{unit.title_nl} ({unit.code})",
        "description": (
            f"Microcredential voor de eenheid van leeruitkomsten {unit.code} "
            f"({unit.ec} EC) van {programme.name_nl}, {institution.name}."
        ),
        "issuer": issuer,
        "validFrom": xsd_datetime(issue.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": identity_hash(achievement.student.email, issue.salt),
                    "salt": issue.salt,
                }
            ],
            "activityEndDate": day_start(achievement.on),
            "creditsEarned": unit.ec,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": how_id,
                    "status": "Completed",
                    "value": HOW_NL[Credential.How(achievement.how)],
                }
            ],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "MicroCredential",
                "name": unit.title_nl,
                "description": description_nl,
                "inLanguage": "nl",
                "humanCode": unit.code,
                "criteria": {"narrative": _criteria(unit, outcomes)},
                "creditsAvailable": unit.ec,
                "fieldOfStudy": programme.name_nl,
                "creator": issuer,
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": f"NLQF/EQF niveau {level}",
                        "targetFramework": "European Qualifications Framework (EQF); NLQF",
                        "targetCode": str(level),
                        "targetUrl": EQF_URL.format(level=level),
                    },
                    {
                        "type": ["Alignment"],
                        "targetName": f"{programme.name_nl} ({programme.get_level_display()})",
                        "targetFramework": "CROHO",
                        "targetCode": programme.croho_code,
                        "targetUrl": achievement_id.split("#")[0],
                    },
                ],
                "resultDescription": [
                    {
                        "id": how_id,
                        "type": ["ResultDescription"],
                        "name": "Hoe behaald / How achieved",
                        "resultType": "Status",
                        "allowedValue": [HOW_NL[h] for h in Credential.How],
                    }
                ],
                "related": [
                    {
                        "id": f"{achievement_id}-en",
                        "type": ["Related"],
                        "inLanguage": "en",
                        "name": unit.title_en or unit.title_nl,
                        "description": (
                            f"{description_en}\n\nAchieved by whoever shows the learning "
                            f"outcomes of unit {unit.code}:\n{_outcomes(outcomes, 'en')}\n\n"
                            f"How: {HOW_EN[Credential.How(achievement.how)]}; "
                            f"programme {programme.name_en or programme.name_nl} "
                            f"(CROHO {programme.croho_code})."
                        ),
                    }
                ],
            },
        },
        "credentialStatus": {
            "id": f"{status_list_url(issue.status_list.pk)}#{issue.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": StatusList.Purpose.REVOCATION.value,
            "statusListIndex": str(issue.status_index),
            "statusListCredential": status_list_url(issue.status_list.pk),
        },
    }


def status_list_document(status_list: StatusList, *, valid_from: datetime) -> dict[str, Any]:
    """The status list as a BitstringStatusListCredential (VC 2.0), without proof."""
    url = status_list_url(status_list.pk)
    return {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_url(status_list.institution),
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_list.purpose,
            "encodedList": bitstring.encode(bytes(status_list.bits)),
        },
    }
