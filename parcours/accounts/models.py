from typing import TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
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
    # Signed up at the desk and not yet confirmed by the link in the e-mail: inactive until then.
    # An account an administrator deactivated is inactive without this, and no link revives it.
    signup_pending = models.BooleanField(default=False)
    # Part of the session hash: raising it ends every session of the user at their next request
    # (`services.sessions_end`). A password change does the same through the password itself.
    session_epoch = models.PositiveIntegerField(default=0)
    # The account's id in the institution's identity system (SCIM's `externalId`: Entra ID,
    # SURF), set by provisioning; unique when set. `modified_at`: when provisioning last changed
    # the account (SCIM's `meta.lastModified`; `date_joined` until then).
    external_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    modified_at = models.DateTimeField(null=True, blank=True)

    # The user's roles per programme, cached for one request by curriculum.permissions.
    _parcours_roles: dict[int | None, set[str]]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's check that a session still belongs to this user (an HMAC of the password),
        with the session epoch in it once it was raised (so raising it ends every session, and
        sessions from before the epoch existed stay valid)."""
        if not self.session_epoch:
            return str(super()._get_session_auth_hash(secret=secret))  # type: ignore[misc]
        return salted_hmac(
            "parcours.accounts.User.session_auth_hash",
            f"{self.session_epoch}:{self.password}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


# Who asks: a signed-in user or an anonymous visitor (permission checks and scoped reads take both).
Viewer: TypeAlias = User | AnonymousUser


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the token is shown once. It
    works until it expires or is revoked (by its user, or when their password changes, they are
    deactivated or lose a role)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class ExternalIdentity(models.Model):
    """An account's login at an OpenID Provider (SURFconext): the provider's issuer and its
    subject identifier name the person, never the e-mail address (which may change or be
    reused). Made at the first login (just in time); the claims below are refreshed at each."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    # SURFconext's eduPersonAffiliation values (student, employee, member …) and the home
    # institution's domain (schacHomeOrganization). Informative: roles are granted in Parcours.
    affiliations = models.JSONField(default=list, blank=True)
    home_organization = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="accounts_external_identity_issuer_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.issuer}"
