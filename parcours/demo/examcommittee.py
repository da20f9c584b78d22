"""Demo exam-committee data, built through the services on top of the demo students' plans,
portfolios and assessments (parcours.demo.portfolio, parcours.demo.assessments): the prospective
student who signed up at the desk, the documents sent to the desk as PDFs, the validation desk
(parcours.demo.desk) and the Ad's exemptions, diplomas and BSA (parcours.demo.diplomas).

Dates are passed to the services (`on=`) and lie before the demo's `TODAY`; timestamps the
services write themselves (created_at, made known at) are the time of seeding.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from django.utils import translation

from parcours.accounts.models import User
from parcours.curriculum.models import Institution, Oer, Programme, Unit
from parcours.demo.accounts import PROSPECTIVE, create_account
from parcours.demo.curriculum.programmes import programme_slug
from parcours.demo.curriculum.specs import INSTITUTION_CODE
from parcours.demo.desk import build_desk
from parcours.demo.desk_documents import DOCUMENTS, DocSpec
from parcours.demo.diplomas import build_ad
from parcours.demo.files import single_page_pdfs
from parcours.demo.shared import enrolments_by_username, people_by_username
from parcours.examcommittee import services as committee
from parcours.examcommittee.models import Decision, DeskRequest

DOCUMENT_STYLE = (
    "@page{size:A4;margin:2.5cm}body{font-family:serif;font-size:12pt}"
    "section{break-after:page;border:3px double #1d4e89;padding:1.5cm;min-height:18cm}"
    "h1{font-size:20pt;color:#1d4e89;text-align:center}"
    "p.issuer{text-align:center;font-variant:small-caps;letter-spacing:.1em}"
    "p.demo{color:#777;font-size:9pt;margin-top:3cm}"
)


def _documents(specs: Sequence[DocSpec]) -> dict[str, bytes]:
    """One single-page PDF per document, by its key."""
    sections = [
        f"<section><p class='issuer'>{escape(s.issuer)}</p><h1>{escape(s.title)}</h1>"
        + "".join(f"<p>{escape(line)}</p>" for line in s.lines)
        + "<p class='demo'>Synthetisch document voor de demo van Parcours</p></section>"
        for s in specs
    ]
    pages = single_page_pdfs(sections, style=DOCUMENT_STYLE)
    return {s.key: pdf for s, pdf in zip(specs, pages, strict=True)}


@dataclass(frozen=True)
class Built:
    granted: Decision  # the exemption for two units whose appeal deadline moved past Christmas
    diploma: Decision


class Committee:
    """The seeded demo as the exam committee's builders use it."""

    def __init__(self) -> None:
        self.people = people_by_username()
        self.enrolments = enrolments_by_username()
        self.programmes = {p.croho_code: p for p in Programme.objects.all()}
        self.institution = Institution.objects.get(brin_code=INSTITUTION_CODE)
        self.units: dict[str, Unit] = {
            u.code: u
            for u in Unit.objects.filter(oer__status=Oer.Status.PUBLISHED).select_related("oer")
        }
        self.documents: dict[str, bytes] = {}

    def user(self, username: str) -> User:
        return self.people[username]

    def chair(self, croho_code: str) -> User:
        return self.people[f"examencommissie.{programme_slug(croho_code)}"]

    def unit_ids(self, codes: Sequence[str]) -> list[int]:
        return [self.units[code].pk for code in codes]

    # the desk

    def prospective(self) -> None:
        for person in PROSPECTIVE:
            # signed up at the desk, as parcours.examcommittee.views.desk.signup does
            self.people[person.username] = create_account(person, actor=None)

    def question(
        self, croho_code: str, *, name: str, email: str, subject: str, message: str, on: date
    ) -> DeskRequest:
        return committee.desk_request_create(
            self.institution,
            actor=None,
            programme=self.programmes[croho_code],
            kind=DeskRequest.Kind.QUESTION,
            contact_name=name,
            contact_email=email,
            subject=subject,
            message=message,
            on=on,
        )

    def exemption_request(
        self,
        username: str,
        croho_code: str,
        *,
        units: Sequence[str],
        documents: Sequence[str],
        subject: str,
        message: str,
        on: date,
    ) -> DeskRequest:
        specs = {s.key: s for s in DOCUMENTS}
        return committee.desk_request_create(
            self.institution,
            actor=self.user(username),
            programme=self.programmes[croho_code],
            kind=DeskRequest.Kind.EXEMPTION,
            subject=subject,
            message=message,
            unit_ids=self.unit_ids(units),
            documents=[
                committee.Upload(
                    specs[key].file_name,
                    io.BytesIO(self.documents[key]),
                    len(self.documents[key]),
                    kind=specs[key].kind,
                    issuer=specs[key].issuer,
                )
                for key in documents
            ],
            on=on,
        )

    def decide(
        self,
        request: DeskRequest,
        grants: Mapping[str, bool],
        *,
        reasons: str,
        decided_on: date,
        made_known_on: date,
    ) -> Decision:
        """The exemption decision on a request, drafted, completed and made known."""
        actor = self.chair(request.programme.croho_code)
        draft = committee.exemption_draft(request, actor=actor)
        committee.decision_update(
            draft,
            actor=actor,
            unit_grants={self.units[code].pk: granted for code, granted in grants.items()},
            reasons=reasons,
            decided_on=decided_on,
        )
        return committee.decision_make_known(draft, actor=actor, on=made_known_on)


def build_exam_committee() -> Built:
    demo = Committee()
    with translation.override("nl"):  # the labels in evidence lists are the institution's
        demo.prospective()
        demo.documents = _documents(DOCUMENTS)
        granted = build_desk(demo)
        diploma = build_ad(demo)
    return Built(granted=granted, diploma=diploma)
