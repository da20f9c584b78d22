"""The decision letter: the same content as HTML on the decision page and as an A4 PDF
(WeasyPrint), in the decision's own language (Dutch or English), whatever language the reader's
interface is in.

The letter's fixed wording lives here in both languages, next to the decision's own text, like
the default appeal clause in services.py: a decision is a legal document whose words are part of
it, so they do not depend on the interface's translation catalogue.

WeasyPrint fetches nothing: every style is in the template and the fetcher refuses any URL, so
text from a decision (autoescaped anyway) can never make the server request a resource.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.safestring import SafeString

from parcours.core.downloads import html_to_pdf

from . import selectors
from .models import Decision

PHRASES: dict[str, dict[str, str]] = {
    "nl": {
        "draft_mark": "CONCEPT – niet bekendgemaakt",
        "to": "Aan",
        "date_known": "Datum bekendmaking",
        "not_known": "nog niet bekendgemaakt",
        "reference": "Kenmerk",
        "programme": "Opleiding",
        "subject": "Onderwerp",
        "salutation": "Geachte {name},",
        "intro": "De {body} heeft op {date} het volgende besloten.",
        "intro_undated": "De {body} heeft het volgende besloten.",
        "decision": "Besluit",
        "unit": "Eenheid",
        "ec": "EC",
        "granted": "vrijstelling verleend",
        "not_granted": "geen vrijstelling",
        "reasons": "Motivering",
        "evidence": "Het besluit berust op",
        "legal_basis": "Wettelijke grondslag",
        "members": "Genomen door de leden",
        "decided_on": "Datum van het besluit",
        "appeal": "Beroep",
        "deadline": "U kunt uiterlijk {date} beroep instellen.",
        "deadline_moved": (
            "De termijn van {weeks} weken eindigde op {nominal} ({days}) en is verlengd tot en "
            "met de eerstvolgende werkdag (Algemene termijnenwet, art. 1)."
        ),
        "deadline_later": "De laatste dag voor beroep wordt berekend bij de bekendmaking.",
        "corrects": (
            "Dit besluit corrigeert het besluit van {date} (kenmerk {reference}) en treedt "
            "daarvoor in de plaats."
        ),
        "closing": "Met vriendelijke groet,",
    },
    "en": {
        "draft_mark": "CONCEPT (draft) – not made known",
        "to": "To",
        "date_known": "Date made known",
        "not_known": "not made known yet",
        "reference": "Reference",
        "programme": "Programme",
        "subject": "Subject",
        "salutation": "Dear {name},",
        "intro": "The {body} decided the following on {date}.",
        "intro_undated": "The {body} decided the following.",
        "decision": "Decision",
        "unit": "Unit",
        "ec": "EC",
        "granted": "exemption granted",
        "not_granted": "no exemption",
        "reasons": "Reasons",
        "evidence": "This decision rests on",
        "legal_basis": "Legal basis",
        "members": "Taken by the members",
        "decided_on": "Date of the decision",
        "appeal": "Appeal",
        "deadline": "You may lodge an appeal no later than {date}.",
        "deadline_moved": (
            "The term of {weeks} weeks ended on {nominal} ({days}) and is extended to and "
            "including the next working day (Algemene termijnenwet, art. 1)."
        ),
        "deadline_later": "The last day for an appeal is computed when the decision is made known.",
        "corrects": (
            "This decision corrects the decision of {date} (reference {reference}) and replaces it."
        ),
        "closing": "Yours sincerely,",
    },
}

SUBJECTS: dict[str, tuple[str, str]] = {
    Decision.Kind.EXEMPTION: (
        "Besluit op uw verzoek om vrijstelling",
        "Decision on your request for exemption",
    ),
    Decision.Kind.STUDY_PLAN: ("Besluit over uw studieplan", "Decision on your study plan"),
    Decision.Kind.DIPLOMA: ("Besluit over uw diploma", "Decision on your diploma"),
    Decision.Kind.PROPEDEUSE: ("Besluit over uw propedeuse", "Decision on your propedeuse"),
    Decision.Kind.BSA: ("Bindend studieadvies", "Binding study advice"),
    Decision.Kind.ADMISSION: (
        "Besluit op uw aanmelding voor toelating",
        "Decision on your application for admission",
    ),
}

OUTCOMES: dict[str, tuple[str, str]] = {
    Decision.Outcome.GRANTED: ("vrijstelling verleend", "exemption granted"),
    Decision.Outcome.PARTLY: ("vrijstelling gedeeltelijk verleend", "exemption partly granted"),
    Decision.Outcome.REFUSED: ("vrijstelling geweigerd", "exemption refused"),
    Decision.Outcome.ESTABLISHED: ("studieplan vastgesteld", "study plan established"),
    Decision.Outcome.NOT_ESTABLISHED: ("studieplan niet vastgesteld", "study plan not established"),
    Decision.Outcome.DIPLOMA: ("diploma toegekend", "diploma awarded"),
    Decision.Outcome.PROPEDEUSE: (
        "propedeusegetuigschrift toegekend",
        "propedeuse certificate awarded",
    ),
    Decision.Outcome.BSA_POSITIVE: ("positief studieadvies", "positive study advice"),
    Decision.Outcome.BSA_NEGATIVE: (
        "negatief bindend studieadvies",
        "negative binding study advice",
    ),
    Decision.Outcome.BSA_POSTPONED: ("studieadvies uitgesteld", "study advice postponed"),
    Decision.Outcome.ADMITTED: ("toegelaten", "admitted"),
    Decision.Outcome.NOT_ADMITTED: ("niet toegelaten", "not admitted"),
}


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "en" else pair[0]


def long_date(day: date | None) -> str:
    """A date as a letter writes it in the active language: "1 juni 2027", "1 June 2027"."""
    return formats.date_format(day, "j F Y") if day else ""


def reference(decision: Decision) -> str:
    return f"EC-{decision.pk:05d}"


@dataclass(frozen=True)
class LetterUnit:
    code: str
    title: str
    ec: int
    granted: bool


def letter_context(decision: Decision, *, language: str | None = None) -> dict[str, Any]:
    """Everything the letter shows, worded in `language` (default: the decision's). Call it
    inside translation.override(language) so dates and titles follow."""
    language = language or decision.language or "nl"
    t = PHRASES["en" if language == "en" else "nl"]
    student = decision.student
    term = selectors.appeal_term(decision)
    moved = ""
    if term and term.moved_past:
        moved = t["deadline_moved"].format(
            weeks=term.weeks,
            nominal=long_date(term.nominal_end),
            days=", ".join(term.moved_past),
        )
    corrects = decision.corrects
    body = decision.body or ""
    return {
        "decision": decision,
        "language": language,
        "t": t,
        "draft": not decision.is_known,
        "institution": decision.programme.institution,
        "programme": decision.programme,
        "student_name": str(student),
        "student_email": student.email,
        "reference": reference(decision),
        "made_known": long_date(decision.made_known_on),
        "subject": _pick(SUBJECTS.get(decision.kind, ("Besluit", "Decision")), language),
        "salutation": t["salutation"].format(name=str(student)),
        "intro": (
            t["intro"].format(body=body, date=long_date(decision.decided_on))
            if decision.decided_on
            else t["intro_undated"].format(body=body)
        ),
        "outcome": _pick(OUTCOMES[decision.outcome], language) if decision.outcome else "",
        "units": [
            LetterUnit(du.unit.code, du.unit.localized("title"), du.ec, du.granted)
            for du in decision.decision_units.all()
        ],
        "decided_on": long_date(decision.decided_on),
        "deadline": t["deadline"].format(date=long_date(term.deadline)) if term else "",
        "deadline_moved": moved,
        "corrects": (
            t["corrects"].format(
                date=long_date(corrects.made_known_on), reference=reference(corrects)
            )
            if corrects
            else ""
        ),
    }


def letter_body(decision: Decision) -> SafeString:
    """The letter as an HTML fragment for the decision page, in the decision's language."""
    with translation.override(decision.language or "nl"):
        return SafeString(
            render_to_string("examcommittee/letter_body.html", letter_context(decision))
        )


def letter_pdf(decision: Decision) -> bytes:
    """The letter as an A4 PDF in the decision's language."""
    with translation.override(decision.language or "nl"):
        html = render_to_string("examcommittee/letter.html", letter_context(decision))
    return html_to_pdf(html)


def letter_filename(decision: Decision) -> str:
    stem = "decision" if decision.language == "en" else "besluit"
    draft = "-concept" if not decision.is_known else ""
    return f"{stem}-{reference(decision)}{draft}.pdf"
