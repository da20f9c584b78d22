from typing import TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STUDENT = "student", _("Student")
    COACH = "coach", _("Coach")
    ASSESSOR = "assessor", _("Assessor")
    ASSESSMENT_COORDINATOR = "assessment_coordinator", _("Assessment coordinator")
    EXAM_COMMITTEE = "exam_committee", _("Exam-committee member")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    WORKPLACE_SUPERVISOR = "workplace_supervisor", _("Workplace supervisor")
    ADMINISTRATOR = "administrator", _("Administrator")


class User(AbstractUser):
    preferred_language = models.CharField(
        max_length=2, choices=settings.LANGUAGES, default="nl", verbose_name=_("language")
    )
    # How many of the user's notifications are unread, kept by parcours.notifications' services
    # in the same transaction as the notifications themselves: the menu shows it on every page
    # without a query of its own (the user row is read for the session anyway).
    unread_notifications = models.IntegerField(default=0)

    # The user's roles per programme, cached for one request by curriculum.permissions.
    _parcours_roles: dict[int | None, set[str]]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


# Who asks: a signed-in user or an anonymous visitor (permission checks and scoped reads take both).
Viewer: TypeAlias = User | AnonymousUser


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"
