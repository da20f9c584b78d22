"""Retention: `manage.py purge_expired` deletes what has passed its term, with its files, and
leaves a tombstone in the audit log; records the database keeps immutable are reported, never
deleted; an erasure request on a record the institution must keep is refused by rule
privacy.erasure (AVG art. 17(3)(b)) with nothing deleted."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.checks import run_checks
from django.core.management import call_command
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.core.models import AuditEntry
from parcours.examcommittee import services as committee
from parcours.examcommittee.models import Decision, DeskRequest, PersonalCircumstance
from parcours.notifications.models import Kind, Notification
from parcours.privacy.services import purge_expired
from tests import factories

NOW = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    student = factories.UserFactory(username="sanne")
    enrolment = factories.enrolment(oer.variant, student=student)
    member = factories.user_with_role(Role.EXAM_COMMITTEE, programme)
    return {
        "programme": programme,
        "student": student,
        "enrolment": enrolment,
        "committee": member,
        "admin": factories.user_with_role(Role.ADMINISTRATOR),
    }


def squash(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def notification(user, *, at: datetime) -> Notification:
    with time_machine.travel(at, tick=False):
        return Notification.objects.create(user=user, kind=Kind.PLAN_AGREED, object_id=1)


def answered_question(w, *, at: datetime) -> DeskRequest:
    with time_machine.travel(at, tick=False):
        request = committee.desk_request_create(
            w["programme"].institution,
            actor=None,
            programme=w["programme"],
            kind=DeskRequest.Kind.QUESTION,
            subject="Instroom",
            message="Kan ik in februari beginnen?",
            contact_name="Kees",
            contact_email="kees@example.org",
            documents=[
                committee.Upload(
                    "cv.pdf", io.BytesIO(factories.MINIMAL_PDF), len(factories.MINIMAL_PDF)
                )
            ],
            on=at.date(),
        )
        handler = factories.user_with_role(Role.EXAM_COMMITTEE, w["programme"])
        return committee.desk_question_answer(request, actor=handler, answer="Ja.")


def known_diploma(w, *, on: date) -> Decision:
    return Decision.objects.create(
        kind=Decision.Kind.DIPLOMA,
        student=w["student"],
        programme=w["programme"],
        enrolment=w["enrolment"],
        outcome=Decision.Outcome.DIPLOMA,
        made_known_on=on,
        appeal_deadline=on + timedelta(weeks=6),
        created_by=w["committee"],
    )


def test_purge_deletes_the_expired_rows_and_files_and_leaves_a_tombstone(
    world, settings, django_capture_on_commit_callbacks
):
    old = notification(world["student"], at=NOW - timedelta(days=367))
    fresh = notification(world["student"], at=NOW - timedelta(days=365))
    question = answered_question(world, at=NOW - timedelta(days=732))
    stored = settings.EVIDENCE_ROOT / question.documents.get().stored_name
    recent = answered_question(world, at=NOW - timedelta(days=700))
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        reports = {r.record_class.name: r for r in purge_expired(now=NOW)}

    assert (reports["notification"].deleted, reports["notification"].ids) == (1, [old.pk])
    assert list(Notification.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert (reports["desk_question"].deleted, reports["desk_question"].files) == (1, 1)
    assert list(DeskRequest.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not stored.exists()
    assert recent.documents.count() == 1
    tombstones = AuditEntry.objects.filter(action="privacy.purge").order_by("sequence")
    assert [(t.object_type, t.object_id, t.actor_id) for t in tombstones] == [
        (
            "contenttypes.contenttype",
            str(ContentType.objects.get_for_model(Notification).pk),
            None,
        ),
        (
            "contenttypes.contenttype",
            str(ContentType.objects.get_for_model(DeskRequest).pk),
            None,
        ),
    ]
    assert tombstones[0].data == {
        "record_class": "notification",
        "model": "notifications.notification",
        "term_days": 366,
        "count": 1,
        "files": 0,
        "ids": [old.pk],
        "cutoff_on": "2030-03-01",
    }
    assert tombstones[1].data["ids"] == [question.pk]


def test_a_dry_run_counts_and_deletes_nothing(world):
    notification(world["student"], at=NOW - timedelta(days=400))
    before = AuditEntry.objects.count()
    out = StringIO()

    with time_machine.travel(NOW, tick=False):
        call_command("purge_expired", "--dry-run", stdout=out)

    assert "notification 366d 1 zouden gaan / would go" in squash(out.getvalue())
    assert out.getvalue().endswith("Dry run: nothing deleted\n")
    assert Notification.objects.count() == 1
    assert AuditEntry.objects.count() == before


def test_an_expired_record_the_database_keeps_immutable_is_reported_not_deleted(world):
    decision = known_diploma(world, on=date(1975, 6, 1))  # fifty years and more ago
    out = StringIO()

    with time_machine.travel(NOW, tick=False):
        call_command("purge_expired", stdout=out)

    assert Decision.objects.filter(pk=decision.pk).exists()
    assert (
        "decision_degree 18263d 1 verlopen, blijven: onveranderlijk in de database / "
        "1 expired, kept: immutable in the database"
    ) in squash(out.getvalue())
    assert not AuditEntry.objects.filter(action="privacy.purge").exists()


def test_a_term_set_in_the_settings_applies(world, settings):
    settings.PARCOURS_RETENTION_DAYS = {"notification": 10}
    notification(world["student"], at=NOW - timedelta(days=11))

    [report] = [r for r in purge_expired(now=NOW) if r.record_class.name == "notification"]

    assert (report.deleted, Notification.objects.count()) == (1, 0)


def test_the_settings_may_not_name_an_unknown_class_or_shorten_a_legal_term(settings):
    settings.PARCOURS_RETENTION_DAYS = {"notificatons": 10, "decision_degree": 3650, "audit": -1}

    errors = [e for e in run_checks() if e.id.startswith("privacy.")]

    assert [e.id for e in errors] == ["privacy.E001", "privacy.E003", "privacy.E002"]
    assert errors[1].msg == (
        "PARCOURS_RETENTION_DAYS['decision_degree'] = 3650 is shorter than the 18263 days the "
        "institution must keep these records."
    )


def test_personal_circumstances_past_their_term_go_and_the_progress_follows(world):
    with time_machine.travel(NOW - timedelta(days=800), tick=False):
        committee.circumstance_record(
            world["enrolment"],
            actor=world["committee"],
            description="Zwanger",
            period_from=date(2027, 9, 1),
        )
    progress = world["enrolment"].kept_progress
    assert progress.circumstances is True

    purge_expired(now=NOW)

    assert PersonalCircumstance.objects.count() == 0
    progress.refresh_from_db()
    assert progress.circumstances is False


# --- erasure on request ---------------------------------------------------------------------


def test_an_erasure_request_on_a_notification_erases_it(client, world):
    item = notification(world["student"], at=NOW)
    client.force_login(world["admin"])

    response = client.post(
        reverse("privacy:record_erase"),
        {"record": "notifications.notification", "pk": item.pk, "confirm": "on"},
    )

    assert (response.status_code, response["Location"]) == (302, "/privacy/verzoeken/")
    assert not Notification.objects.filter(pk=item.pk).exists()
    entry = AuditEntry.objects.get(action="privacy.erase")
    assert (entry.actor_id, entry.data["ids"], entry.data["record_class"]) == (
        world["admin"].pk,
        [item.pk],
        "notification",
    )


def test_an_erasure_request_on_a_diploma_is_refused_with_the_reason(client, world):
    decision = known_diploma(world, on=date(2029, 7, 1))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    before = AuditEntry.objects.count()

    with time_machine.travel(NOW, tick=False):
        client.force_login(world["admin"])
        response = client.post(
            reverse("privacy:record_erase"),
            {"record": "examcommittee.decision", "pk": decision.pk, "confirm": "on"},
        )

    assert response.status_code == 422
    page = response.content.decode()
    assert 'data-rule="privacy.erasure"' in page
    assert (
        "The institution must keep this record until 2079-07-02 (AVG art. 17(3)(b), a legal "
        "obligation to keep it): it is not erased."
    ) in page
    assert "AVG, art. 17 lid 3 onder b; WHW, art. 7.11; Selectielijst hogescholen 2022" in page
    assert Decision.objects.filter(pk=decision.pk).exists()
    # only the sign-in is logged (issue 13 part 6), no erasure
    added = AuditEntry.objects.filter(sequence__gt=before).values_list("action", flat=True)
    assert list(added) == ["security.login_ok"]


def test_an_erasure_without_the_confirmation_erases_nothing(client, world):
    item = notification(world["student"], at=NOW)
    client.force_login(world["admin"])

    response = client.post(
        reverse("privacy:record_erase"), {"record": "notifications.notification", "pk": item.pk}
    )

    assert response.status_code == 422
    assert Notification.objects.filter(pk=item.pk).exists()
    assert not AuditEntry.objects.filter(action="privacy.erase").exists()


def test_a_record_without_a_retention_class_cannot_be_erased_here(client, world):
    client.force_login(world["admin"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    before = AuditEntry.objects.count()

    response = client.post(
        reverse("privacy:record_erase"),
        {"record": "studyplans.enrolment", "pk": world["enrolment"].pk, "confirm": "on"},
    )

    assert response.status_code == 422
    assert (
        "This record does not exist or belongs to a file that is kept as a whole."
        in response.content.decode()
    )
    assert world["enrolment"].__class__.objects.filter(pk=world["enrolment"].pk).exists()
    assert AuditEntry.objects.count() == before


def test_the_administrator_sees_a_persons_records_with_their_terms(client, world):
    known_diploma(world, on=date(2029, 7, 1))
    notification(world["student"], at=NOW)
    client.force_login(world["admin"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    found = client.post(reverse("privacy:requests"), {"username": "SANNE"})
    page = client.get(found["Location"]).content.decode()

    assert found.status_code == 302
    assert page.count('data-testid="kept-record"') == 2
    assert 'data-class="decision_degree"' in page
    assert "2079-07-02" in page
    assert client.post(reverse("privacy:requests"), {"username": "niemand"}).status_code == 422


def test_evidence_never_assessed_goes_with_its_files_after_seven_years(
    world, settings, django_capture_on_commit_callbacks
):
    with time_machine.travel(NOW - timedelta(days=2558), tick=False):
        old = factories.evidence_item(
            world["enrolment"], title="Oud", evidence_date=date(2022, 1, 3)
        )
    with time_machine.travel(NOW - timedelta(days=2556), tick=False):
        kept = factories.evidence_item(
            world["enrolment"], title="Net niet oud genoeg", evidence_date=date(2022, 1, 3)
        )
    stored = settings.EVIDENCE_ROOT / old.versions.get().stored_name
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        reports = {r.record_class.name: r for r in purge_expired(now=NOW)}

    report = reports["evidence_unassessed"]
    assert (report.deleted, report.files, report.ids) == (1, 1, [old.pk])
    assert list(world["enrolment"].evidence.values_list("title", flat=True)) == [kept.title]
    assert not stored.exists()
    assert (settings.EVIDENCE_ROOT / kept.versions.get().stored_name).exists()
