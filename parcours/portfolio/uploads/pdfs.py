"""A PDF is read with pypdf and every object reachable from its trailer is looked at (names
decoded, object streams unpacked, so `/J#61vaScript` or a script in a compressed object
stream is found as well as a plain one). Refused, with the reason:

- JavaScript anywhere: a `/JS` entry, an action of type `/JavaScript` (an `/OpenAction`, a
  link, a form field's or page's `/AA`), the document's `/JavaScript` name tree;
- a `/Launch` action (starts another program);
- attached (embedded) files: they would pass unchecked around every check made here;
- an XFA form (it carries its own scripts);
- a PDF protected by a password, since it cannot be looked into.

Page content streams are not decoded: they draw, they do not run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from parcours.core.upload_refusals import UploadRefused, UploadTooLarge

MAX_OBJECTS = 200_000

JAVASCRIPT = (
    "De PDF bevat JavaScript (programmacode die draait als het bestand wordt geopend); zulke "
    "PDF's worden geweigerd. Druk het document opnieuw af naar PDF of exporteer het zonder "
    "scripts.",
    "The PDF contains JavaScript (program code that runs when it is opened); such PDFs are "
    "refused. Print the document to PDF again or export it without scripts.",
)
LAUNCH = (
    "De PDF probeert een ander programma te starten (een /Launch-actie); zulke PDF's worden "
    "geweigerd.",
    "The PDF tries to start another program (a /Launch action); such PDFs are refused.",
)
EMBEDDED = (
    "De PDF bevat bijgevoegde bestanden; die kunnen niet worden gecontroleerd. Voeg ze los "
    "toe of sla de PDF op zonder bijlagen.",
    "The PDF carries attached files, which cannot be checked. Add them separately or save "
    "the PDF without attachments.",
)
XFA = (
    "De PDF bevat een XFA-formulier, dat eigen scripts kan uitvoeren; druk het af naar een "
    "gewone PDF.",
    "The PDF contains an XFA form, which can run its own scripts; print it to a plain PDF.",
)


def _damaged() -> UploadRefused:
    return UploadRefused("De PDF is onvolledig of beschadigd.", "The PDF is incomplete or damaged.")


def _dictionaries(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every dictionary (and stream dictionary) reachable from the trailer, each once."""
    stack: list[Any] = [reader.trailer]
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            if len(seen) > MAX_OBJECTS:
                raise UploadTooLarge(
                    f"De PDF bestaat uit meer dan {MAX_OBJECTS} objecten; splits haar.",
                    f"The PDF consists of more than {MAX_OBJECTS:,} objects; split it.",
                )
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            yield node
            stack.extend(dict.values(node))  # raw: references are followed here, once
        elif isinstance(node, ArrayObject):
            stack.extend(list.__iter__(node))


def _resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _active_content(node: DictionaryObject) -> tuple[str, str] | None:
    keys = set(dict.keys(node))
    action = _resolved(dict.get(node, "/S"))
    if "/JS" in keys or "/JavaScript" in keys or action == "/JavaScript":
        return JAVASCRIPT
    if action == "/Launch":
        return LAUNCH
    if (
        "/EmbeddedFiles" in keys
        or "/EF" in keys
        or _resolved(dict.get(node, "/Type"))
        in {
            "/EmbeddedFile",
            "/EmbeddedFiles",
        }
    ):
        return EMBEDDED
    if "/XFA" in keys:
        return XFA
    return None


def check_pdf(stream: IO[bytes]) -> None:
    """Refuses a PDF that pypdf cannot read, that is password-protected, or that carries
    active content (see the module docstring)."""
    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UploadRefused(
                "De PDF is met een wachtwoord beveiligd en kan dus niet worden gecontroleerd; "
                "sla haar op zonder wachtwoord.",
                "The PDF is protected by a password, so it cannot be checked; save it without "
                "a password.",
            )
        for node in _dictionaries(reader):
            found = _active_content(node)
            if found:
                raise UploadRefused(*found)
    except UploadRefused:
        raise
    except (PdfReadError, PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise _damaged() from exc
    except RecursionError as exc:
        raise _damaged() from exc
    finally:
        stream.seek(0)
