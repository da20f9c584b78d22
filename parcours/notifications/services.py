"""Writes: notify users of an event (inbox item and, as they chose, an e-mail in the outbox),
queue an e-mail to an address, deliver the outbox, mark read, choose e-mail per kind.

`notify` and `email_queue` are called by higher apps' services inside their own transaction:
the inbox item and the outbox row commit or roll back with the change they tell about. After the
commit one delivery task per message is queued (`core.tasks.enqueue_on_commit`); when the mail
server is down the message stays pending and `manage.py send_outbox` (or the task
`outbox_send_due`) retries it later, with back-off. A sender claims a row with `SELECT … FOR
UPDATE SKIP LOCKED` (PostgreSQL), renders it, sends it and marks it sent in one transaction,
so two senders never send one message twice."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django_tasks import task

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError
from parcours.core.tasks import enqueue_on_commit

from . import permissions, selectors
from .models import USER_KINDS, Notification, NotificationPreference, OutboxMessage
from .registry import Rendered, Target, renderer_for

log = logging.getLogger(__name__)
Status = OutboxMessage.Status


def site_url() -> str:
    return str(settings.PARCOURS_SITE_URL)


def _render(target: Target) -> Rendered | None:
    with translation.override(target.language):
        return renderer_for(target.kind)(target)


def notify(kind: str, object_id: int, *, users: Iterable[User | None]) -> list[Notification]:
    """Tell `users` (each once; None and inactive users skipped) that `kind` happened to the
    object: an inbox item in each user's language, and an e-mail in the outbox unless the user
    switched e-mail off for this kind or has no address. Call inside the change's transaction."""
    seen: set[int] = set()
    created = []
    for user in users:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        language = user.preferred_language or settings.LANGUAGE_CODE
        rendered = _render(Target(kind, object_id, language, user.email, site_url()))
        if rendered is None:
            continue
        User.objects.filter(pk=user.pk).update(unread_notifications=F("unread_notifications") + 1)
        created.append(
            Notification.objects.create(
                user=user,
                kind=kind,
                object_id=object_id,
                title=rendered.subject[:300],
                body=rendered.body,
                link=rendered.link,
            )
        )
        wants_email = not NotificationPreference.objects.filter(
            user=user, kind=kind, email=False
        ).exists()
        if wants_email and user.email:
            email_queue(kind, object_id, recipient=user.email, language=language)
    return created


def email_queue(
    kind: str, object_id: int, *, recipient: str, language: str, site: str = ""
) -> OutboxMessage:
    """An e-mail to `recipient` about the object, rendered when it is sent; delivery is tried
    once the current transaction commits."""
    renderer_for(kind)  # an unknown kind fails here, in the change's transaction
    message = OutboxMessage.objects.create(
        kind=kind,
        recipient=recipient,
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        object_id=object_id,
        site_url=site or site_url(),
    )
    enqueue_on_commit(outbox_send, message_id=message.pk)
    return message


def _backoff(attempts: int) -> timedelta:
    """1, 2, 4, … minutes after each failed attempt, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def _deliver(message_id: int, *, now: datetime | None = None) -> bool | None:
    """Claim, render, send and mark one due message. True: sent; False: the attempt failed
    (counted, retried later); None: not due, already claimed or nothing to send."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(
                pk=message_id,
                status=Status.PENDING,
                next_attempt_at__lte=now or timezone.now(),
            )
            .first()
        )
        if message is None:
            return None
        message.attempts += 1
        try:
            with transaction.atomic():  # a failed render or send undoes the render's writes
                rendered = _render(
                    Target(
                        message.kind,
                        message.object_id,
                        message.language,
                        message.recipient,
                        message.site_url,
                    )
                )
                if rendered is not None:
                    body = rendered.body
                    if rendered.link:
                        body += "\n\n" + message.site_url.rstrip("/") + rendered.link + "\n"
                    EmailMessage(subject=rendered.subject, body=body, to=[message.recipient]).send(
                        fail_silently=False
                    )
        except Exception as error:
            log.warning("outbox message %s not sent: %s", message.pk, error)
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= settings.PARCOURS_OUTBOX_MAX_ATTEMPTS:
                message.status = Status.FAILED
            message.next_attempt_at = timezone.now() + _backoff(message.attempts)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        if rendered is None:
            message.status = Status.CANCELLED
            message.save(update_fields=["status", "attempts"])
            return None
        message.status = Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["status", "sent_at", "attempts", "last_error"])
        return True


@task()
def outbox_send(*, message_id: int) -> int:
    """Try to send one outbox message now (queued when its change commits); 1 when sent."""
    return 1 if _deliver(message_id) else 0


def outbox_send_due(*, limit: int = 500) -> tuple[int, int]:
    """Send every message that is due (oldest first): returns (sent, failed). Rows another
    sender holds are skipped, not waited for."""
    now = timezone.now()
    due = list(
        OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    sent = failed = 0
    for pk in due:
        outcome = _deliver(pk, now=now)
        sent += outcome is True
        failed += outcome is False
    return sent, failed


@task()
def outbox_send_due_task() -> list[int]:
    """The worker's form of `manage.py send_outbox`: [sent, failed]."""
    return list(outbox_send_due())


def _count_read(user: User, read: int) -> None:
    """Lower the user's unread count by the notifications just marked read (each conditional
    update marks a notification once, so the count never drifts)."""
    if read:
        User.objects.filter(pk=user.pk).update(
            unread_notifications=F("unread_notifications") - read
        )


@transaction.atomic
def notification_mark_read(notification: Notification, *, actor: User) -> Notification:
    if not permissions.can_read_notification(actor, notification):
        raise DomainError("Dit bericht is niet van jou.", "This notification is not yours.")
    now = timezone.now()
    read = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
    _count_read(actor, read)
    if read:
        notification.read_at = now
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: User) -> int:
    read = selectors.inbox_of(actor).filter(read_at__isnull=True).update(read_at=timezone.now())
    _count_read(actor, read)
    return read


@transaction.atomic
def preferences_set(user: User, *, actor: User, email_kinds: Iterable[str]) -> dict[str, bool]:
    """E-mail on for `email_kinds`, off for every other kind the user receives."""
    if actor.pk != user.pk:
        raise DomainError(
            "Je kiest alleen je eigen meldingen.", "You choose only your own notifications."
        )
    wanted = set(email_kinds)
    unknown = wanted - {k.value for k in USER_KINDS}
    if unknown:
        raise DomainError(
            "Onbekende soort melding.", "Unknown kind of notification.", field="email"
        )
    for kind in USER_KINDS:
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind.value, defaults={"email": kind.value in wanted}
        )
    choices = selectors.email_choices(user)
    audit_record(actor, "notifications.preferences", user, email=sorted(wanted))
    return choices
