"""The e-mail outbox as accounts sees it. Accounts sits below `parcours.notifications`, so it
offers a port instead of importing it: notifications connects its `email_queue` here and
registers this app's renderers (`notices.RENDERERS`) in its AppConfig.ready. An e-mail is then
an outbox row like any other: written in the change's transaction, holding the kind, the
address, the language and the user's id, never a link; the renderer issues the single-use link
when the message is sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

from ..models import User

# Kinds of account e-mail (values of notifications.models.Kind; they go to an address, so a
# user cannot switch them off).
SIGNUP_CONFIRM = "account_confirm"
PASSWORD_RESET = "password_reset"


@dataclass(frozen=True)
class Mail:
    """A rendered e-mail (the fields of notifications.registry.Rendered)."""

    subject: str
    body: str
    link: str = ""


class Queue(Protocol):
    def __call__(self, kind: str, object_id: int, *, recipient: str, language: str) -> object: ...


_QUEUE: list[Queue] = []


def outbox_connect(queue: Queue) -> None:
    """Called by parcours.notifications when it is ready."""
    _QUEUE[:] = [queue]


def mail_queue(kind: str, user: User) -> None:
    """Queue an account e-mail to `user`'s address in their language; it is rendered and sent
    once the current transaction commits."""
    if not _QUEUE:
        raise ImproperlyConfigured("parcours.notifications is not installed: no outbox to write")
    _QUEUE[0](kind, user.pk, recipient=user.email, language=user.preferred_language)
