"""The institution's calendar and organisation: academic years with their periods and start
moments, and organisational units (faculty or academy, department) a programme belongs to.

`Oer.academic_year` stays the first calendar year as a number; an `AcademicYear` with the same
first year is the institution's calendar for it."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _localized(obj: models.Model, name: str) -> str:
    lang = (get_language() or "nl")[:2]
    return str(getattr(obj, f"{name}_{lang}", "") or getattr(obj, f"{name}_nl", ""))


class AcademicYear(models.Model):
    """A studiejaar of the institution: by default 1 September to 31 August (WHW art. 1.1,
    "studiejaar"). DOMAIN.md and the seed documents do not define it; CBS states the same
    period for hbo and wo (https://www.cbs.nl/nl-nl/onze-diensten/methoden/begrippen/studiejaar)
    and rules/in_force.py already dates laws from 1 September. An institution may set other
    dates (within a year, starting in the first calendar year)."""

    institution = models.ForeignKey(
        "curriculum.Institution", on_delete=models.PROTECT, related_name="academic_years"
    )
    first_year = models.PositiveSmallIntegerField(_("first calendar year"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["institution", "-first_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "first_year"], name="academic_year_per_institution"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="academic_year_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_year}-{self.first_year + 1}"


class AcademicPeriod(models.Model):
    """A period (blok, kwartiel, semester) of an academic year; periods do not overlap."""

    year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="periods")
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["year", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="academic_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return _localized(self, "name")


class StartMoment(models.Model):
    """A day of the academic year on which students may start."""

    year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="start_moments")
    starts_on = models.DateField(_("start date"))

    class Meta:
        ordering = ["year", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["year", "starts_on"], name="start_moment_per_day")
        ]

    def __str__(self) -> str:
        return self.starts_on.isoformat()


class OrganisationalUnit(models.Model):
    """A faculty, academy or department of the institution; a department has its parent."""

    institution = models.ForeignKey(
        "curriculum.Institution", on_delete=models.PROTECT, related_name="organisational_units"
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["institution", "name_nl"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "name_nl"], name="organisational_unit_name"
            )
        ]

    def __str__(self) -> str:
        return _localized(self, "name")
