"""Demo portfolios, built through the services on top of the demo students' study plans
(parcours.demo.studyplans).

Several students collect evidence (parcours.demo.portfolio_items: generated PDF and PNG files,
and links) mapped to criteria of units in their plans; coaches judge some of it on VRAAK; one
item is confirmed by the workplace supervisor and one invitation is still open.

The services take explicit dates (`on=`); the demo's dates lie around `TODAY`, after the plans
of 1 September 2026 and the guidance conversations of October.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.urls import reverse

from parcours.accounts.models import User
from parcours.curriculum.models import AssessmentCriterion, Oer
from parcours.demo.files import bar_chart_png, single_page_pdfs
from parcours.demo.portfolio_items import ITEMS, VRAAK, ItemSpec
from parcours.demo.shared import BASE_URL, days_ago, enrolments_by_username, people_by_username
from parcours.portfolio import services as portfolio
from parcours.portfolio.models import EvidenceItem, WorkplaceConfirmation
from parcours.studyplans.models import Enrolment

PDF_STYLE = (
    "@page{size:A4;margin:2cm}body{font-family:sans-serif;font-size:11pt}"
    "section{break-after:page}h1{font-size:16pt;color:#1d4e89}p.meta{color:#555}"
)


@dataclass(frozen=True)
class Portfolios:
    items: dict[str, EvidenceItem]  # by ItemSpec.key
    open_invitation: WorkplaceConfirmation  # its link: invitation_link() after the commit


def build_portfolios() -> Portfolios:
    people = people_by_username()
    enrolments = enrolments_by_username()
    files = _files(people)
    items = {
        spec.key: _item(spec, enrolments[spec.student], files.get(spec.key, b"")) for spec in ITEMS
    }
    for key, verdicts, note in VRAAK:
        _vraak(items[key], verdicts, note)
    supervisor = people["praktijkbegeleider.verpleegkunde"]
    answered = _invite(items["rachid.pico"], supervisor)
    portfolio.confirmation_answer(
        portfolio.confirmation_token_issue(answered),  # answered: its e-mail task sends nothing
        answer="confirmed",
        name=supervisor.get_full_name(),
        role="Praktijkbegeleider, wondverpleegkundige",
        organisation="Zorggroep Rivierenland",
        comment="Rachid heeft deze praktijkvraag zelf uitgewerkt en op de afdeling gepresenteerd.",
    )
    opened = _invite(items["jesse.datamodel"], people["praktijkbegeleider.ad"])
    return Portfolios(items=items, open_invitation=opened)


def _files(people: dict[str, User]) -> dict[str, bytes]:
    """The generated files by item key: one-page PDFs with the student as author, PNG charts."""
    pdf_specs = [spec for spec in ITEMS if spec.file_name.endswith(".pdf")]
    sections = [_section(s.title, people[s.student].get_full_name(), s.body) for s in pdf_specs]
    pdfs = single_page_pdfs(sections, style=PDF_STYLE)
    files = {spec.key: pdf for spec, pdf in zip(pdf_specs, pdfs, strict=True)}
    files |= {
        s.key: bar_chart_png(s.body[0], s.body[1:]) for s in ITEMS if s.file_name.endswith(".png")
    }
    return files


def _section(title: str, author: str, paragraphs: Sequence[str]) -> str:
    return (
        f"<section><h1>{escape(title)}</h1>"
        f"<p class='meta'>{escape(author)} · Hogeschool Parcours (demo)</p>"
        + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        + "</section>"
    )


def _criteria(enrolment: Enrolment, refs: Sequence[str]) -> list[int]:
    ids: list[int] = []
    for ref in refs:
        code, _, outcome = ref.partition(" ")
        found = AssessmentCriterion.objects.filter(
            outcome__unit__oer__variant_id=enrolment.variant_id,
            outcome__unit__oer__status=Oer.Status.PUBLISHED,
            outcome__unit__code=code,
        )
        if outcome:
            found = found.filter(outcome__code=outcome)
        ids += list(found.values_list("pk", flat=True))
    return ids


def _item(spec: ItemSpec, enrolment: Enrolment, content: bytes) -> EvidenceItem:
    student = enrolment.student
    item = portfolio.item_create(
        enrolment,
        actor=student,
        title=spec.title,
        kind=spec.kind,
        evidence_date=days_ago(spec.days_ago),
        description=spec.description,
        workplace=spec.workplace,
        organisation=spec.organisation,
        link=spec.link,
        file_name=spec.file_name,
        file=io.BytesIO(content) if content else None,
        file_size=len(content),
    )
    portfolio.item_map(item, actor=student, criterion_ids=_criteria(enrolment, spec.criteria))
    return item


def _vraak(item: EvidenceItem, verdicts: tuple[str, str, str, str, str], note: str) -> None:
    coach = item.enrolment.coach
    assert coach is not None
    variety, relevance, authenticity, currency, quantity = verdicts
    portfolio.vraak_record(
        item,
        actor=coach,
        variety=variety,
        relevance=relevance,
        authenticity=authenticity,
        currency=currency,
        quantity=quantity,
        note=note,
    )


def _invite(item: EvidenceItem, supervisor: User) -> WorkplaceConfirmation:
    """Invite `supervisor`; the e-mail (with the link) goes out when the demo commits."""
    return portfolio.confirmation_invite(
        item,
        actor=item.enrolment.student,
        supervisor_email=supervisor.email,
        supervisor_name=supervisor.get_full_name(),
        site_url=BASE_URL,
    )


def invitation_link(invitation: WorkplaceConfirmation) -> str:
    """A working link for the open invitation, for `seed_demo` to print. Call it after the demo
    has committed: the invitation's e-mail task runs on the commit and issues a token of its
    own, and only the newest token works (with the database tasks backend the worker sends
    the e-mail later, and the printed link stops working then)."""
    token = portfolio.confirmation_token_issue(invitation)
    return BASE_URL + reverse("portfolio:workplace_open", kwargs={"token": token})
