"""Comparing two OERs unit by unit, word by word."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from natsort import natsorted

from ..models import (
    Oer,
    Unit,
)
from .oers import oer_units


@dataclass
class Segment:
    """A run of words in a changed field: the same on both sides, removed or added."""

    op: str  # equal | delete | insert
    text: str


@dataclass
class Change:
    what: str  # a stable key (`title_nl`, `outcome LU-2 criteria`)
    old: str
    new: str
    label: str = ""  # the field in words, in the reader's language

    @property
    def segments(self) -> list[Segment]:
        return word_diff(self.old, self.new)

    @property
    def old_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.op != "insert"]

    @property
    def new_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.op != "delete"]


@dataclass
class UnitDiff:
    code: str
    title: str
    status: str  # added | removed | changed | unchanged
    changes: list[Change] = field(default_factory=list)


# a word with the white space after it (and any white space the text starts with), so two
# different words are never joined by the space between them
_WORDS = re.compile(r"\s+|\S+\s*")


def word_diff(old: str, new: str) -> list[Segment]:
    """`old` → `new` word by word (difflib on words with their trailing white space): what
    stayed, what was removed and what was added, in reading order; neighbouring words with the
    same fate form one segment."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    segments: list[Segment] = []

    def add(op: str, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1].text += text
        else:
            segments.append(Segment(op, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
            continue
        add("delete", a[i1:i2])
        add("insert", b[j1:j2])
    return segments


_FIELD_LABELS = {
    "title_nl": lambda: _("Title (Dutch)"),
    "title_en": lambda: _("Title (English)"),
    "ec": lambda: _("Study load (EC)"),
    "nlqf_level": lambda: _("NLQF level"),
    "description_nl": lambda: _("Description (Dutch)"),
    "activities": lambda: _("Learning activities"),
    "assessment forms": lambda: _("Assessment forms"),
}


def _field_label(key: str) -> str:
    """A snapshot key in words: `outcome LU-2 level 3` → "Learning outcome LU-2, level 3"."""
    if key in _FIELD_LABELS:
        return _FIELD_LABELS[key]()
    outcome = re.fullmatch(r"outcome (.+?)(?: (criteria)| level (\d+))?", key)
    if outcome:
        code, criteria, level = outcome.groups()
        if criteria:
            return _("Assessment criteria of learning outcome %(code)s") % {"code": code}
        if level:
            return _("Learning outcome %(code)s, level %(level)s") % {"code": code, "level": level}
        return _("Learning outcome %(code)s") % {"code": code}
    return key


def _unit_snapshot(unit: Unit) -> dict[str, str]:
    snap = {
        "title_nl": unit.title_nl,
        "title_en": unit.title_en,
        "ec": str(unit.ec),
        "nlqf_level": str(unit.nlqf_level),
        "description_nl": unit.description_nl,
    }
    for o in natsorted(unit.outcomes.all(), key=lambda o: o.code):
        snap[f"outcome {o.code}"] = o.text_nl
        snap[f"outcome {o.code} criteria"] = "\n".join(c.text_nl for c in o.criteria.all())
        for lvl in o.levels.all():
            snap[f"outcome {o.code} level {lvl.level}"] = lvl.text_nl
    snap["activities"] = "\n".join(
        f"{a.get_kind_display()}: {a.title_nl} ({a.hours} h, {a.get_mode_display()})"
        for a in unit.activities.all()
    )
    snap["assessment forms"] = "\n".join(
        f"{f.get_kind_display()}" + ("" if f.route_independent else " (route-bound)")
        for f in unit.assessment_forms.all()
    )
    return snap


def oer_diff(old: Oer, new: Oer) -> list[UnitDiff]:
    """Unit by unit (matched on code, in natural order: VP-2 before VP-10), what changed from
    `old` to `new`: each changed field named in words, in the order a unit reads."""
    old_units = {u.code: u for u in oer_units(old)}
    new_units = {u.code: u for u in oer_units(new)}
    diffs: list[UnitDiff] = []
    for code in natsorted(old_units.keys() | new_units.keys()):
        before, after = old_units.get(code), new_units.get(code)
        if before is None:
            assert after is not None
            diffs.append(UnitDiff(code, after.localized("title"), "added"))
            continue
        if after is None:
            diffs.append(UnitDiff(code, before.localized("title"), "removed"))
            continue
        a, b = _unit_snapshot(before), _unit_snapshot(after)
        keys = list(b) + [k for k in a if k not in b]
        changes = [
            Change(key, a.get(key, ""), b.get(key, ""), _field_label(key))
            for key in keys
            if a.get(key, "") != b.get(key, "")
        ]
        diffs.append(
            UnitDiff(code, after.localized("title"), "changed" if changes else "unchanged", changes)
        )
    return diffs


# --- reference data ---------------------------------------------------------------------------
