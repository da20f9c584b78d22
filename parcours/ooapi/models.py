"""The OOAPI provider stores nothing of its own: it reads the published curriculum, and its ids
are derived from the rows they name (ids.py).

The consumer stores the partners' catalogues: a `CatalogueSource` is a partner's OOAPI endpoint
an administrator registered, an `ExternalActivity` a course or component it offered, kept after
it is withdrawn (a study plan may name it)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueSource(models.Model):
    """A partner's OOAPI v5 endpoint. The bearer token is stored encrypted (tokens.py) and never
    shown back."""

    name = models.CharField(_("name"), max_length=200)
    base_url = models.URLField(_("base URL"), max_length=500)
    token_encrypted = models.TextField(blank=True, default="")
    refresh_hours = models.PositiveIntegerField(_("refresh interval (hours)"), default=24)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class ExternalActivity(models.Model):
    """A partner's course or component as its catalogue last described it."""

    class Kind(models.TextChoices):
        COURSE = "course", _("course")
        COMPONENT = "component", _("component")

    source = models.ForeignKey(CatalogueSource, on_delete=models.PROTECT, related_name="activities")
    ooapi_id = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    course_ooapi_id = models.CharField(max_length=100, blank=True, default="")
    name_nl = models.CharField(max_length=500, blank=True, default="")
    name_en = models.CharField(max_length=500, blank=True, default="")
    description_nl = models.TextField(blank=True, default="")
    description_en = models.TextField(blank=True, default="")
    ec = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    language = models.CharField(max_length=3, blank=True, default="")
    modes_of_delivery = models.JSONField(default=list, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    link = models.URLField(max_length=2048, blank=True, default="")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    class Meta:
        ordering = ("source", "kind", "ooapi_id")
        constraints = [
            models.UniqueConstraint(
                fields=("source", "kind", "ooapi_id"), name="external_activity_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name_nl or self.name_en or self.ooapi_id
