"""The inbox and the e-mail choices: a user is told in their language, e-mail is on until they
switch it off (then the inbox only), the inbox is paged with a constant number of queries,
opening an item marks it read, and nobody reads or marks another user's notifications."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.core.models import AuditEntry
from parcours.notifications import selectors, services
from parcours.notifications.models import Kind, Notification, NotificationPreference, OutboxMessage
from parcours.studyplans import services as plan_services
from tests import factories

ON = date(2026, 9, 7)


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    enrol = factories.enrolment(oer.variant)
    version = factories.plan(enrol, oer).versions.get()
    return {"oer": oer, "enrol": enrol, "version": version}


def submit(world):
    version = world["version"]
    plan_services.version_submit(
        version, actor=world["enrol"].student, expected_lock_version=version.lock_version, on=ON
    )


def test_a_submitted_plan_tells_the_coach_in_their_language_by_inbox_and_email(world):
    coach = world["enrol"].coach
    coach.preferred_language = "en"
    coach.save()

    submit(world)

    (item,) = Notification.objects.all()
    student = world["enrol"].student
    assert (item.user, item.kind, item.read_at) == (coach, "plan_submitted", None)
    assert item.title == f"{student} submitted a study plan for your review"
    assert item.link == f"/studie/versies/{world['version'].pk}/"
    (message,) = OutboxMessage.objects.all()
    assert (message.kind, message.recipient, message.language, message.status) == (
        "plan_submitted",
        coach.email,
        "en",
        "pending",  # the test's transaction has not committed: nothing was tried yet
    )
    assert mail.outbox == []


def test_a_dutch_student_is_told_in_dutch(world):
    submit(world)
    plan_services.version_return(world["version"], actor=world["enrol"].coach, comment="Meer uren.")

    item = Notification.objects.get(user=world["enrol"].student)
    assert item.title == "Je studieplan is teruggegeven"
    assert item.body == "Je coach gaf versie 1 van 'Periode 1' terug: Meer uren."


def test_with_email_switched_off_the_user_gets_the_inbox_item_only(world):
    coach = world["enrol"].coach
    services.preferences_set(coach, actor=coach, email_kinds=["plan_agreed"])

    submit(world)

    assert Notification.objects.filter(user=coach, kind="plan_submitted").count() == 1
    assert OutboxMessage.objects.count() == 0


def test_outbox_sends_in_the_test_with_the_locmem_backend(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(world)
    (message,) = mail.outbox
    assert message.to == [world["enrol"].coach.email]
    assert (
        message.subject
        == f"{world['enrol'].student} heeft een studieplan ter beoordeling ingediend"
    )
    assert message.body.endswith(f"http://localhost:8000/studie/versies/{world['version'].pk}/\n")
    assert OutboxMessage.objects.get().status == "sent"


def test_the_preferences_page_saves_the_choice(client, world):
    coach = world["enrol"].coach
    client.force_login(coach)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(
        reverse("notifications:preferences"), {"email": ["plan_submitted", "decision_known"]}
    )
    assert response.status_code == 302
    choices = selectors.email_choices(coach)
    assert [k for k, on in choices.items() if on] == ["plan_submitted", "decision_known"]
    assert NotificationPreference.objects.filter(user=coach).count() == len(choices)
    assert AuditEntry.objects.filter(action="notifications.preferences").count() == 1


def test_an_unknown_kind_is_refused_and_nothing_is_saved(client, world):
    coach = world["enrol"].coach
    client.force_login(coach)
    response = client.post(reverse("notifications:preferences"), {"email": ["nonsense"]})
    assert response.status_code == 422
    assert NotificationPreference.objects.count() == 0
    assert AuditEntry.objects.filter(action="notifications.preferences").count() == 0


def _items(user, version, count: int) -> None:
    """`count` notifications for `user`, made as the services make them."""
    for _ in range(count):
        services.notify(Kind.PLAN_AGREED, version.pk, users=[user])


@pytest.mark.parametrize("count", [3, 120])
def test_the_inbox_is_paged_with_a_constant_number_of_queries(
    client, world, count, django_assert_max_num_queries
):
    user = factories.user_with_role(Role.COACH, world["oer"].variant.programme)
    _items(user, world["version"], count)
    client.force_login(user)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('data-testid="notification-') == min(count, 50)
    assert f'data-testid="unread-count">{count}<' in page


def test_the_unread_count_follows_notify_read_and_read_all(client, world):
    student = world["enrol"].student
    _items(student, world["version"], 3)
    student.refresh_from_db()
    assert student.unread_notifications == selectors.unread_count(student) == 3
    first = Notification.objects.filter(user=student).first()
    services.notification_mark_read(first, actor=student)
    services.notification_mark_read(first, actor=student)  # a second time changes nothing
    student.refresh_from_db()
    assert student.unread_notifications == selectors.unread_count(student) == 2
    assert services.notifications_mark_all_read(actor=student) == 2
    student.refresh_from_db()
    assert student.unread_notifications == selectors.unread_count(student) == 0
    client.force_login(student)
    assert 'data-testid="unread-count"' not in client.get("/meldingen/").content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_it(client, world):
    submit(world)
    coach = world["enrol"].coach
    item = Notification.objects.get(user=coach)
    client.force_login(coach)

    response = client.post(reverse("notifications:notification_read", args=[item.pk]))

    assert (response.status_code, response["Location"]) == (302, item.link)
    item.refresh_from_db()
    assert item.read_at is not None
    assert selectors.unread_count(coach) == 0


def test_another_users_notification_is_not_found_and_stays_unread(client, world):
    submit(world)
    item = Notification.objects.get(user=world["enrol"].coach)
    client.force_login(world["enrol"].student)

    response = client.post(reverse("notifications:notification_read", args=[item.pk]))

    assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_mark_all_read_touches_only_ones_own(client, world):
    submit(world)
    coach, student = world["enrol"].coach, world["enrol"].student
    _items(student, world["version"], 2)
    client.force_login(coach)

    assert client.post(reverse("notifications:notifications_read_all")).status_code == 302

    assert selectors.unread_count(coach) == 0
    assert selectors.unread_count(student) == 2
