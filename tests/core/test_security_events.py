"""Security events in the audit chain (issue 13 part 6): each with the acting user, their role,
the request id and the client's address, and nothing secret (no password, code, token or file
contents). Measured before: logins, failures, denied lookups and reads of evidence were not
logged, and entries had no role, request id or address."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.accounts.step_up import CODE_FIELD
from parcours.core.audit_chain import verify_chain
from parcours.core.models import AuditEntry
from parcours.core.security_events import SecurityEvent, audit_security_event, client_ip
from tests import factories
from tests.second_factor import enrol, next_code

LOGIN = "/account/inloggen/"
ADDRESS = "192.0.2.17"
REQUEST_ID = "req-0123456789abcdef"


def client_from(address: str = ADDRESS, request_id: str = REQUEST_ID, **kwargs) -> Client:
    return Client(REMOTE_ADDR=address, HTTP_X_REQUEST_ID=request_id, **kwargs)


def events(kind: SecurityEvent) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=kind).order_by("sequence"))


def only(kind: SecurityEvent) -> AuditEntry:
    (entry,) = events(kind)
    return entry


def shape(entry: AuditEntry) -> tuple:
    return (
        entry.action,
        entry.actor_id,
        entry.role,
        entry.request_id,
        entry.client_ip,
        entry.hash_version,
    )


def stored_text(entry: AuditEntry) -> str:
    return json.dumps(
        {f.attname: str(getattr(entry, f.attname)) for f in AuditEntry._meta.concrete_fields}
    )


@pytest.fixture
def coach(db):
    return factories.user_with_role(Role.COACH, factories.programme(), username="coach1")


@pytest.fixture
def enrolment(coach):
    prog = coach.role_assignments.get().programme
    return factories.enrolment(factories.outcome_based_variant(prog), coach=coach)


def test_login_ok_and_logout(coach):
    client = client_from()
    response = client.post(LOGIN, {"username": "coach1", "password": factories.PASSWORD})
    assert response.status_code == 302
    entry = only(SecurityEvent.LOGIN_OK)
    assert shape(entry) == ("security.login_ok", coach.pk, "coach", REQUEST_ID, ADDRESS, 2)
    assert (entry.object_type, entry.object_id, entry.data) == ("", "", {})
    assert factories.PASSWORD not in stored_text(entry)

    client.post(reverse("accounts:logout"), HTTP_X_REQUEST_ID="req-logout-000001")
    assert shape(only(SecurityEvent.LOGOUT)) == (
        "security.logout",
        coach.pk,
        "coach",
        "req-logout-000001",
        ADDRESS,
        2,
    )
    assert verify_chain(AuditEntry.objects.order_by("sequence")) is None


def test_a_failed_login_keeps_the_user_name_tried_never_the_password(coach):
    response = client_from().post(LOGIN, {"username": "coach1", "password": "Geheim-123-wrong"})
    assert response.status_code == 200
    entry = only(SecurityEvent.LOGIN_FAILED)
    assert shape(entry) == ("security.login_failed", None, "", REQUEST_ID, ADDRESS, 2)
    assert entry.data == {"username": "coach1"}
    assert "Geheim-123-wrong" not in stored_text(entry)
    assert "*****" not in stored_text(entry)  # not even Django's mask
    assert events(SecurityEvent.LOGIN_OK) == []


def test_throttling_is_logged(coach, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = client_from()
    with time_machine.travel(datetime(2026, 10, 5, 9, 0, tzinfo=UTC), tick=False):
        statuses = [
            client.post(LOGIN, {"username": "coach1", "password": f"wrong-{n}"}).status_code
            for n in range(3)
        ]
    assert statuses == [200, 429, 429]
    throttled = events(SecurityEvent.THROTTLED)
    assert [shape(e) for e in throttled][:1] == [
        ("security.throttled", None, "", REQUEST_ID, ADDRESS, 2)
    ]
    assert {e.data["username"] for e in throttled} == {"coach1"}
    assert all("wrong-" not in stored_text(e) for e in AuditEntry.objects.all())


def test_step_up_failed_then_ok(coach):
    device = enrol(coach).device
    client = client_from()
    client.force_login(coach)
    wrong = client.post(reverse("accounts:step_up"), {CODE_FIELD: "000000", "next": "/"})
    assert wrong.status_code == 422
    right_code = next_code(device)
    ok = client.post(reverse("accounts:step_up"), {CODE_FIELD: right_code, "next": "/"})
    assert ok.status_code == 302
    assert [shape(e) for e in events(SecurityEvent.STEP_UP_FAILED)] == [
        ("security.step_up_failed", coach.pk, "coach", REQUEST_ID, ADDRESS, 2)
    ]
    entry = only(SecurityEvent.STEP_UP_OK)
    assert shape(entry) == ("security.step_up_ok", coach.pk, "coach", REQUEST_ID, ADDRESS, 2)
    assert right_code not in stored_text(entry)


def test_a_denied_page_lookup_is_logged_once_in_the_central_place(enrolment):
    item = factories.evidence_item(enrolment)
    outsider = factories.UserFactory(username="buiten")
    client = client_from()
    client.force_login(outsider)
    response = client.get(reverse("portfolio:item_detail", args=[item.pk]))
    assert response.status_code == 404
    entry = only(SecurityEvent.LOOKUP_DENIED)
    assert shape(entry) == ("security.lookup_denied", outsider.pk, "", REQUEST_ID, ADDRESS, 2)
    assert entry.data == {
        "status": 404,
        "view": "portfolio:item_detail",
        "method": "GET",
        "asked": {"pk": str(item.pk)},
    }


def test_a_denied_api_lookup_is_logged(enrolment):
    item = factories.evidence_item(enrolment)
    version = item.versions.get()
    outsider = factories.UserFactory(username="buiten")
    token = api_token_create(outsider, actor=None)
    response = client_from().get(
        f"/api/v1/evidence-versions/{version.pk}/download", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 404
    entry = only(SecurityEvent.LOOKUP_DENIED)
    assert shape(entry) == ("security.lookup_denied", outsider.pk, "", REQUEST_ID, ADDRESS, 2)
    assert entry.data["status"] == 404
    assert entry.data["asked"] == {"version_id": str(version.pk)}
    assert token not in stored_text(entry)
    assert events(SecurityEvent.EVIDENCE_READ) == []


def test_a_csrf_failure_is_logged_with_its_reason(coach):
    client = client_from(enforce_csrf_checks=True)
    client.force_login(coach)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 403
    entry = only(SecurityEvent.CSRF_FAILED)
    assert shape(entry) == ("security.csrf_failed", coach.pk, "coach", REQUEST_ID, ADDRESS, 2)
    assert entry.data == {"reason": "CSRF cookie not set."}
    assert events(SecurityEvent.LOGOUT) == []


def test_an_upload_refused_is_logged_with_the_reason_not_the_contents(enrolment):
    token = api_token_create(enrolment.student, actor=None)
    content = b"<html><script>alert(1)</script></html>"
    response = client_from().post(
        f"/api/v1/enrolments/{enrolment.pk}/evidence/upload",
        {
            "title": "Zorgplan",
            "kind": "report",
            "evidence_date": "2026-10-01",
            "file": SimpleUploadedFile("plan.pdf", content, "application/pdf"),
        },
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    entry = only(SecurityEvent.UPLOAD_REFUSED)
    assert shape(entry) == (
        "security.upload_refused",
        enrolment.student.pk,
        "student",
        REQUEST_ID,
        ADDRESS,
        2,
    )
    assert entry.data == {
        "reason": response.json()["message"],
        "status": 422,
        "size": len(content),
    }
    assert "alert(1)" not in stored_text(entry)
    assert "plan.pdf" not in stored_text(entry)


def test_reading_evidence_is_logged_for_page_and_api(enrolment, coach):
    item = factories.evidence_item(enrolment)
    version = item.versions.get()
    client = client_from()
    client.force_login(coach)
    response = client.get(reverse("portfolio:version_download", args=[version.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    token = api_token_create(coach, actor=None)
    api = client_from(request_id="req-api-00000001").get(
        f"/api/v1/evidence-versions/{version.pk}/download", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert api.status_code == 200
    reads = events(SecurityEvent.EVIDENCE_READ)
    assert [shape(e) for e in reads] == [
        ("evidence.read", coach.pk, "coach", REQUEST_ID, ADDRESS, 2),
        ("evidence.read", coach.pk, "coach", "req-api-00000001", ADDRESS, 2),
    ]
    assert [(e.object_type, e.object_id, e.data) for e in reads] == [
        ("portfolio.evidenceversion", str(version.pk), {"how": "download"}),
        ("portfolio.evidenceversion", str(version.pk), {"how": "download"}),
    ]
    assert content[:5] == b"%PDF-"
    assert all(content.decode("latin-1")[:40] not in stored_text(e) for e in reads)


def test_reading_unit_results_is_logged(enrolment, coach):
    token = api_token_create(coach, actor=None)
    response = client_from().get(
        f"/api/v1/enrolments/{enrolment.pk}/results", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200
    entry = only(SecurityEvent.RESULTS_READ)
    assert shape(entry) == ("results.read", coach.pk, "coach", REQUEST_ID, ADDRESS, 2)
    assert (entry.object_type, entry.object_id, entry.data) == (
        "studyplans.enrolment",
        str(enrolment.pk),
        {"via": "api"},
    )


def test_the_privacy_export_is_logged(enrolment):
    student = enrolment.student
    client = client_from()
    client.force_login(student)
    response = client.post(reverse("privacy:my_data_export"))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    entry = only(SecurityEvent.PRIVACY_EXPORT)
    assert shape(entry) == (
        "security.privacy_export",
        student.pk,
        "student",
        REQUEST_ID,
        ADDRESS,
        2,
    )
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(student.pk))
    # the service's own entry carries the request id and address too
    service_entry = AuditEntry.objects.get(action="privacy.export")
    assert (service_entry.request_id, service_entry.client_ip) == (REQUEST_ID, ADDRESS)


def test_the_forwarded_address_counts_only_behind_a_trusted_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4")
    settings.PARCOURS_TRUST_PROXY_FORWARDED_FOR = False
    assert client_ip(request) == "10.0.0.2"
    settings.PARCOURS_TRUST_PROXY_FORWARDED_FOR = True
    assert client_ip(request) == "198.51.100.4"  # the one the proxy appended
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(request) is None


def test_secrets_are_refused_as_event_data(db):
    before = AuditEntry.objects.count()
    with pytest.raises(ValueError, match="must not hold secrets"):
        audit_security_event(SecurityEvent.LOGIN_FAILED, password="x")
    assert AuditEntry.objects.count() == before
