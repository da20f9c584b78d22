"""Calibration: the agreement measures against worked examples from the literature, then a
session end to end through the services and the pages (blind scoring, the report, undefined
measures, a fixed number of queries).

Worked examples:
- Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
  Communication, University of Pennsylvania, section C: 4 observers × 12 units, values 1-5 with
  missing data; α nominal = 0.743, ordinal = 0.815, interval = 0.849, ratio = 0.797. The same
  data and values are the `krippendorff` package's own tests (tests/test_krippendorff.py,
  test_ordinal_metric, test_ratio_metric) and docstring examples.
- Cohen's kappa, unweighted: the 50 grant proposals read by two readers (Wikipedia, "Cohen's
  kappa", worked example): 20 both yes, 15 both no, 5 only A yes, 10 only B yes → p_o = 0.7,
  p_e = 0.5, κ = 0.4.
- Quadratic-weighted kappa: a 3 × 3 table worked out by hand from the definition
  κ_w = 1 - Σ w·O / Σ w·E with w_ij = (i - j)² and E the product of the margins over n.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from html import unescape

import krippendorff
import numpy as np
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from sklearn.metrics import cohen_kappa_score

from parcours.accounts.models import Role
from parcours.assessments import selectors, services
from parcours.assessments.models import CalibrationScore, CalibrationSession, CalibrationSubmission
from parcours.assessments.views.calibration import alpha_verdict, kappa_band, letters
from parcours.core.errors import DomainError
from parcours.curriculum import services as curriculum_services
from tests import factories

NAN = np.nan
# Krippendorff (2011), section C: rows are observers A-D, columns units 1-12.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def _nan(matrix):
    return [[NAN if v is None else v for v in row] for row in matrix]


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def text(response) -> str:
    return unescape(response.content.decode())


# --- the measures against the literature ------------------------------------------------------


def test_the_krippendorff_package_reproduces_the_papers_values_on_its_example():
    data = _nan(KRIPPENDORFF_2011)
    assert round(krippendorff.alpha(data, level_of_measurement="nominal"), 3) == 0.743
    assert round(krippendorff.alpha(data, level_of_measurement="ordinal"), 3) == 0.815
    assert round(krippendorff.alpha(data, level_of_measurement="interval"), 3) == 0.849
    assert round(krippendorff.alpha(data, level_of_measurement="ratio"), 3) == 0.797


def test_ordinal_alpha_gives_0_815_on_krippendorffs_example():
    assert round(selectors.ordinal_alpha(KRIPPENDORFF_2011, scale_points=5), 3) == 0.815


def test_ordinal_alpha_does_not_depend_on_unused_points_of_the_scale():
    """Ordinal distances count only the values that occur: a 7-point scale gives the same."""
    assert selectors.ordinal_alpha(KRIPPENDORFF_2011, scale_points=7) == pytest.approx(
        selectors.ordinal_alpha(KRIPPENDORFF_2011, scale_points=5), abs=1e-12
    )


def test_ordinal_alpha_is_undefined_without_variation_or_pairs():
    assert selectors.ordinal_alpha([[3, 3], [3, 3], [3, 3]], scale_points=4) is None
    assert selectors.ordinal_alpha([[3, 2]], scale_points=4) is None  # one assessor
    assert selectors.ordinal_alpha([[1, None], [None, 2]], scale_points=4) is None  # no pair
    # the only unit two assessors scored has no variation; the lone 4 is not pairable
    assert selectors.ordinal_alpha([[3, 4], [3, None]], scale_points=4) is None


def test_scikit_learn_kappa_matches_the_wikipedia_worked_example():
    # 50 proposals: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no
    reader_a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    reader_b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    p_o = Fraction(20 + 15, 50)
    p_e = Fraction(25, 50) * Fraction(30, 50) + Fraction(25, 50) * Fraction(20, 50)
    assert (p_o, p_e) == (Fraction(7, 10), Fraction(1, 2))
    assert (p_o - p_e) / (1 - p_e) == Fraction(2, 5)
    assert cohen_kappa_score(reader_a, reader_b) == pytest.approx(0.4, abs=1e-12)


# A hand-checkable table on a 3-point scale (rows: first assessor, columns: second).
TABLE = [
    [2, 1, 0],
    [1, 3, 1],
    [0, 0, 2],
]


def _pairs_of(table):
    first, second = [], []
    for i, row in enumerate(table, start=1):
        for j, count in enumerate(row, start=1):
            first += [i] * count
            second += [j] * count
    return first, second


def test_quadratic_weighted_kappa_equals_the_definition_worked_by_hand():
    n = sum(map(sum, TABLE))
    rows = [sum(r) for r in TABLE]  # 3, 5, 2
    columns = [sum(c) for c in zip(*TABLE, strict=True)]  # 3, 4, 3
    size = len(TABLE)
    weight = [[(i - j) ** 2 for j in range(size)] for i in range(size)]
    observed = sum(weight[i][j] * TABLE[i][j] for i in range(size) for j in range(size))
    expected = sum(
        weight[i][j] * Fraction(rows[i] * columns[j], n) for i in range(size) for j in range(size)
    )
    # by hand: Σw·O = 1+1+1 = 3; Σw·E = (1.2+1.5+1.5+0.8)·1 + (0.9+0.6)·4 = 11
    assert (observed, expected) == (3, 11)
    kappa = 1 - Fraction(observed) / expected
    assert kappa == Fraction(8, 11)
    first, second = _pairs_of(TABLE)
    assert selectors.weighted_kappa(first, second, scale_points=3) == pytest.approx(
        float(kappa), abs=1e-12
    )


def test_weighted_kappa_on_a_wider_scale_with_unused_points_is_the_same():
    """Quadratic weights on 1..5 while only 1..3 occur: the distances (i - j)² do not change."""
    first, second = _pairs_of(TABLE)
    assert selectors.weighted_kappa(first, second, scale_points=5) == pytest.approx(
        8 / 11, abs=1e-12
    )


def test_weighted_kappa_is_undefined_for_one_rating_or_one_shared_constant_score():
    assert selectors.weighted_kappa([3], [3], scale_points=4) is None
    assert selectors.weighted_kappa([3, 3, 3], [3, 3, 3], scale_points=4) is None
    # one assessor constant, the other not: defined, and no better than chance
    assert selectors.weighted_kappa([3, 3, 3], [2, 3, 4], scale_points=4) == 0.0


def test_interpretation_bands():
    with translation.override("en"):
        _assert_bands_in_english()
    with translation.override("nl"):
        assert kappa_band(0.7) == "substantieel"


def _assert_bands_in_english():
    assert [kappa_band(k) for k in (None, -0.1, 0.2, 0.4, 0.6, 0.8, 0.81)] == [
        "not defined",
        "poor (less than chance)",
        "slight",
        "fair",
        "moderate",
        "substantial",
        "almost perfect",
    ]
    assert alpha_verdict(0.815).startswith("reliable agreement")
    assert alpha_verdict(0.667).startswith("tentative agreement only")
    assert alpha_verdict(0.666).startswith("insufficient agreement")
    assert alpha_verdict(None).startswith("not defined")
    assert [letters(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


# --- a session end to end ---------------------------------------------------------------------

SCORES = {  # per assessor, per criterion of the unit (five criteria, scale 1-4)
    "a": [3, 2, 4, 1, 3],
    "b": [3, 3, 4, 2, 3],
    "c": [2, 3, 4, 1, 4],
}


@pytest.fixture
def world(db):
    """A published OER whose unit U1 has five criteria; a coordinator and six assessors."""
    variant = factories.outcome_based_variant()
    oer = factories.draft_oer(variant, unit_ec=(15, 15, 15, 15, 45, 45, 45, 45))
    u1 = oer.units.get(code="U1")
    outcome = u1.outcomes.get()
    for text_nl in ("Werkt samen.", "Communiceert helder.", "Handelt ethisch."):
        curriculum_services.criterion_create(outcome, actor=None, text_nl=text_nl)
    oer = curriculum_services.oer_publish(oer, actor=None)
    programme = variant.programme
    assessors = [
        factories.user_with_role(Role.ASSESSOR, programme, first_name=f"Assessor{i}")
        for i in range(6)
    ]
    return {
        "programme": programme,
        "unit": u1,
        "criteria": factories.criteria_of(u1),
        "coordinator": factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme),
        "assessors": assessors,
    }


def _session(w, people, **kwargs):
    return services.calibration_create(
        w["programme"],
        actor=w["coordinator"],
        unit=w["unit"],
        title=kwargs.get("title", "Kalibratie U1"),
        sample="Portfolio van student X (geanonimiseerd).",
        held_on=date(2026, 11, 12),
        participants=people,
    )


def _submit(w, session, person, values):
    return services.calibration_submit(
        session,
        actor=person,
        scores={c.pk: v for c, v in zip(w["criteria"], values, strict=True)},
    )


def _report_url(session):
    return reverse("assessments:calibration_report", args=[session.pk])


def _detail_url(session):
    return reverse("assessments:calibration_detail", args=[session.pk])


def test_report_equals_the_libraries_on_the_same_scores(world):
    a, b, c = world["assessors"][:3]
    session = _session(world, [a, b, c])
    for person, key in ((a, "a"), (b, "b"), (c, "c")):
        _submit(world, session, person, SCORES[key])

    report = selectors.calibration_report(CalibrationSession.objects.get(pk=session.pk))

    assert report.assessors == [a, b, c]
    assert report.scale_points == 4
    assert [r.scores for r in report.criteria] == [
        list(s) for s in zip(*SCORES.values(), strict=True)
    ]
    # criterion 1: 3, 3, 2 → one of three pairs equal, all three at most one apart
    assert [(r.exact, r.adjacent) for r in report.criteria] == [
        (pytest.approx(1 / 3), 1.0),
        (pytest.approx(1 / 3), 1.0),
        (1.0, 1.0),
        (pytest.approx(1 / 3), 1.0),
        (pytest.approx(1 / 3), 1.0),
    ]
    labels = [1, 2, 3, 4]
    expected_kappas = [
        cohen_kappa_score(SCORES[x], SCORES[y], labels=labels, weights="quadratic")
        for x, y in (("a", "b"), ("a", "c"), ("b", "c"))
    ]
    assert [(p.first, p.second) for p in report.pairs] == [(a, b), (a, c), (b, c)]
    assert [p.kappa for p in report.pairs] == pytest.approx(expected_kappas, abs=1e-12)
    expected_alpha = krippendorff.alpha(
        reliability_data=list(SCORES.values()),
        level_of_measurement="ordinal",
        value_domain=labels,
    )
    assert report.alpha == pytest.approx(expected_alpha, abs=1e-12)


def test_scoring_is_blind_until_the_participant_has_submitted(world, client):
    a, b, c = world["assessors"][:3]
    session = _session(world, [a, b, c])
    _submit(world, session, a, SCORES["a"])
    _submit(world, session, b, SCORES["b"])

    client.force_login(c)
    assert client.get(_report_url(session)).status_code == 403
    page = client.get(_detail_url(session))
    assert page.status_code == 200
    assert "report" not in page.context
    html = text(page)
    assert "Submit scores" in html
    assert 'data-testid="calibration-own"' not in html
    assert 'data-testid="calibration-report-link"' not in html
    assert "calibration-participants" not in html  # who submitted is the coordinator's
    for person in (a, b):
        assert str(person) not in html

    client.force_login(a)  # submitted: sees the report, with letters for the others
    report = client.get(_report_url(session))
    assert report.status_code == 200
    assert [w.label for w in report.context["legend"]] == [
        "Assessor A (you)",
        "Assessor B",
    ]
    assert str(b) not in text(report)

    client.force_login(world["coordinator"])  # the coordinator sees names
    report = client.get(_report_url(session))
    assert report.status_code == 200
    assert [w.label for w in report.context["legend"]] == [str(a), str(b)]


def test_a_participant_scores_through_the_page_once(world, client):
    a, b = world["assessors"][:2]
    session = _session(world, [a, b])
    client.force_login(a)
    data = {f"score_{c.pk}": v for c, v in zip(world["criteria"], SCORES["a"], strict=True)}
    response = client.post(reverse("assessments:calibration_submit", args=[session.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == _report_url(session)
    submission = CalibrationSubmission.objects.get(session=session, assessor=a)
    assert [
        s.score for s in submission.scores.order_by("criterion__position", "criterion_id")
    ] == SCORES["a"]

    again = client.post(reverse("assessments:calibration_submit", args=[session.pk]), data)
    assert again.status_code == 422
    assert "You have scored this calibration already." in text(again)
    assert CalibrationScore.objects.filter(submission__session=session).count() == 5


def test_a_score_missing_or_off_the_scale_is_refused_next_to_its_criterion(world, client):
    a, b = world["assessors"][:2]
    session = _session(world, [a, b])
    client.force_login(a)
    first, *rest = world["criteria"]
    data = {f"score_{c.pk}": 3 for c in rest}
    data[f"score_{rest[0].pk}"] = 5  # the scale is 1-4
    response = client.post(reverse("assessments:calibration_submit", args=[session.pk]), data)
    assert response.status_code == 422
    form = response.context["score_form"]
    assert form.errors[f"score_{first.pk}"] == ["Choose a score for U1 LU1.1."]
    assert f"score_{rest[0].pk}" in form.errors
    assert not CalibrationSubmission.objects.exists()


def test_the_coordinator_creates_a_session_through_the_page(world, client):
    a, b = world["assessors"][:2]
    client.force_login(world["coordinator"])
    url = reverse("assessments:calibration_create", args=[world["programme"].pk])
    page = client.get(url)
    assert page.status_code == 200
    html = text(page)
    assert "Create session" in html
    assert '<label for="id_calibration_title">Title:</label>' in html
    response = client.post(
        url,
        {
            "title": "Kalibratie najaar",
            "unit": world["unit"].pk,
            "held_on": "2026-11-12",
            "sample": "Geanonimiseerd portfolio.",
            "participants": [a.pk, b.pk],
        },
    )
    session = CalibrationSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail_url(session)
    assert (session.title, session.unit, session.held_on, session.created_by) == (
        "Kalibratie najaar",
        world["unit"],
        date(2026, 11, 12),
        world["coordinator"],
    )
    assert set(session.participants.all()) == {a, b}


def test_a_session_needs_two_assessors_of_the_programme(world, client):
    a = world["assessors"][0]
    outsider = factories.user_with_role(
        Role.ASSESSOR, factories.programme(croho_code="34808", name_nl="Pabo", name_en="Pabo")
    )
    client.force_login(world["coordinator"])
    url = reverse("assessments:calibration_create", args=[world["programme"].pk])
    response = client.post(
        url,
        {
            "title": "Te klein",
            "unit": world["unit"].pk,
            "held_on": "2026-11-12",
            "sample": "Portfolio.",
            "participants": [a.pk],
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["participants"] == [
        "Choose at least two assessors of the programme."
    ]
    # someone of another programme is not even offered
    response = client.post(
        url,
        {
            "title": "Buitenstaander",
            "unit": world["unit"].pk,
            "held_on": "2026-11-12",
            "sample": "Portfolio.",
            "participants": [a.pk, outsider.pk],
        },
    )
    assert response.status_code == 422
    assert "participants" in response.context["form"].errors
    assert not CalibrationSession.objects.exists()
    with pytest.raises(DomainError):
        _session(world, [a, outsider])
    assert not CalibrationSession.objects.exists()


def test_closing_stops_scoring_and_opens_the_report_to_every_participant(world, client):
    a, b, c = world["assessors"][:3]
    session = _session(world, [a, b, c])
    _submit(world, session, a, SCORES["a"])
    client.force_login(world["coordinator"])
    response = client.post(reverse("assessments:calibration_close", args=[session.pk]))
    assert response.status_code == 302
    session.refresh_from_db()
    closed_at = session.closed_at
    assert closed_at is not None
    with pytest.raises(PermissionDenied):
        _submit(world, CalibrationSession.objects.get(pk=session.pk), b, SCORES["b"])
    assert CalibrationSubmission.objects.filter(session=session).count() == 1
    again = client.post(reverse("assessments:calibration_close", args=[session.pk]))
    assert again.status_code == 422
    assert "This calibration session is closed already." in text(again)
    session.refresh_from_db()
    assert session.closed_at == closed_at
    client.force_login(b)  # did not submit, but nobody scores any more
    assert client.get(_report_url(session)).status_code == 200


def test_a_coordinator_who_takes_part_scores_blind_too(world, client):
    a, b = world["assessors"][:2]
    curriculum_services.role_assign(
        a, actor=None, role=Role.ASSESSMENT_COORDINATOR, programme=world["programme"]
    )
    session = _session(world, [a, b])
    _submit(world, session, b, SCORES["b"])
    client.force_login(a)
    assert client.get(_report_url(session)).status_code == 403
    _submit(world, session, a, SCORES["a"])
    assert client.get(_report_url(session)).status_code == 200


def test_identical_scores_show_not_defined_instead_of_failing(world, client):
    a, b, c = world["assessors"][:3]
    session = _session(world, [a, b, c])
    for person in (a, b, c):
        _submit(world, session, person, [3, 3, 3, 3, 3])
    client.force_login(world["coordinator"])
    response = client.get(_report_url(session))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.alpha is None
    assert [p.kappa for p in report.pairs] == [None, None, None]
    assert [(r.exact, r.adjacent) for r in report.criteria] == [(1.0, 1.0)] * 5
    html = text(response)
    assert '<span data-testid="alpha-value">not defined</span>' in html
    assert html.count('<td data-testid="kappa">not defined</td>') == 3


def test_a_report_before_two_submissions_has_no_measures(world, client):
    a, b = world["assessors"][:2]
    session = _session(world, [a, b])
    client.force_login(world["coordinator"])
    response = client.get(_report_url(session))
    assert response.status_code == 200
    assert response.context["report"].alpha is None
    assert response.context["chart"] is None
    assert 'data-testid="report-too-few"' in text(response)


def test_the_report_draws_an_accessible_svg_chart(world, client):
    a, b, c = world["assessors"][:3]
    session = _session(world, [a, b, c])
    for person, key in ((a, "a"), (b, "b"), (c, "c")):
        _submit(world, session, person, SCORES[key])
    client.force_login(world["coordinator"])
    html = text(client.get(_report_url(session)))
    assert 'aria-labelledby="cal-chart-title cal-chart-desc"' in html
    assert '<title id="cal-chart-title">Scores and agreement per criterion</title>' in html
    assert html.count('<g class="cal-dot chart-series-') == 15 + 3  # dots + legend swatches
    assert html.count('<rect class="cal-bar-exact"') == 5 + 1
    assert "style=" not in html.split('data-testid="calibration-chart"')[1].split("</svg>")[0]
    # criterion 3: everyone gave 4 → three dots side by side around x(4) = 440
    chart = client.get(_report_url(session)).context["chart"]
    assert [d.cx for d in chart.rows[2].dots] == [420.0, 440.0, 460.0]
    assert [b.text for b in chart.rows[0].bars] == ["33%", "100%"]
    # in Dutch the tables use decimal commas, the SVG's coordinates stay plain numbers
    dutch = text(client.get(_report_url(session), HTTP_ACCEPT_LANGUAGE="nl"))
    assert '<circle cx="420.0" cy="156.0" r="9"/>' in dutch
    kappa = cohen_kappa_score(SCORES["a"], SCORES["b"], labels=[1, 2, 3, 4], weights="quadratic")
    assert f'<td data-testid="kappa">{kappa:.3f}</td>'.replace(".", ",") in dutch


def test_the_list_shows_a_participants_sessions_and_a_coordinators(world, client):
    a, b, c = world["assessors"][:3]
    mine = _session(world, [a, b], title="Met A")
    other = _session(world, [b, c], title="Zonder A")
    _submit(world, mine, a, SCORES["a"])
    client.force_login(a)
    response = client.get(reverse("assessments:calibration_list"))
    assert [r.session for r in response.context["rows"]] == [mine]
    assert response.context["rows"][0].own_submitted is True
    client.force_login(world["coordinator"])
    response = client.get(reverse("assessments:calibration_list"))
    rows = response.context["rows"]
    assert [(r.session, r.participants, r.submitted) for r in rows] == [
        (other, 2, 0),
        (mine, 2, 1),
    ]


@pytest.mark.parametrize("size", [2, 6])
def test_report_page_queries_do_not_grow_with_the_assessors(
    world, client, size, django_assert_max_num_queries
):
    people = world["assessors"][:size]
    session = _session(world, people)
    for i, person in enumerate(people):
        _submit(world, session, person, [(i + k) % 4 + 1 for k in range(5)])
    client.force_login(world["coordinator"])
    with django_assert_max_num_queries(REPORT_QUERIES):
        response = client.get(_report_url(session))
    assert response.status_code == 200
    assert len(response.context["pairs"]) == size * (size - 1) // 2


REPORT_QUERIES = 8  # session, auth, participants, roles, submissions, scores, criteria


@pytest.mark.parametrize("size", [1, 5])
def test_list_page_queries_do_not_grow_with_the_sessions(
    world, client, size, django_assert_max_num_queries
):
    a, b = world["assessors"][:2]
    for i in range(size):
        session = _session(world, [a, b], title=f"Sessie {i}")
        _submit(world, session, a, SCORES["a"])
    client.force_login(a)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("assessments:calibration_list"))
    assert [r.submitted for r in response.context["rows"]] == [1] * size
