"""Claiming a credential: the student's own achieved unit (by an integral assessment, on the
facilitated route, or by exemption) becomes a signed OpenBadgeCredential that verifies, validates
against 1EdTech's JSON Schema and loses nothing in JSON-LD; claiming twice answers the same
credential; anyone else, or a unit not achieved, is refused with nothing written."""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import date

import jsonschema
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from pyld import jsonld

from parcours.core.audit import AuditEntry
from parcours.core.errors import DomainError
from parcours.credentials import integrity, selectors, services
from parcours.credentials.documents import SCHEMA_PATH, local_document_loader
from parcours.credentials.models import STATUS_LIST_SIZE, Credential, StatusList
from tests import factories
from tests.credentials.world import TODAY, achievement, build_world, resolve_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def test_the_achievements_are_the_units_achieved_and_exempted(world):
    found = selectors.achievements_of(world["student"], on=TODAY)
    assert [(a.unit.code, a.how, a.on, a.result is not None, a.decision) for a in found] == [
        ("U1", "integral_assessment", date(2026, 11, 2), True, None),
        ("U2", "integral_assessment", date(2026, 11, 2), True, None),
        ("U4", "exemption", date(2026, 10, 5), False, world["decision"]),
        ("U5", "facilitated_route", date(2027, 3, 1), True, None),
    ]


def test_a_claimed_credential_is_signed_and_describes_the_unit(world):
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U1"), actor=student)

    signed = json.loads(credential.document)
    assert (credential.student, credential.unit.code, credential.how) == (
        student,
        "U1",
        "integral_assessment",
    )
    assert credential.achieved_on == date(2026, 11, 2)
    assert len(credential.public_id) == 32
    assert signed["id"] == f"http://localhost:8000/credentials/{credential.public_id}"
    assert signed["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert signed["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    institution = world["programme"].institution
    assert signed["issuer"] == {
        "id": f"http://localhost:8000/issuers/{institution.brin_code}",
        "type": ["Profile"],
        "name": institution.name,
    }
    subject = signed["credentialSubject"]
    (identity,) = subject["identifier"]
    assert identity["identityType"] == "emailAddress"
    assert identity["hashed"] is True
    salted = (student.email.lower() + identity["salt"]).encode()
    assert identity["identityHash"] == "sha256$" + hashlib.sha256(salted).hexdigest()
    assert student.username not in credential.document
    assert subject["activityEndDate"] == "2026-11-02T00:00:00+01:00"
    assert subject["result"][0]["value"] == "integrale beoordeling"
    badge = subject["achievement"]
    unit = credential.unit
    assert (badge["achievementType"], badge["name"], badge["inLanguage"]) == (
        "MicroCredential",
        unit.title_nl,
        "nl",
    )
    assert badge["creditsAvailable"] == 15
    outcome = unit.outcomes.get()
    assert badge["criteria"]["narrative"].endswith(f"- {outcome.code}: {outcome.text_nl}")
    assert badge["alignment"][0] == {
        "type": ["Alignment"],
        "targetName": f"NLQF/EQF niveau {unit.nlqf_level}",
        "targetFramework": "European Qualifications Framework (EQF); NLQF",
        "targetCode": str(unit.nlqf_level),
        "targetUrl": f"http://data.europa.eu/snb/eqf/{unit.nlqf_level}",
    }
    assert badge["alignment"][1]["targetCode"] == world["programme"].croho_code
    (english,) = badge["related"]
    assert (english["inLanguage"], english["name"]) == ("en", unit.title_en)
    assert signed["credentialStatus"] == {
        "id": f"http://localhost:8000/credentials/status/{credential.status_list_id}"
        f"#{credential.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(credential.status_index),
        "statusListCredential": "http://localhost:8000/credentials/status/"
        f"{credential.status_list_id}",
    }
    (proof,) = signed["proof"]
    assert (proof["type"], proof["cryptosuite"], proof["proofPurpose"]) == (
        "DataIntegrityProof",
        "eddsa-rdfc-2022",
        "assertionMethod",
    )
    assert integrity.verify_proof(signed, resolve_key).reason == "verified"
    entry = AuditEntry.objects.filter(action="credential.claim").get()
    assert (entry.actor_id, entry.object_id, entry.data["unit"]) == (
        student.pk,
        str(credential.pk),
        "U1",
    )


def test_the_credential_validates_against_the_1edtech_schema(world):
    student = world["student"]
    validator = jsonschema.Draft201909Validator(json.loads(SCHEMA_PATH.read_text()))
    for code in ("U1", "U4", "U5"):
        credential = services.credential_claim(achievement(student, code), actor=student)
        errors = [error.message for error in validator.iter_errors(credential.signed)]
        assert (code, errors) == (code, [])
    # the schema does refuse: without its subject the document is no achievement credential
    subjectless = {k: v for k, v in credential.signed.items() if k != "credentialSubject"}
    assert [e.message for e in validator.iter_errors(subjectless)] == [
        "'credentialSubject' is a required property"
    ]


def test_json_ld_keeps_every_statement(world):
    """Every term is defined by the two contexts: expanding and compacting again gives the
    document back (a term the contexts lack would be dropped, and not be signed)."""
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U4"), actor=student)
    document = {k: v for k, v in credential.signed.items() if k != "proof"}
    options = {"documentLoader": local_document_loader}
    expanded = jsonld.expand(document, options)
    again = jsonld.compact(expanded, {"@context": document["@context"]}, options)
    assert _normal(again) == _normal(document)


def _normal(value):
    """Single values and one-element arrays alike (compaction folds @set arrays of one)."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if k != "@context"}
    if isinstance(value, list):
        items = [_normal(v) for v in value]
        return items[0] if len(items) == 1 else items
    return value


def test_an_exemption_credential_says_so(world):
    student = world["student"]
    credential = services.credential_claim(achievement(student, "U4"), actor=student)
    assert (credential.decision, credential.result, credential.how) == (
        world["decision"],
        None,
        "exemption",
    )
    assert credential.signed["credentialSubject"]["result"][0]["value"] == (
        "vrijstelling door de examencommissie"
    )
    assert integrity.verify_proof(credential.signed, resolve_key).ok


def test_claiming_twice_answers_the_same_credential(world):
    student = world["student"]
    first = services.credential_claim(achievement(student, "U2"), actor=student)
    again = services.credential_claim(achievement(student, "U2"), actor=student)
    assert again == first
    assert Credential.objects.count() == 1
    assert AuditEntry.objects.filter(action="credential.claim").count() == 1


def test_indexes_are_drawn_at_random_in_one_list_of_131072(world):
    student = world["student"]
    issued = [
        services.credential_claim(achievement(student, c), actor=student)
        for c in ("U1", "U2", "U4", "U5")
    ]
    (status_list,) = StatusList.objects.all()
    assert status_list.size == STATUS_LIST_SIZE == 131_072
    assert len(bytes(status_list.bits)) == 16_384
    indexes = [c.status_index for c in issued]
    assert len(set(indexes)) == 4
    assert indexes != [0, 1, 2, 3]  # not handed out in order (1 in 131072^4 by chance)


def test_someone_else_may_not_claim_and_nothing_is_written(world):
    other = factories.enrolment(world["oer"].variant).student
    with pytest.raises(PermissionDenied):
        services.credential_claim(achievement(world["student"], "U1"), actor=other)
    with pytest.raises(PermissionDenied):
        services.credential_claim(
            achievement(world["student"], "U1"), actor=world["staff"].committee
        )
    assert Credential.objects.count() == 0
    assert StatusList.objects.count() == 0
    assert not AuditEntry.objects.filter(action="credential.claim").exists()


def test_a_unit_not_achieved_is_refused_in_dutch_and_english(world):
    student = world["student"]
    for key in ("r999", "e1-999", "U6", ""):
        with pytest.raises(DomainError) as refused:
            selectors.achievement_of(student, key, on=TODAY)
        assert refused.value.message_nl.startswith("Deze eenheid is (nog) niet behaald")
        assert refused.value.message_en.startswith("This unit has not been achieved (yet)")
    # another student's result is not theirs to claim either
    other = factories.enrolment(world["oer"].variant).student
    with pytest.raises(DomainError):
        selectors.achievement_of(other, achievement(student, "U1").key, on=TODAY)
    assert Credential.objects.count() == 0


def test_a_credential_cannot_be_changed_once_issued(world):
    from django.db import IntegrityError, InternalError, OperationalError, transaction

    student = world["student"]
    credential = services.credential_claim(achievement(student, "U1"), actor=student)
    with pytest.raises((IntegrityError, InternalError, OperationalError)), transaction.atomic():
        Credential.objects.filter(pk=credential.pk).update(document="{}")
    credential.refresh_from_db()
    assert integrity.verify_proof(credential.signed, resolve_key).ok


@pytest.mark.django_db(transaction=True)
def test_eight_claims_of_one_unit_at_once_give_one_credential():
    """The student double-clicks, or two tabs claim at once: every claim answers the same
    credential, and one is issued, at one index of the status list."""
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()
    world = build_world()
    student = world["student"]
    barrier = threading.Barrier(8)
    answers: list[int] = []
    errors: list[BaseException] = []

    def claim() -> None:
        try:
            barrier.wait(timeout=30)
            answers.append(services.credential_claim(achievement(student, "U1"), actor=student).pk)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert len(answers) == 8
    assert len(set(answers)) == 1
    assert Credential.objects.count() == 1
    assert StatusList.objects.count() == 1
    assert AuditEntry.objects.filter(action="credential.claim").count() == 1
