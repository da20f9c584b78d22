"""The assessors' pages: blind scores, the consensus (with a live preview of the results),
the criterion-based interview, and the work list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.core import exports, paging, web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.models import AssessmentCriterion

from .. import permissions, selectors, services
from ..forms import (
    ConsensusForm,
    InterviewRecordForm,
    InterviewScheduleForm,
    ScoresForm,
    WorkFilterForm,
)
from ..models import AssessmentRequest, AssessorAssignment
from .common import Status
from .request_page import detail_action, groups


def _criteria(req: AssessmentRequest) -> list[AssessmentCriterion]:
    return selectors.criteria_of_units(ru.unit_id for ru in req.request_units.all())


@login_required
@post_only
def scores_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """An assigned assessor's own scores, once, before seeing anyone else's."""
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_score(request.user, req))
    form = web.bind(ScoresForm, request, "scores", criteria=_criteria(req))
    return detail_action(
        request,
        req,
        "scores",
        form,
        lambda d: services.scores_submit(
            req, actor=request.user, scores=form.scores(), comments=form.comments(), on=web.today()
        ),
        _("Your scores were submitted."),
        "scoring",
    )


@login_required
@post_only
def consensus_record(request: AuthedRequest, pk: int) -> HttpResponse:
    """The agreed final scores and the feedback per unit; the result follows from the scores.
    With `?preview=1` (htmx, on every change) only the computed results are shown."""
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_record_consensus(request.user, req))
    detail = selectors.request_detail(req.pk)
    form = web.bind(
        ConsensusForm,
        request,
        "consensus",
        criteria=_criteria(detail),
        units=[ru.unit for ru in detail.request_units.all()],
    )
    if request.GET.get("preview"):
        computed = groups(detail, form.criteria, table=[], scores_form=None, consensus_form=form)
        return render(request, "assessments/_consensus.html#computed", {"groups": computed})
    return detail_action(
        request,
        req,
        "consensus",
        form,
        lambda d: services.consensus_record(
            req,
            actor=request.user,
            final_scores=form.scores(),
            feedback=form.feedback(),
            on=web.today(),
        ),
        _("Consensus was recorded; the results are final."),
        "results",
    )


@login_required
@post_only
def interview_schedule(request: AuthedRequest, pk: int) -> HttpResponse:
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_manage_interview(request.user, req))
    return detail_action(
        request,
        req,
        "interview",
        web.bind(InterviewScheduleForm, request, "interview"),
        lambda d: services.interview_schedule(
            req,
            actor=request.user,
            scheduled_at=d["when"],
            location=d["location"],
            questions=d["questions"],
        ),
        _("The interview was scheduled."),
        "interview",
    )


@login_required
@post_only
def interview_record(request: AuthedRequest, pk: int) -> HttpResponse:
    req = permissions.get_request_for(request.user, pk)
    web.require(permissions.can_manage_interview(request.user, req))
    return detail_action(
        request,
        req,
        "interview-record",
        web.bind(InterviewRecordForm, request, "interview-record"),
        lambda d: services.interview_record(
            req, actor=request.user, questions=d["questions"], notes=d["notes"]
        ),
        _("The interview was recorded."),
        "interview",
    )


@dataclass
class WorkRow:
    assignment: AssessorAssignment
    submitted: int
    total: int
    next_step: str


def _work_row(a: Any) -> WorkRow:
    """An annotated assignment of `selectors.work_list` as a row (no query)."""
    total = max(a.assigned, a.request.assessors_required, 2)
    return WorkRow(a, a.submitted, total, _next_step(a, a.submitted, total))


def _next_step(a: AssessorAssignment, submitted: int, total: int) -> str:
    status = a.request.status
    if status == Status.COMPLETED:
        return _("Completed")
    if status == Status.CONSENSUS:
        return _("Record consensus")
    if not a.submitted_at:
        return _("Score")
    return _("Waiting for the other assessors (%(n)s of %(m)s submitted)") % {
        "n": submitted,
        "m": total,
    }


WORK_SORTS = {
    "step": ("step", "request__requested_at"),
    "requested": ("request__requested_at",),
    "student": (
        "request__enrolment__student__last_name",
        "request__enrolment__student__first_name",
    ),
    "units": ("first_unit",),
    "position": ("position",),
    "interview": ("request__interview__scheduled_at",),
    "status": ("request__status",),
}


def _work_cells(row: WorkRow) -> list[Any]:
    req = row.assignment.request
    interview = getattr(req, "interview", None)
    when = interview.scheduled_at if interview else None
    return [
        timezone.localdate(req.requested_at).isoformat(),
        str(req.enrolment.student),
        req.enrolment.student.username,
        str(req.enrolment.variant.programme),
        ", ".join(ru.unit.code for ru in req.request_units.all()),
        _("yes") if req.integral else "",
        row.assignment.get_position_display(),
        timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else "",
        req.get_status_display(),
        row.next_step,
    ]


@login_required
def work_list(request: AuthedRequest) -> HttpResponseBase:
    """The assessor's assignments, 50 a page: what to score first, then the consensus to record,
    then what waits, then what is done (oldest request first); sorted by a column, filtered by
    student, programme and next step; `?export=csv|xlsx` downloads the whole filtered list. A
    fixed number of queries whatever its length."""
    web.require(permissions.can_view_assessor_work(request.user))
    form = WorkFilterForm(request.GET, programmes=selectors.assessor_programmes(request.user))
    found = selectors.work_list(request.user, form.filters())
    kind = paging.export_kind(request)
    if kind:
        rows = paging.sorted_list(request, found, sorts=WORK_SORTS, default="step")
        header = [_("Requested on"), _("Student"), _("Student number"), _("Programme")]
        header += [_("Units"), _("integral"), _("Your position"), _("Interview"), _("Status")]
        header += [_("Next step")]
        return exports.download(
            kind,
            "beoordelen",
            header,
            (_work_cells(_work_row(a)) for a in rows.iterator(chunk_size=exports.CHUNK)),
        )
    listing = paging.list_page(request, found, sorts=WORK_SORTS, default="step")
    context = {"rows": [_work_row(a) for a in listing.rows], "listing": listing, "form": form}
    return render(request, "assessments/work_list.html", context)
