"""The provider for these tests: one per test session (per xdist worker), sending browsers back
to the Django test client's host (tests/oidc_provider.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.oidc_provider import PARCOURS, SECRET, SFO_LEVEL2, Provider, running_provider


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    with running_provider(PARCOURS) as provider:
        yield provider


@pytest.fixture
def surfconext(settings, oidc_provider):
    """Parcours configured for the provider's well-behaved client; a test that needs a
    misbehaving one sets PARCOURS_OIDC_CLIENT_ID to it (provider.mjs lists them)."""
    settings.PARCOURS_OIDC_ISSUER = oidc_provider.issuer
    settings.PARCOURS_OIDC_DISCOVERY_URL = ""
    settings.PARCOURS_OIDC_CLIENT_ID = "parcours"
    settings.PARCOURS_OIDC_CLIENT_SECRET = SECRET
    settings.PARCOURS_OIDC_STEP_UP_ACR_VALUES = [SFO_LEVEL2]
    return oidc_provider
