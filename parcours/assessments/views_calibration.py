"""Calibration sessions and the assessor-workload report.

Calibration: the programme's assessment coordinator sets up a session on one unit with an
anonymised sample portfolio and at least two of the programme's assessors; each participant
scores every criterion of the unit blind (nothing of the others' scores shows until they have
submitted their own); the coordinator closes the session. The report shows per criterion the
scores and the exact and adjacent agreement, per pair of assessors the quadratic-weighted
Cohen's kappa, and Krippendorff's alpha (ordinal) over all, each with its interpretation, as a
server-rendered SVG chart with the same figures in a table. The coordinator sees the
assessors' names; participants see letters (their own marked).

Workload: for the programmes a user coordinates or guards as exam committee (the administrator:
all), the assessments per assessor per month over the last six months and the median waiting
time from request to result, as tables and SVG bar charts.

Thin function views as in studyplans/staff_views.py: permission through permissions.py (404 for
what a user may not see, 403 for what they may see but not do), every write one call to
services.py, a refusal shown next to its field (a re-rendered page answers 422). Charts are
plain inline SVG styled by classes in parcours.css: no script, no inline style (CSP).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import dateformat, formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parcours.accounts.models import Role, User
from parcours.core import web
from parcours.core.web import AuthedRequest
from parcours.curriculum import permissions as curriculum_permissions
from parcours.curriculum.forms import ActionForm, BaseForm
from parcours.curriculum.models import Oer, Programme, Unit
from parcours.curriculum.permissions import is_administrator, roles_by_programme

from . import permissions, selectors, services
from .forms import CalibrationScoreForm
from .models import CalibrationSession, CalibrationSubmission

MONTHS_SHOWN = 6
SERIES = 8  # colour classes chart-series-0 … chart-series-7 in parcours.css

# --- forms (validation only; the services write) -------------------------------------------------


class CalibrationCreateForm(BaseForm):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=gettext_lazy("Unit"))
    held_on = forms.DateField(
        label=gettext_lazy("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sample = forms.CharField(
        label=gettext_lazy("Anonymised sample portfolio"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "Paste the sample's text with every name, organisation and other identifying "
            "detail removed."
        ),
    )
    participants = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        label=gettext_lazy("Participants (assessors of the programme, at least two)"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], assessors: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = units
        unit_field.label_from_instance = _unit_label
        people: Any = self.fields["participants"]
        people.queryset = assessors


def _unit_label(unit: Unit) -> str:
    oer: Oer = unit.oer
    return (
        f"{unit.code} {unit.localized('title')} · OER {oer.year_label} "
        f"({oer.variant.get_form_display()})"
    )


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


# --- charts: geometry computed here, drawn by the templates as inline SVG ------------------------


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float
    letter: str
    title: str
    series: int
    own: bool

    @property
    def text_y(self) -> float:
        return self.cy + 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str
    text: str = ""
    text_x: float = 0
    text_y: float = 0


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class CalibrationRow:
    label: str
    title: str
    y: float
    label_y: float
    dots: list[Dot]
    bars: list[Bar]


@dataclass(frozen=True)
class CalibrationChart:
    width: int
    height: int
    scale_x: list[Tick]
    scale_top: float
    scale_bottom: float
    bars_x: float
    bars_width: float
    header_y: float
    rows: list[CalibrationRow]


CAL_WIDTH = 720
CAL_LABEL_X = 8
CAL_DOTS = (150.0, 440.0)
CAL_BARS = (490.0, 160.0)  # x and full width of a 100% bar
CAL_HEADER = 36
CAL_ROW = 48
DOT_STEP = 20.0


def _scale_x(score: int, scale_points: int) -> float:
    left, right = CAL_DOTS
    if scale_points < 2:
        return left
    return left + (right - left) * (score - 1) / (scale_points - 1)


def _percent(share: float | None) -> str:
    return _("not defined") if share is None else f"{round(share * 100)}%"


def calibration_chart(
    report: selectors.CalibrationReport, legend: list[AssessorLabel]
) -> CalibrationChart:
    """Per criterion a dot per assessor on the scale (assessors with the same score side by
    side) and two bars: exact and adjacent agreement."""
    scale = report.scale_points
    gap = (CAL_DOTS[1] - CAL_DOTS[0]) / max(scale - 1, 1)
    rows = []
    for index, criterion in enumerate(report.criteria):
        top = CAL_HEADER + index * CAL_ROW
        middle = top + CAL_ROW / 2
        by_score: dict[int, list[int]] = {}
        for assessor, score in enumerate(criterion.scores):
            if score is not None:
                by_score.setdefault(score, []).append(assessor)
        dots = []
        for score, group in sorted(by_score.items()):
            step = min(DOT_STEP, gap * 0.9 / len(group))
            for k, assessor in enumerate(group):
                who = legend[assessor]
                dots.append(
                    Dot(
                        round(_scale_x(score, scale) + (k - (len(group) - 1) / 2) * step, 1),
                        middle,
                        who.letter,
                        f"{who.label}: {score}",
                        assessor % SERIES,
                        who.own,
                    )
                )
        bars = []
        for offset, css, name, share in (
            (8, "cal-bar-exact", _("exact agreement"), criterion.exact),
            (26, "cal-bar-adjacent", _("adjacent agreement (at most 1 apart)"), criterion.adjacent),
        ):
            width = round(CAL_BARS[1] * (share or 0), 1)
            bars.append(
                Bar(
                    CAL_BARS[0],
                    top + offset,
                    width,
                    14,
                    css,
                    f"{criterion.label}, {name}: {_percent(share)}",
                    _percent(share),
                    CAL_BARS[0] + max(width, 0) + 6,
                    top + offset + 11,
                )
            )
        rows.append(
            CalibrationRow(
                criterion.label,
                str(criterion.criterion),
                top,
                middle + 4,
                dots,
                bars,
            )
        )
    return CalibrationChart(
        width=CAL_WIDTH,
        height=CAL_HEADER + CAL_ROW * len(rows) + 8,
        scale_x=[Tick(_scale_x(s, scale), str(s)) for s in range(1, scale + 1)],
        scale_top=CAL_HEADER - 6,
        scale_bottom=CAL_HEADER + CAL_ROW * len(rows),
        bars_x=CAL_BARS[0],
        bars_width=CAL_BARS[1],
        header_y=CAL_HEADER - 14,
        rows=rows,
    )


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_left: float
    plot_right: float
    baseline: float
    y_ticks: list[Tick]
    x_labels: list[Tick]
    bars: list[Bar]
    empty: bool

    @property
    def tick_x(self) -> float:
        return self.plot_left - 6


CHART_WIDTH = 640
CHART_HEIGHT = 240
PLOT = (48.0, 628.0, 16.0, 208.0)  # left, right, top, baseline


def _nice_ceiling(value: float) -> tuple[float, float]:
    """An axis maximum ≥ value and its tick step (1, 2 or 5 × 10^k), at most ~5 ticks."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if value >= 1 and step < 1:
        step = 1
    return math.ceil(value / step) * step, step


def _number(value: float) -> str:
    """12.5 as "12.5" (English) or "12,5" (Dutch); whole numbers without decimals."""
    return formats.number_format(int(value) if float(value).is_integer() else value)


def _frame(maximum: float, labels: list[str]) -> tuple[float, list[Tick], list[Tick], float]:
    left, right, top, baseline = PLOT
    top_value, step = _nice_ceiling(maximum)
    ticks = []
    value = 0.0
    while value <= top_value + 1e-9:
        ticks.append(
            Tick(round(baseline - (baseline - top) * value / top_value, 1), _number(value))
        )
        value += step
    band = (right - left) / max(len(labels), 1)
    x_labels = [Tick(round(left + band * (i + 0.5), 1), text) for i, text in enumerate(labels)]
    return top_value, ticks, x_labels, band


def stacked_chart(
    months: list[str], labels: list[str], series: list[tuple[str, dict[str, int]]]
) -> BarChart:
    """Per month one bar, stacked per assessor (in the order given)."""
    left, right, top, baseline = PLOT
    totals = {m: sum(counts.get(m, 0) for _name, counts in series) for m in months}
    top_value, ticks, x_labels, band = _frame(max(totals.values(), default=0), labels)
    scale = (baseline - top) / top_value
    bars = []
    for i, (month, label) in enumerate(zip(months, labels, strict=True)):
        x = left + band * i + band * 0.2
        y = baseline
        for index, (name, counts) in enumerate(series):
            count = counts.get(month, 0)
            if not count:
                continue
            height = count * scale
            y -= height
            bars.append(
                Bar(
                    round(x, 1),
                    round(y, 1),
                    round(band * 0.6, 1),
                    round(height, 1),
                    f"chart-series-{index % SERIES}",
                    f"{label} · {name}: {count}",
                )
            )
    return BarChart(
        CHART_WIDTH, CHART_HEIGHT, left, right, baseline, ticks, x_labels, bars, not bars
    )


def value_chart(months: list[str], labels: list[str], values: dict[str, float]) -> BarChart:
    """Per month one bar with its value written above it; a month without a value gets "—"."""
    left, right, top, baseline = PLOT
    top_value, ticks, x_labels, band = _frame(max(values.values(), default=0), labels)
    scale = (baseline - top) / top_value
    bars = []
    for i, (month, label) in enumerate(zip(months, labels, strict=True)):
        x = left + band * i + band * 0.25
        value = values.get(month)
        height = (value or 0) * scale
        text = "—" if value is None else _number(value)
        bars.append(
            Bar(
                round(x, 1),
                round(baseline - height, 1),
                round(band * 0.5, 1),
                round(height, 1),
                "chart-wait",
                f"{label}: {text}",
                text,
                round(x + band * 0.25, 1),
                round(baseline - height - 4, 1),
            )
        )
    return BarChart(
        CHART_WIDTH,
        CHART_HEIGHT,
        left,
        right,
        baseline,
        ticks,
        x_labels,
        bars,
        not values,
    )


# --- calibration pages ----------------------------------------------------------------------------


def _coordinated_programmes(user: User) -> QuerySet[Programme]:
    ids = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and Role.ASSESSMENT_COORDINATOR in roles
    ]
    return Programme.objects.filter(pk__in=ids).order_by("name_nl", "pk")


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
    ids = [s.pk for s in sessions]
    through = CalibrationSession.participants.through
    members = list(
        through.objects.filter(calibrationsession_id__in=ids).values_list(
            "calibrationsession_id", "user_id"
        )
    )
    sizes = Counter(session_id for session_id, _member in members)
    mine = {session_id for session_id, member in members if member == user.pk}
    done = set(
        CalibrationSubmission.objects.filter(session_id__in=ids, assessor=user).values_list(
            "session_id", flat=True
        )
    )
    rows = [
        SessionRow(
            s,
            sizes.get(s.pk, 0),
            s.submitted,  # type: ignore[attr-defined]
            s.pk in mine,
            s.pk in done,
            permissions.is_coordinator(user, s.programme_id),
        )
        for s in sessions
    ]
    context = {"rows": rows, "programmes": list(_coordinated_programmes(user))}
    return render(request, "assessments/calibration_list.html", context)


def _create_form(request: AuthedRequest, programme: Programme) -> CalibrationCreateForm:
    units = (
        Unit.objects.filter(oer__variant__programme=programme, oer__status=Oer.Status.PUBLISHED)
        .select_related("oer__variant")
        .order_by("-oer__academic_year", "oer__variant__form", "position", "code")
    )
    assessors = (
        User.objects.filter(
            role_assignments__role=Role.ASSESSOR, role_assignments__programme=programme
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    return web.bind(
        CalibrationCreateForm,
        request,
        "calibration",
        units=units,
        assessors=assessors,
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
    own = (
        CalibrationSubmission.objects.filter(session=session, assessor=user)
        .prefetch_related("scores")
        .first()
    )
    own_scores = {s.criterion_id: s.score for s in own.scores.all()} if own else {}
    participants = sorted(session.participants.all(), key=lambda p: (p.last_name, str(p), p.pk))
    submitted = set(session.submissions.values_list("assessor_id", flat=True))
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
@require_POST
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
@require_POST
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
class AssessorLabel:
    letter: str
    label: str
    own: bool
    series: int


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
                _percent(row.exact),
                _percent(row.adjacent),
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


# --- workload -------------------------------------------------------------------------------------


def last_months(today: date, count: int = MONTHS_SHOWN) -> list[date]:
    """The first day of each of the last `count` months, oldest first, this month last."""
    year, month = today.year, today.month
    months = []
    for _i in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def _workload_programmes(user: User) -> QuerySet[Programme]:
    if is_administrator(user):
        return Programme.objects.order_by("name_nl", "pk")
    ids = [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and roles & {Role.ASSESSMENT_COORDINATOR, Role.EXAM_COMMITTEE}
    ]
    return Programme.objects.filter(pk__in=ids).order_by("name_nl", "pk")


def _picked(request: AuthedRequest, programmes: list[Programme]) -> Programme | None:
    """The programme in ?programme=<pk> (one of the user's), else the first of them."""
    raw = request.GET.get("programme")
    if raw is None or raw == "":
        return programmes[0] if programmes else None
    if not raw.isdigit():
        raise Http404
    picked = next((p for p in programmes if p.pk == int(raw)), None)
    if picked is None:
        raise Http404
    return picked


@dataclass(frozen=True)
class MonthColumn:
    key: str
    first_day: date
    completed: int
    waiting: float | None


@login_required
@require_GET
def workload(request: AuthedRequest) -> HttpResponse:
    """Assessments per assessor per month and the median waiting time from request to result,
    over the last six months, for one of the user's programmes; a fixed number of queries."""
    user = request.user
    web.require(permissions.can_view_workload(user))
    programmes = list(_workload_programmes(user))
    programme = _picked(request, programmes)
    firsts = last_months(web.today())
    keys = [d.strftime("%Y-%m") for d in firsts]
    data = selectors.workload([programme.pk] if programme else [], months=keys)
    labels = [_month_label(d) for d in firsts]
    columns = [
        MonthColumn(k, d, data.completed.get(k, 0), data.waiting_days.get(k))
        for k, d in zip(keys, firsts, strict=True)
    ]
    rows = [
        (
            AssessorLabel("", str(r.assessor), r.assessor.pk == user.pk, i % SERIES),
            [r.per_month[k] for k in keys],
            r.total,
        )
        for i, r in enumerate(data.rows)
    ]
    context = {
        "programmes": programmes,
        "programme": programme,
        "columns": columns,
        "rows": rows,
        "month_totals": [sum(r.per_month[k] for r in data.rows) for k in keys],
        "grand_total": sum(r.total for r in data.rows),
        "counts_chart": stacked_chart(
            keys, labels, [(str(r.assessor), r.per_month) for r in data.rows]
        ),
        "waiting_chart": value_chart(keys, labels, data.waiting_days),
    }
    return render(request, "assessments/workload.html", context)


def _month_label(first_day: date) -> str:
    """The month as "Nov 2026" in the active language (Django's month abbreviations)."""
    return dateformat.format(first_day, "M Y")
