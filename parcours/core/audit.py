from typing import Any

from django.db import models

from .models import AuditEntry


def audit_record(actor: Any, action: str, obj: models.Model, **data: Any) -> AuditEntry:
    """Append an audit entry; services call this inside their transaction."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data,
    )
