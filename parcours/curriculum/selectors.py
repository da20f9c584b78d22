"""Reads: user-scoped querysets, fact builders for the rules, OER differences."""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from natsort import natsorted

from parcours.accounts.models import Role, User, Viewer
from parcours.core.paging import ListFilters, filtered
from parcours.rules import RuleResult
from parcours.rules.curriculum import (
    UNIT_PUBLISH_RULES,
    oer_nominal_study_load,
    oer_published_immutable,
    variant_outcome_based_eligible,
    variant_teacher_consent,
)
from parcours.rules.facts import (
    ConsentFacts,
    OerStatusFacts,
    OutcomeFacts,
    StudyLoadFacts,
    UnitFacts,
    VariantConsentFacts,
    VariantFacts,
)

from .models import (
    AcademicYear,
    AssessmentCriterion,
    CrohoRegistration,
    Institution,
    LearningOutcome,
    Oer,
    OrganisationalUnit,
    Programme,
    ProgrammeVariant,
    RoleAssignment,
    TeacherConsent,
    Unit,
)
from .permissions import STAFF_ROLES, can_see_drafts, is_administrator, roles_by_programme

DATA_DIR = Path(__file__).parent / "data"
NO_FILTERS = ListFilters()
PROGRAMME_SEARCH = ("name_nl", "name_en", "croho_code")


def programmes_for(
    user: User, filters: ListFilters = NO_FILTERS, *, croho_code: str = ""
) -> QuerySet[Programme]:
    """Programmes the user has a role in (all of them for an administrator), filtered by a
    search on name or CROHO code, by exactly one CROHO code and by a variant's form; each
    variant with the OERs the user may open."""
    qs = Programme.objects.select_related("institution").prefetch_related(
        Prefetch(
            "variants",
            queryset=ProgrammeVariant.objects.prefetch_related(
                Prefetch("oers", queryset=oers_visible_to(user).order_by("-academic_year"))
            ),
        )
    )
    qs = filtered(qs, filters, search=PROGRAMME_SEARCH)
    if croho_code:
        qs = qs.filter(croho_code=croho_code)
    if filters.form:
        qs = qs.filter(
            Exists(ProgrammeVariant.objects.filter(programme=OuterRef("pk"), form=filters.form))
        )
    if is_administrator(user):
        return qs
    return qs.filter(pk__in=RoleAssignment.objects.filter(user=user).values("programme_id"))


def institution_words() -> list[str]:
    """The institutions' names and BRIN codes: words a password may not contain
    (accounts.passwords.ContextWordsValidator)."""
    words: list[str] = []
    for name, brin in Institution.objects.values_list("name", "brin_code"):
        words += [name, brin]
    return [w for w in words if w]


def public_programmes(*, search: str = "", croho_code: str = "") -> QuerySet[Programme]:
    """Every programme with its institution and variants: public catalogue information;
    `search` matches the name or CROHO code word by word, `croho_code` exactly one code."""
    qs = Programme.objects.select_related("institution").prefetch_related("variants")
    qs = filtered(qs, ListFilters(search=search.strip()), search=PROGRAMME_SEARCH)
    return qs.filter(croho_code=croho_code) if croho_code else qs


def oers_visible_to(user: Viewer) -> QuerySet[Oer]:
    """The OERs `user` may see, as permissions.can_view_oer decides one by one: published ones
    for anyone, drafts for administrators and the staff of the programme."""
    qs = Oer.objects.select_related("variant__programme__institution").order_by(
        "variant__programme__name_nl", "variant__form", "-academic_year"
    )
    if is_administrator(user):
        return qs
    staff_of = [
        programme_id
        for programme_id, roles in roles_by_programme(user).items()
        if programme_id is not None and roles & STAFF_ROLES
    ]
    return qs.filter(Q(status=Oer.Status.PUBLISHED) | Q(variant__programme_id__in=staff_of))


def published_oers() -> QuerySet[Oer]:
    return (
        Oer.objects.filter(status=Oer.Status.PUBLISHED)
        .select_related("variant__programme__institution")
        .order_by("variant__programme__name_nl", "variant__form", "-academic_year")
    )


def oer_units(oer: Oer) -> QuerySet[Unit]:
    """An OER's units with everything the editor, catalogue and rules read, in a fixed number of
    queries whatever the number of units."""
    return oer.units.prefetch_related(
        Prefetch(
            "outcomes",
            queryset=LearningOutcome.objects.prefetch_related(
                Prefetch("criteria", queryset=AssessmentCriterion.objects.all()),
                "levels",
                "grid_entries",
            ),
        ),
        "activities",
        "assessment_forms",
    )


def unit_with_parts(unit: Unit) -> Unit:
    """One unit as `oer_units` loads it (outcomes, routes and their parts)."""
    return oer_units(unit.oer).get(pk=unit.pk)


def unit_facts(unit: Unit) -> UnitFacts:
    activities = list(unit.activities.all())
    return UnitFacts(
        code=unit.code,
        ec=unit.ec,
        recommended_activity_count=len(activities),
        route_independent_assessment_count=sum(
            1 for f in unit.assessment_forms.all() if f.route_independent
        ),
        facilitated_route_hours=sum(a.hours for a in activities),
        outcomes=tuple(
            OutcomeFacts(label=o.code, criteria_count=len(o.criteria.all()))
            for o in unit.outcomes.all()
        ),
    )


def unit_check(unit: Unit, *, on: date) -> list[RuleResult]:
    facts = unit_facts(unit)
    return [r(facts, on=on) for r in UNIT_PUBLISH_RULES]


def variant_facts(variant: ProgrammeVariant, *, outcome_based: bool | None = None) -> VariantFacts:
    return VariantFacts(
        sector=variant.programme.sector,
        form=variant.form,
        outcome_based=variant.outcome_based if outcome_based is None else outcome_based,
    )


def variant_consent_facts(
    variant: ProgrammeVariant, *, outcome_based: bool | None = None
) -> VariantConsentFacts:
    return VariantConsentFacts(
        outcome_based=variant.outcome_based if outcome_based is None else outcome_based,
        consents=tuple(
            ConsentFacts(body=c.body, method=c.method, result=c.result, decided_on=c.decided_on)
            for c in variant.consents.all()
        ),
    )


def variant_check(
    variant: ProgrammeVariant, *, on: date, outcome_based: bool | None = None
) -> list[RuleResult]:
    return [
        variant_outcome_based_eligible(variant_facts(variant, outcome_based=outcome_based), on=on),
        variant_teacher_consent(variant_consent_facts(variant, outcome_based=outcome_based), on=on),
    ]


def oer_check(oer: Oer, *, on: date, units: list[Unit] | None = None) -> list[RuleResult]:
    """Every rule that decides whether `oer` can be published on `on`, passed or not."""
    units = list(oer_units(oer)) if units is None else units
    results = [oer_published_immutable(OerStatusFacts(status=oer.status), on=on)]
    results += variant_check(oer.variant, on=on)
    for unit in units:
        results += unit_check(unit, on=on)
    results.append(
        oer_nominal_study_load(
            StudyLoadFacts(
                nominal_ec=oer.variant.programme.nominal_ec,
                unit_ec=tuple(u.ec for u in units),
            ),
            on=on,
        )
    )
    return results


def oer_edit_check(oer: Oer, *, on: date) -> RuleResult:
    return oer_published_immutable(OerStatusFacts(status=oer.status), on=on)


def variants_with_oers(programme: Programme, user: Viewer) -> QuerySet[ProgrammeVariant]:
    """The programme's variants with their consents and the OERs the user may open (newest
    year first: a student sees no drafts)."""
    return programme.variants.prefetch_related(
        Prefetch("consents", queryset=TeacherConsent.objects.select_related("recorded_by")),
        Prefetch("oers", queryset=oers_visible_to(user).order_by("-academic_year")),
    )


def next_year_oer(oer: Oer, user: Viewer) -> Oer | None:
    """The same variant's OER of the following academic year, if there is one the user may
    open."""
    return (
        oers_visible_to(user)
        .select_related(None)
        .filter(variant=oer.variant, academic_year=oer.academic_year + 1)
        .only("pk", "status", "academic_year")
        .first()
    )


def comparable_oers(user: Viewer, oer: Oer) -> QuerySet[Oer]:
    """The other OER years of the same programme this user may see."""
    programme = oer.variant.programme
    qs = Oer.objects.filter(variant__programme=programme).exclude(pk=oer.pk)
    if not can_see_drafts(user, programme.pk):
        qs = qs.filter(status=Oer.Status.PUBLISHED)
    return qs.select_related("variant").order_by("-academic_year", "variant__form")


def oers_of_variant(variant: ProgrammeVariant) -> QuerySet[Oer]:
    return variant.oers.order_by("-academic_year")


# --- differences between two OER years -------------------------------------------------------


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


@cache
def eqf_levels() -> dict[int, dict[str, str]]:
    """EQF level descriptors (Source: European Union, EQF level descriptors); NLQF 1-8 = EQF 1-8."""
    with (DATA_DIR / "eqf_level_descriptors.csv").open(encoding="utf-8") as fh:
        return {int(row["eqf_level"]): row for row in csv.DictReader(fh)}


def croho_registration(brin_code: str, code: str) -> CrohoRegistration | None:
    """The CROHO register's row for `code` at the institution with `brin_code` (Bron: DUO)."""
    return CrohoRegistration.objects.filter(brin_code=brin_code, code=code).first()


def croho_registration_of(programme: Programme) -> CrohoRegistration | None:
    return croho_registration(programme.institution.brin_code, programme.croho_code)


def draft_oers_managed_by(user: Viewer) -> QuerySet[Oer]:
    """The draft OERs of the programmes the user manages (all of them for an administrator),
    oldest academic year first: what a programme manager still has to finish and publish."""
    qs = Oer.objects.filter(status=Oer.Status.DRAFT).select_related("variant__programme")
    if not is_administrator(user):
        managed = [
            pid
            for pid, roles in roles_by_programme(user).items()
            if pid is not None and Role.PROGRAMME_MANAGER in roles
        ]
        qs = qs.filter(variant__programme_id__in=managed)
    return qs.order_by("academic_year", "variant__programme__name_nl", "pk")


def role_assignments(filters: ListFilters = NO_FILTERS) -> QuerySet[RoleAssignment]:
    """Every role given, for the administrator's role page: searched by username or name,
    filtered by programme and role (the filter's `status`)."""
    found = RoleAssignment.objects.select_related("user", "programme")
    return filtered(
        found,
        filters,
        search=("user__username", "user__first_name", "user__last_name"),
        programme="programme_id",
        status="role",
    )


# --- the administrator's pages -----------------------------------------------------------------


def institution_exists() -> bool:
    """Whether the first run is over (the first-run page answers only before)."""
    return Institution.objects.exists()


def institutions() -> QuerySet[Institution]:
    return Institution.objects.order_by("name")


def croho_register_for(
    institution: Institution, *, search: str = ""
) -> QuerySet[CrohoRegistration]:
    """The register's codes for the institution, searched by code or name word by word;
    `has_programme` says whether a programme already uses the code."""
    rows = CrohoRegistration.objects.filter(brin_code=institution.brin_code).annotate(
        has_programme=Exists(
            Programme.objects.filter(institution=institution, croho_code=OuterRef("code"))
        )
    )
    return filtered(rows, ListFilters(search=search.strip()), search=("code", "name"))


def users_for_administration(filters: ListFilters = NO_FILTERS) -> QuerySet[User]:
    """Every account with its roles (one query for all roles), searched by username, name or
    e-mail address; `status` "active" or "inactive"."""
    users = User.objects.prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("programme"))
    )
    users = filtered(users, filters, search=("username", "first_name", "last_name", "email"))
    if filters.status:
        users = users.filter(is_active=filters.status == "active")
    return users


def academic_years_of(institution: Institution) -> QuerySet[AcademicYear]:
    """The institution's academic years, latest first, with periods and start moments."""
    years = AcademicYear.objects.filter(institution=institution).order_by("-first_year")
    return years.prefetch_related("periods", "start_moments")


def organisational_units_of(institution: Institution) -> QuerySet[OrganisationalUnit]:
    """The institution's units by name, each with its parent and its programmes."""
    units = OrganisationalUnit.objects.filter(institution=institution).select_related("parent")
    return units.prefetch_related("programmes").order_by("name_nl", "pk")
