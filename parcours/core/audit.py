"""The one way to write the audit log: `audit_record`, called by services inside their
transaction. Entries are appended to a hash chain (parcours.core.audit_chain) and never changed."""

import hashlib
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from .audit_chain import GENESIS_HASH, compute_hash, normalise_data
from .models import AuditEntry

# PostgreSQL advisory lock that serialises appends to the chain, taken for the rest of the
# transaction. A row lock on the last entry would not do: under READ COMMITTED a second writer
# waiting for that row reads the same "last" entry again once it is released, and then collides
# on the sequence number instead of appending after the first writer.
CHAIN_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"parcours.core.auditentry").digest()[:8], "big", signed=True
)


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    # SQLite: write transactions begin IMMEDIATE (config/settings.py), so the transaction
    # already holds the database's single write lock. Elsewhere the unique sequence is the
    # backstop: a racing writer fails instead of forking the chain.


def audit_record(actor: Any, action: str, obj: models.Model, **data: Any) -> AuditEntry:
    """Append an audit entry; services call this inside their transaction.

    `data` is stored as JSON: dates and Decimals become strings here, so the entry's hash is the
    same when it is read back from SQLite or PostgreSQL.
    """
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    object_type = obj._meta.label_lower
    object_id = str(obj.pk)
    stored_data = normalise_data(data)
    # No savepoint: a failed append fails the caller's whole transaction, as it should.
    with transaction.atomic(savepoint=False):
        _lock_chain()
        last = AuditEntry.objects.order_by("-sequence").values("sequence", "entry_hash").first()
        fields: dict[str, Any] = {
            "sequence": last["sequence"] + 1 if last else 1,
            "previous_hash": last["entry_hash"] if last else GENESIS_HASH,
            # Taken after the lock, so `at` follows the order of the chain (as far as the clock
            # does).
            "at": timezone.now(),
            "actor_id": actor_id,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "data": stored_data,
        }
        return AuditEntry.objects.create(entry_hash=compute_hash(**fields), **fields)
