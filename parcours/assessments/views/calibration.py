"""Calibration sessions: the programme's assessment coordinator sets up a session on one unit
with an anonymised sample portfolio and at least two of the programme's assessors; each
participant scores every criterion of the unit blind (nothing of the others' scores shows until
they have submitted their own); the coordinator closes the session. The report shows per
criterion the scores and the exact and adjacent agreement, per pair of assessors the
quadratic-weighted Cohen's kappa, and Krippendorff's alpha (ordinal) over all, each with its
interpretation, as a server-rendered SVG chart with the same figures in a table. The
coordinator sees the assessors' names; participants see letters (their own marked).

Thin function views: permission through permissions.py (404 for what a user may not see, 403
for what they may see but not do), every write one call to services, a refusal shown next to
its field (a re-rendered page answers 422).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from parcours.accounts.models import User
from parcours.core import web
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum import permissions as curriculum_permissions
from parcours.curriculum.forms import ActionForm
from parcours.curriculum.models import Programme

from .. import permissions, selectors, services
from ..forms import CalibrationCreateForm, CalibrationScoreForm
from ..models import CalibrationSession
from .charts import SERIES, AssessorLabel, calibration_chart, percent

# --- interpretation -------------------------------------------------------------------------------


def kappa_band(kappa: float | None) -> str:
    """Landis & Koch (1977), Biometrics 33(1): 159-174, the usual reading of kappa."""
    if kappa is None:
        return _("not defined")
    if kappa < 0:
        return _("poor (less than chance)")
    for upper, label in (
        (0.20, _("slight")),
        (0.40, _("fair")),
        (0.60, _("moderate")),
        (0.80, _("substantial")),
    ):
        if kappa <= upper:
            return label
    return _("almost perfect")


def alpha_verdict(alpha: float | None) -> str:
    """Krippendorff (2004, 2011): rely on data with alpha ≥ .800; draw only tentative
    conclusions at .667 ≤ alpha < .800; below .667 the assessors do not agree enough."""
    if alpha is None:
        return _(
            "not defined: there is no variation in the scores (or too few scores) to measure "
            "agreement against"
        )
    if alpha >= 0.800:
        return _("reliable agreement (α ≥ 0.800)")
    if alpha >= 0.667:
        return _("tentative agreement only (0.667 ≤ α < 0.800): discuss the differences")
    return _("insufficient agreement (α < 0.667): discuss and calibrate again")


def letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as spreadsheet columns)."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


# --- pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionRow:
    session: CalibrationSession
    participants: int
    submitted: int
    is_participant: bool
    own_submitted: bool
    coordinates: bool


@login_required
@require_GET
def calibration_list(request: AuthedRequest) -> HttpResponse:
    """The sessions a user takes part in or coordinates, newest first; a fixed number of
    queries whatever the number of sessions."""
    user = request.user
    web.require(permissions.can_view_assessor_work(user) or permissions.can_coordinate(user))
    sessions = list(selectors.calibration_sessions_for(user))
    members = selectors.calibration_membership([s.pk for s in sessions], user)
    rows = [
        SessionRow(
            s,
            members.sizes.get(s.pk, 0),
            s.submitted,  # type: ignore[attr-defined]
            s.pk in members.mine,
            s.pk in members.done,
            permissions.is_coordinator(user, s.programme_id),
        )
        for s in sessions
    ]
    context = {"rows": rows, "programmes": list(selectors.coordinated_programmes(user))}
    return render(request, "assessments/calibration_list.html", context)


def _create_form(request: AuthedRequest, programme: Programme) -> CalibrationCreateForm:
    return web.bind(
        CalibrationCreateForm,
        request,
        "calibration",
        units=selectors.calibration_units(programme),
        assessors=selectors.programme_assessors(programme),
        initial={"held_on": web.today()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def calibration_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """The coordinator sets up a session for a unit of their programme."""
    programme = curriculum_permissions.get_programme_for(request.user, pk)
    web.require(permissions.is_coordinator(request.user, programme.pk))
    form = _create_form(request, programme)
    if request.method == "POST":
        ok, session = web.submit(
            form,
            lambda d: services.calibration_create(
                programme,
                actor=request.user,
                unit=d["unit"],
                title=d["title"],
                sample=d["sample"],
                held_on=d["held_on"],
                participants=d["participants"],
            ),
        )
        if ok:
            messages.success(request, _("Calibration session created."))
            return redirect("assessments:calibration_detail", session.pk)
    status = 422 if form.is_bound else 200
    return render(
        request,
        "assessments/calibration_create.html",
        {"programme": programme, "form": form},
        status=status,
    )


@dataclass(frozen=True)
class OwnScore:
    label: str
    text: str
    score: int | None


def _render_detail(
    request: AuthedRequest,
    session: CalibrationSession,
    bound: dict[str, Any] | None = None,
) -> HttpResponse:
    """The sample, the criteria and, for a participant, the scoring form or their own scores.
    Nothing of another participant's scores is read here."""
    bound = bound or {}
    user = request.user
    criteria = selectors.criteria_of_units([session.unit_id])
    own = selectors.calibration_submission_of(session, user)
    own_scores = {s.criterion_id: s.score for s in own.scores.all()} if own else {}
    participants = sorted(session.participants.all(), key=lambda p: (p.last_name, str(p), p.pk))
    submitted = selectors.calibration_submitters(session)
    coordinates = permissions.can_manage_calibration(user, session)
    can_score = own is None and permissions.can_score_calibration(user, session)
    context = {
        "session": session,
        "criteria": [
            OwnScore(selectors.criterion_label(c), c.localized("text"), own_scores.get(c.pk))
            for c in criteria
        ],
        "own": own,
        "is_participant": any(p.pk == user.pk for p in participants),
        "can_score": can_score,
        "score_form": bound.get("score")
        or CalibrationScoreForm(auto_id=web.auto_id("score"), criteria=criteria),
        "close_form": bound.get("close") or ActionForm(auto_id=web.auto_id("close")),
        "coordinates": coordinates,
        "participants": [(p, p.pk in submitted) for p in participants] if coordinates else [],
        "submitted_count": len(submitted),
        "participant_count": len(participants),
        "can_see_report": permissions.can_see_calibration_report(user, session),
        # a refusal that belongs to no field shows at the top (the form may be gone by now)
        "top_violations": [v for form in bound.values() for v in form.violations],
    }
    return render(
        request,
        "assessments/calibration_detail.html",
        context,
        status=422 if bound else 200,
    )


@login_required
@require_GET
def calibration_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    session = permissions.get_calibration_for(request.user, pk)
    return _render_detail(request, session)


@login_required
@post_only
def calibration_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """A participant submits a score for every criterion, once."""
    session = permissions.get_calibration_for(request.user, pk)
    web.require(permissions.can_score_calibration(request.user, session))
    form = web.bind(
        CalibrationScoreForm,
        request,
        "score",
        criteria=selectors.criteria_of_units([session.unit_id]),
    )
    ok, _submission = web.submit(
        form,
        lambda d: services.calibration_submit(session, actor=request.user, scores=form.scores()),
    )
    if not ok:
        return _render_detail(request, session, {"score": form})
    messages.success(request, _("Your scores have been submitted."))
    return redirect("assessments:calibration_report", session.pk)


@login_required
@post_only
def calibration_close(request: AuthedRequest, pk: int) -> HttpResponse:
    """The coordinator closes the session: nobody scores it any more."""
    session = permissions.get_calibration_for(request.user, pk)
    web.require(permissions.can_manage_calibration(request.user, session))
    form = web.bind(ActionForm, request, "close")
    ok, _closed = web.submit(
        form, lambda d: services.calibration_close(session, actor=request.user)
    )
    if not ok:
        return _render_detail(request, session, {"close": form})
    messages.success(request, _("Calibration session closed."))
    return redirect("assessments:calibration_report", session.pk)


@dataclass(frozen=True)
class CriterionLine:
    label: str
    text: str
    scores: list[int | None]
    exact: str
    adjacent: str
    spread: int | None


@dataclass(frozen=True)
class PairLine:
    first: AssessorLabel
    second: AssessorLabel
    kappa: float | None
    band: str


def _legend(report: selectors.CalibrationReport, user: User, names: bool) -> list[AssessorLabel]:
    """The coordinator sees names; a participant sees letters, their own marked."""
    legend = []
    for index, assessor in enumerate(report.assessors):
        letter = letters(index)
        own = assessor.pk == user.pk
        if names:
            label = str(assessor)
        elif own:
            label = _("Assessor %(letter)s (you)") % {"letter": letter}
        else:
            label = _("Assessor %(letter)s") % {"letter": letter}
        legend.append(AssessorLabel(letter, label, own, index % SERIES))
    return legend


@login_required
@require_GET
def calibration_report(request: AuthedRequest, pk: int) -> HttpResponse:
    """Agreement per criterion, per pair and over all: for the coordinator, and for a
    participant once they have submitted their own scores."""
    user = request.user
    session = permissions.get_calibration_for(user, pk)
    web.require(permissions.can_see_calibration_report(user, session))
    report = selectors.calibration_report(session)
    legend = _legend(report, user, names=permissions.is_coordinator(user, session.programme_id))
    criteria = []
    for row in report.criteria:
        present = [s for s in row.scores if s is not None]
        criteria.append(
            CriterionLine(
                row.label,
                row.criterion.localized("text"),
                row.scores,
                percent(row.exact),
                percent(row.adjacent),
                max(present) - min(present) if len(present) >= 2 else None,
            )
        )
    index = {a.pk: i for i, a in enumerate(report.assessors)}
    pairs = [
        PairLine(
            legend[index[p.first.pk]], legend[index[p.second.pk]], p.kappa, kappa_band(p.kappa)
        )
        for p in report.pairs
    ]
    context = {
        "session": session,
        "report": report,
        "legend": legend,
        "criteria": criteria,
        "pairs": pairs,
        "alpha_verdict": alpha_verdict(report.alpha),
        "chart": calibration_chart(report, legend) if report.criteria and legend else None,
        "participant_count": len(session.participants.all()),
    }
    return render(request, "assessments/calibration_report.html", context)
