"""The subject-access export (AVG art. 15): a person downloads one zip with every personal field
of every record about them, their files and who read or changed their records; an
administrator may export anyone's; nobody else may; every export is audited."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.core.audit import audit_record
from parcours.core.models import AuditEntry
from parcours.examcommittee import services as committee
from parcours.examcommittee.models import DeskRequest
from parcours.notifications.models import Kind, Notification
from parcours.portfolio.models import EvidenceVersion
from parcours.privacy.registry import REGISTRY
from tests import factories

DESK_PDF = factories.pdf_bytes(
    b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", padding=16
)


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    student = factories.UserFactory(
        username="petra", first_name="Petra", last_name="Bakker", email="petra@example.org"
    )
    enrolment = factories.enrolment(oer.variant, student=student)
    item = factories.evidence_item(enrolment, title="Zorgplan van Petra")
    version = item.versions.get()
    other = factories.enrolment(oer.variant)
    factories.evidence_item(other, title="Zorgplan van een ander")
    committee_member = factories.user_with_role(Role.EXAM_COMMITTEE, programme)
    committee.circumstance_record(
        enrolment,
        actor=committee_member,
        description="Langdurig ziek in het najaar",
        period_from=date(2026, 10, 1),
    )
    request = committee.desk_request_create(
        programme.institution,
        actor=student,
        programme=programme,
        kind=DeskRequest.Kind.EXEMPTION,
        subject="Vrijstelling U1",
        message="Vijf jaar werkervaring.",
        unit_ids=[oer.units.get(code="U1").pk],
        documents=[committee.Upload("evc.pdf", io.BytesIO(DESK_PDF), len(DESK_PDF))],
        on=date(2027, 1, 11),
    )
    Notification.objects.create(user=student, kind=Kind.PLAN_AGREED, object_id=1, title="Akkoord")
    # a read of her evidence by her coach, as the audit log records reads
    audit_record(enrolment.coach, "evidence.read", version)
    return {
        "student": student,
        "enrolment": enrolment,
        "item": item,
        "version": version,
        "request": request,
        "coach": enrolment.coach,
        "committee": committee_member,
        "admin": factories.user_with_role(Role.ADMINISTRATOR),
    }


def unzip(response) -> tuple[dict, zipfile.ZipFile]:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(archive.read("data.json")), archive


def test_a_person_downloads_everything_kept_about_them(client, world):
    client.force_login(world["student"])
    before = AuditEntry.objects.count()

    response = client.post(reverse("privacy:my_data_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="parcours-petra-')
    data, archive = unzip(response)
    assert data["format"] == "parcours-subject-access/1"
    assert data["subject"] == {"id": world["student"].pk, "username": "petra"}
    # every record carries every personal field the registry names for its model
    for label, rows in data["records"].items():
        assert rows, label
        for row in rows:
            assert set(row) == set(REGISTRY[label].exported()), label
    assert set(data["records"]) >= {
        "accounts.user",
        "studyplans.enrolment",
        "portfolio.evidenceitem",
        "portfolio.evidenceversion",
        "examcommittee.deskrequest",
        "examcommittee.deskdocument",
        "examcommittee.personalcircumstance",
        "notifications.notification",
    }
    [user] = data["records"]["accounts.user"]
    assert (user["email"], user["first_name"], user["last_name"]) == (
        "petra@example.org",
        "Petra",
        "Bakker",
    )
    assert "password" not in user  # a credential is never handed out
    [circumstance] = data["records"]["examcommittee.personalcircumstance"]
    assert circumstance["description"] == "Langdurig ziek in het najaar"
    assert [i["title"] for i in data["records"]["portfolio.evidenceitem"]] == ["Zorgplan van Petra"]
    # the files, byte for byte, with their hashes
    files = {(f["model"], f["id"]): f for f in data["files"]}
    evidence = files[("portfolio.evidenceversion", world["version"].pk)]
    document = world["request"].documents.get()
    desk = files[("examcommittee.deskdocument", document.pk)]
    assert archive.read(evidence["path"]) == factories.MINIMAL_PDF
    assert evidence["sha256"] == hashlib.sha256(factories.MINIMAL_PDF).hexdigest()
    assert archive.read(desk["path"]) == DESK_PDF
    assert desk["path"] == f"files/examcommittee.deskdocument/{document.pk}-evc.pdf"
    # who read her records, and the export itself
    read = [a for a in data["audit"] if a["action"] == "evidence.read"]
    assert [(a["actor"], a["actor_name"], a["object_id"], a["by_you"]) for a in read] == [
        (world["coach"].pk, str(world["coach"]), str(world["version"].pk), False)
    ]
    assert [a["action"] for a in data["audit"] if a["by_you"]][-1] == "privacy.export"
    # nothing of anyone else
    assert b"Zorgplan van een ander" not in archive.read("data.json")
    assert sorted(archive.namelist()) == sorted(
        ["README.txt", "data.json", evidence["path"], desk["path"]]
    )
    entry = AuditEntry.objects.get(sequence=before + 1)
    assert (entry.actor_id, entry.action, entry.object_id, entry.data) == (
        world["student"].pk,
        "privacy.export",
        str(world["student"].pk),
        {"by": "self"},
    )


def test_staff_are_told_what_they_acted_on_not_the_students_data(client, world):
    client.force_login(world["committee"])

    data, _ = unzip(client.post(reverse("privacy:my_data_export")))

    circumstance = world["enrolment"].personal_circumstances.get()
    assert {
        "model": "examcommittee.personalcircumstance",
        "id": circumstance.pk,
        "as": "recorded_by",
    } in data["acted_on"]
    assert "examcommittee.personalcircumstance" not in data["records"]
    assert b"Langdurig ziek" not in json.dumps(data).encode()


def test_an_administrator_exports_a_persons_data_and_it_is_audited(client, world):
    client.force_login(world["admin"])

    response = client.post(reverse("privacy:subject_export"), {"subject": world["student"].pk})

    assert response.status_code == 200
    data, _ = unzip(response)
    assert data["subject"]["id"] == world["student"].pk
    entry = AuditEntry.objects.order_by("sequence").filter(action="privacy.export").get()
    assert (entry.actor_id, entry.object_id, entry.data) == (
        world["admin"].pk,
        str(world["student"].pk),
        {"by": "administrator"},
    )


@pytest.mark.parametrize("who", ["coach", "committee", "student"])
def test_no_one_else_exports_a_persons_data(client, world, who):
    client.force_login(world[who])
    before = AuditEntry.objects.count()

    response = client.post(reverse("privacy:subject_export"), {"subject": world["student"].pk})

    assert response.status_code == 403
    # only the refusal itself is logged (issue 13 part 6), no export
    refused = AuditEntry.objects.filter(sequence__gt=before)
    assert [(e.action, e.actor_id, e.data["status"]) for e in refused] == [
        ("security.lookup_denied", world[who].pk, 403)
    ]


def test_a_stored_file_that_is_gone_is_listed_as_missing(client, world, settings):
    version = world["version"]
    (settings.EVIDENCE_ROOT / version.stored_name).unlink()
    client.force_login(world["student"])

    data, _archive = unzip(client.post(reverse("privacy:my_data_export")))

    [gone] = [f for f in data["files"] if f["model"] == "portfolio.evidenceversion"]
    assert gone == {
        "model": "portfolio.evidenceversion",
        "id": version.pk,
        "path": None,
        "missing": True,
    }
    assert EvidenceVersion.objects.filter(pk=version.pk).exists()
