"""Rules as code: a rule is a pure function over facts and an explicit date.

Nothing here imports Django or other parcours packages (import-linter enforces it), so a
policy officer's statement, its sources and its cases can be read and tested on their own.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .sources import SOURCES


class RuleKind(enum.StrEnum):
    LAW = "law"
    REGULATION = "regulation"
    INSTITUTION_POLICY = "institution_policy"


@dataclass(frozen=True)
class Citation:
    """A pointer into a legal source: which source, where in it, and a short verbatim quote."""

    source: str
    pinpoint: str = ""
    quote: str = ""

    def __post_init__(self) -> None:
        if self.source not in SOURCES:
            raise ValueError(f"unknown legal source {self.source!r}")

    @property
    def label(self) -> str:
        src = SOURCES[self.source]
        return f"{src.reference}, {self.pinpoint}" if self.pinpoint else src.reference

    def as_dict(self) -> dict[str, str]:
        src = SOURCES[self.source]
        return {
            "source": self.source,
            "reference": src.reference,
            "title": src.title,
            "pinpoint": self.pinpoint,
            "quote": self.quote,
            "label": self.label,
        }


@dataclass(frozen=True)
class Verdict:
    """What a rule function returns; the registry turns it into a RuleResult."""

    ok: bool
    message_nl: str = ""
    message_en: str = ""
    values_used: Mapping[str, Any] = field(default_factory=dict)


def allowed(**values_used: Any) -> Verdict:
    return Verdict(True, values_used=values_used)


def refused(message_nl: str, message_en: str, **values_used: Any) -> Verdict:
    return Verdict(False, message_nl, message_en, values_used)


def warned(message_nl: str, message_en: str, **values_used: Any) -> Verdict:
    """Allowed, but worth a warning that the UI shows with the rule and its source."""
    return Verdict(True, message_nl, message_en, values_used)


@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    ok: bool
    message_nl: str
    message_en: str
    citations: tuple[Citation, ...]
    values_used: Mapping[str, Any]

    def message(self, language: str = "nl") -> str:
        return self.message_en if language.startswith("en") else self.message_nl

    @property
    def warning(self) -> bool:
        return self.ok and bool(self.message_nl)

    @property
    def source_label(self) -> str:
        return "; ".join(c.label for c in self.citations)

    def grounds(self) -> dict[str, Any]:
        """What a decision or an established version stores to stay explainable later."""
        return {
            "rule": self.rule_id,
            "ok": self.ok,
            "values_used": {k: _jsonable(v) for k, v in self.values_used.items()},
            "citations": [c.as_dict() for c in self.citations],
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def validity_text(valid_from: date | None, valid_until: date | None, language: str = "nl") -> str:
    """A validity period in words: "in force since …" or "in force from … until … inclusive"."""
    english = language.startswith("en")
    start = valid_from.isoformat() if valid_from else None
    end = valid_until.isoformat() if valid_until else None
    if start and end:
        if english:
            return f"in force from {start} until {end} inclusive"
        return f"geldig van {start} tot en met {end}"
    if start:
        return f"in force since {start}" if english else f"geldig sinds {start}"
    if end:
        return f"in force until {end} inclusive" if english else f"geldig tot en met {end}"
    return "in force without a known start date" if english else "geldig zonder bekende begindatum"


class NotInForce(Exception):
    """A rule or parameter asked for on a date outside its validity.

    Like a DomainError it carries a Dutch and an English message the UI and the API can show,
    and a stable code; the rules package cannot import core.errors, so adapters translate it.
    """

    code = "not_in_force"
    what_nl = "Regel"
    what_en = "Rule"

    def __init__(
        self, name: str, on: date, valid_from: date | None, valid_until: date | None
    ) -> None:
        self.name = name
        self.on = on
        self.valid_from = valid_from
        self.valid_until = valid_until
        self.message_nl = (
            f"{self.what_nl} {name} geldt niet op {on.isoformat()}: "
            f"{validity_text(valid_from, valid_until, 'nl')}."
        )
        self.message_en = (
            f"{self.what_en} {name} does not apply on {on.isoformat()}: "
            f"{validity_text(valid_from, valid_until, 'en')}."
        )
        super().__init__(f"{self.message_nl} / {self.message_en}")

    def message(self, language: str = "nl") -> str:
        return self.message_en if language.startswith("en") else self.message_nl


class RuleNotInForce(NotInForce):
    """Raised by Rule.__call__ on a date outside the rule's validity."""

    code = "rule_not_in_force"

    @property
    def rule_id(self) -> str:
        return self.name


@dataclass(frozen=True)
class Rule:
    id: str
    title_nl: str
    title_en: str
    kind: RuleKind
    citations: tuple[Citation, ...]
    facts_type: type
    func: Callable[..., Verdict]
    valid_from: date
    valid_until: date | None = None
    statement_nl: str = ""  # the docstring's statement in Dutch, for /regels/ in Dutch
    # What a refusal after `valid_until` says first, in words people know ("The STAP budget
    # ended on 1 January 2024."); empty: the validity alone.
    ended_nl: str = ""
    ended_en: str = ""
    do_not_call_in_templates = True  # a Rule is callable; templates must read, not call it

    @property
    def statement(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    def statement_in(self, language: str = "nl") -> str:
        """The statement in `language`: Dutch when the rule has one, else the docstring."""
        if language.startswith("en") or not self.statement_nl:
            return self.statement
        return self.statement_nl

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def validity(self, language: str = "nl") -> str:
        return validity_text(self.valid_from, self.valid_until, language)

    def __call__(self, facts: Any, *, on: date) -> RuleResult:
        """The rule's result on `on`. Outside its validity (or its parameters') the rule is not
        applied: it refuses, naming the rule or parameter, the day and the validity, so every
        page and the API show it like any other refusal, with the rule's sources."""
        try:
            self.check_in_force(on)
            verdict = self.func(facts, on=on)
        except NotInForce as exc:
            verdict = refused(
                exc.message_nl,
                exc.message_en,
                not_in_force=exc.name,
                on=on,
                valid_from=exc.valid_from,
                valid_until=exc.valid_until,
            )
        return RuleResult(
            rule_id=self.id,
            ok=verdict.ok,
            message_nl=verdict.message_nl,
            message_en=verdict.message_en,
            citations=self.citations,
            values_used=dict(verdict.values_used),
        )

    def check_in_force(self, on: date) -> None:
        if not self.in_force(on):
            exc = RuleNotInForce(self.id, on, self.valid_from, self.valid_until)
            if self.ended_nl and self.valid_until is not None and on > self.valid_until:
                exc.message_nl = f"{self.ended_nl} {exc.message_nl}"
                exc.message_en = f"{self.ended_en} {exc.message_en}"
                exc.args = (f"{exc.message_nl} / {exc.message_en}",)
            raise exc

    def title(self, language: str = "nl") -> str:
        return self.title_en if language.startswith("en") else self.title_nl


REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    title_nl: str,
    title_en: str,
    kind: RuleKind,
    citations: list[Citation],
    valid_from: date,
    valid_until: date | None = None,
    statement_nl: str = "",
    ended_nl: str = "",
    ended_en: str = "",
) -> Callable[[Callable[..., Verdict]], Rule]:
    """Register a rule. Its first parameter's annotation names the facts dataclass it reads.

    `valid_from` (and `valid_until` once the rule has ended) date the rule as the law is dated:
    a rule asked for on a date outside that period raises RuleNotInForce. `statement_nl` is the
    docstring's statement in Dutch (a guard test requires one for every rule). `ended_nl` and
    `ended_en` (both or neither) name the end in words, first in a refusal after `valid_until`."""

    def register(func: Callable[..., Verdict]) -> Rule:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} registered twice")
        if not citations:
            raise ValueError(f"rule {rule_id} cites no source")
        if valid_until is not None and valid_until < valid_from:
            raise ValueError(f"rule {rule_id} ends before it starts")
        if bool(ended_nl) != bool(ended_en) or (ended_nl and valid_until is None):
            raise ValueError(f"rule {rule_id}: its end in words needs both languages and an end")
        hints = inspect.get_annotations(func, eval_str=True)
        first = next(iter(inspect.signature(func).parameters))
        registered = Rule(
            id=rule_id,
            title_nl=title_nl,
            title_en=title_en,
            kind=kind,
            citations=tuple(citations),
            facts_type=hints[first],
            func=func,
            valid_from=valid_from,
            valid_until=valid_until,
            statement_nl=statement_nl,
            ended_nl=ended_nl,
            ended_en=ended_en,
        )
        REGISTRY[rule_id] = registered
        return registered

    return register
