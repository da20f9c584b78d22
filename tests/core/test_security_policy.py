"""SECURITY.md is where a finder reads how to report; it must keep pointing at things that
exist: the security.txt it names, the setting with the contact, the commands and files it cites."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
POLICY = (ROOT / "SECURITY.md").read_text(encoding="utf-8")


def test_the_policy_says_how_to_report_and_when_we_answer():
    assert "## How to report" in POLICY
    assert "**Do not open a public issue**" in POLICY
    assert "`/.well-known/security.txt` (RFC 9116)" in POLICY
    assert re.findall(r"within \*\*(\d+) (working days|days)\*\*", POLICY) == [
        ("3", "working days"),
        ("10", "working days"),
        ("30", "days"),
    ]


def test_every_command_setting_and_file_it_cites_exists(client):
    commands = set(re.findall(r"`manage\.py (\w+)", POLICY))
    assert commands == {"verify_audit", "backup", "restore", "purge_expired"}
    assert commands <= set(get_commands())
    assert "`PARCOURS_SECURITY_CONTACT` in `config/settings.py`" in POLICY
    assert settings.PARCOURS_SECURITY_CONTACT
    files = set(re.findall(r"`((?:docs|parcours)/[\w/]+\.(?:md|py))`", POLICY))
    assert files == {"docs/architecture.md", "parcours/privacy/registry.py"}
    assert all((ROOT / f).is_file() for f in files)
    assert client.get("/.well-known/security.txt").status_code == 200
