"""System checks: the retention terms in the settings name known classes, are whole numbers of
days, and never shorten a term the institution must keep."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from .retention import BY_NAME


@register()
def retention_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    configured = getattr(settings, "PARCOURS_RETENTION_DAYS", {}) or {}
    for name, days in configured.items():
        record_class = BY_NAME.get(name)
        if record_class is None:
            errors.append(
                Error(
                    f"PARCOURS_RETENTION_DAYS names {name!r}, which is no record class.",
                    hint="Known classes: " + ", ".join(sorted(BY_NAME)),
                    id="privacy.E001",
                )
            )
        elif not isinstance(days, int) or isinstance(days, bool) or days < 0:
            errors.append(
                Error(
                    f"PARCOURS_RETENTION_DAYS[{name!r}] must be a whole number of days, 0 or "
                    f"more, not {days!r}.",
                    id="privacy.E002",
                )
            )
        elif record_class.legal_obligation and (
            record_class.days is None or days < record_class.days
        ):
            errors.append(
                Error(
                    f"PARCOURS_RETENTION_DAYS[{name!r}] = {days} is shorter than the "
                    f"{record_class.days} days the institution must keep these records.",
                    hint="A term under a legal obligation may be longer, never shorter.",
                    id="privacy.E003",
                )
            )
    return errors
