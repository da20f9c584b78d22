"""The OOAPI v5 endpoints Parcours provides (public, read-only): the service root,
organizations, academic sessions, education specifications, programs, courses, components and
offerings, with the sub-collections the spec defines for them. Persons, groups, associations,
buildings, rooms and news are not provided (no public catalogue data): they answer 404."""

from __future__ import annotations

from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .. import ids, selectors
from .build import Context, build
from .common import Problem, endpoint, expanded, one, page_of, sort_of, unchecked

K = ids.Kind
ORGANIZATIONS = (K.ORGANIZATION, K.UNIT)
SESSIONS = (K.YEAR, K.PERIOD)
SPECS = (K.PROGRAMME_SPEC, K.UNIT_SPEC)
COMPONENTS = (K.ACTIVITY, K.TEST)
OFFERINGS = (K.PROGRAM_OFFERING, K.COURSE_OFFERING)

NAME = {"name": "name"}
OFFERING_SORT = {
    "offeringId": "id",
    "startDate": "date",
    "endDate": "date",
    **NAME,
}


def _scope(item: selectors.Item) -> selectors.Scope:
    return selectors.Scope(item.kind, item.obj.pk)


@endpoint
def service(ctx: Context) -> dict[str, Any]:
    return {
        "contactEmail": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],  # "Name <address>" too
        "specification": f"{ctx.base}/ooapi/v5/ooapi.json",
        "documentation": "https://openonderwijsapi.nl/",
    }


@unchecked
def specification(ctx: Context) -> dict[str, Any]:
    """The bundled spec this provider answers to (what `specification` in the root names)."""
    from .. import schemas

    return schemas.spec()


@endpoint
def organization_list(ctx: Context) -> dict[str, Any]:
    parts = selectors.organizations(ctx.params, ctx.lang)
    return page_of(parts, ctx, sort_of(ctx, {"organizationId": "id", **NAME}, "name"))


@endpoint
def organization_detail(ctx: Context, uid: Any) -> dict[str, Any]:
    item = one(uid, ORGANIZATIONS, _("organization"))
    return expanded(build(item, ctx), ctx)


def _in_organization(uid: Any) -> selectors.Scope:
    return _scope(one(uid, ORGANIZATIONS, _("organization")))


@endpoint
def organization_programs(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.programs(ctx.params, ctx.lang, _in_organization(uid))
    return page_of(parts, ctx, sort_of(ctx, {"programId": "id", **NAME}, "name"))


@endpoint
def organization_courses(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.courses(ctx.params, ctx.lang, _in_organization(uid))
    return page_of(parts, ctx, sort_of(ctx, {"courseId": "id", **NAME}, "name"))


@endpoint
def organization_components(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.components(ctx.params, ctx.lang, _in_organization(uid))
    return page_of(parts, ctx, sort_of(ctx, {"componentId": "id", **NAME}, "name"))


@endpoint
def organization_offerings(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.offerings(ctx.params, ctx.lang, _in_organization(uid))
    return page_of(parts, ctx, sort_of(ctx, OFFERING_SORT, "startDate"))


SPEC_SORT = {"educationSpecificationType": "type", "primarycode": "code", "primaryCode": "code"}


@endpoint
def organization_education_specifications(ctx: Context, uid: Any) -> dict[str, Any]:
    scope = _in_organization(uid)
    parts = selectors.education_specifications(ctx.params, ctx.lang, scope)
    return page_of(parts, ctx, sort_of(ctx, {**SPEC_SORT, **NAME}, "name"))


@endpoint
def academic_session_list(ctx: Context) -> dict[str, Any]:
    within = None
    for key in ("parent", "year"):
        if (value := ctx.params.get(key)) is not None:
            item = selectors.find(value, (K.YEAR,))
            within = item.obj.pk if item is not None else 0
    parts = selectors.academic_sessions(ctx.params, ctx.lang, within)
    sort = sort_of(ctx, {"academicSessionId": "id", "startDate": "date", **NAME}, "startDate")
    return page_of(parts, ctx, sort)


@endpoint
def academic_session_detail(ctx: Context, uid: Any) -> dict[str, Any]:
    item = one(uid, SESSIONS, _("academic session"))
    return expanded(build(item, ctx), ctx)


@endpoint
def academic_session_offerings(ctx: Context, uid: Any) -> dict[str, Any]:
    item = one(uid, SESSIONS, _("academic session"))
    days = selectors.session_days(item)
    parts = selectors.offerings(ctx.params, ctx.lang, None, session=days)
    return page_of(parts, ctx, sort_of(ctx, OFFERING_SORT, "startDate"))


@endpoint
def education_specification_list(ctx: Context) -> dict[str, Any]:
    parts = selectors.education_specifications(ctx.params, ctx.lang, None)
    return page_of(parts, ctx, sort_of(ctx, {**SPEC_SORT, **NAME}, "name"))


@endpoint
def education_specification_detail(ctx: Context, uid: Any) -> dict[str, Any]:
    item = one(uid, SPECS, _("education specification"))
    return expanded(build(item, ctx), ctx)


def _spec(value: Any) -> selectors.Scope:
    return _scope(one(value, SPECS, _("education specification")))


@endpoint
def education_specification_children(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.education_specifications(ctx.params, ctx.lang, _spec(uid))
    sort = {"educationSpecificationId": "id", "educationSpecificationType": "type", **NAME}
    return page_of(parts, ctx, sort_of(ctx, sort, "educationSpecificationId"))


@endpoint
def education_specification_courses(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.courses(ctx.params, ctx.lang, _spec(uid))
    return page_of(parts, ctx, sort_of(ctx, {"courseId": "id", **NAME}, "courseId"))


@endpoint
def education_specification_programs(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.programs(ctx.params, ctx.lang, _spec(uid))
    return page_of(parts, ctx, sort_of(ctx, {"programId": "id", **NAME}, "name"))


@endpoint
def program_list(ctx: Context) -> dict[str, Any]:
    parts = selectors.programs(ctx.params, ctx.lang, None)
    return page_of(parts, ctx, sort_of(ctx, {"programId": "id", **NAME}, "name"))


@endpoint
def program_detail(ctx: Context, uid: Any) -> dict[str, Any]:
    return expanded(build(one(uid, (K.PROGRAM,), _("program")), ctx), ctx)


def _program(value: Any) -> selectors.Scope:
    return _scope(one(value, (K.PROGRAM,), _("program")))


@endpoint
def program_programs(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.programs(ctx.params, ctx.lang, _program(uid))
    return page_of(parts, ctx, sort_of(ctx, {"programId": "id", **NAME}, "name"))


@endpoint
def program_courses(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.courses(ctx.params, ctx.lang, _program(uid))
    return page_of(parts, ctx, sort_of(ctx, {"courseId": "id", **NAME}, "courseId"))


@endpoint
def program_offerings(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.offerings(ctx.params, ctx.lang, _program(uid))
    return page_of(parts, ctx, sort_of(ctx, OFFERING_SORT, "startDate"))


@endpoint
def course_list(ctx: Context) -> dict[str, Any]:
    parts = selectors.courses(ctx.params, ctx.lang, None)
    return page_of(parts, ctx, sort_of(ctx, {"courseId": "id", **NAME}, "name"))


@endpoint
def course_detail(ctx: Context, uid: Any) -> dict[str, Any]:
    return expanded(build(one(uid, (K.COURSE,), _("course")), ctx), ctx)


def _course(value: Any) -> selectors.Scope:
    return _scope(one(value, (K.COURSE,), _("course")))


@endpoint
def course_components(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.components(ctx.params, ctx.lang, _course(uid))
    return page_of(parts, ctx, sort_of(ctx, {"componentId": "id", **NAME}, "componentId"))


@endpoint
def course_offerings(ctx: Context, uid: Any) -> dict[str, Any]:
    parts = selectors.offerings(ctx.params, ctx.lang, _course(uid))
    return page_of(parts, ctx, sort_of(ctx, OFFERING_SORT, "startDate"))


@endpoint
def component_detail(ctx: Context, uid: Any) -> dict[str, Any]:
    return expanded(build(one(uid, COMPONENTS, _("component")), ctx), ctx)


@endpoint
def component_offerings(ctx: Context, uid: Any) -> dict[str, Any]:
    """A component has no offerings of its own in Parcours (no timetable): an empty page."""
    one(uid, COMPONENTS, _("component"))
    sort = {"offeringId": "id", "startDateTime": "date", "endDateTime": "date", **NAME}
    return page_of([], ctx, sort_of(ctx, sort, "startDateTime"))


@endpoint
def offering_detail(ctx: Context, uid: Any) -> dict[str, Any]:
    return expanded(build(one(uid, OFFERINGS, _("offering")), ctx), ctx)


@unchecked
def not_provided(ctx: Context, *_rest: Any) -> dict[str, Any]:
    raise Problem(404, _("Not found"), _("Parcours does not provide this part of OOAPI."))
