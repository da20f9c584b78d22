"""Reads of credentials: which units a student achieved and how (the exam committee's progress
is the one answer: an assessment result, the integral assessment included, or an exemption
decision made known and not corrected), the student's credentials beside them, whether a
credential's achievement still holds, and a status list entry's bit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from parcours.accounts.models import User
from parcours.assessments.models import UnitResult
from parcours.core.errors import DomainError
from parcours.curriculum.models import Institution, Programme, Unit
from parcours.examcommittee.models import Decision, DecisionUnit
from parcours.examcommittee.selectors import How, progress_many, subjects_of
from parcours.studyplans.models import Enrolment

from . import bitstring, permissions
from .models import Credential, StatusList
from .verification import StatusUnknown

HOW_OF_PROGRESS = {
    How.FACILITATED: Credential.How.FACILITATED,
    How.OWN_ROUTE: Credential.How.OWN_ROUTE,
    How.INTEGRAL: Credential.How.INTEGRAL,
    How.EXEMPTION: Credential.How.EXEMPTION,
}


def base_url() -> str:
    """Where the public pages live: the site's address without the trailing slash."""
    return str(settings.PARCOURS_SITE_URL).rstrip("/")


def credential_url(public_id: str) -> str:
    return f"{base_url()}/credentials/{public_id}"


def status_list_url(list_id: int) -> str:
    return f"{base_url()}/credentials/status/{list_id}"


def issuer_url(institution: Institution) -> str:
    return f"{base_url()}/issuers/{institution.brin_code}"


def unit_url(unit: Unit) -> str:
    """The unit in the public catalogue (its OER's page, the unit's code as the fragment)."""
    return f"{base_url()}/catalogus/oer/{unit.oer_id}/#{unit.code}"


@dataclass(frozen=True)
class Achievement:
    """A unit a student achieved, and how: by `result` (an assessment) or by `decision` (an
    exemption made known and not corrected)."""

    student: User
    enrolment: Enrolment
    programme: Programme
    unit: Unit
    how: str  # a Credential.How
    on: date
    result: UnitResult | None = None
    decision: Decision | None = None

    @property
    def key(self) -> str:
        """How a form names it: r<result> or e<decision>-<unit>."""
        if self.result is not None:
            return f"r{self.result.pk}"
        assert self.decision is not None
        return f"e{self.decision.pk}-{self.unit.pk}"

    def source_of(self, credential: Credential) -> bool:
        if self.result is not None:
            return credential.result_id == self.result.pk
        return credential.decision_id == getattr(self.decision, "pk", None) and (
            credential.unit.code == self.unit.code
        )


def achievements_of(student: User, *, on: date) -> list[Achievement]:
    """Every unit the student achieved in the programmes they are enrolled in, in the order of
    the exam's units: a constant number of queries (the progress of all programmes at once)."""
    subjects = [s for s in subjects_of(student) if s[2] is not None]
    found: list[Achievement] = []
    for progress in progress_many(subjects, on=on, timeline=False):
        assert progress.enrolment is not None
        for row in progress.units:
            if not row.done or row.on is None:
                continue
            found.append(
                Achievement(
                    student=student,
                    enrolment=progress.enrolment,
                    programme=progress.programme,
                    unit=row.result.unit if row.result is not None else row.unit,
                    how=HOW_OF_PROGRESS[row.how],
                    on=row.on,
                    result=row.result if row.state == "achieved" else None,
                    decision=row.decision if row.state == "exempted" else None,
                )
            )
    return found


NOT_ACHIEVED = (
    "Deze eenheid is (nog) niet behaald: een credential is er alleen voor een eenheid die met een "
    "beoordeling is behaald of waarvoor een vrijstelling is verleend en bekendgemaakt.",
    "This unit has not been achieved (yet): a credential is only issued for a unit achieved by "
    "an assessment or exempted by a decision made known.",
)


def achievement_of(student: User, key: str, *, on: date) -> Achievement:
    """One of the student's achievements by its key; refused (Dutch and English) when the key
    names none of theirs, so another student's ids tell nothing."""
    for achievement in achievements_of(student, on=on):
        if achievement.key == key:
            return achievement
    raise DomainError(*NOT_ACHIEVED)


def achievement_holds(achievement: Achievement) -> bool:
    """Whether the ground still stands: the result achieved the unit, or the exemption
    decision is made known, grants the unit and no correction of it is made known."""
    if achievement.result is not None:
        result = achievement.result
        return (
            result.result == UnitResult.Result.ACHIEVED
            and result.enrolment.student_id == achievement.student.pk
        )
    decision = achievement.decision
    return (
        decision is not None
        and decision.student_id == achievement.student.pk
        and DecisionUnit.objects.filter(
            decision=decision,
            decision__kind=Decision.Kind.EXEMPTION,
            decision__made_known_on__isnull=False,
            unit__code=achievement.unit.code,
            granted=True,
        )
        .exclude(decision__corrections__made_known_on__isnull=False)
        .exists()
    )


def credentials_of(student: User) -> list[Credential]:
    return list(
        Credential.objects.filter(student=student)
        .select_related("unit", "programme", "revocation")
        .order_by("unit__code", "-issued_at", "-id")
    )


@dataclass
class Row:
    """A line of the student's credentials page: an achievement with its credential (None:
    not claimed yet), or a credential whose achievement is gone (revoked)."""

    unit: Unit
    programme: Programme
    how: str
    on: date
    achievement: Achievement | None = None
    credential: Credential | None = None
    earlier: list[Credential] = field(default_factory=list)  # revoked ones for the same unit

    @property
    def how_label(self) -> str:
        return str(Credential.How(self.how).label)

    @property
    def claimable(self) -> bool:
        return self.achievement is not None and self.credential is None


def credential_rows(student: User, *, on: date) -> list[Row]:
    """Per achieved unit its credential (a valid one for the same unit counts: one credential
    per unit); after them the revoked credentials of units no longer achieved."""
    credentials = credentials_of(student)
    rows: list[Row] = []
    used: set[int] = set()
    for achievement in achievements_of(student, on=on):
        same_unit = [
            c
            for c in credentials
            if c.unit.code == achievement.unit.code and c.programme_id == achievement.programme.pk
        ]
        valid = next(
            (c for c in same_unit if not _revoked(c) and achievement.source_of(c)), None
        ) or next((c for c in same_unit if not _revoked(c)), None)
        used.update(c.pk for c in same_unit)
        rows.append(
            Row(
                achievement.unit,
                achievement.programme,
                achievement.how,
                achievement.on,
                achievement=achievement,
                credential=valid,
                earlier=[c for c in same_unit if _revoked(c)],
            )
        )
    for credential in credentials:
        if credential.pk not in used:
            rows.append(
                Row(
                    credential.unit,
                    credential.programme,
                    credential.how,
                    credential.achieved_on,
                    credential=credential,
                )
            )
    return rows


def _revoked(credential: Credential) -> bool:
    return hasattr(credential, "revocation")


def existing_credential(achievement: Achievement) -> Credential | None:
    """The student's credential for this unit that is not revoked: its own, or one issued for
    the same unit on another ground (a unit gets one credential)."""
    candidates = (
        Credential.objects.filter(
            student=achievement.student,
            programme=achievement.programme,
            unit__code=achievement.unit.code,
            revocation__isnull=True,
        )
        .select_related("unit", "programme", "revocation")
        .order_by("issued_at", "id")
    )
    found = list(candidates)
    return next((c for c in found if achievement.source_of(c)), found[0] if found else None)


@dataclass(frozen=True)
class Lapsed:
    """A credential whose achievement no longer holds, with why (Dutch and English)."""

    credential: Credential
    reason_nl: str
    reason_en: str


def lapsed_credentials(enrolment_ids: Iterable[int]) -> list[Lapsed]:
    """The valid credentials of these enrolments' students whose ground is gone: an exemption
    decision corrected by a decision made known (a result is never changed; a correction of
    one is a decision). One query when nothing lapsed."""
    ids = list(enrolment_ids)
    if not ids:
        return []
    student_ids = Enrolment.objects.filter(pk__in=ids).values("student_id")
    candidates = list(
        Credential.objects.filter(
            student_id__in=student_ids,
            revocation__isnull=True,
            decision__corrections__made_known_on__isnull=False,
        )
        .select_related("unit", "decision")
        .distinct()
    )
    if not candidates:
        return []
    corrections = {
        d.corrects_id: d
        for d in Decision.objects.filter(
            corrects_id__in={c.decision_id for c in candidates}, made_known_on__isnull=False
        ).order_by("made_known_on", "id")
    }
    regranted = set(
        DecisionUnit.objects.filter(decision__in=corrections.values(), granted=True).values_list(
            "decision__corrects_id", "unit__code"
        )
    )
    lapsed = []
    for credential in candidates:
        decision = credential.decision
        assert decision is not None
        correction = corrections[decision.pk]
        again = (decision.pk, credential.unit.code) in regranted
        nl = (
            f"Het vrijstellingsbesluit van {decision.made_known_on:%d-%m-%Y} is gecorrigeerd door "
            f"het besluit bekendgemaakt op {correction.made_known_on:%d-%m-%Y}"
        )
        en = (
            f"The exemption decision of {decision.made_known_on:%Y-%m-%d} was corrected by the "
            f"decision made known on {correction.made_known_on:%Y-%m-%d}"
        )
        if again:
            code = credential.unit.code
            nl += f"; dat verleent de vrijstelling voor {code} opnieuw: vraag een nieuwe aan."
            en += f"; it grants the exemption for {code} again: claim a new credential."
        else:
            nl += f", dat geen vrijstelling voor {credential.unit.code} meer verleent."
            en += f", which no longer grants an exemption for {credential.unit.code}."
        lapsed.append(Lapsed(credential, nl, en))
    return lapsed


class UnknownStatusList(StatusUnknown):
    """A status list entry that names no status list of this installation (what the verifier
    reports as "not known here")."""


def status_list_id_of(entry: Mapping[str, Any]) -> int:
    """The id of the status list an entry points to, when it is one of ours."""
    url = str(entry.get("statusListCredential", ""))
    prefix = f"{base_url()}/credentials/status/"
    if not url.startswith(prefix):
        raise UnknownStatusList(url)
    tail = url[len(prefix) :]
    if not tail.isdigit() or urlsplit(url).query:
        raise UnknownStatusList(url)
    return int(tail)


def is_revoked(entry: Mapping[str, Any]) -> bool:
    """Whether a `BitstringStatusListEntry` of one of this institution's revocation lists is
    set (what `verification.verify_credential(..., status_lookup=is_revoked)` asks). An entry
    for another purpose, another list or an index out of range raises UnknownStatusList."""
    if entry.get("type") != "BitstringStatusListEntry" or entry.get("statusPurpose") != (
        StatusList.Purpose.REVOCATION
    ):
        raise UnknownStatusList(str(entry.get("type")))
    status_list = StatusList.objects.filter(pk=status_list_id_of(entry)).first()
    index = str(entry.get("statusListIndex", ""))
    if status_list is None or not index.isdigit() or int(index) >= status_list.size:
        raise UnknownStatusList(str(entry.get("statusListCredential")))
    return bitstring.bit(bytes(status_list.bits), int(index))


def get_status_list(pk: int) -> StatusList:
    status_list = StatusList.objects.filter(pk=pk).select_related("institution").first()
    if status_list is None:
        raise Http404
    return status_list


def used_indexes(status_list: StatusList) -> set[int]:
    return set(status_list.entries.values_list("status_index", flat=True))


def outcomes_of(unit: Unit) -> list[Any]:
    return list(unit.outcomes.order_by("position", "code"))


def committee_credentials(user: User) -> QuerySet[Credential]:
    """The credentials of the programmes whose exam committee the user sits on."""
    return Credential.objects.filter(
        programme_id__in=permissions.committee_programme_ids(user)
    ).select_related("student", "unit", "programme", "revocation")
