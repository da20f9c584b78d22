"""Renderers per kind of notification. The app that owns an event registers, in its
`AppConfig.ready`, a function that turns an object's id into the message in a language: the
notifications app never imports a higher app. A renderer is called twice over: when the event
happens (the inbox item, in the user's language) and when its e-mail is sent (the e-mail, in
the recipient's language, rendered then; a single-use link is issued only at that moment)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    kind: str
    object_id: int
    language: str
    recipient: str  # the e-mail address
    site_url: str  # scheme and host, for links in an e-mail


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    link: str = ""  # a path on this site ("/studie/versies/3/"), or empty


Renderer = Callable[[Target], Rendered | None]  # None: nothing to say any more (cancelled)
RENDERERS: dict[str, Renderer] = {}


def register_renderer(kind: str, renderer: Renderer) -> Renderer:
    RENDERERS[kind] = renderer
    return renderer


def renderer_for(kind: str) -> Renderer:
    try:
        return RENDERERS[kind]
    except KeyError:
        raise LookupError(f"no renderer registered for notification kind {kind!r}") from None
