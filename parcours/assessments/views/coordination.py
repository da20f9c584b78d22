"""The assessment coordinator's queue: requests that still need assessors (each with the
student's coach, who may not assess), then those being scored; assignment by hand or by
workload."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.core import exports, paging, web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ActionForm

from .. import permissions, selectors, services
from ..forms import AssignForm, QueueFilterForm
from ..models import AssessmentRequest

INDEPENDENT_RULE = "assessment.assessor-independent"
KINDS = ("assign", "workload")  # the two forms on a row that still has an open place


@dataclass
class QueueRow:
    request: AssessmentRequest
    open_places: int
    assign_form: Any
    workload_form: Any


QUEUE_SORTS = {
    "waiting": ("filled", "requested_at"),
    "requested": ("requested_at",),
    "student": ("enrolment__student__last_name", "enrolment__student__first_name"),
    "coach": ("enrolment__coach__last_name", "enrolment__coach__first_name"),
    "places": ("open_places",),
    "status": ("status",),
}


def _queue(request: AuthedRequest) -> tuple[QueueFilterForm, QuerySet[AssessmentRequest]]:
    form = QueueFilterForm(request.GET, programmes=selectors.coordinated_programmes(request.user))
    found = selectors.coordinator_queue_list(request.user, form.filters(), places=form.places)
    return form, found


def _render_queue(request: AuthedRequest, bound: dict[str, Any] | None = None) -> HttpResponse:
    """One page of the queue; the assessors who may take a place are read only for the rows
    on it that still have one. `bound` holds a refused form, shown on its row (or at the top
    when its request is not on this page) with 422."""
    bound = bound or {}
    form, found = _queue(request)
    listing = paging.list_page(request, found, sorts=QUEUE_SORTS, default="waiting")
    requests: list[Any] = listing.rows
    candidates = selectors.assessor_candidates_for([r for r in requests if r.open_places > 0])
    rows = [
        QueueRow(
            r,
            r.open_places,
            bound.get(f"assign-{r.pk}")
            or AssignForm(
                candidates=candidates.get(r.pk, []), auto_id=web.auto_id(f"assign-{r.pk}")
            ),
            bound.get(f"workload-{r.pk}") or ActionForm(),
        )
        for r in requests
    ]
    shown = {f"{kind}-{r.request.pk}" for r in rows if r.open_places for kind in KINDS}
    context = {
        "rows": rows,
        "listing": listing,
        "form": form,
        "elsewhere": [f for key, f in bound.items() if key not in shown],
        "independent_rule": web.rule_note(INDEPENDENT_RULE),
    }
    return render(
        request, "assessments/coordinator_queue.html", context, status=422 if bound else 200
    )


def _queue_cells(r: Any) -> list[Any]:
    e = r.enrolment
    return [
        timezone.localdate(r.requested_at).isoformat(),
        str(e.student),
        e.student.username,
        str(e.variant.programme),
        ", ".join(ru.unit.code for ru in r.request_units.all()),
        _("yes") if r.integral else "",
        str(e.coach) if e.coach else "",
        ", ".join(f"{a.assessor} ({a.get_position_display()})" for a in r.assignments.all()),
        r.open_places,
        r.get_status_display(),
    ]


@login_required
def coordinator_queue(request: AuthedRequest) -> HttpResponseBase:
    """Open requests of the coordinator's programmes, 50 a page: those still needing assessors
    first (the open places counted in the database), each with the student's coach (who may
    not assess), then those being assessed, oldest first; sorted by a column, filtered by
    student, programme, status and open places; `?export=csv|xlsx` downloads the whole
    filtered queue. A fixed number of queries whatever its length."""
    web.require(permissions.can_coordinate(request.user))
    kind = paging.export_kind(request)
    if kind:
        _form, found = _queue(request)
        rows = paging.sorted_list(request, found, sorts=QUEUE_SORTS, default="waiting")
        header = [_("Requested on"), _("Student"), _("Student number"), _("Programme")]
        header += [_("Units"), _("integral"), _("Coach"), _("Assessors"), _("Open places")]
        header += [_("Status")]
        return exports.download(
            kind,
            "beoordelingsaanvragen",
            header,
            (_queue_cells(r) for r in rows.iterator(chunk_size=exports.CHUNK)),
        )
    return _render_queue(request)


def _back(request: AuthedRequest) -> str:
    """The queue's page the form was posted from: the form's action carries the page's query
    string (page, sort, filters)."""
    query = request.GET.copy()
    query.pop(paging.EXPORT_PARAM, None)
    url = reverse("assessments:coordinator_queue")
    return f"{url}?{query.urlencode()}" if query else url


def _queue_action(
    request: AuthedRequest, key: str, form: Any, action: Any, done: str
) -> HttpResponse:
    if web.submit(form, action)[0]:
        messages.success(request, done)
        return redirect(_back(request))
    return _render_queue(request, {key: form})


@login_required
@post_only
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
@post_only
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
