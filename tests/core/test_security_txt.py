"""/.well-known/security.txt (RFC 9116) says where to report a vulnerability and until when;
this test fails from 30 days before that date, so it is reviewed before it lapses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings


def _expires() -> datetime:
    return datetime.fromisoformat(settings.PARCOURS_SECURITY_TXT_EXPIRES.replace("Z", "+00:00"))


def test_security_txt_gives_contact_expiry_languages_and_its_address(client):
    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        f"Contact: {settings.PARCOURS_SECURITY_CONTACT}",
        f"Expires: {settings.PARCOURS_SECURITY_TXT_EXPIRES}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.PARCOURS_SITE_URL.rstrip('/')}/.well-known/security.txt",
    ]
    assert settings.PARCOURS_SECURITY_CONTACT.startswith(("mailto:", "https://"))


def test_security_txt_is_renewed_before_it_expires():
    """RFC 9116 §2.5.5: Expires is required, and should be less than a year ahead. Move it
    (PARCOURS_SECURITY_TXT_EXPIRES in config/settings.py) once the contact has been checked."""
    now = datetime.now(UTC)
    assert _expires() - now > timedelta(days=30), "review security.txt: it expires within 30 days"
    assert _expires() - now < timedelta(days=366), "RFC 9116: Expires less than a year ahead"
