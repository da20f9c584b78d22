"""Verifiable microcredentials: an Open Badges 3.0 credential (W3C VC 2.0) per unit a student
achieved, signed once and kept as signed (`Credential`: the database refuses an UPDATE), its
revocation as a row of its own (`CredentialRevocation`), and the institution's revocation lists
(`StatusList`: a W3C Bitstring Status List v1.0 of at least 131,072 entries, one bit per
credential, set when it is revoked)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parcours.assessments.models import UnitResult
from parcours.curriculum.models import Institution, Programme, Unit
from parcours.examcommittee.models import Decision
from parcours.studyplans.models import Enrolment

# W3C Bitstring Status List v1.0, 3.1: "the bitstring MUST be at least 16KB" (131,072 bits),
# so that one credential's index says little about who holds it (group privacy).
STATUS_LIST_SIZE = 131_072


class StatusList(models.Model):
    """One of the institution's status lists: the raw bitstring (bit 0 is the left-most bit of
    the first byte, as the spec orders them); the served credential compresses it."""

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("revocation")

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="status_lists"
    )
    purpose = models.CharField(max_length=12, choices=Purpose.choices, default=Purpose.REVOCATION)
    size = models.PositiveIntegerField(default=STATUS_LIST_SIZE)
    bits = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["institution", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gte=STATUS_LIST_SIZE), name="status_list_at_least_16kb"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} · {self.purpose} {self.pk}"


class Credential(models.Model):
    """A unit achievement as a signed OpenBadgeCredential: by an assessment result (`result`)
    or by an exemption decision (`decision` with the `unit`). Issued once and never changed:
    `document` is the signed JSON exactly as issued (a database trigger refuses an UPDATE);
    revoking adds a `CredentialRevocation` and sets the credential's bit in its status list."""

    class How(models.TextChoices):
        FACILITATED = "facilitated_route", _("assessment on the facilitated route")
        OWN_ROUTE = "own_route", _("assessment on an own route")
        INTEGRAL = "integral_assessment", _("integral assessment")
        EXEMPTION = "exemption", _("exemption")

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="credentials"
    )
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="credentials")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=20, choices=How.choices)
    result = models.ForeignKey(
        UnitResult, null=True, blank=True, on_delete=models.PROTECT, related_name="credentials"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="credentials"
    )
    achieved_on = models.DateField()
    # the last part of the public URL: 32 random URL-safe characters (secrets.token_urlsafe(24))
    public_id = models.CharField(max_length=64, unique=True)
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="entries")
    status_index = models.PositiveIntegerField()
    issued_at = models.DateTimeField()
    document = models.TextField()  # the signed JSON, byte for byte as issued

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(result__isnull=False) & Q(decision__isnull=True))
                | (Q(result__isnull=True) & Q(decision__isnull=False)),
                name="credential_one_source",
            ),
            models.UniqueConstraint(
                fields=["result"], condition=Q(result__isnull=False), name="credential_per_result"
            ),
            models.UniqueConstraint(
                fields=["decision", "unit"],
                condition=Q(decision__isnull=False),
                name="credential_per_exemption",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="credential_status_index_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} · {self.student}"

    @property
    def signed(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.document)
        return parsed


class CredentialRevocation(models.Model):
    """Why and when a credential was revoked: by a correction that removed the achievement
    (`revoked_by` empty: the system did it in the correction's transaction) or by hand."""

    credential = models.OneToOneField(
        Credential, on_delete=models.PROTECT, related_name="revocation"
    )
    revoked_at = models.DateTimeField()
    reason_nl = models.TextField()
    reason_en = models.TextField()
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"{self.credential_id} revoked {self.revoked_at:%Y-%m-%d}"

    def reason(self, language: str) -> str:
        return self.reason_en if (language or "nl").startswith("en") else self.reason_nl
