"""What people are told: an inbox item per user, the e-mail outbox, and each user's choice of
e-mail per kind of notification.

An outbox row holds no message text and never a secret: the kind, the recipient, the language,
the object's id and the site's address. The text is rendered when the message is sent, by the
renderer registered for its kind (`notifications.registry`), so a single-use link (the
workplace supervisor's) is issued only then and exists only in the e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PLAN_SUBMITTED = "plan_submitted", _("A study plan was submitted to you")
    PLAN_RETURNED = "plan_returned", _("Your study plan was returned")
    PLAN_AGREED = "plan_agreed", _("Your coach agreed to your study plan")
    PLAN_ESTABLISHED = "plan_established", _("Your study plan was established")
    ASSESSOR_ASSIGNED = "assessor_assigned", _("You were assigned as assessor")
    SCORES_COMPLETE = "scores_complete", _("All scores are in: consensus can be recorded")
    RESULT_AVAILABLE = "result_available", _("An assessment result is available")
    DESK_ANSWERED = "desk_answered", _("Your question at the desk was answered")
    DESK_INFO_REQUESTED = "desk_info_requested", _("The exam committee asks for more information")
    DECISION_KNOWN = "decision_known", _("A decision was made known to you")
    ADMISSION_DECIDED = "admission_decided", _("Your application for admission was decided")
    WORKPLACE_LINK = "workplace_link", _("Workplace supervisor's confirmation link")
    # parcours.accounts' e-mails (accounts.services.outbox), each with a single-use link
    ACCOUNT_CONFIRM = "account_confirm", _("Confirm the e-mail address of a new account")
    PASSWORD_RESET = "password_reset", _("Link to choose a new password")


# Kinds a user receives and may choose e-mail for (the supervisor's link and the account e-mails
# go to an address, and cannot be switched off).
USER_KINDS = [
    k for k in Kind if k not in {Kind.WORKPLACE_LINK, Kind.ACCOUNT_CONFIRM, Kind.PASSWORD_RESET}
]


class Notification(models.Model):
    """One item in a user's inbox, written in the user's language when it happened."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(max_length=300, blank=True)  # a path on this site
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """A user's choice of e-mail for one kind; without a row, e-mail is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {'e-mail' if self.email else 'inbox'}"


class OutboxMessage(models.Model):
    """An e-mail to send, written in the transaction of the change it tells about. A sender
    claims it (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL), renders it, sends it and
    marks it sent; a failed send counts the attempt, keeps the error and waits longer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        CANCELLED = "cancelled", _("nothing to send")
        FAILED = "failed", _("given up")

    kind = models.CharField(max_length=32, choices=Kind.choices)
    recipient = models.EmailField()
    language = models.CharField(max_length=2, choices=settings.LANGUAGES)
    object_id = models.PositiveBigIntegerField()
    site_url = models.CharField(max_length=200)  # the scheme and host links start with
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient} ({self.status})"
