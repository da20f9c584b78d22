"""The one way to write the audit log: `audit_record`, called by services inside their
transaction, and `audit_security_event` (parcours.core.security_events) for what happens around
them. Entries are appended to a hash chain (parcours.core.audit_chain) and never changed."""

import hashlib
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from .audit_chain import GENESIS_HASH, compute_hash, normalise_data
from .models import AuditEntry

# The hash format new entries are written with (parcours.core.audit_chain.compute_hash).
HASH_VERSION = 2

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
    # already holds the database's single write lock. Elsewhere the unique sequence and
    # previous_hash are the backstop: a racing writer fails instead of forking the chain.


def append_entry(
    *,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    data: dict[str, Any],
    role: str = "",
    request_id: str = "",
    client_ip: str | None = None,
) -> AuditEntry:
    """Append one entry after the chain's head (under the chain lock)."""
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
            "hash_version": HASH_VERSION,
            "role": role,
            "request_id": request_id,
            "client_ip": client_ip,
        }
        return AuditEntry.objects.create(entry_hash=compute_hash(**fields), **fields)


def audit_record(actor: Any, action: str, obj: models.Model, **data: Any) -> AuditEntry:
    """Append an audit entry; services call this inside their transaction.

    `data` is stored as JSON: dates and Decimals become strings here, so the entry's hash is the
    same when it is read back from SQLite or PostgreSQL.
    """
    from .security_events import client_ip, current_request, request_id_of

    request = current_request()  # the request being answered, if any: its id and address
    return append_entry(
        actor_id=actor.pk if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data,
        request_id=request_id_of(request),
        client_ip=client_ip(request),
    )
