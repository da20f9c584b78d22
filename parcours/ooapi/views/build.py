"""The OOAPI v5 objects as JSON-ready dicts, built from the prefetched rows (no query here).

Every text is a LanguageTypedString array with Dutch (nl-NL) and English (en-GB) when the
English exists; the language the request's Accept-Language prefers comes first."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from .. import ids, vocabulary
from ..selectors import Item

K = ids.Kind
EDUXCHANGE = {"consumerKey": "eduxchange", "alliances": []}


@dataclass(frozen=True)
class Context:
    lang: str  # "nl" or "en": the language Accept-Language preferred
    base: str  # the site's address, for links to the public catalogue
    eduxchange: bool = False  # consumer=eduxchange asked
    params: dict[str, Any] = field(default_factory=dict)

    def texts(self, nl: str, en: str = "") -> list[dict[str, str]]:
        values = {"nl": nl.strip(), "en": en.strip()}
        order = [self.lang] + [lang for lang in ("nl", "en") if lang != self.lang]
        return [
            {"language": vocabulary.LANGUAGE_TAG[lang], "value": values[lang]}
            for lang in order
            if values[lang]
        ]


def _label(choice: Any, lang: str) -> str:
    with translation.override(lang):
        return str(choice)


def _brin(programme: Any) -> str:
    return str(programme.institution.brin_code)


def _organization_of(programme: Any) -> str:
    brin = _brin(programme)
    if programme.unit_id:
        return ids.make(brin, K.UNIT, programme.unit_id)
    return ids.make(brin, K.ORGANIZATION, programme.institution_id)


def _valid(obj: Any, academic_year: int) -> dict[str, str]:
    """An OER's academic year; validTo is exclusive (the day after the year's last day)."""
    starts = obj.year_starts or datetime.date(academic_year, 9, 1)
    ends = obj.year_ends or datetime.date(academic_year + 1, 8, 31)
    return {
        "validFrom": starts.isoformat(),
        "validTo": (ends + datetime.timedelta(days=1)).isoformat(),
    }


def organization(item: Item, ctx: Context) -> dict[str, Any]:
    obj = item.obj
    if item.kind == K.ORGANIZATION:
        brin = obj.brin_code
        return {
            "organizationId": ids.make(brin, K.ORGANIZATION, obj.pk),
            "primaryCode": {"codeType": "brin", "code": brin},
            "organizationType": "root",
            "name": ctx.texts(obj.name),
            "shortName": obj.name[:256],
            "children": [ids.make(brin, K.UNIT, u.pk) for u in obj.top_units],
        }
    brin = obj.institution.brin_code
    parent = (
        ids.make(brin, K.UNIT, obj.parent_id)
        if obj.parent_id
        else ids.make(brin, K.ORGANIZATION, obj.institution_id)
    )
    return {
        "organizationId": ids.make(brin, K.UNIT, obj.pk),
        "primaryCode": {"codeType": "organizationId", "code": f"{brin}-{obj.pk}"},
        "organizationType": "department" if obj.parent_id else "academy",
        "name": ctx.texts(obj.name_nl, obj.name_en),
        "shortName": obj.name_nl[:256],
        "parent": parent,
        "children": [ids.make(brin, K.UNIT, c.pk) for c in obj.children.all()],
    }


def academic_session(item: Item, ctx: Context) -> dict[str, Any]:
    obj = item.obj
    if item.kind == K.YEAR:
        brin, label = obj.institution.brin_code, f"{obj.first_year}-{obj.first_year + 1}"
        return {
            "academicSessionId": ids.make(brin, K.YEAR, obj.pk),
            "academicSessionType": "academic year",
            "primaryCode": {"codeType": "identifier", "code": label},
            "name": ctx.texts(f"Studiejaar {label}", f"Academic year {label}"),
            "startDate": obj.starts_on.isoformat(),
            "endDate": obj.ends_on.isoformat(),
            "children": [ids.make(brin, K.PERIOD, p.pk) for p in obj.periods.all()],
        }
    year = obj.year
    brin, label = year.institution.brin_code, f"{year.first_year}-{year.first_year + 1}"
    year_id = ids.make(brin, K.YEAR, year.pk)
    return {
        "academicSessionId": ids.make(brin, K.PERIOD, obj.pk),
        "academicSessionType": "period",
        "primaryCode": {"codeType": "identifier", "code": f"{label}-{obj.name_en}"},
        "name": ctx.texts(obj.name_nl, obj.name_en),
        "startDate": obj.starts_on.isoformat(),
        "endDate": obj.ends_on.isoformat(),
        "parent": year_id,
        "year": year_id,
    }


def _programme_facts(programme: Any) -> dict[str, Any]:
    return {
        "level": vocabulary.LEVEL[programme.level],
        "sector": vocabulary.SECTOR[programme.sector],
        "levelOfQualification": vocabulary.LEVEL_OF_QUALIFICATION[programme.level],
    }


def _outcomes(unit: Any, ctx: Context) -> list[list[dict[str, str]]]:
    return [ctx.texts(o.text_nl, o.text_en) for o in unit.outcomes.all()]


def education_specification(item: Item, ctx: Context) -> dict[str, Any]:
    obj = item.obj
    if item.kind == K.PROGRAMME_SPEC:
        brin = _brin(obj)
        units = [u for v in obj.variants.all() for o in v.published_oers for u in o.units.all()]
        return {
            "educationSpecificationId": ids.make(brin, K.PROGRAMME_SPEC, obj.pk),
            "primaryCode": {"codeType": "crohoCreboCode", "code": obj.croho_code},
            "educationSpecificationType": "program",
            "name": ctx.texts(obj.name_nl, obj.name_en),
            "description": ctx.texts(obj.description_nl, obj.description_en),
            **_programme_facts(obj),
            "studyLoad": {"studyLoadUnit": "ects", "value": obj.nominal_ec},
            "children": [ids.make(brin, K.UNIT_SPEC, u.pk) for u in units],
            "organization": _organization_of(obj),
        }
    programme = obj.oer.variant.programme
    brin = _brin(programme)
    return {
        "educationSpecificationId": ids.make(brin, K.UNIT_SPEC, obj.pk),
        "primaryCode": {"codeType": "identifier", "code": obj.code},
        "educationSpecificationType": "course",
        "name": ctx.texts(obj.title_nl, obj.title_en),
        "description": ctx.texts(obj.description_nl, obj.description_en),
        "abbreviation": obj.code,
        "studyLoad": {"studyLoadUnit": "ects", "value": obj.ec},
        "learningOutcomes": _outcomes(obj, ctx),
        "parent": ids.make(brin, K.PROGRAMME_SPEC, programme.pk),
        "organization": _organization_of(programme),
        **_valid(obj, obj.oer.academic_year),
    }


def _program_code(oer: Any) -> str:
    programme = oer.variant.programme
    return f"{programme.croho_code}-{vocabulary.FORM_CODE[oer.variant.form]}-{oer.academic_year}"


def _program_name(oer: Any, ctx: Context) -> list[dict[str, str]]:
    programme, (form_nl, form_en) = oer.variant.programme, vocabulary.FORM_NAME[oer.variant.form]
    return ctx.texts(f"{programme.name_nl} ({form_nl})", f"{programme.name_en} ({form_en})")


def _description(nl: str, en: str, name: list[dict[str, str]], ctx: Context) -> Any:
    """A required description: the texts, or the name when a programme or unit has none."""
    return ctx.texts(nl, en) or name


def _consumers(ctx: Context) -> dict[str, Any]:
    return {"consumers": [dict(EDUXCHANGE)]} if ctx.eduxchange else {}


def program(item: Item, ctx: Context) -> dict[str, Any]:
    oer = item.obj
    programme, variant = oer.variant.programme, oer.variant
    brin, name = _brin(programme), _program_name(oer, ctx)
    body = {
        "programId": ids.make(brin, K.PROGRAM, oer.pk),
        "primaryCode": {"codeType": "programCode", "code": _program_code(oer)},
        "programType": "program",
        "name": name,
        "abbreviation": f"{programme.croho_code}-{vocabulary.FORM_CODE[variant.form]}",
        "description": _description(programme.description_nl, programme.description_en, name, ctx),
        "teachingLanguage": vocabulary.TEACHING_LANGUAGE,
        "studyLoad": {"studyLoadUnit": "ects", "value": programme.nominal_ec},
        "modeOfStudy": vocabulary.MODE_OF_STUDY[variant.form],
        "duration": f"P{programme.nominal_years}Y",
        **_programme_facts(programme),
        "link": f"{ctx.base}/catalogus/oer/{oer.pk}/",
        "educationSpecification": ids.make(brin, K.PROGRAMME_SPEC, programme.pk),
        "organization": _organization_of(programme),
        "otherCodes": [{"codeType": "crohoCreboCode", "code": programme.croho_code}],
        **_valid(oer, oer.academic_year),
        **_consumers(ctx),
    }
    admission = ctx.texts(variant.admission_requirements_nl, variant.admission_requirements_en)
    if admission:
        body["admissionRequirements"] = admission
    return body


def _assessment(forms: list[Any], ctx: Context) -> list[dict[str, str]]:
    def line(form: Any, lang: str) -> str:
        text = getattr(form, f"description_{lang}") or ""
        return f"{_label(form.get_kind_display(), lang)}: {text}".rstrip(": ")

    return ctx.texts(
        "\n".join(line(f, "nl") for f in forms), "\n".join(line(f, "en") for f in forms)
    )


def _modes(activities: list[Any]) -> list[str]:
    return sorted({vocabulary.MODE_OF_DELIVERY[a.mode] for a in activities})


def course(item: Item, ctx: Context) -> dict[str, Any]:
    unit = item.obj
    oer = unit.oer
    programme = oer.variant.programme
    brin, name = _brin(programme), ctx.texts(unit.title_nl, unit.title_en)
    body: dict[str, Any] = {
        "courseId": ids.make(brin, K.COURSE, unit.pk),
        "primaryCode": {"codeType": "identifier", "code": unit.code},
        "name": name,
        "abbreviation": unit.code,
        "studyLoad": {"studyLoadUnit": "ects", "value": unit.ec},
        "description": _description(unit.description_nl, unit.description_en, name, ctx),
        "teachingLanguage": vocabulary.TEACHING_LANGUAGE,
        "level": vocabulary.LEVEL[programme.level],
        "learningOutcomes": _outcomes(unit, ctx),
        "link": f"{ctx.base}/catalogus/oer/{oer.pk}/",
        "educationSpecification": ids.make(brin, K.UNIT_SPEC, unit.pk),
        "programs": [ids.make(brin, K.PROGRAM, oer.pk)],
        "organization": _organization_of(programme),
        "ext": {"nlqfLevel": unit.nlqf_level},
        **_valid(unit, oer.academic_year),
        **_consumers(ctx),
    }
    if modes := _modes(list(unit.activities.all())):
        body["modeOfDelivery"] = modes
    if assessment := _assessment(list(unit.assessment_forms.all()), ctx):
        body["assessment"] = assessment
    return body


def component(item: Item, ctx: Context) -> dict[str, Any]:
    obj, unit = item.obj, item.obj.unit
    programme = unit.oer.variant.programme
    brin = _brin(programme)
    common = {
        "teachingLanguage": vocabulary.TEACHING_LANGUAGE,
        "course": ids.make(brin, K.COURSE, unit.pk),
        "organization": _organization_of(programme),
    }
    if item.kind == K.ACTIVITY:
        code = f"{unit.code}-A{obj.pk}"
        body = {
            "componentId": ids.make(brin, K.ACTIVITY, obj.pk),
            "primaryCode": {"codeType": "componentCode", "code": code},
            "componentType": vocabulary.COMPONENT_TYPE[obj.kind],
            "name": ctx.texts(obj.title_nl, obj.title_en),
            "abbreviation": code,
            "modeOfDelivery": [vocabulary.MODE_OF_DELIVERY[obj.mode]],
            "duration": f"PT{obj.hours}H",
            **common,
        }
        if description := ctx.texts(obj.description_nl, obj.description_en):
            body["description"] = description
        return body
    code = f"{unit.code}-T{obj.pk}"
    return {
        "componentId": ids.make(brin, K.TEST, obj.pk),
        "primaryCode": {"codeType": "componentCode", "code": code},
        "componentType": vocabulary.TEST,
        "name": ctx.texts(f"Toetsing: {unit.title_nl}", f"Assessment: {unit.title_en}"),
        "abbreviation": code,
        "description": _assessment([obj], ctx),
        "assessment": _assessment([obj], ctx),
        **common,
    }


def offering(item: Item, ctx: Context) -> dict[str, Any]:
    obj, moment = item.obj, item.moment
    assert moment is not None
    oer = obj if item.kind == K.PROGRAM_OFFERING else obj.oer
    programme = oer.variant.programme
    brin, day = _brin(programme), moment.starts_on.isoformat()
    common = {
        "teachingLanguage": vocabulary.TEACHING_LANGUAGE,
        "resultExpected": True,
        "academicSession": ids.make(brin, K.YEAR, moment.year_id),
        "startDate": day,
        "endDate": obj.year_ends.isoformat(),
        "organization": _organization_of(programme),
        "link": f"{ctx.base}/catalogus/oer/{oer.pk}/",
        **_consumers(ctx),
    }
    if item.kind == K.PROGRAM_OFFERING:
        name = _program_name(oer, ctx)
        return {
            "offeringId": ids.make(brin, K.PROGRAM_OFFERING, oer.pk, moment.pk),
            "primaryCode": {"codeType": "offeringCode", "code": f"{_program_code(oer)}-{day}"},
            "offeringType": "program",
            "name": name,
            "description": _description(
                programme.description_nl, programme.description_en, name, ctx
            ),
            "program": ids.make(brin, K.PROGRAM, oer.pk),
            **common,
        }
    name = ctx.texts(obj.title_nl, obj.title_en)
    return {
        "offeringId": ids.make(brin, K.COURSE_OFFERING, obj.pk, moment.pk),
        "primaryCode": {"codeType": "offeringCode", "code": f"{obj.code}-{day}"},
        "offeringType": "course",
        "name": name,
        "description": _description(obj.description_nl, obj.description_en, name, ctx),
        "resultValueType": "pass-or-fail",
        "course": ids.make(brin, K.COURSE, obj.pk),
        "programOffering": ids.make(brin, K.PROGRAM_OFFERING, oer.pk, moment.pk),
        **common,
    }


BUILDERS: dict[ids.Kind, Callable[[Item, Context], dict[str, Any]]] = {
    K.ORGANIZATION: organization,
    K.UNIT: organization,
    K.YEAR: academic_session,
    K.PERIOD: academic_session,
    K.PROGRAMME_SPEC: education_specification,
    K.UNIT_SPEC: education_specification,
    K.PROGRAM: program,
    K.COURSE: course,
    K.ACTIVITY: component,
    K.TEST: component,
    K.PROGRAM_OFFERING: offering,
    K.COURSE_OFFERING: offering,
}

ID_FIELD = {
    K.ORGANIZATION: "organizationId",
    K.UNIT: "organizationId",
    K.YEAR: "academicSessionId",
    K.PERIOD: "academicSessionId",
    K.PROGRAMME_SPEC: "educationSpecificationId",
    K.UNIT_SPEC: "educationSpecificationId",
    K.PROGRAM: "programId",
    K.COURSE: "courseId",
    K.ACTIVITY: "componentId",
    K.TEST: "componentId",
    K.PROGRAM_OFFERING: "offeringId",
    K.COURSE_OFFERING: "offeringId",
}


def build(item: Item, ctx: Context) -> dict[str, Any]:
    return BUILDERS[item.kind](item, ctx)
