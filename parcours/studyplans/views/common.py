"""Helpers the study-plan pages share: a refusal or a conflict put on the form, the status a
re-rendered page answers with, who opens a student's file or a version as staff, and what
every page shows of a version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import get_language

from parcours.core import web
from parcours.core.errors import DomainError
from parcours.core.web import AuthedRequest
from parcours.rules import get_rule

from .. import permissions, selectors, services
from ..forms.common import IntakeForm
from ..forms.student import ROUTE_HELP
from ..models import (
    Enrolment,
    PlanUnit,
    PlanVersion,
)

Status = PlanVersion.Status
Route = PlanUnit.Route


# --- small helpers ------------------------------------------------------------------------------


def conflict(form: Any, exc: DomainError) -> bool:
    """On a conflict the form keeps the user's input, takes the stored lock_version (so saving
    again is a deliberate choice) and carries the differences."""
    if not isinstance(exc, services.VersionConflict):
        return False
    form.conflict = exc
    form.data = form.data.copy()
    form.data["lock_version"] = str(exc.version.lock_version)
    return True


def submit(form: Any, action: Callable[[dict[str, Any]], Any]) -> tuple[bool, Any]:
    form.conflict = None
    return web.submit(form, action, handle=conflict)


def error_status(request: AuthedRequest, bound: dict[str, Any]) -> int:
    if request.htmx or not bound:
        return 200
    return 409 if any(getattr(f, "conflict", None) for f in bound.values()) else 422


def route_help() -> list[tuple[str, str, str]]:
    """(code, name, one-line explanation) of the combinations A-D."""
    return [(r.value, str(r.label), str(ROUTE_HELP[r])) for r in Route]


def intake_initial(intake: Any) -> dict[str, Any] | None:
    if intake is None:
        return None
    return {name: getattr(intake, name) for name in IntakeForm.Meta.fields}


def enrolment_url(request: AuthedRequest, enrolment: Enrolment) -> str:
    """Where the pages lead back to: the student's own start page; for staff the student's
    file under /begeleiding/."""
    if permissions.is_student_of(request.user, enrolment):
        return reverse("studyplans:home") + f"#enrolment-{enrolment.pk}"
    return reverse("studyplans:student_file", args=[enrolment.pk])


# --- the plan page: versions and the current version --------------------------------------------


@dataclass
class VersionRow:
    version: PlanVersion
    previous: PlanVersion | None


def version_rows(versions: list[PlanVersion]) -> list[VersionRow]:
    by_pk = {v.pk: v for v in versions}
    rows = []
    for i, v in enumerate(versions):
        previous = by_pk.get(v.based_on_id or 0) or (versions[i - 1] if i else None)
        rows.append(VersionRow(v, previous))
    return rows


@dataclass
class UnitPanel:
    plan_unit: PlanUnit
    form: Any = None
    activity_form: Any = None
    effective: selectors.UnitRoute | None = None

    @property
    def effective_label(self) -> str:
        return str(Route(self.effective.effective).label) if self.effective else ""

    @property
    def effective_message(self) -> str:
        return self.effective.result.message(get_language() or "nl") if self.effective else ""


def read_units(version: PlanVersion) -> list[UnitPanel]:
    """The units of a version that is not edited here, with the effective route once
    established."""
    decided = version.status in (Status.ESTABLISHED, Status.SUPERSEDED)
    routes = {r.plan_unit.pk: r for r in selectors.effective_routes(version, on=web.today())}
    return [
        UnitPanel(pu, effective=routes.get(pu.pk) if decided else None)
        for pu in version.units.all()
    ]


def version_content(version: PlanVersion) -> dict[str, Any]:
    """What the plan page and the version page show of any version."""
    matrix = selectors.d_matrix(version)
    lang = get_language() or "nl"
    grounds = [
        {
            "rule": g.get("rule", ""),
            "title": get_rule(g["rule"]).title(lang) if g.get("rule") else "",
            "ok": g.get("ok"),
            "unit": g.get("unit", ""),
            "reason": g.get("reason", ""),
            "source": "; ".join(c.get("label", "") for c in g.get("citations", [])),
        }
        for g in version.grounds or []
    ]
    units = list(version.units.all())
    outcome_codes = {
        o.pk: f"{pu.unit.code} {o.code}" for pu in units for o in pu.unit.outcomes.all()
    }
    large_rows = [
        (
            la,
            [pu.unit.code for pu in units if pu.large_activity_id == la.pk],
            sorted(outcome_codes.get(o.pk, o.code) for o in la.outcomes.all()),
        )
        for la in version.large_activities.all()
    ]
    return {
        "version": version,
        "large_rows": large_rows,
        "matrix": matrix,
        "show_matrix": bool(matrix.rows or matrix.activities),
        "grounds": grounds,
        "decided": version.status in (Status.ESTABLISHED, Status.SUPERSEDED),
    }


# --- who may open what ---------------------------------------------------------------------------


def file_enrolment(request: AuthedRequest, pk: int) -> Enrolment:
    enrolment = permissions.get_enrolment_for(request.user, pk)
    web.require(permissions.can_open_student_file(request.user, enrolment))
    return enrolment


def staff_version(request: AuthedRequest, pk: int) -> PlanVersion:
    version = permissions.get_version_for(request.user, pk)
    web.require(permissions.can_open_student_file(request.user, version.plan.enrolment))
    return version


def establishable_version(request: AuthedRequest, pk: int) -> PlanVersion:
    """A version the user may establish, loaded once with its content: 404 when not visible,
    403 when not theirs to open or to establish."""
    version = staff_version(request, pk)
    web.require(permissions.can_establish_version(request.user, version))
    return selectors.with_content(version)
