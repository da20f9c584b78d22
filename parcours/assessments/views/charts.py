"""Charts of the calibration report and the workload report: the geometry is computed here and
drawn by the templates as plain inline SVG styled by classes in parcours.css (no script, no
inline style: CSP), with the same figures in a table next to each chart."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from .. import selectors

SERIES = 8  # colour classes chart-series-0 … chart-series-7 in parcours.css


@dataclass(frozen=True)
class AssessorLabel:
    letter: str
    label: str
    own: bool
    series: int


def percent(share: float | None) -> str:
    return _("not defined") if share is None else f"{round(share * 100)}%"


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
                    f"{criterion.label}, {name}: {percent(share)}",
                    percent(share),
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
