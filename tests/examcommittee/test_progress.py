"""A student's progress at a glance (/voortgang/): units achieved in an integral assessment,
on an own route and on the facilitated route, exempted, tried, planned and open; the ring, the
tiles and the timeline; propedeuse and BSA where the variant has them; who may open it; and
query counts that do not grow with the data.

Every state is built through the services (assessment requests scored by two assessors,
exemption decisions made known, plans established), never by writing rows directly. The
helpers here are shared with the other exam-committee, security and browser tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import Role
from parcours.assessments import services as assessment_services
from parcours.curriculum import services as curriculum_services
from parcours.examcommittee import selectors, services
from parcours.examcommittee.models import Decision
from parcours.studyplans import services as plan_services
from tests import factories

# --- helpers (also used by test_diploma_bsa, the permission matrix and the browser journey) --


@dataclass
class Staff:
    """The people of one programme who decide: the exam committee, the assessment
    coordinator and two assessors."""

    committee: Any
    coordinator: Any
    assessors: list[Any]


def staff_of(programme: Any, **committee_name: str) -> Staff:
    committee_name.setdefault("first_name", "Ans")
    committee_name.setdefault("last_name", "de Wit")
    return Staff(
        factories.user_with_role(Role.EXAM_COMMITTEE, programme, **committee_name),
        factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme),
        [factories.user_with_role(Role.ASSESSOR, programme) for _ in range(2)],
    )


def small_variant(
    *, nominal_ec: int = 60, has_propedeuse: bool = False, bsa_norm_ec: int | None = None
) -> Any:
    """A variant on units of learning outcomes of a programme with a small nominal load, with
    propedeuse and BSA as the institution chose (the same steps as
    factories.outcome_based_variant)."""
    programme = factories.programme(nominal_ec=nominal_ec)
    variant = curriculum_services.variant_create(
        programme,
        actor=None,
        form="part_time",
        has_propedeuse=has_propedeuse,
        bsa_norm_ec=bsa_norm_ec,
    )
    manager = factories.user_with_role(Role.PROGRAMME_MANAGER, programme)
    curriculum_services.consent_record(
        variant,
        actor=manager,
        body="Opleidingsteam",
        method="vote",
        result="granted",
        decided_on=date(2025, 3, 10),
        votes_for=14,
        votes_against=2,
    )
    return curriculum_services.variant_set_outcome_based(variant, actor=None, outcome_based=True)


def small_oer(variant: Any = None, *, unit_ec: tuple[int, ...] = (30, 30), **kwargs: Any) -> Any:
    """A published OER with few units; the programme's nominal load is their sum (rule
    oer.nominal-study-load)."""
    variant = variant or small_variant(nominal_ec=sum(unit_ec), **kwargs)
    oer = factories.draft_oer(variant, unit_ec=unit_ec)
    return curriculum_services.oer_publish(oer, actor=None)


def assess(
    enrol: Any,
    oer: Any,
    staff: Staff,
    codes: list[str],
    *,
    on: date,
    integral: bool = False,
    score: int = 3,
) -> list[Any]:
    """Request an assessment of the units (integral when asked), two assessors score every
    criterion `score` and record consensus: 3 achieves, 2 gives "not yet"."""
    units = [oer.units.get(code=c) for c in codes]
    criteria = [c for u in units for c in factories.criteria_of(u)]
    item = factories.evidence_item(enrol, title=f"Bewijs {' + '.join(codes)}", criteria=criteria)
    request = assessment_services.request_create(
        enrol,
        actor=enrol.student,
        unit_ids=[u.pk for u in units],
        item_ids=[item.pk],
        integral=integral,
        on=on,
    )
    for assessor in staff.assessors:
        assessment_services.assessor_assign(
            request, actor=staff.coordinator, assessor=assessor, on=on
        )
    scores = {c.pk: score for c in criteria}
    for assessor in staff.assessors:
        assessment_services.scores_submit(request, actor=assessor, scores=scores, on=on)
    return assessment_services.consensus_record(
        request,
        actor=staff.assessors[0],
        final_scores=scores,
        feedback={u.pk: "Toegelicht in het criteriumgericht interview." for u in units},
        on=on,
        draw=lambda: 0.99,
    )


def exempt(
    student: Any,
    oer: Any,
    staff: Staff,
    codes: list[str],
    *,
    on: date,
    enrolment: Any = None,
) -> Decision:
    """An exemption decision on the units, made known on `on`."""
    decision = services.decision_draft(
        oer.variant.programme,
        actor=staff.committee,
        kind=Decision.Kind.EXEMPTION,
        student=student,
        enrolment=enrolment,
        unit_grants={oer.units.get(code=c).pk: True for c in codes},
        reasons="Het EVC-certificaat toont de leeruitkomsten van deze eenheden aan.",
        evidence_cited=["EVC-certificaat (EVC-centrum Zorg)"],
        decided_on=on,
    )
    return services.decision_make_known(decision, actor=staff.committee, on=on)


def plan_units(
    enrol: Any,
    oer: Any,
    routes: dict[str, str],
    *,
    staff: Staff | None = None,
    planned_end: date | None = None,
) -> Any:
    """A plan on the units; with `staff` it is submitted, agreed and established."""
    plan = plan_services.plan_create(
        enrol,
        actor=enrol.student,
        title="Plan " + ", ".join(routes),
        period_start=date(2026, 9, 1),
        period_end=date(2027, 12, 31),
        hours_per_week=20,
        units=[
            plan_services.UnitChoice(oer.units.get(code=c), route=r, planned_end=planned_end)
            for c, r in routes.items()
        ],
        on=date(2026, 9, 1),
    )
    version = plan.versions.get()
    if staff is not None:
        plan_services.version_submit(
            version, actor=enrol.student, expected_lock_version=version.lock_version, on=ON_PLAN
        )
        plan_services.version_agree(version, actor=enrol.coach)
        plan_services.version_establish(
            version,
            actor=staff.committee,
            decisions={pu.pk: ("established", "") for pu in version.units.all()},
            on=ON_PLAN,
        )
    return version


class _Elements(HTMLParser):
    """Every element with a data-testid: its attributes and its text (whitespace folded)."""

    VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})
    CELLS = frozenset({"td", "th", "li", "dt", "dd", "p", "div"})  # their text is set apart

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, list[tuple[dict[str, str], list[str]]]] = {}
        self.stack: list[tuple[str, list[str] | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if tag in self.CELLS:
            self.handle_data(" ")
        values = {k: v or "" for k, v in attrs}
        parts: list[str] | None = None
        if "data-testid" in values:
            parts = []
            self.found.setdefault(values["data-testid"], []).append((values, parts))
        self.stack.append((tag, parts))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.CELLS:
            self.handle_data(" ")
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _tag, parts in self.stack:
            if parts is not None:
                parts.append(data)


class Page:
    """A rendered page, read by data-testid."""

    def __init__(self, response: Any) -> None:
        self.status = response.status_code
        self.html = unescape(response.content.decode())
        parser = _Elements()
        parser.feed(response.content.decode())
        self.elements = parser.found

    def texts(self, testid: str) -> list[str]:
        return [" ".join("".join(parts).split()) for _, parts in self.elements.get(testid, [])]

    def text(self, testid: str) -> str:
        found = self.texts(testid)
        assert len(found) == 1, f"{testid}: {found}"
        return found[0]

    def attrs(self, testid: str) -> dict[str, str]:
        found = self.elements.get(testid, [])
        assert len(found) == 1, f"{testid}: {len(found)} elements"
        return found[0][0]

    def has(self, testid: str) -> bool:
        return testid in self.elements


def travel(day: date) -> Any:
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)


def view(client: Any, user: Any, path: str, day: date | None = None) -> Page:
    """The page as `user` sees it on `day` (signed in on that day, so the session is fresh)."""
    with travel(day or timezone.localdate()):
        client.force_login(user)
        return Page(client.get(path))


# --- the world of these tests ------------------------------------------------------------------

ON_PLAN = date(2026, 9, 2)
TODAY = date(2027, 4, 1)


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world(db):
    """A student of the 240-EC programme (U1-U4 15 EC, U5-U8 45 EC) who achieved U1 and U2 in
    one integral assessment, U3 on an own route (C, established), was exempted from U4,
    achieved U5 on the facilitated route, tried U6 (not yet), planned U7 and left U8 open."""
    oer = factories.published_oer()
    programme = oer.variant.programme
    staff = staff_of(programme)
    enrol = factories.enrolment(oer.variant, start=date(2026, 9, 1))
    exempt(enrol.student, oer, staff, ["U4"], on=date(2026, 10, 5), enrolment=enrol)
    assess(enrol, oer, staff, ["U1", "U2"], on=date(2026, 11, 2), integral=True)
    plan_units(enrol, oer, {"U3": "C"}, staff=staff)
    assess(enrol, oer, staff, ["U3"], on=date(2027, 1, 15))
    assess(enrol, oer, staff, ["U6"], on=date(2027, 2, 1), score=2)
    assess(enrol, oer, staff, ["U5"], on=date(2027, 3, 1))
    plan_units(enrol, oer, {"U7": "A"}, planned_end=date(2027, 12, 20))
    return {"oer": oer, "programme": programme, "staff": staff, "enrol": enrol}


EXPECTED_ROWS = [
    ("U1", "achieved", "integral_assessment", 15, date(2026, 11, 2), "A"),
    ("U2", "achieved", "integral_assessment", 15, date(2026, 11, 2), "A"),
    ("U3", "achieved", "own_route", 15, date(2027, 1, 15), "C"),
    ("U4", "exempted", "exemption", 15, date(2026, 10, 5), ""),
    ("U5", "achieved", "facilitated_route", 45, date(2027, 3, 1), "A"),
    ("U6", "not_yet", "", 45, None, ""),
    ("U7", "planned", "", 45, None, "A"),
    ("U8", "open", "", 45, None, ""),
]


def test_progress_counts_integral_assessments_own_routes_and_exemptions(world):
    found = selectors.progress(world["enrol"].student, world["programme"], on=TODAY)
    assert [(r.unit.code, r.state, r.how, r.unit.ec, r.on, r.route) for r in found.units] == (
        EXPECTED_ROWS
    )
    assert (found.ec_done, found.nominal_ec, found.share_done) == (105, 240, 0.4375)
    assert found.units[5].result.decided_on == date(2027, 2, 1)  # the attempt "not yet"
    assert found.units[6].planned_end == date(2027, 12, 20)
    assert [(e.on, e.kind, e.label, e.future) for e in found.timeline] == [
        (date(2026, 9, 1), "start", "start", False),
        (date(2026, 10, 5), "exempted", "U4", False),
        (date(2026, 11, 2), "achieved", "U1", False),
        (date(2026, 11, 2), "achieved", "U2", False),
        (date(2027, 1, 15), "achieved", "U3", False),
        (date(2027, 3, 1), "achieved", "U5", False),
        (date(2027, 12, 20), "planned", "U7", True),
    ]
    assert (found.propedeuse, found.bsa) == (None, None)


def test_the_progress_page_shows_ring_tiles_legend_and_timeline(client, world):
    page = view(client, world["enrol"].student, reverse("examcommittee:progress_home"), TODAY)
    assert page.status == 200
    ring = page.attrs("ring")
    assert (ring["data-ec"], ring["data-nominal"], ring["data-percent"]) == ("105", "240", "44")
    assert page.text("ring-text") == "105 of 240 EC achieved (44 %)"
    assert '<title id="ring-title-' in page.html
    assert 'stroke-dasharray="44 56"' in page.html
    assert page.text("units-done") == "5 of 8"
    assert [page.text(f"tile-{code}") for code in ("U1", "U3", "U4", "U5", "U6", "U7", "U8")] == [
        "U1 Unit U1 15 EC achieved · integral assessment · route A achieved on 2026-11-02",
        "U3 Unit U3 15 EC achieved · own route · route C achieved on 2027-01-15",
        "U4 Unit U4 15 EC exempted · exemption exempted on 2026-10-05",
        "U5 Unit U5 45 EC achieved · facilitated route · route A achieved on 2027-03-01",
        "U6 Unit U6 45 EC not yet achieved last tried on 2027-02-01 Result and feedback · "
        "Request a new assessment",
        "U7 Unit U7 45 EC planned · route A planned end 2027-12-20",
        "U8 Unit U8 45 EC open",
    ]
    assert [page.attrs(f"tile-{r[0]}")["data-state"] for r in EXPECTED_ROWS] == [
        r[1] for r in EXPECTED_ROWS
    ]
    assert page.text("legend") == "achieved exempted planned not yet achieved open"
    assert page.texts("timeline-entry") == [
        "2026-09-01 · start",
        "2026-10-05 · exempted: U4",
        "2026-11-02 · achieved: U1, U2",
        "2027-01-15 · achieved: U3",
        "2027-03-01 · achieved: U5",
        "2027-12-20 · planned end: U7 (ahead)",
    ]
    # the picture runs from the start to the last planned end; today's line lies between
    assert "Timeline from 2026-09-01 to 2027-12-20" in page.html
    assert 'class="tl-today" x1="449.5"' in page.html  # 212 of 475 days: 30 + 940 × 212/475
    assert not page.has("propedeuse")
    assert not page.has("bsa")
    assert "style=" not in page.html.split("<main>")[1]  # CSP: classes only


def test_a_prospective_student_without_enrolment_sees_the_exempted_units(client, db):
    oer = factories.published_oer()
    staff = staff_of(oer.variant.programme)
    prospective = factories.UserFactory(first_name="Petra", last_name="Bakker")
    exempt(prospective, oer, staff, ["U1", "U2"], on=date(2027, 4, 20))
    page = view(client, prospective, reverse("examcommittee:progress_home"), date(2027, 5, 1))
    assert page.status == 200
    assert page.text("not-enrolled") == "not enrolled yet: the exemptions granted already count"
    assert page.attrs("ring")["data-ec"] == "30"
    assert [page.attrs(f"tile-U{i}")["data-state"] for i in range(1, 5)] == [
        "exempted",
        "exempted",
        "open",
        "open",
    ]
    assert page.texts("timeline-entry") == ["2027-04-20 · exempted: U1, U2"]


def test_someone_without_programme_sees_an_empty_page(client, db):
    client.force_login(factories.UserFactory())
    page = Page(client.get(reverse("examcommittee:progress_home")))
    assert (page.status, page.has("no-progress"), page.has("ring")) == (200, True, False)


def test_the_coach_and_committee_open_a_students_progress_another_coach_gets_404(client, world):
    enrol = world["enrol"]
    path = reverse("examcommittee:progress_student", args=[enrol.pk])
    other_coach = factories.user_with_role(Role.COACH, world["programme"])
    factories.enrolment(enrol.variant, coach=other_coach)  # another student of theirs
    expected = [
        (enrol.coach, 200),
        (world["staff"].committee, 200),
        (enrol.student, 200),
        (other_coach, 404),
        (world["staff"].assessors[0], 404),
    ]
    answers = []
    for user, _status in expected:
        client.force_login(user)
        answers.append((user, client.get(path).status_code))
    assert answers == expected
    page = view(client, enrol.coach, path, TODAY)
    assert page.attrs("ring")["data-percent"] == "44"
    assert not page.has("prepare-diploma")  # not complete, and not the committee anyway


def test_propedeuse_and_bsa_blocks_where_the_variant_has_them(client, db):
    variant = small_variant(nominal_ec=240, has_propedeuse=True, bsa_norm_ec=45)
    oer = factories.published_oer(variant)
    staff = staff_of(variant.programme)
    enrol = factories.enrolment(variant, start=date(2026, 9, 1))
    assess(enrol, oer, staff, ["U1", "U2"], on=date(2026, 11, 2), integral=True)
    exempt(enrol.student, oer, staff, ["U3"], on=date(2027, 6, 1), enrolment=enrol)
    page = view(client, enrol.student, reverse("examcommittee:progress_home"), date(2027, 7, 1))
    assert page.text("propedeuse-ec") == "45 of 60 EC of the propedeuse phase achieved"
    assert [page.attrs(f"propedeuse-U{i}")["data-done"] for i in range(1, 5)] == [
        "true",
        "true",
        "true",
        "false",
    ]
    assert not page.has("propedeuse-U5")
    assert not page.has("propedeuse-complete")
    assert page.text("bsa-year") == "2026-09-01 – 2027-08-31"
    assert (page.text("bsa-ec"), page.text("bsa-norm")) == ("45", "45 EC")
    assert page.attrs("bsa-verdict")["data-advice"] == "not_yet"
    assert page.text("bsa-verdict") == "year not over"
    assert page.text("bsa-message") == (
        "No advice possible yet: the first year runs until 2027-08-31 inclusive."
    )
    assert page.text("bsa-source") == "WHW, art. 7.8b"

    assess(enrol, oer, staff, ["U4"], on=date(2027, 9, 15))  # after the first year
    page = view(client, enrol.student, reverse("examcommittee:progress_home"), date(2027, 10, 1))
    assert page.text("propedeuse-ec") == "60 of 60 EC of the propedeuse phase achieved"
    assert page.has("propedeuse-complete")
    assert page.text("bsa-ec") == "45"  # U4 came after the first year
    assert (page.attrs("bsa-verdict")["data-advice"], page.text("bsa-verdict")) == (
        "positive",
        "positive",
    )
    assert page.attrs("ring")["data-ec"] == "60"


def test_bsa_counts_from_each_students_own_start_date(client, db):
    oer = small_oer(unit_ec=(15, 15, 30), bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    early = factories.enrolment(oer.variant, start=date(2026, 9, 1))
    late = factories.enrolment(oer.variant, start=date(2027, 2, 1))
    for enrol in (early, late):
        assess(enrol, oer, staff, ["U1"], on=date(2027, 3, 1))
        assess(enrol, oer, staff, ["U2"], on=date(2027, 10, 1))

    def verdicts(day: date) -> list[tuple[str, str, str, str]]:
        page = view(client, staff.committee, reverse("examcommittee:bsa_list"), day)
        return [
            (
                page.text(f"bsa-start-{e.pk}"),
                page.text(f"bsa-until-{e.pk}"),
                page.text(f"bsa-ec-{e.pk}"),
                page.text(f"bsa-verdict-{e.pk}"),
            )
            for e in (early, late)
        ]

    assert verdicts(date(2027, 10, 15)) == [
        ("2026-09-01", "2027-08-31", "15", "below the norm"),
        ("2027-02-01", "2028-01-31", "30", "year not over"),
    ]
    assert verdicts(date(2028, 2, 15)) == [
        ("2026-09-01", "2027-08-31", "15", "below the norm"),
        ("2027-02-01", "2028-01-31", "30", "positive"),
    ]
    # the student sees the same figures on their own page
    page = view(client, late.student, reverse("examcommittee:progress_home"), date(2028, 2, 15))
    assert (page.text("bsa-year"), page.text("bsa-ec")) == ("2027-02-01 – 2028-01-31", "30")


# --- query counts --------------------------------------------------------------------------------


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_progress_page_queries_do_not_grow_with_achieved_units(
    client, db, django_assert_max_num_queries
):
    variant = small_variant(nominal_ec=240, has_propedeuse=True, bsa_norm_ec=45)
    oer = factories.published_oer(variant)
    staff = staff_of(variant.programme)
    few = factories.enrolment(variant)
    many = factories.enrolment(variant)
    assess(few, oer, staff, ["U1", "U2"], on=date(2026, 11, 2), integral=True)
    assess(many, oer, staff, ["U1", "U2", "U3", "U4"], on=date(2026, 11, 2), integral=True)
    exempt(many.student, oer, staff, ["U5", "U6"], on=date(2026, 12, 1), enrolment=many)
    assess(many, oer, staff, ["U7"], on=date(2027, 1, 10))
    assess(many, oer, staff, ["U8"], on=date(2027, 1, 20))
    counts = []
    for enrol, done in ((few, 2), (many, 8)):
        with travel(TODAY):
            client.force_login(enrol.student)
            with django_assert_max_num_queries(16):
                page = Page(client.get(reverse("examcommittee:progress_home")))
            counts.append(_count(client, reverse("examcommittee:progress_home")))
            client.force_login(staff.committee)
            with django_assert_max_num_queries(16):
                client.get(reverse("examcommittee:progress_student", args=[enrol.pk]))
        assert sum(page.attrs(f"tile-U{i}")["data-state"] != "open" for i in range(1, 9)) == done
    assert counts[0] == counts[1]


def _complete_students(oer: Any, staff: Staff, n: int, *, start: date) -> list[Any]:
    """`n` students who achieved U1 in an assessment and were exempted from U2."""
    enrolments = []
    for _ in range(n):
        enrol = factories.enrolment(oer.variant, start=start)
        assess(enrol, oer, staff, ["U1"], on=date(2027, 3, 1))
        exempt(enrol.student, oer, staff, ["U2"], on=date(2027, 3, 2), enrolment=enrol)
        enrolments.append(enrol)
    return enrolments


def test_diploma_queue_and_bsa_list_queries_do_not_grow_with_students(
    client, db, django_assert_max_num_queries
):
    oer = small_oer(unit_ec=(30, 30), has_propedeuse=True, bsa_norm_ec=30)
    staff = staff_of(oer.variant.programme)
    queue, bsa = reverse("examcommittee:diploma_queue"), reverse("examcommittee:bsa_list")
    counts = []
    for n in (2, 6):  # 2 students, then 8
        students = _complete_students(oer, staff, n, start=date(2025, 9, 1))
        services.circumstance_record(
            students[0], actor=staff.committee, description="Ziekte", period_from=date(2026, 1, 5)
        )
        with travel(TODAY):
            client.force_login(staff.committee)
            services.bsa_draft(students[1], actor=staff.committee, on=TODAY)
            with django_assert_max_num_queries(14):
                queue_page = Page(client.get(queue))
            with django_assert_max_num_queries(14):
                bsa_page = Page(client.get(bsa))
            counts.append((_count(client, queue), _count(client, bsa)))
        assert len([k for k in queue_page.elements if k.startswith("diploma-row-")]) == len(
            [k for k in bsa_page.elements if k.startswith("bsa-row-")]
        )
    assert len([k for k in queue_page.elements if k.startswith("diploma-row-")]) == 8
    assert counts[0] == counts[1]


def test_units_exempted_on_one_day_share_one_mark_on_the_timeline(client, db):
    oer = factories.published_oer()
    staff = staff_of(oer.variant.programme)
    prospective = factories.UserFactory()
    exempt(prospective, oer, staff, ["U1", "U2", "U3"], on=date(2027, 4, 20))
    page = view(client, prospective, reverse("examcommittee:progress_home"), date(2027, 5, 1))
    assert page.texts("timeline-entry") == ["2027-04-20 · exempted: U1, U2, U3"]
    assert page.html.count('class="tl-label"') == 1
    assert '<text class="tl-label" x="30.0" y="40" text-anchor="middle">U1 +2</text>' in page.html
