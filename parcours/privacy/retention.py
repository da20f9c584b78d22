"""How long each class of record is kept, and why (`manage.py purge_expired` deletes what has
passed its term; an erasure request on a record still under a legal obligation is refused by
rule `privacy.erasure`).

The terms follow the Selectielijst hogescholen (Vereniging Hogescholen, versie 2022) where it
gives one. Its general terms, as summarised by NQA ("Bewaartermijnen toetsen",
https://www.nqa.nl/nl/beoordeling/bewaartermijnen-toetsen): 1 or 2 years for records of limited
evidential value, 5 years for records that ground legal claims, 10 years for records with a
heavier legal basis the hogeschool must keep, and 50 years for records that give the graduate
the right to their degree or propedeuse during their working life. Where a term below is not
one of those categories applied to an item we could check, it says "institution policy": the
institution's own choice, to be confirmed by its privacy officer and archivist.

Every term can be changed per class in the settings (`PARCOURS_RETENTION_DAYS`, e.g.
`notification=400,outbox_message=30` in the environment); a term for a record under a legal
obligation cannot be set shorter than its default (system check privacy.E003).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models

SELECTIELIJST = "selectielijst"
INSTITUTION_POLICY = "institution_policy"
TECHNICAL = "technical"


def years(n: int) -> int:
    """A term of n years in days: 365.25 a year, rounded up, so it never ends before the
    anniversary (50 years: 18,263 days)."""
    return math.ceil(n * 365.25)


YEAR = years(1)


@dataclass(frozen=True)
class RecordClass:
    """Records of one model (and filter) kept for one term from one date."""

    name: str
    model: str  # app_label.modelname
    anchor: str  # the date or datetime field the term runs from
    days: int | None  # None: kept without end
    basis: str  # SELECTIELIJST | INSTITUTION_POLICY | TECHNICAL
    why_nl: str
    why_en: str
    where: Mapping[str, Any] = field(default_factory=dict)
    # rows still referenced by one of these (model, field) pairs are kept with what refers
    unless_referenced_by: tuple[tuple[str, str], ...] = ()
    # rows of other models deleted first: (model, lookup to this class's rows)
    children: tuple[tuple[str, str], ...] = ()
    legal_obligation: bool = False  # an erasure request is refused while it is kept
    immutable: bool = False  # the database refuses to delete it: purge reports, never deletes

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def term_days(self) -> int | None:
        configured = getattr(settings, "PARCOURS_RETENTION_DAYS", {}) or {}
        return int(configured[self.name]) if self.name in configured else self.days

    def queryset(self) -> models.QuerySet:
        """Every row of this class, expired or not."""
        model = self.model_class()
        rows = model._default_manager.filter(**self.where).exclude(**{f"{self.anchor}": None})
        for label, field_name in self.unless_referenced_by:
            referring = apps.get_model(label)._default_manager.values(f"{field_name}_id")
            rows = rows.exclude(pk__in=referring)
        return rows

    def expired(self, now: datetime) -> models.QuerySet:
        days = self.term_days
        if days is None:
            return self.queryset().none()
        cutoff = now - timedelta(days=days)
        anchor = self.model_class()._meta.get_field(self.anchor)
        limit = cutoff if isinstance(anchor, models.DateTimeField) else cutoff.date()
        return self.queryset().filter(**{f"{self.anchor}__lt": limit})

    def kept_until(self, row: models.Model) -> datetime | None:
        """Until when this row is kept (its anchor plus the term), None when without end."""
        days = self.term_days
        start = getattr(row, self.anchor)
        if days is None or start is None:
            return None
        if not isinstance(start, datetime):
            start = datetime.combine(start, datetime.min.time())
        return start + timedelta(days=days)


_DEGREE = (
    "Selectielijst hogescholen: 50 jaar voor wat de afgestudeerde gedurende het werkzame "
    "leven recht geeft op de graad of propedeuse."
)
_DEGREE_EN = (
    "Selectielijst hogescholen: 50 years for what gives the graduate the right to the degree "
    "or propedeuse during their working life."
)

RECORD_CLASSES: tuple[RecordClass, ...] = (
    RecordClass(
        "login_failure_log",
        "axes.accessfailurelog",
        "attempt_time",
        90,
        INSTITUTION_POLICY,
        "Mislukte aanmeldpogingen 90 dagen, om aanvallen te kunnen onderzoeken.",
        "Failed login attempts 90 days, to look into attacks.",
    ),
    RecordClass(
        "login_log",
        "axes.accesslog",
        "attempt_time",
        90,
        INSTITUTION_POLICY,
        "Aanmeldingen 90 dagen, om misbruik van een account te kunnen onderzoeken.",
        "Logins 90 days, to look into misuse of an account.",
    ),
    RecordClass(
        "session",
        "sessions.session",
        "expire_date",
        0,
        TECHNICAL,
        "Een verlopen sessie dient nergens meer voor.",
        "An expired session serves no purpose.",
    ),
    RecordClass(
        "api_token",
        "accounts.apitoken",
        "revoked_at",
        YEAR,
        INSTITUTION_POLICY,
        "Een ingetrokken sleutel een jaar, om misbruik achteraf te kunnen onderzoeken.",
        "A revoked token one year, so misuse can be investigated afterwards.",
    ),
    RecordClass(
        "notification",
        "notifications.notification",
        "created_at",
        YEAR,
        INSTITUTION_POLICY,
        "Meldingen een jaar: ze verwijzen naar dossiers die zelf bewaard blijven.",
        "Notifications one year: they point to records that are kept themselves.",
    ),
    RecordClass(
        "outbox_message",
        "notifications.outboxmessage",
        "created_at",
        90,
        INSTITUTION_POLICY,
        "Verzonden of opgegeven e-mail 90 dagen, voor vragen over de bezorging.",
        "Sent or abandoned e-mail 90 days, for questions about delivery.",
        where={"status__in": ["sent", "cancelled", "failed"]},
    ),
    RecordClass(
        "task_result",
        "django_tasks_database.dbtaskresult",
        "finished_at",
        30,
        TECHNICAL,
        "Afgeronde achtergrondtaken 30 dagen, om fouten te kunnen nazoeken.",
        "Finished background tasks 30 days, to look into failures.",
    ),
    RecordClass(
        "desk_question",
        "examcommittee.deskrequest",
        "decided_at",
        years(2),
        SELECTIELIJST,
        "Selectielijst hogescholen: 1 of 2 jaar voor stukken van beperkt bewijsbelang; een "
        "beantwoorde vraag aan de balie twee jaar na het antwoord.",
        "Selectielijst hogescholen: 1 or 2 years for records of limited evidential value; an "
        "answered desk question two years after the answer.",
        where={"kind": "question", "status": "decided"},
        unless_referenced_by=(("examcommittee.decision", "desk_request"),),
        children=(("examcommittee.deskdocument", "request"),),
    ),
    RecordClass(
        "personal_circumstance",
        "examcommittee.personalcircumstance",
        "recorded_at",
        years(2),
        INSTITUTION_POLICY,
        "Persoonlijke omstandigheden (vaak gezondheid) twee jaar na vastleggen: het "
        "studieadvies dat ze woog, bewaart zijn eigen motivering.",
        "Personal circumstances (often health) two years after recording: the study advice "
        "that weighed them keeps its own reasons.",
    ),
    RecordClass(
        "guidance_conversation",
        "studyplans.guidanceconversation",
        "held_on",
        years(2),
        INSTITUTION_POLICY,
        "Begeleidingsgesprekken twee jaar na het gesprek.",
        "Guidance conversations two years after the conversation.",
    ),
    RecordClass(
        "evidence_unassessed",
        "portfolio.evidenceitem",
        "updated_at",
        years(7),
        INSTITUTION_POLICY,
        "Bewijs dat nooit is beoordeeld of aan de balie voorgelegd, zeven jaar na de laatste "
        "wijziging (beoordeeld bewijs blijft bij de beoordeling).",
        "Evidence never assessed nor put to the desk, seven years after its last change "
        "(assessed evidence stays with its assessment).",
        unless_referenced_by=(
            ("assessments.frozenevidence", "item"),
            ("examcommittee.deskrequest_portfolio_items", "evidenceitem"),
        ),
        children=(
            ("portfolio.workplaceconfirmation", "item"),
            ("portfolio.evidenceversion", "item"),
        ),
    ),
    RecordClass(
        "decision_degree",
        "examcommittee.decision",
        "made_known_on",
        years(50),
        SELECTIELIJST,
        _DEGREE + " Diploma, propedeuse en vrijstellingen (die tellen voor de graad).",
        _DEGREE_EN + " Diploma, propedeuse and exemptions (they count towards the degree).",
        where={"kind__in": ["diploma", "propedeuse", "exemption"]},
        legal_obligation=True,
        immutable=True,
    ),
    RecordClass(
        "decision_other",
        "examcommittee.decision",
        "made_known_on",
        years(10),
        INSTITUTION_POLICY,
        "Studieadvies- en studieplanbesluiten tien jaar: de algemene termijn van de "
        "Selectielijst voor stukken met een zwaardere juridische grondslag; de termijn per "
        "stuk is niet nagegaan.",
        "Study advice and study plan decisions ten years: the Selectielijst's general term "
        "for records with a heavier legal basis; the term per item was not checked.",
        where={"kind__in": ["bsa", "study_plan"]},
        legal_obligation=True,
        immutable=True,
    ),
    RecordClass(
        "decision_admission",
        "examcommittee.decision",
        "made_known_on",
        years(10),
        INSTITUTION_POLICY,
        "Toelatingsbesluiten tien jaar, als de andere besluiten: de algemene termijn van de "
        "Selectielijst voor stukken met een zwaardere juridische grondslag; de termijn per "
        "stuk is niet nagegaan.",
        "Admission decisions ten years, as the other decisions: the Selectielijst's general "
        "term for records with a heavier legal basis; the term per item was not checked.",
        where={"kind": "admission"},
        legal_obligation=True,
        immutable=True,
    ),
    RecordClass(
        "application_not_admitted",
        "admissions.application",
        "submitted_at",
        years(2),
        INSTITUTION_POLICY,
        "Een aanmelding die niet tot toelating leidde, met haar documenten, twee jaar na "
        "het aanmelden: het besluit bewaart zijn eigen motivering.",
        "An application that did not lead to admission, with its documents, two years after "
        "it was made: the decision keeps its own reasons.",
        where={"status": "refused"},
        children=(("admissions.applicationdocument", "application"),),
    ),
    RecordClass(
        "application_admitted",
        "admissions.application",
        "submitted_at",
        years(7),
        INSTITUTION_POLICY,
        "Een aanmelding die tot toelating leidde, met de diploma's van de vooropleiding, "
        "zeven jaar na het aanmelden: ze onderbouwt de inschrijving en daarmee de bekostiging "
        "(de fiscale bewaarplicht van zeven jaar, AWR art. 52).",
        "An application that led to admission, with the prior-education documents, seven "
        "years after it was made: it grounds the enrolment and so the funding (the fiscal "
        "retention duty of seven years, AWR art. 52).",
        where={"status": "admitted"},
        children=(("admissions.applicationdocument", "application"),),
    ),
    RecordClass(
        "registration",
        "registrations.registration",
        "starts_on",
        years(8),
        INSTITUTION_POLICY,
        "Een inschrijving het studiejaar zelf en daarna zeven jaar (AWR art. 52): de "
        "bekostiging rust erop; zolang een peildatumtelling ernaar verwijst, blijft ze.",
        "A registration for its academic year and seven years after (AWR art. 52): the "
        "funding rests on it; while a census snapshot refers to it, it is kept.",
        unless_referenced_by=(("registrations.censusline", "registration"),),
    ),
    RecordClass(
        "census_snapshot",
        "registrations.censussnapshot",
        "census_date",
        years(7),
        INSTITUTION_POLICY,
        "De peildatumtelling zeven jaar (AWR art. 52): ze verantwoordt de bekostiging; de "
        "database houdt haar onveranderlijk.",
        "The census snapshot seven years (AWR art. 52): it accounts for the funding; the "
        "database keeps it immutable.",
        children=(("registrations.censusline", "snapshot"),),
        legal_obligation=True,
        immutable=True,
    ),
    RecordClass(
        "unit_result",
        "assessments.unitresult",
        "decided_on",
        years(50),
        SELECTIELIJST,
        _DEGREE + " De resultaten waarop de graad rust.",
        _DEGREE_EN + " The results the degree rests on.",
        legal_obligation=True,
        immutable=True,
    ),
    RecordClass(
        "credential",
        "credentials.credential",
        "issued_at",
        years(50),
        INSTITUTION_POLICY,
        _DEGREE + " Een credential bevestigt een behaalde eenheid waarop de graad rust; de "
        "instelling moet haar status (ingetrokken of niet) zo lang kunnen geven; daarna gaat ze "
        "met haar intrekking weg (het bit in de statuslijst blijft staan).",
        _DEGREE_EN + " A credential confirms an achieved unit the degree rests on; the "
        "institution must be able to give its status (revoked or not) as long; then it goes with "
        "its revocation (its bit in the status list stays as it is).",
        children=(("credentials.credentialrevocation", "credential"),),
    ),
    RecordClass(
        "stap_claim",
        "stap.stapclaim",
        "claimed_on",
        years(7),
        INSTITUTION_POLICY,
        "STAP-aanvragen met bewijs van deelname en factuur zeven jaar na de aanvraagdatum: de "
        "termijn waarin de instelling haar financiële administratie bewaart (Algemene wet "
        "inzake rijksbelastingen, art. 52); te bevestigen door de archivaris.",
        "STAP claims with their proof of participation and invoice seven years after the claim "
        "date: the term for which the institution keeps its financial records (Algemene wet "
        "inzake rijksbelastingen, art. 52); to be confirmed by the archivist.",
        children=(("stap.stapproof", "claim"), ("stap.stapinvoice", "claim")),
    ),
    RecordClass(
        "voucher_verdict",
        "financing.voucherverdict",
        "decided_on",
        years(7),
        INSTITUTION_POLICY,
        "Voucherbesluiten zeven jaar na het besluit: ze onderbouwen wat de student betaalde, en "
        "de fiscale bewaartermijn voor de financiele administratie is zeven jaar (Algemene wet "
        "inzake rijksbelastingen art. 52); de termijn per stuk in de Selectielijst is niet "
        "nagegaan. Onveranderlijk: de opschoning meldt, verwijdert niet.",
        "Voucher verdicts seven years after the verdict: they ground what the student paid, and "
        "the fiscal term for the financial records is seven years (Algemene wet inzake "
        "rijksbelastingen art. 52); the Selectielijst's term per item was not checked. "
        "Immutable: the purge reports, never deletes.",
        legal_obligation=True,
        immutable=True,
    ),
    RecordClass(
        "module_enrolment",
        "financing.moduleenrolment",
        "created_at",
        years(7),
        INSTITUTION_POLICY,
        "Inschrijvingen voor een module zeven jaar, als de betaling die erop rust; een "
        "inschrijving met een voucherbesluit blijft zolang dat besluit.",
        "Module enrolments seven years, as the payment resting on them; one with a voucher "
        "verdict is kept as long as that verdict.",
        unless_referenced_by=(("financing.voucherverdict", "module_enrolment"),),
    ),
    RecordClass(
        "catalogue_source",
        "ooapi.cataloguesource",
        "created_at",
        None,
        INSTITUTION_POLICY,
        "Een geregistreerde partnercatalogus blijft, ook verwijderd: de externe "
        "onderwijsactiviteiten die studieplannen noemen verwijzen ernaar. Geen persoonsgegevens.",
        "A registered partner catalogue is kept, removed or not: the external learning "
        "activities study plans name refer to it. No personal data.",
    ),
    RecordClass(
        "external_activity",
        "ooapi.externalactivity",
        "first_seen_at",
        None,
        INSTITUTION_POLICY,
        "Een externe onderwijsactiviteit blijft, ook teruggetrokken: een studieplan kan haar "
        "noemen. Gepubliceerde cataloguswaarden van de partner, geen persoonsgegevens.",
        "An external learning activity is kept, withdrawn or not: a study plan may name it. "
        "The partner's published catalogue data, no personal data.",
    ),
    RecordClass(
        "audit",
        "core.auditentry",
        "at",
        None,
        INSTITUTION_POLICY,
        "Het auditlog blijft: het is de verantwoording van elke wijziging (AVG art. 5 lid 2) "
        "en een keten die niet inkort. Dat geldt ook voor de beveiligingsgebeurtenissen met "
        "IP-adres en verzoek-id (inloggen, weigeringen, inzage): beleid van de instelling, "
        "want een regel verwijderen breekt de keten.",
        "The audit log is kept: it accounts for every change (AVG art. 5(2)) and is a chain "
        "that does not shorten. So are the security events with IP address and request id "
        "(logins, refusals, reads): institution policy, since deleting an entry breaks the "
        "chain.",
        legal_obligation=True,
        immutable=True,
    ),
)

BY_NAME: dict[str, RecordClass] = {c.name: c for c in RECORD_CLASSES}


def classes_of(label_lower: str) -> list[RecordClass]:
    return [c for c in RECORD_CLASSES if c.model == label_lower]


def class_of(row: models.Model) -> RecordClass | None:
    """The record class a row belongs to (its model and filter), None when it has none."""
    for record_class in classes_of(row._meta.label_lower):
        if record_class.queryset().filter(pk=row.pk).exists():
            return record_class
    return None
