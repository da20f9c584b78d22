"""The subject-access export (AVG art. 15): one zip with `data.json` (every personal field of
every record about the person, the records they acted on, and the audit entries they made or
that concern their records: who read or changed what, when) and the person's stored files
(evidence, desk documents), each with its SHA-256."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import zipfile
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import require
from parcours.portfolio.services import evidence_storage

from .. import permissions, selectors
from ..selectors import StoredFile

FORMAT = "parcours-subject-access/1"
README = """Parcours: your personal data (AVG art. 15) / uw persoonsgegevens (AVG art. 15)

data.json   every record about you, per table (records), the records you acted on without
            their content (acted_on: other people's data stays out, AVG art. 15(4)), and the
            audit entries you made or that concern your records (audit: who read or changed
            what, and when)
files/      the files you uploaded or that were uploaded about you, listed in data.json
            under files with their SHA-256

data.json   elk gegeven over u, per tabel (records), de gegevens waaraan u werkte zonder hun
            inhoud (acted_on), en de auditregels die u maakte of die uw gegevens betreffen
            (audit: wie wat las of wijzigde, en wanneer)
files/      de bestanden die u uploadde of die over u werden geupload, in data.json onder
            files met hun SHA-256
"""


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:80] or "file"


def _read_stored(name: str) -> IO[bytes]:
    """A stored upload as its owner gave it (the one place the export opens a file)."""
    return evidence_storage().open(name, "rb")


def _add_file(archive: zipfile.ZipFile, stored: StoredFile) -> dict[str, Any]:
    path = f"files/{stored.model}/{stored.row_id}-{_safe(stored.original_name)}"
    entry: dict[str, Any] = {"model": stored.model, "id": stored.row_id, "path": path}
    digest = hashlib.sha256()
    try:
        with _read_stored(stored.stored_name) as source, archive.open(path, "w") as target:
            for chunk in iter(lambda: source.read(1 << 16), b""):
                digest.update(chunk)
                target.write(chunk)
    except FileNotFoundError:
        return entry | {"path": None, "missing": True}
    return entry | {"sha256": digest.hexdigest()}


@transaction.atomic
def subject_export(subject: User, *, actor: User) -> IO[bytes]:
    """The person's data as a zip in a temporary file (read from the start, removed when
    closed). The export itself is audited; its entry is in the export."""
    require(permissions.can_export_subject(actor, subject))
    audit_record(
        actor, "privacy.export", subject, by="self" if actor.pk == subject.pk else "administrator"
    )
    data = selectors.subject_data(subject)
    output = tempfile.TemporaryFile()  # noqa: SIM115  (handed to the response, which closes it)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        files = [_add_file(archive, stored) for stored in data.files]
        document = {
            "format": FORMAT,
            "subject": {"id": subject.pk, "username": subject.username},
            "made_at": timezone.now(),
            "records": data.records,
            "acted_on": data.acted_on,
            "files": files,
            "audit": data.audit,
        }
        archive.writestr(
            "data.json", json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        )
    output.seek(0)
    return output


def export_filename(subject: User) -> str:
    return f"parcours-{_safe(subject.username)}-{timezone.localdate():%Y%m%d}.zip"


def copy_export(stream: IO[bytes], path: str) -> None:
    """Write an export to a file (the management command)."""
    with open(path, "wb") as target:
        shutil.copyfileobj(stream, target)
