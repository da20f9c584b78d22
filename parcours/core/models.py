from django.conf import settings
from django.db import models
from django.db.models.functions import Length


class AuditEntry(models.Model):
    """An append-only record of a state change: who did what to which object, with what data.

    The entries form a hash chain (docs/decisions/0005-hash-chained-audit-log.md): `sequence`
    counts 1, 2, 3 …, `previous_hash` is the `entry_hash` of the entry before (64 zeros for the
    first) and `entry_hash` is the SHA-256 of the entry's canonical JSON
    (`parcours.core.audit_chain`). Entries are written only by `parcours.core.audit.audit_record`;
    database triggers refuse every UPDATE and DELETE (and TRUNCATE on PostgreSQL).
    """

    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    # UNIQUE: two entries can never follow the same one, so the chain cannot fork.
    previous_hash = models.CharField(max_length=64, unique=True, editable=False)
    entry_hash = models.CharField(max_length=64, editable=False)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    # 1: entries written before security events (hash without the three fields below);
    # 2: the hash covers role, request_id and client_ip too (parcours.core.audit_chain).
    hash_version = models.PositiveSmallIntegerField(default=1, editable=False)
    role = models.CharField(max_length=40, blank=True, default="", editable=False)
    request_id = models.CharField(max_length=64, blank=True, default="", editable=False)
    client_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sequence__gte=1), name="core_auditentry_sequence_from_1"
            ),
            models.CheckConstraint(
                condition=models.lookups.Exact(Length("previous_hash"), 64),
                name="core_auditentry_previous_hash_64",
            ),
            models.CheckConstraint(
                condition=models.lookups.Exact(Length("entry_hash"), 64),
                name="core_auditentry_entry_hash_64",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"#{self.sequence} {self.at:%Y-%m-%d %H:%M} {self.action} "
            f"{self.object_type}#{self.object_id}"
        )
