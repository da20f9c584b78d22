"""The JSON-LD document loader: local copies of the contexts, never the network.

`local_document_loader(url)` answers a context URL listed in `contexts/index.json` with the
copy beside it (see `contexts/README.md` for where each came from) and refuses every other URL
with `ContextNotLocal`. pyld calls it for every `@context` it meets, nested and imported ones
too, so a document that names any other context cannot be expanded, canonicalized, signed or
verified: nothing is fetched at sign or verify time.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
# The 1EdTech Open Badges 3.0 AchievementCredential JSON Schema (schemas/README.md).
SCHEMA_PATH = (
    Path(__file__).resolve().parent / "schemas" / "ob_v3p0_achievementcredential_schema.json"
)


class ContextNotLocal(Exception):
    """A context URL that Parcours keeps no local copy of (it is never fetched)."""

    def __init__(self, url: object) -> None:
        self.url = str(url)[:200]
        super().__init__(
            f"The JSON-LD context {self.url!r} is not one of Parcours's local copies; "
            "contexts are never fetched from the network."
        )


@cache
def _index() -> dict[str, str]:
    with (CONTEXTS_DIR / "index.json").open(encoding="utf-8") as index:
        mapping: dict[str, str] = json.load(index)
    return mapping


@cache
def _document(url: str) -> str:
    """The copy's text (parsed anew per use, so no caller can change a shared object)."""
    return (CONTEXTS_DIR / _index()[url]).read_text(encoding="utf-8")


def local_urls() -> frozenset[str]:
    """Every context URL there is a local copy of."""
    return frozenset(_index())


def is_local(url: object) -> bool:
    return isinstance(url, str) and url in _index()


def local_context(url: str) -> Any:
    """The parsed copy of one local context (ContextNotLocal for any other URL)."""
    if not is_local(url):
        raise ContextNotLocal(url)
    return json.loads(_document(url))


def local_document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld `documentLoader`: the local copy of `url`, or ContextNotLocal."""
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": local_context(url),
    }
