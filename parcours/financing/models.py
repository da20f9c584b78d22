"""Paying for higher education: the statutory tuition per academic year (entered by the
institution's administrator), and the demand-financing experiment (seed 002): modules of at
most 30 EC in a demand-financed variant, a student's enrolment for a module, and the voucher
verdict on it, stored once and never changed (rule financing.voucher).

A tuition rate of an academic year is corrected only while the year has not started and no
student is registered in it; after that it stays as entered (services.tuition_rate_set).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError
from parcours.curriculum.models import Bilingual, Institution, ProgrammeVariant, Unit
from parcours.studyplans.models import Enrolment


class TuitionRate(models.Model):
    """The statutory tuition (wettelijk collegegeld) of one academic year at an institution."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="tuition_rates"
    )
    first_year = models.PositiveSmallIntegerField(
        _("academic year (first calendar year)"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    amount_cents = models.PositiveIntegerField(_("statutory tuition (cents)"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-first_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "first_year"], name="tuition_rate_once_a_year"
            ),
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="tuition_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.institution} · {self.first_year}-{self.first_year + 1}"


class Module(Bilingual, models.Model):
    """A module of a demand-financed variant in one academic year: units of learning outcomes
    a student enrols and pays for together (at most 30 EC, rule financing.module)."""

    variant = models.ForeignKey(ProgrammeVariant, on_delete=models.PROTECT, related_name="modules")
    first_year = models.PositiveSmallIntegerField(
        _("academic year (first calendar year)"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    code = models.CharField(_("code"), max_length=20)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    units = models.ManyToManyField(Unit, related_name="modules", verbose_name=_("units"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-first_year", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "first_year", "code"], name="module_code_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.localized('name')}"


class ModuleEnrolment(models.Model):
    """A student's enrolment (in a demand-financed variant) for a module of that variant."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="module_enrolments"
    )
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="enrolments")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-module__first_year", "module__code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module"], name="module_enrolment_once")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.module.code}"


class ImmutableVerdict(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "Een voucherbesluit verandert niet meer nadat het is vastgelegd.",
            "A voucher verdict does not change once it is recorded.",
        )


class VoucherVerdict(models.Model):
    """Rule financing.voucher's verdict on a module enrolment, as it was given: written once;
    save() of an existing row and delete() are refused, and the database's triggers refuse an
    UPDATE that goes around them (migration 0002)."""

    module_enrolment = models.OneToOneField(
        ModuleEnrolment, on_delete=models.PROTECT, related_name="voucher"
    )
    holds_degree = models.BooleanField(_("holds a bachelor's or master's degree"))
    granted = models.BooleanField(_("granted"))
    amount_cents = models.PositiveIntegerField(_("voucher (cents)"))
    rule_id = models.CharField(_("rule"), max_length=64)
    reason_nl = models.TextField(_("reason (Dutch)"), blank=True)
    reason_en = models.TextField(_("reason (English)"), blank=True)
    grounds = models.JSONField(default=dict)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(granted=True, amount_cents__gt=0) | Q(granted=False, amount_cents=0),
                name="voucher_amount_iff_granted",
            )
        ]

    def __str__(self) -> str:
        return f"{self.module_enrolment}: {'granted' if self.granted else 'refused'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableVerdict
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableVerdict

    def reason(self, language: str) -> str:
        return self.reason_en if language.startswith("en") else self.reason_nl
