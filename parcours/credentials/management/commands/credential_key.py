"""manage.py credential_key: a new credential signing key, made current (rotation)."""

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from parcours.credentials import keys


class Command(BaseCommand):
    help = (
        "Make a new Ed25519 credential signing key in PARCOURS_CREDENTIAL_KEYS_DIR (file 0600) "
        "and make it the current one; print its id. Older keys stay and still verify. With "
        "PARCOURS_CREDENTIAL_KEYS (inline keys) set, print the entry to put first instead."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        inline = getattr(settings, "PARCOURS_CREDENTIAL_KEYS", "")
        if inline:
            try:
                ring = keys.parse_inline(inline)
            except keys.CredentialKeyError as exc:
                raise CommandError(str(exc)) from exc
            key_id = keys.next_key_id(list(ring.keys))
            entry = f"{key_id}:{keys.private_key_multibase(Ed25519PrivateKey.generate())}"
            self.stdout.write(
                "PARCOURS_CREDENTIAL_KEYS is set: put this entry first in it (keep the others):"
            )
            self.stdout.write(entry)
            return
        directory = keys.configured_directory()
        if directory is None:
            raise CommandError(
                "Set PARCOURS_CREDENTIAL_KEYS_DIR to the directory for the credential keys "
                "(outside the repository and the database)."
            )
        try:
            key_id = keys.create_key(directory)
        except (keys.CredentialKeyError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(key_id)
