"""The demo's microcredentials: Jesse claimed an Open Badges credential for each unit achieved
in the integral assessment (AD-3 and AD-4), through the credentials' own service, signed with
the demo's key (with DEBUG a key is made under var/credential-keys on first use; tests set one
in the environment). Without any key (seed_demo --allow-production on a server where none is
set up) nothing can be signed, so no credential is claimed."""

from __future__ import annotations

from django.utils import timezone

from parcours.accounts.models import User
from parcours.credentials import keys, selectors, services
from parcours.credentials.models import Credential

CLAIMANT = "student.jesse"


def build_credentials() -> list[Credential]:
    jesse = User.objects.get(username=CLAIMANT)
    try:
        keys.key_ring()
    except keys.CredentialKeyError:
        return []
    return [
        services.credential_claim(achievement, actor=jesse)
        for achievement in selectors.achievements_of(jesse, on=timezone.localdate())
        if achievement.how == Credential.How.INTEGRAL
    ]
