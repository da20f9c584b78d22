"""The account e-mails as a test reads them: send what waits in the outbox (inside the test's
transaction, where no commit runs the delivery task) and take the link out of the e-mail."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core import mail

from parcours.notifications.services import outbox_send_due

SIGNUP_LINK = re.compile(r"https?://[^/\s]+(/account/aanmelding/[\w-]+/[\w-]+/)")
RESET_LINK = re.compile(r"https?://[^/\s]+(/account/wachtwoord-herstellen/[\w-]+/[\w-]+/)")


def send_outbox() -> list[mail.EmailMessage]:
    """Send every due outbox message; the e-mails sent now."""
    before = len(mail.outbox)
    outbox_send_due()
    return list(mail.outbox[before:])


def link_in(message: mail.EmailMessage, pattern: re.Pattern[str]) -> str:
    """The one link of `pattern` in the message, as a path on this site."""
    (path,) = set(pattern.findall(str(message.body)))
    assert urlsplit(path).path == path
    return str(path)
