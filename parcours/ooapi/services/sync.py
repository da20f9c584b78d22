"""Import a partner's OOAPI catalogue (`catalogue_sync`): every page of its `courses` and each
course's `components`, stored as `ExternalActivity` rows, idempotently.

Each object is checked against the bundled spec's schema (`validation.object_errors`, as the
spider checks the provider) and against what our columns hold; an object that fails is skipped
with the reason and never half-imported: one transaction per object. What the partner no longer
lists is marked withdrawn, never deleted (a study plan may name it). When a listing cannot be
read in full (the partner is down, slow, answers an error, invalid JSON or no OOAPI page),
nothing is withdrawn on its account: a failed `courses` listing ends the sync with what was there
kept; a failed `components` listing of one course keeps that course's components as they were,
as does a course that is skipped."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from parcours.core.audit import audit_record

from .. import tokens, validation
from ..client import FetchError, get_json
from ..models import CatalogueSource, ExternalActivity

PAGE_SIZE = 100
MAX_PAGES = 1000
EC_UNITS = ("ects", "sp")  # studiepunten are EC
ID_FIELD = {"course": "courseId", "component": "componentId"}
SCHEMA = {"course": "Course", "component": "Component"}
LIMITS = {"ooapi_id": 100, "name_nl": 500, "name_en": 500, "language": 3, "link": 2048}
COMPARED = (
    "course_ooapi_id",
    "name_nl",
    "name_en",
    "description_nl",
    "description_en",
    "ec",
    "language",
    "modes_of_delivery",
    "starts_on",
    "ends_on",
    "link",
)


@dataclass
class Report:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    error: str = ""

    def skip(self, kind: str, ooapi_id: str, reason: str) -> None:
        self.skipped.append({"kind": kind, "id": ooapi_id, "reason": reason})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Invalid(Exception):
    """An object the sync does not import, with the reason."""


def _collection(url: str, token: str) -> list[Any]:
    """Every item of a paged OOAPI collection, following hasNextPage; FetchError when any page
    cannot be read or is no OOAPI page."""
    items: list[Any] = []
    for number in range(1, MAX_PAGES + 1):
        page = get_json(url, token=token, params={"pageSize": PAGE_SIZE, "pageNumber": number})
        errors = validation.object_errors(page, "Pagination")
        if not errors and not isinstance(page.get("items"), list):
            errors = ["items: not an array"]
        if errors:
            raise FetchError(f"{url} page {number}: not an OOAPI page ({errors[0]})")
        items.extend(page["items"])
        if not page["hasNextPage"]:
            return items
    raise FetchError(f"{url}: more than {MAX_PAGES} pages")


def _text(strings: Any, language: str) -> str:
    """The value in `language` from a LanguageTypedString array ('' when there is none)."""
    for entry in strings or ():
        if str(entry.get("language", "")).lower().startswith(language):
            return str(entry.get("value", ""))
    return ""


def _day(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _ec(study_load: Any) -> Decimal | None:
    if not study_load or study_load.get("studyLoadUnit") not in EC_UNITS:
        return None
    try:
        value = Decimal(str(study_load["value"])).quantize(Decimal("0.01"))
    except (KeyError, InvalidOperation):
        raise Invalid("studyLoad: no number") from None
    if not Decimal(0) <= value < Decimal(10_000):
        raise Invalid(f"studyLoad: {value} EC is out of range")
    return value


def _fields(kind: str, item: dict[str, Any], course_id: str) -> dict[str, Any]:
    """Our columns from a valid OOAPI course or component; Invalid when they do not fit."""
    values = {
        "course_ooapi_id": course_id,
        "name_nl": _text(item.get("name"), "nl"),
        "name_en": _text(item.get("name"), "en"),
        "description_nl": _text(item.get("description"), "nl"),
        "description_en": _text(item.get("description"), "en"),
        "ec": _ec(item.get("studyLoad")),
        "language": item.get("teachingLanguage", ""),
        "modes_of_delivery": list(item.get("modeOfDelivery") or []),
        "starts_on": _day(item.get("validFrom") or item.get("firstStartDate")),
        "ends_on": _day(item.get("validTo")),
        "link": item.get("link", ""),
    }
    if not (values["name_nl"] or values["name_en"]):
        raise Invalid("name: no Dutch or English name")
    for name, limit in LIMITS.items():
        if len(values.get(name, "")) > limit:
            raise Invalid(f"{name}: longer than {limit} characters")
    return values


def _object(kind: str, item: Any, course_id: str = "") -> tuple[str, dict[str, Any]]:
    """(its id, our columns), or Invalid with the reason (the id, when it has one, on it)."""
    raw_id = item.get(ID_FIELD[kind]) if isinstance(item, dict) else None
    ooapi_id = raw_id if isinstance(raw_id, str) else ""
    errors = validation.object_errors(item, SCHEMA[kind])
    if errors:
        raise Invalid(ooapi_id, "; ".join(errors))
    if len(ooapi_id) > LIMITS["ooapi_id"]:
        raise Invalid("", f"{ID_FIELD[kind]}: longer than {LIMITS['ooapi_id']} characters")
    try:
        return ooapi_id, _fields(kind, item, course_id)
    except Invalid as exc:
        raise Invalid(ooapi_id, str(exc)) from None


@transaction.atomic
def _store(
    source: CatalogueSource, kind: str, ooapi_id: str, values: dict[str, Any], now: Any
) -> str:
    """Add or update one activity: 'added', 'changed' or 'unchanged'."""
    row = (
        ExternalActivity.objects.select_for_update()
        .filter(source=source, kind=kind, ooapi_id=ooapi_id)
        .first()
    )
    if row is None:
        try:
            with transaction.atomic():  # a sync running at the same time may add it first
                ExternalActivity.objects.create(
                    source=source,
                    kind=kind,
                    ooapi_id=ooapi_id,
                    first_seen_at=now,
                    last_seen_at=now,
                    **values,
                )
            return "added"
        except IntegrityError:
            row = ExternalActivity.objects.select_for_update().get(
                source=source, kind=kind, ooapi_id=ooapi_id
            )
    differs = row.withdrawn_at is not None or any(
        getattr(row, name) != values[name] for name in COMPARED
    )
    for name, value in values.items():
        setattr(row, name, value)
    row.withdrawn_at = None
    row.last_seen_at = now
    row.save()
    return "changed" if differs else "unchanged"


class _Run:
    def __init__(self, source: CatalogueSource) -> None:
        self.source = source
        self.base = source.base_url.rstrip("/")
        self.token = tokens.decrypt(source.token_encrypted)
        self.now = timezone.now()
        self.report = Report()
        self.seen: set[tuple[str, str]] = set()  # listed: stays (or becomes) current
        self.kept_courses: set[str] = set()  # courses whose components stay as they were

    def one(self, kind: str, item: Any, course_id: str = "") -> str | None:
        try:
            ooapi_id, values = _object(kind, item, course_id)
        except Invalid as exc:
            ooapi_id, reason = exc.args if len(exc.args) == 2 else ("", str(exc))
            self.report.skip(kind, ooapi_id or "?", reason)
            if ooapi_id:
                self.seen.add((kind, ooapi_id))  # skipped, not withdrawn: kept as it was
                if kind == "course":
                    self.kept_courses.add(ooapi_id)
            return None
        outcome = _store(self.source, kind, ooapi_id, values, self.now)
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        self.seen.add((kind, ooapi_id))
        return ooapi_id

    def run(self) -> Report:
        try:
            courses = _collection(f"{self.base}/courses", self.token)
        except FetchError as exc:
            self.report.error = str(exc)
            return self.report
        for item in courses:
            course_id = self.one("course", item)
            if course_id is None:
                continue
            try:
                components = _collection(f"{self.base}/courses/{course_id}/components", self.token)
            except FetchError as exc:
                self.report.skip("components", course_id, str(exc))
                self.kept_courses.add(course_id)
                continue
            for component in components:
                self.one("component", component, course_id)
        self.withdraw()
        return self.report

    @transaction.atomic
    def withdraw(self) -> None:
        current = ExternalActivity.objects.filter(source=self.source, withdrawn_at__isnull=True)
        gone = [
            row.pk
            for row in current.only("pk", "kind", "ooapi_id", "course_ooapi_id")
            if (row.kind, row.ooapi_id) not in self.seen
            and not (row.kind == "component" and row.course_ooapi_id in self.kept_courses)
        ]
        self.report.withdrawn = ExternalActivity.objects.filter(pk__in=gone).update(
            withdrawn_at=self.now
        )


def catalogue_sync(source: CatalogueSource, *, actor: Any = None) -> Report:
    """Fetch and store the source's courses and components; the report is kept on the source
    (`last_report`) and in the audit trail. `last_synced_at` moves only when the courses could
    be read."""
    report = _Run(source).run()
    with transaction.atomic():
        source.last_report = report.as_dict()
        if not report.error:
            source.last_synced_at = timezone.now()
        source.save(update_fields=["last_report", "last_synced_at"])
        audit_record(
            actor,
            "ooapi.catalogue_sync",
            source,
            added=report.added,
            changed=report.changed,
            withdrawn=report.withdrawn,
            skipped=len(report.skipped),
            error=report.error,
        )
    return report
