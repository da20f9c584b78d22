"""Which rows each OOAPI collection holds, with the filters the spec defines for its path.

Every function takes the checked query parameters (`params`, as openapi-core unmarshalled them)
and a `scope` (the object a sub-collection hangs from, or None for the top-level collection) and
returns the `Part`s that `rows.page` pages. Only published data: every part starts from
`permissions.published_*`. A filter on a value Parcours never sends (a qualification, a field of
study) leaves nothing rather than ignoring it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, NullIf

from parcours.curriculum.models import (
    AcademicPeriod,
    AcademicYear,
    Institution,
    OrganisationalUnit,
)

from .. import ids, permissions, vocabulary
from .rows import Part


@dataclass(frozen=True)
class Scope:
    kind: ids.Kind
    pk: int


def _by(mapping: Mapping[str, str], value: str) -> list[str]:
    return [key for key, mapped in mapping.items() if mapped == value]


def _name(field: str, lang: str) -> Any:
    if lang == "en":
        return Coalesce(NullIf(F(f"{field}_en"), Value("")), F(f"{field}_nl"))
    return F(f"{field}_nl")


def _search(q: str | None, *fields: str) -> Q:
    if not q:
        return Q()
    found = Q()
    for field in fields:
        found |= Q(**{f"{field}__icontains": q})
    return found


def _year_code(prefix: str) -> Any:
    first = F(f"{prefix}first_year")
    return Concat(
        Cast(first, CharField()), Value("-"), Cast(first + 1, CharField()), output_field=CharField()
    )


def organizations(params: Mapping[str, Any], lang: str) -> list[Part]:
    code, kind, q = params.get("primaryCode"), params.get("organizationType"), params.get("q")
    roots = Institution.objects.filter(_search(q, "name"))
    units = OrganisationalUnit.objects.filter(_search(q, "name_nl", "name_en"))
    if code:
        roots = roots.filter(brin_code=code)
        brin, _, pk = code.rpartition("-")
        units = (
            units.filter(institution__brin_code=brin, pk=int(pk)) if pk.isdigit() else units.none()
        )
    if kind:
        roots = roots if kind == "root" else roots.none()
        units = {
            "academy": units.filter(parent=None),
            "department": units.exclude(parent=None),
        }.get(kind, units.none())
    unit_code = Concat(
        "institution__brin_code", Value("-"), Cast("pk", CharField()), output_field=CharField()
    )
    return [
        Part(ids.Kind.ORGANIZATION, roots, "brin_code", "name", "brin_code"),
        Part(ids.Kind.UNIT, units, "institution__brin_code", _name("name", lang), unit_code),
    ]


def academic_sessions(params: Mapping[str, Any], lang: str, within: int | None) -> list[Part]:
    """Years and their periods; `within` is a year's pk when `parent` or `year` named one (0 when
    they named something that is no academic year: nothing matches)."""
    years = AcademicYear.objects.all()
    periods = AcademicPeriod.objects.all()
    session_type, code = params.get("academicSessionType"), params.get("primaryCode")
    if session_type is not None:
        years = years if session_type == "academic year" else years.none()
        periods = periods if session_type == "period" else periods.none()
    if within is not None:
        years = years.none()
        periods = periods.filter(year_id=within)
    if code:
        first, _, rest = code.partition("-")
        label, _, period = rest.partition("-")
        if not (first.isdigit() and label == str(int(first) + 1)):
            years, periods = years.none(), periods.none()
        else:
            years = years.filter(first_year=int(first)) if not period else years.none()
            periods = periods.filter(year__first_year=int(first), name_en=period)
    period_code = Concat(_year_code("year__"), Value("-"), "name_en", output_field=CharField())
    year_name = Concat(
        Value("Academic year " if lang == "en" else "Studiejaar "),
        _year_code(""),
        output_field=CharField(),
    )
    return [
        Part(
            ids.Kind.YEAR, years, "institution__brin_code", year_name, _year_code(""), "starts_on"
        ),
        Part(
            ids.Kind.PERIOD,
            periods,
            "year__institution__brin_code",
            _name("name", lang),
            period_code,
            "starts_on",
        ),
    ]


_UNIT_BRIN = "oer__variant__programme__institution__brin_code"
_OER_BRIN = "variant__programme__institution__brin_code"


def _in_organization(scope: Scope | None, root: str, unit: str) -> Q:
    if scope is None:
        return Q()
    if scope.kind == ids.Kind.ORGANIZATION:
        return Q(**{root: scope.pk})
    if scope.kind == ids.Kind.UNIT:  # the unit and the units below it
        return Q(**{unit: scope.pk}) | Q(**{f"{unit}__parent": scope.pk})
    return Q()


def education_specifications(
    params: Mapping[str, Any], lang: str, scope: Scope | None
) -> list[Part]:
    programmes = permissions.published_programmes().filter(
        _search(params.get("q"), "name_nl", "name_en"),
        _in_organization(scope, "institution", "unit"),
    )
    units = permissions.published_units().filter(
        _search(params.get("q"), "title_nl", "title_en"),
        _in_organization(
            scope, "oer__variant__programme__institution", "oer__variant__programme__unit"
        ),
    )
    if scope is not None and scope.kind == ids.Kind.PROGRAMME_SPEC:  # its children
        programmes = programmes.none()
        units = units.filter(oer__variant__programme=scope.pk)
    elif scope is not None and scope.kind == ids.Kind.UNIT_SPEC:
        programmes, units = programmes.none(), units.none()
    if code := params.get("primaryCode"):
        programmes, units = programmes.filter(croho_code=code), units.filter(code=code)
    spec_type = params.get("educationSpecificationType")
    if spec_type is not None:
        programmes = programmes if spec_type == "program" else programmes.none()
        units = units if spec_type == "course" else units.none()
    return [
        Part(
            ids.Kind.PROGRAMME_SPEC,
            programmes,
            "institution__brin_code",
            _name("name", lang),
            "croho_code",
        ),
        Part(ids.Kind.UNIT_SPEC, units, _UNIT_BRIN, _name("title", lang), "code"),
    ]


def program_code() -> Any:
    form = vocabulary.FORM_CODE
    return Concat(
        "variant__programme__croho_code",
        Value("-"),
        Case(*(When(variant__form=k, then=Value(v)) for k, v in form.items()), default=Value("")),
        Value("-"),
        Cast("academic_year", CharField()),
        output_field=CharField(),
    )


def _program_filters(params: Mapping[str, Any]) -> Q | None:
    """The filters of the program collections as a Q; None when nothing can match."""
    if params.get("qualificationAwarded") or params.get("fieldsOfStudy"):
        return None
    if params.get("programType") not in (None, "program"):
        return None
    if params.get("teachingLanguage") not in (None, vocabulary.TEACHING_LANGUAGE):
        return None
    found = _search(params.get("q"), "variant__programme__name_nl", "variant__programme__name_en")
    if level := params.get("levelOfQualification"):
        found &= Q(variant__programme__level__in=_by(vocabulary.LEVEL_OF_QUALIFICATION, level))
    if sector := params.get("sector"):
        found &= Q(variant__programme__sector__in=_by(vocabulary.SECTOR, sector))
    if croho := params.get("croho-creboCode"):
        found &= Q(variant__programme__croho_code=croho)
    if code := params.get("primaryCode"):
        croho, _, rest = code.partition("-")
        form, _, year = rest.partition("-")
        if not year.isdigit():
            return None
        found &= Q(
            variant__programme__croho_code=croho,
            variant__form__in=_by(vocabulary.FORM_CODE, form),
            academic_year=int(year),
        )
    return found


def programs(params: Mapping[str, Any], lang: str, scope: Scope | None) -> list[Part]:
    found = _program_filters(params)
    if found is None or (
        scope is not None and scope.kind in (ids.Kind.PROGRAM, ids.Kind.UNIT_SPEC)
    ):
        return []  # a program has no sub-programs in Parcours; a unit's spec no programs
    oers = permissions.published_oers().filter(
        found,
        _in_organization(scope, "variant__programme__institution", "variant__programme__unit"),
    )
    if scope is not None and scope.kind == ids.Kind.PROGRAMME_SPEC:
        oers = oers.filter(variant__programme=scope.pk)
    return [
        Part(
            ids.Kind.PROGRAM,
            oers,
            _OER_BRIN,
            _name("variant__programme__name", lang),
            program_code(),
        )
    ]


def _course_filters(params: Mapping[str, Any], prefix: str = "") -> Q | None:
    if params.get("teachingLanguage") not in (None, vocabulary.TEACHING_LANGUAGE):
        return None
    found = _search(params.get("q"), f"{prefix}title_nl", f"{prefix}title_en")
    if level := params.get("level"):
        found &= Q(**{f"{prefix}oer__variant__programme__level__in": _by(vocabulary.LEVEL, level)})
    if modes := params.get("modeOfDelivery"):
        ours = [k for k, v in vocabulary.MODE_OF_DELIVERY.items() if v in modes]
        found &= Q(**{f"{prefix}activities__mode__in": ours})
    if code := params.get("primaryCode"):
        found &= Q(**{f"{prefix}code": code})
    return found


def courses(params: Mapping[str, Any], lang: str, scope: Scope | None) -> list[Part]:
    found = _course_filters(params)
    if found is None or (scope is not None and scope.kind == ids.Kind.PROGRAMME_SPEC):
        return []
    units = permissions.published_units().filter(
        pk__in=permissions.published_units()
        .filter(
            found,
            _in_organization(
                scope, "oer__variant__programme__institution", "oer__variant__programme__unit"
            ),
        )
        .values("pk")
    )
    if scope is not None and scope.kind == ids.Kind.PROGRAM:
        units = units.filter(oer=scope.pk)
    elif scope is not None and scope.kind == ids.Kind.UNIT_SPEC:
        units = units.filter(pk=scope.pk)
    return [Part(ids.Kind.COURSE, units, _UNIT_BRIN, _name("title", lang), "code")]


def components(params: Mapping[str, Any], lang: str, scope: Scope | None) -> list[Part]:
    if params.get("teachingLanguage") not in (None, vocabulary.TEACHING_LANGUAGE):
        return []
    where = _in_organization(
        scope, "unit__oer__variant__programme__institution", "unit__oer__variant__programme__unit"
    )
    if scope is not None and scope.kind == ids.Kind.COURSE:
        where = Q(unit=scope.pk)
    activities = permissions.published_activities().filter(
        where, _search(params.get("q"), "title_nl", "title_en")
    )
    tests = permissions.published_tests().filter(
        where, _search(params.get("q"), "unit__title_nl", "unit__title_en")
    )
    if component_type := params.get("componentType"):
        activities = activities.filter(kind__in=_by(vocabulary.COMPONENT_TYPE, component_type))
        tests = tests if component_type == vocabulary.TEST else tests.none()
    test_name = Concat(
        Value("Assessment: " if lang == "en" else "Toetsing: "),
        _name("unit__title", lang),
        output_field=CharField(),
    )
    brin = f"unit__{_UNIT_BRIN}"
    activity_code = Concat(
        "unit__code", Value("-A"), Cast("pk", CharField()), output_field=CharField()
    )
    test_code = Concat("unit__code", Value("-T"), Cast("pk", CharField()), output_field=CharField())
    return [
        Part(ids.Kind.ACTIVITY, activities, brin, _name("title", lang), activity_code),
        Part(ids.Kind.TEST, tests, brin, test_name, test_code),
    ]


def _starts(prefix: str) -> str:
    return f"{prefix}variant__programme__institution__academic_years"


def offerings(
    params: Mapping[str, Any],
    lang: str,
    scope: Scope | None,
    session: tuple[Any, Any] | None = None,
) -> list[Part]:
    """Program offerings (a published OER from a start moment of its year) and course offerings
    (a unit of one from a start moment); `session` limits the start dates (a session's days)."""
    if params.get("teachingLanguage") not in (None, vocabulary.TEACHING_LANGUAGE):
        return []
    if params.get("resultExpected") is False:
        return []  # every offering of Parcours ends in a result
    kind = params.get("offeringType")
    parts: list[Part] = []
    queryset: QuerySet[Any]
    for offering_kind, queryset, prefix in (
        (ids.Kind.PROGRAM_OFFERING, permissions.published_oers(), ""),
        (ids.Kind.COURSE_OFFERING, permissions.published_units(), "oer__"),
    ):
        if kind is not None and offering_kind.value != f"offering-{kind}":
            continue
        if scope is not None and scope.kind in (ids.Kind.PROGRAM, ids.Kind.COURSE):
            if (scope.kind == ids.Kind.PROGRAM) != (offering_kind == ids.Kind.PROGRAM_OFFERING):
                continue
            queryset = queryset.filter(pk=scope.pk)
        elif scope is not None:
            queryset = queryset.filter(
                _in_organization(
                    scope,
                    f"{prefix}variant__programme__institution",
                    f"{prefix}variant__programme__unit",
                )
            )
        years = _starts(prefix)
        # One filter() call: the year and its start moment are the same joined rows throughout.
        conditions: dict[str, Any] = {
            f"{years}__first_year": F(f"{prefix}academic_year"),
            f"{years}__start_moments__isnull": False,
        }
        if since := params.get("since"):
            conditions[f"{years}__start_moments__starts_on__gte"] = since
        if until := params.get("until"):
            conditions[f"{years}__ends_on__lte"] = until
        if session is not None:
            conditions[f"{years}__start_moments__starts_on__range"] = session
        if offering_kind == ids.Kind.PROGRAM_OFFERING:
            if mode := params.get("modeOfStudy"):
                conditions["variant__form__in"] = _by(vocabulary.MODE_OF_STUDY, mode)
            name = _name("variant__programme__name", lang)
            q = _search(
                params.get("q"), "variant__programme__name_nl", "variant__programme__name_en"
            )
        else:
            if modes := params.get("modeOfDelivery"):
                ours = [k for k, v in vocabulary.MODE_OF_DELIVERY.items() if v in modes]
                queryset = queryset.filter(
                    pk__in=permissions.published_units()
                    .filter(activities__mode__in=ours)
                    .values("pk")
                )
            name = _name("title", lang)
            q = _search(params.get("q"), "title_nl", "title_en")
        queryset = queryset.filter(q).filter(**conditions)
        start = f"{years}__start_moments__starts_on"
        code = Concat(
            program_code() if offering_kind == ids.Kind.PROGRAM_OFFERING else F("code"),
            Value("-"),
            Cast(start, CharField()),
            output_field=CharField(),
        )
        brin = f"{prefix}variant__programme__institution__brin_code"
        parts.append(
            Part(offering_kind, queryset, brin, name, code, start, f"{years}__start_moments__pk")
        )
    return parts
