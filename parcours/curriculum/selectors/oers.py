"""Reads of programmes, OERs and units, and the facts the curriculum rules are checked on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from parcours.accounts.models import User, Viewer
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

from ..models import (
    AssessmentCriterion,
    Institution,
    LearningOutcome,
    Oer,
    Programme,
    ProgrammeVariant,
    RoleAssignment,
    TeacherConsent,
    Unit,
)
from ..permissions import (
    STAFF_ROLES,
    can_see_drafts,
    current_role,
    is_administrator,
    roles_by_programme,
)

DATA_DIR = Path(__file__).parent.parent / "data"
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
    return qs.filter(
        pk__in=RoleAssignment.objects.filter(current_role(), user=user).values("programme_id")
    )


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
