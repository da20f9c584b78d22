"""The Dutch interface: Dutch is the default language, English the source language.

The catalogue (parcours/locale/nl/LC_MESSAGES/django.po) and its compiled django.mo are both kept
in git, so a machine without gettext still speaks Dutch. After changing a translatable string:

    cd parcours && DJANGO_DEBUG=1 ../.venv/bin/python ../manage.py makemessages -l nl --no-obsolete
    (translate the new entries, drop any `#, fuzzy`)
    cd parcours && DJANGO_DEBUG=1 ../.venv/bin/python ../manage.py compilemessages
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

LC_MESSAGES = Path(settings.BASE_DIR) / "parcours" / "locale" / "nl" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # 0 for a singular entry

    @property
    def where(self) -> str:
        return f"django.po:{self.line} {self.msgid!r}"


def parse_po(text: str) -> list[Entry]:
    """A small .po reader: flags, msgctxt, msgid, msgid_plural, msgstr / msgstr[n], and the
    continuation lines of each. Obsolete (`#~`) entries are kept out by makemessages."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key: tuple[str, int] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, key = None, None
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            assert key is not None, f"django.po:{number}: continuation without a keyword"
            _append(entry, key, ast.literal_eval(line))
            continue
        keyword, _sep, value = line.partition(" ")
        match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if match:
            key = ("msgstr", int(match.group(1)))
        elif keyword in {"msgctxt", "msgid", "msgid_plural", "msgstr"}:
            key = (keyword, 0)
        else:
            raise AssertionError(f"django.po:{number}: cannot read {raw!r}")
        _append(entry, key, ast.literal_eval(value))
    return entries


def _append(entry: Entry, key: tuple[str, int], text: str) -> None:
    name, index = key
    if name == "msgstr":
        entry.msgstr[index] = entry.msgstr.get(index, "") + text
    elif name == "msgid":
        entry.msgid += text
    else:
        setattr(entry, name, (getattr(entry, name) or "") + text)


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse_po(PO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages(entries) -> list[Entry]:
    """Every entry except the header."""
    found = [e for e in entries if e.msgid]
    assert len(found) > 250, "the Dutch catalogue looks truncated"
    return found


def test_the_catalogue_header_declares_dutch_in_utf8(entries):
    header = entries[0]
    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    assert "Language: nl\n" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]


def test_every_message_is_translated_and_none_is_fuzzy(messages):
    untranslated = [
        e.where for e in messages if not e.msgstr or not all(s.strip() for s in e.msgstr.values())
    ]
    fuzzy = [e.where for e in messages if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_plural_messages_have_both_dutch_forms(messages):
    for e in messages:
        expected = [0, 1] if e.msgid_plural is not None else [0]
        assert sorted(e.msgstr) == expected, e.where


def test_translations_keep_the_placeholders(messages):
    for e in messages:
        if e.msgid_plural is None:
            assert sorted(PLACEHOLDER.findall(e.msgstr[0])) == sorted(
                PLACEHOLDER.findall(e.msgid)
            ), e.where
        else:
            allowed = set(PLACEHOLDER.findall(e.msgid)) | set(PLACEHOLDER.findall(e.msgid_plural))
            for form in e.msgstr.values():
                assert set(PLACEHOLDER.findall(form)) <= allowed, e.where


def test_the_compiled_catalogue_matches_the_po_file(messages):
    """django.mo is committed: it must hold exactly what django.po says (run compilemessages)."""
    assert MO.exists(), "run: cd parcours && ../manage.py compilemessages"
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    compiled = {k: v for k, v in catalog.items() if k != ""}
    expected: dict[object, str] = {}
    for e in messages:
        msgid = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            expected[msgid] = e.msgstr[0]
        else:
            for index, form in e.msgstr.items():
                expected[(msgid, index)] = form
    assert compiled == expected


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("Log in", "Inloggen"),
        ("Log out", "Uitloggen"),
        ("Rules", "Regels"),
        ("Catalogue", "Catalogus"),
        ("My start page", "Mijn startpagina"),
        ("Programmes", "Opleidingen"),
        ("draft", "concept"),
        ("published", "gepubliceerd"),
        ("Facilitated route", "Gefaciliteerde leerroute"),
        ("route-independent", "leerwegonafhankelijk"),
        ("Learning outcomes", "Leeruitkomsten"),
        ("units of learning outcomes", "eenheden van leeruitkomsten"),
        ("Assessment criteria", "Beoordelingscriteria"),
        ("Teachers' consent", "Instemming van docenten"),
    ],
)
def test_key_terms_use_the_dutch_higher_education_vocabulary(english, dutch):
    with translation.override("nl"):
        assert _(english) == dutch
    with translation.override("en"):
        assert _(english) == english


def test_model_choices_are_translated_lazily():
    from parcours.curriculum.models import Oer, ProgrammeVariant

    with translation.override("nl"):
        assert str(Oer.Status.DRAFT.label) == "concept"
        assert str(ProgrammeVariant.Form.PART_TIME.label) == "deeltijd"
    with translation.override("en"):
        assert str(Oer.Status.DRAFT.label) == "draft"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "dutch", "english"),
    [
        ("/regels/", "Regels als code", "Rules as code"),
        ("/account/inloggen/", "Gebruikersnaam", "Username"),
    ],
)
def test_pages_speak_dutch_by_default_and_english_when_asked(client, path, dutch, english):
    html = client.get(path).content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
    assert dutch in html
    assert "Log in" not in html
    assert english not in html

    html = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html
    assert english in html
    assert "Inloggen" not in html
    assert dutch not in html


@pytest.mark.django_db
def test_a_browser_asking_for_dutch_gets_dutch(client):
    html = client.get("/account/inloggen/", HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9,en;q=0.8")
    assert "Wachtwoord" in html.content.decode()
