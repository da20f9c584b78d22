"""What the study-plan operations share: a unit choice from a body, and the reads shaped for the
output schemas (a version with the route that applies per unit, a plan with its versions)."""

from __future__ import annotations

from typing import Any, cast

from django.utils import timezone

from parcours.curriculum.models import Unit

from .. import selectors, services
from ..models import PlanUnit, PlanVersion, StudyPlan
from .schemas import UnitChoiceIn


def choice(item: UnitChoiceIn, unit: Unit) -> services.UnitChoice:
    return services.UnitChoice(
        unit=unit,
        route=item.route,
        assessment=item.assessment,
        guidance=item.guidance,
        planned_start=item.planned_start,
        planned_end=item.planned_end,
    )


# --- reads shaped for the output schemas ----------------------------------------------------


def version_detail(pk: int) -> PlanVersion:
    """A version with its content and, per unit, the route that applies."""
    version = selectors.version_with_content(pk)
    routes = {
        r.plan_unit.pk: r.effective
        for r in selectors.effective_routes(version, on=timezone.localdate())
    }
    units = list(version.units.all())
    for pu in units:
        pu.effective_route = routes[pu.pk]  # type: ignore[attr-defined]
    version.unit_list = units  # type: ignore[attr-defined]
    version.total_ec = sum(pu.unit.ec for pu in units)  # type: ignore[attr-defined]
    return version


def plan_detail(plan: StudyPlan) -> StudyPlan:
    plan.version_list = list(plan.versions.order_by("number"))  # type: ignore[attr-defined]
    return plan


def with_lock(obj: Any, version: PlanVersion) -> Any:
    obj.lock_version = version.lock_version
    return obj


def plan_unit_detail(pk: int, version: PlanVersion) -> PlanUnit:
    detail = version_detail(version.pk)
    plan_unit = next(pu for pu in detail.unit_list if pu.pk == pk)  # type: ignore[attr-defined]
    return cast(PlanUnit, with_lock(plan_unit, detail))
