"""The assessment coordinator's queue: requests that still need assessors (each with the
student's coach, who may not assess), then those being scored; assignment by hand or by
workload."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.core import web
from parcours.core.web import AuthedRequest
from parcours.curriculum.forms import ActionForm

from .. import permissions, selectors, services
from ..forms import AssignForm
from ..models import AssessmentRequest

INDEPENDENT_RULE = "assessment.assessor-independent"


@dataclass
class QueueRow:
    request: AssessmentRequest
    open_positions: list[int]
    assign_form: Any
    workload_form: Any


def _render_queue(request: AuthedRequest, bound: dict[str, Any] | None = None) -> HttpResponse:
    bound = bound or {}
    requests = list(selectors.coordinator_queue(request.user))
    candidates = selectors.assessor_candidates_for(requests)
    rows = [
        QueueRow(
            r,
            selectors.open_positions(r),
            bound.get(f"assign-{r.pk}")
            or AssignForm(candidates=candidates[r.pk], auto_id=web.auto_id(f"assign-{r.pk}")),
            bound.get(f"workload-{r.pk}") or ActionForm(),
        )
        for r in requests
    ]
    shown = {f"{kind}-{r.request.pk}" for r in rows for kind in ("assign", "workload")}
    context = {
        "needing": [r for r in rows if r.open_positions],
        "scoring": [r for r in rows if not r.open_positions],
        "elsewhere": [f for key, f in bound.items() if key not in shown],
        "independent_rule": web.rule_note(INDEPENDENT_RULE),
    }
    return render(
        request, "assessments/coordinator_queue.html", context, status=422 if bound else 200
    )


@login_required
def coordinator_queue(request: AuthedRequest) -> HttpResponse:
    """Requests of the coordinator's programmes: first those that still need assessors, each
    with the student's coach (who may not assess), then those being scored."""
    web.require(permissions.can_coordinate(request.user))
    return _render_queue(request)


def _queue_action(
    request: AuthedRequest, key: str, form: Any, action: Any, done: str
) -> HttpResponse:
    if web.submit(form, action)[0]:
        messages.success(request, done)
        return redirect("assessments:coordinator_queue")
    return _render_queue(request, {key: form})


@login_required
@require_POST
def assessor_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_assign_assessors(request.user, req))
    detail = selectors.request_detail(req.pk)
    form = web.bind(
        AssignForm,
        request,
        f"assign-{pk}",
        candidates=selectors.assessor_candidates_for([detail])[detail.pk],
    )
    return _queue_action(
        request,
        f"assign-{pk}",
        form,
        lambda d: services.assessor_assign(
            req, actor=request.user, assessor=d["assessor"], on=web.today()
        ),
        _("The assessor was assigned."),
    )


@login_required
@require_POST
def assessors_assign_by_workload(request: AuthedRequest, pk: int) -> HttpResponse:
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_assign_assessors(request.user, req))
    return _queue_action(
        request,
        f"workload-{pk}",
        ActionForm(request.POST),
        lambda d: services.assessors_assign_by_workload(req, actor=request.user, on=web.today()),
        _("Assessors were assigned by workload."),
    )
