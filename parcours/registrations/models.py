"""Registrations per academic year (inschrijvingen) of a student's enrolment, and the 1 October
funding count (peildatum) taken as an immutable snapshot.

A `studyplans.Enrolment` is the student in a variant; a `Registration` is that enrolment in one
academic year, from an individual start date until a de-enrolment (with its reason) or the end
of the year. The enrolment year of a registration (how many academic years the student has been
registered at the programme, any variant, up to this one) is computed in the database
(`selectors.with_enrolment_year`), never stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError
from parcours.curriculum.models import Institution
from parcours.studyplans.models import Enrolment


class Registration(models.Model):
    class EndReason(models.TextChoices):
        GRADUATED = "graduated", _("graduated")
        STOPPED = "stopped", _("stopped")
        SWITCHED = "switched", _("switched programme")
        OTHER = "other", _("other reason")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="registrations")
    first_year = models.PositiveSmallIntegerField(_("academic year (first calendar year)"))
    starts_on = models.DateField(_("registered from"))
    # The last day the student is registered; empty: until the end of the academic year.
    ends_on = models.DateField(_("de-enrolled after"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for de-enrolment"), max_length=10, choices=EndReason.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["first_year", "starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "first_year"], name="registration_once_a_year"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="registration_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True, end_reason="")
                | (Q(ends_on__isnull=False) & ~Q(end_reason="")),
                name="registration_end_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["first_year", "starts_on"], name="registration_by_year")]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.first_year}-{self.first_year + 1}"


class ImmutableRecord(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "Een peildatumtelling verandert niet meer nadat ze is vastgelegd.",
            "A census snapshot does not change once it is recorded.",
        )


class _Immutable(models.Model):
    """Written once; save() of an existing row and delete() are refused (and the database's
    triggers refuse an UPDATE that goes around them: migration 0002)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableRecord
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableRecord


class CensusSnapshot(_Immutable):
    """The funding count of an institution on a census date (1 October), as it was taken."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="census_snapshots"
    )
    census_date = models.DateField(_("census date"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    taken_at = models.DateTimeField(auto_now_add=True)
    total = models.PositiveIntegerField(_("registrations"))
    counted = models.PositiveIntegerField(_("counted"))

    class Meta:
        ordering = ["-census_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "census_date"], name="census_snapshot_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} · {self.census_date.isoformat()}"


class CensusLine(_Immutable):
    """One registration in a snapshot: whether it counted, why (the reason code of rule
    funding.census), and its enrolment year on the census date."""

    class Reason(models.TextChoices):
        COUNTED = "counted", _("counted")
        NOT_ENROLLED = "not_enrolled", _("not enrolled on the census date")
        DEMAND_FINANCED = "demand_financed", _("demand financing: no government funding")
        BEYOND_NOMINAL = "beyond_nominal", _("beyond the nominal duration")

    snapshot = models.ForeignKey(CensusSnapshot, on_delete=models.PROTECT, related_name="lines")
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="+")
    counted = models.BooleanField(_("counted"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    enrolment_year = models.PositiveSmallIntegerField(_("enrolment year"))

    class Meta:
        ordering = ["snapshot", "id"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "registration"], name="census_line_once"),
            models.CheckConstraint(
                condition=Q(counted=True, reason="counted")
                | (Q(counted=False) & ~Q(reason="counted")),
                name="census_line_counted_iff_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot} · {self.registration_id}: {self.reason}"
