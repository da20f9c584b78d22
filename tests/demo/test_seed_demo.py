"""The demo institution (`manage.py seed_demo`): curriculum, staff and study plans. Seeded
once for the module (tests/demo/conftest.py)."""

from collections import Counter
from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.utils import translation
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from parcours.accounts.models import User
from parcours.accounts.selectors import SECOND_FACTOR_ROLES, second_factor_required, totp_device
from parcours.assessments.models import AssessmentRequest, CalibrationScore
from parcours.core.errors import RuleViolation
from parcours.core.models import AuditEntry
from parcours.curriculum import selectors, services
from parcours.curriculum.models import (
    AcademicYear,
    ConcentricLevel,
    Institution,
    LearningOutcome,
    Oer,
    Persona,
    Programme,
    RoleAssignment,
    Unit,
)
from parcours.demo.accounts import (
    ADMINISTRATOR,
    DEMO_PASSWORD,
    DEMO_TOTP_KEY,
    PEOPLE,
    PROSPECTIVE,
    STUDENTS,
)
from parcours.demo.curriculum.specs import INSTITUTION_CODE
from parcours.portfolio.models import EvidenceVersion
from parcours.registrations import selectors as registration_selectors
from parcours.registrations.models import Registration
from parcours.stap import selectors as stap_selectors
from parcours.stap.models import StapClaim, StapListing
from tests.second_factor import log_in_verified, next_code


def login_request():
    """axes (the login throttle) asks which request a login belongs to."""
    return RequestFactory().post("/account/inloggen/")


CHECK_ON = date(2026, 8, 15)


def _oer(croho_code: str, year: int) -> Oer:
    return Oer.objects.select_related("variant__programme").get(
        variant__programme__croho_code=croho_code, academic_year=year
    )


def _counts() -> dict[str, int]:
    return {
        "programmes": Programme.objects.count(),
        "oers": Oer.objects.count(),
        "units": Unit.objects.count(),
        "users": User.objects.count(),
        "roles": RoleAssignment.objects.count(),
        "audit": AuditEntry.objects.count(),
        "evidence": EvidenceVersion.objects.count(),
        "assessments": AssessmentRequest.objects.count(),
        "calibration scores": CalibrationScore.objects.count(),
    }


def test_demo_has_four_outcome_based_programmes_with_real_croho_codes(demo_db):
    programmes = {
        p.croho_code: p
        for p in Programme.objects.select_related("institution").prefetch_related("variants")
    }
    assert set(programmes) == {"34560", "34808", "80152", "80902"}
    assert {p.institution.brin_code for p in programmes.values()} == {"99PC"}
    shape = {
        code: (p.level, p.sector, p.nominal_ec, p.nominal_years) for code, p in programmes.items()
    }
    assert shape == {
        "34560": ("ba", "hbo", 240, 4),
        "34808": ("ba", "hbo", 240, 4),
        "80152": ("ad", "hbo", 120, 2),
        "80902": ("ad", "hbo", 120, 2),
    }
    assert [code for code, p in programmes.items() if p.demand_financed] == ["80902"]
    variants = {
        code: [(v.form, v.outcome_based, v.has_propedeuse, v.bsa_norm_ec) for v in p.variants.all()]
        for code, p in programmes.items()
    }
    assert variants == {
        "34560": [("part_time", True, False, None)],
        "34808": [("part_time", True, True, None)],
        "80152": [("dual", True, False, 40)],
        "80902": [("part_time", True, False, None)],
    }
    nursing_consent = programmes["34560"].variants.get().consents.get()
    assert (nursing_consent.method, nursing_consent.result, nursing_consent.votes_for) == (
        "vote",
        "granted",
        23,
    )
    assert nursing_consent.recorded_by.username == "manager.verpleegkunde"
    personas = Persona.objects.select_related("programme")
    assert Counter(p.programme.croho_code for p in personas) == {
        "34560": 3,
        "34808": 3,
        "80152": 3,
    }


def test_demo_has_two_academic_years_and_an_academy_per_programme(demo_db):
    years = {
        year.first_year: (
            year.starts_on,
            year.ends_on,
            [(p.starts_on, p.ends_on) for p in year.periods.all()],
            [m.starts_on for m in year.start_moments.all()],
        )
        for year in AcademicYear.objects.prefetch_related("periods", "start_moments")
    }
    assert sorted(years) == [2025, 2026]
    starts_on, ends_on, periods, moments = years[2025]
    assert (starts_on, ends_on) == (date(2025, 9, 1), date(2026, 8, 31))
    assert len(periods) == 4
    assert (periods[0][0], periods[-1][1]) == (starts_on, ends_on)
    assert moments == [date(2025, 9, 1), date(2026, 2, 1)]
    assert years[2026][3] == [date(2026, 9, 1), date(2027, 2, 1)]
    academies = dict(Programme.objects.values_list("croho_code", "unit__name_nl"))
    assert academies == {
        "34560": "Academie Gezondheid",
        "34808": "Academie Educatie",
        "80152": "Academie ICT",
        "80902": None,
    }


def test_2025_oers_are_published_and_add_up_to_the_nominal_load(demo_db):
    for code, nominal in (("34560", 240), ("34808", 240), ("80152", 120)):
        published = _oer(code, 2025)
        assert published.status == Oer.Status.PUBLISHED
        assert published.published_by.username.startswith("manager.")
        assert sum(published.units.values_list("ec", flat=True)) == nominal
        draft = _oer(code, 2026)
        assert draft.status == Oer.Status.DRAFT
        assert draft.copied_from == published
        assert sum(draft.units.values_list("ec", flat=True)) == nominal


def test_every_published_unit_has_outcomes_criteria_and_a_route_that_fits(demo_db):
    units = Unit.objects.filter(oer__academic_year=2025).prefetch_related(
        "outcomes__criteria", "activities", "assessment_forms"
    )
    assert units.count() == 26
    for unit in units:
        outcomes = list(unit.outcomes.all())
        assert 2 <= len(outcomes) <= 4, unit.code
        assert all(2 <= len(o.criteria.all()) <= 4 for o in outcomes), unit.code
        activities = list(unit.activities.all())
        assert 2 <= len(activities) <= 4, unit.code
        assert sum(a.hours for a in activities) <= unit.ec * 28, unit.code
        assert any(f.route_independent for f in unit.assessment_forms.all()), unit.code
        assert unit.nlqf_level in (5, 6), unit.code


def test_nursing_2026_draft_is_refused_only_for_the_unit_without_a_facilitated_route(demo_db):
    draft = _oer("34560", 2026)
    refused = [r for r in selectors.oer_check(draft, on=CHECK_ON) if not r.ok]
    assert [(r.rule_id, r.values_used["unit"]) for r in refused] == [
        ("unit.facilitated-route", "VP-10")
    ]
    assert refused[0].message_nl == (
        "Eenheid VP-10 heeft geen volledige gefaciliteerde leerroute: geen aanbevolen "
        "leeractiviteit en geen leerwegonafhankelijke toetsvorm."
    )
    manager = User.objects.get(username="manager.verpleegkunde")
    with pytest.raises(RuleViolation) as exc:
        services.oer_publish(draft, actor=manager, on=CHECK_ON)
    assert [v["rule"] for v in exc.value.violations()] == ["unit.facilitated-route"]
    draft.refresh_from_db()
    assert draft.status == Oer.Status.DRAFT


@pytest.mark.parametrize("croho_code", ["34808", "80152"])
def test_pabo_and_ad_2026_drafts_pass_every_rule(demo_db, croho_code):
    results = selectors.oer_check(_oer(croho_code, 2026), on=CHECK_ON)
    assert [r.rule_id for r in results if not r.ok] == []
    assert {r.rule_id for r in results} == {
        "oer.published-immutable",
        "variant.outcome-based-eligible",
        "variant.teacher-consent",
        "unit.facilitated-route",
        "outcome.assessment-criteria",
        "unit.study-load-hours",
        "oer.nominal-study-load",
    }


def test_2026_drafts_differ_from_2025_so_the_differences_page_shows_something(demo_db):
    changed = {
        code: {
            d.code: (d.status, sorted(c.what for c in d.changes))
            for d in selectors.oer_diff(_oer(code, 2025), _oer(code, 2026))
            if d.status != "unchanged"
        }
        for code in ("34560", "34808", "80152")
    }
    assert changed == {
        "34560": {
            "VP-1": ("changed", ["outcome LU1 criteria"]),
            "VP-2": ("changed", ["outcome LU1"]),
            "VP-5": ("changed", ["activities", "ec"]),
            "VP-10": ("added", []),
        },
        "34808": {
            "PB-3": ("changed", ["outcome LU2 criteria"]),
            "PB-4": ("changed", ["outcome LU2"]),
            "PB-5": ("changed", ["ec"]),
            "PB-6": ("changed", ["ec"]),
        },
        "80152": {
            "AD-2": ("changed", ["outcome LU1"]),
            "AD-6": ("changed", ["ec"]),
            "AD-7": ("changed", ["outcome LU1 criteria"]),
            "AD-8": ("changed", ["ec"]),
        },
    }


def test_pabo_outcomes_are_worked_out_on_three_concentric_levels(demo_db):
    for year in (2025, 2026):
        oer = _oer("34808", year)
        outcomes = list(LearningOutcome.objects.filter(unit__oer=oer).values_list("pk", flat=True))
        assert len(outcomes) == 16
        levels = ConcentricLevel.objects.filter(outcome__unit__oer=oer)
        per_outcome = Counter(levels.values_list("outcome", flat=True))
        assert set(per_outcome) == set(outcomes)
        assert set(per_outcome.values()) == {3}
        assert set(levels.values_list("level", flat=True)) == {1, 2, 3}
    elsewhere = ConcentricLevel.objects.exclude(
        outcome__unit__oer__variant__programme__croho_code="34808"
    )
    # besides the pabo only the Ad (HBO-i, four levels) works outcomes out on levels
    assert set(
        elsewhere.values_list("outcome__unit__oer__variant__programme__croho_code", flat=True)
    ) == {"80152"}


def test_the_ad_works_on_four_hbo_i_levels_and_milan_starts_on_level_2(demo_db):
    from parcours.curriculum.models import Programme
    from parcours.studyplans.models import PlanUnit, StartLevel

    assert dict(Programme.objects.values_list("croho_code", "outcome_levels")) == {
        "34560": 3,
        "34808": 3,
        "80152": 4,
        "80902": 3,
    }
    for year in (2025, 2026):
        levels = ConcentricLevel.objects.filter(outcome__unit__oer=_oer("80152", year))
        assert sorted(set(levels.values_list("outcome__unit__code", "outcome__code", "level"))) == [
            (u, o, n) for u, o in (("AD-1", "LU1"), ("AD-1", "LU2")) for n in (1, 2, 3, 4)
        ]
    starts = StartLevel.objects.filter(enrolment__student__username="student.milan")
    assert sorted(starts.values_list("outcome__code", "level", "grounds")) == [
        ("LU1", 2, "prior_work"),
        ("LU2", 2, "intake_conversation"),
    ]
    assert all(s.recorded_by == s.enrolment.coach for s in starts)
    aimed = PlanUnit.objects.filter(version__plan__enrolment__student__username="student.milan")
    assert sorted(aimed.values_list("unit__code", "aimed_level")) == [("AD-1", 3), ("AD-2", 2)]


def test_staff_in_every_role_and_at_least_24_students(demo_db):
    roles = Counter(
        (a.role, a.programme.croho_code if a.programme else None)
        for a in RoleAssignment.objects.select_related("programme")
    )
    for code in ("34560", "34808", "80152"):
        assert roles[("programme_manager", code)] == 1
        assert roles[("coach", code)] == 2
        assert roles[("assessor", code)] == (4 if code == "34560" else 3)
        assert roles[("assessment_coordinator", code)] == 1
        assert roles[("exam_committee", code)] == 2
    assert roles[("workplace_supervisor", "34560")] == 1
    assert roles[("workplace_supervisor", "80152")] == 1
    assert roles[("administrator", None)] == 1
    students = sum(n for (role, _), n in roles.items() if role == "student")
    assert students == len(STUDENTS) + 2 == 28  # two students of the demand-financed Ad
    assert all(roles[("student", code)] >= 8 for code in ("34560", "34808", "80152"))
    assert User.objects.filter(email__endswith="@example.org").count() == User.objects.count()
    assert set(User.objects.values_list("preferred_language", flat=True)) == {"nl", "en"}


def test_second_run_changes_nothing_and_prints_accounts_that_can_log_in(
    demo_db, demo_evidence_root
):
    before = _counts()
    files = sorted(demo_evidence_root.rglob("*"))
    out = StringIO()
    call_command("seed_demo", "--allow-production", stdout=out)
    assert _counts() == before
    assert sorted(demo_evidence_root.rglob("*")) == files

    text = out.getvalue()
    assert "already present; nothing changed" in text
    assert f"Password for every demo account: {DEMO_PASSWORD}" in text
    assert "add it to an authenticator app as PARC OURS DEMO TWEE STAP SPAR COUR SDEM" in text
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("---")) + 1
    table = lines[start : lines.index("", start)]
    usernames = [line.split()[0] for line in table]
    assert len(usernames) == len(PEOPLE) + len(PROSPECTIVE) == 62
    assert set(usernames) == set(User.objects.values_list("username", flat=True))
    assert table[0].split()[:2] == ["beheerder", "Administrator"]

    for username in ("beheerder", "manager.verpleegkunde", "student.anouk"):
        user = authenticate(login_request(), username=username, password=DEMO_PASSWORD)
        assert user is not None
        assert user.username == username
        # the demo's password meets the policy it asks of everyone else
        assert validate_password(DEMO_PASSWORD, user=user) is None
    assert authenticate(login_request(), username="student.anouk", password="wrong") is None


def test_seed_demo_refuses_without_debug_and_writes_nothing(demo_db):
    before = _counts()
    with pytest.raises(CommandError, match="publicly known password"):
        call_command("seed_demo", "--quiet")
    assert _counts() == before


def test_api_lists_the_demo_programmes_anonymously(demo_db, client):
    response = client.get("/api/v1/programmes")
    assert response.status_code == 200
    codes = sorted(p["croho_code"] for p in response.json())
    assert codes == ["34560", "34808", "80152", "80902"]


def test_api_publish_of_nursing_draft_names_the_rule_and_changes_nothing(demo_db, client):
    oer = _oer("34560", 2026)
    log_in_verified(client, User.objects.get(username="manager.verpleegkunde"))  # a code asked
    before = (_counts(), Oer.objects.filter(pk=oer.pk).values().get())
    response = client.post(f"/api/v1/oers/{oer.pk}/publish", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    body = response.json()
    assert body["rule"] == "unit.facilitated-route"
    assert body["source"] == (
        "Kamerstukken 36 136, memorie van antwoord, antwoord 1; Kamerstukken 36 136"
    )
    assert body["message"].startswith("Unit VP-10 has no complete facilitated route")
    assert (_counts(), Oer.objects.filter(pk=oer.pk).values().get()) == before


def test_demo_students_are_enrolled_with_intake_coach_and_teams(demo_db):
    from parcours.studyplans.models import Enrolment, LearningTeam

    enrolments = Enrolment.objects.select_related("intake", "coach")
    assert enrolments.count() == 28  # 26, and two in the demand-financed Ad Engineering
    assert all(e.coach is not None and e.intake.hours_per_week >= 16 for e in enrolments)
    assert {e.start_date.day for e in enrolments} == {1}
    assert LearningTeam.objects.count() == 3


def test_demo_plans_show_every_stage_of_the_workflow(demo_db):
    from parcours.studyplans.models import PlanVersion

    statuses = Counter(PlanVersion.objects.values_list("status", flat=True))
    assert statuses == {
        "draft": 1,
        "submitted": 2,
        "returned": 2,
        "agreed": 1,
        "established": 4,
        "superseded": 1,
    }
    marloes = PlanVersion.objects.filter(plan__enrolment__student__username="student.marloes")
    assert list(marloes.order_by("number").values_list("status", flat=True)) == [
        "returned",
        "superseded",
        "established",
    ]


def test_demo_refused_unit_falls_back_and_d_route_spans_three_units(demo_db):
    from parcours.studyplans.models import PlanVersion
    from parcours.studyplans.selectors import d_matrix, effective_routes, version_with_content

    rachid = PlanVersion.objects.get(plan__enrolment__student__username="student.rachid")
    routes = {
        r.plan_unit.unit.code: (r.chosen, r.effective)
        for r in effective_routes(version_with_content(rachid.pk), on=CHECK_ON)
    }
    assert routes == {"VP-6": ("B", "A"), "VP-7": ("A", "A")}
    jesse = version_with_content(
        PlanVersion.objects.get(plan__enrolment__student__username="student.jesse").pk
    )
    matrix = d_matrix(jesse)
    assert sorted({row.unit.code for row in matrix.rows}) == ["AD-3", "AD-4", "AD-5"]
    assert len(matrix.activities) == 1
    # the one outcome the challenge leaves open is filled by a separate test: no gap left
    assert matrix.gaps == []
    assert len(matrix.fillers) == 1
    filled = [row for row in matrix.rows if row.filled_by]
    assert len(filled) == 1
    assert filled[0].covered_by == []
    assert (
        matrix.fillers[0].title
        == f"Aanvullende toets {filled[0].unit.code} {filled[0].outcome.code}"
    )


@pytest.mark.parametrize(
    ("username", "landing_text"),
    [
        ("manager.verpleegkunde", "Verpleegkunde"),
        ("student.anouk", "Verpleegkunde"),
        ("coach.pabo", "Opleiding tot leraar basisonderwijs"),
        ("assessor.ad", "Software Development"),
        ("toetscoordinator.verpleegkunde", "Verpleegkunde"),
        ("examencommissie.verpleegkunde", "Verpleegkunde"),
        ("praktijkbegeleider.ad", "Software Development"),
        ("beheerder", "Verpleegkunde"),
    ],
)
def test_each_demo_role_logs_in_and_lands_on_its_start_page(
    demo_db, client, username, landing_text
):
    response = client.post("/account/inloggen/", {"username": username, "password": DEMO_PASSWORD})
    user = User.objects.get(username=username)
    if second_factor_required(user):  # staff: a code from the demo key after the password
        assert (response.status_code, response["Location"]) == (302, "/account/inloggen/code/")
        response = client.post("/account/inloggen/code/", {"code": next_code(totp_device(user))})
    assert (response.status_code, response["Location"]) == (302, "/start/")
    page = client.get("/start/")
    assert page.status_code == 200
    html = page.content.decode()
    assert landing_text in html
    assignment = User.objects.get(username=username).role_assignments.get()
    with translation.override("nl"):
        role = str(assignment.get_role_display())
    expected = role if assignment.programme is None else f"Je rol: {role}"
    assert expected in " ".join(html.split())


def test_staff_demo_accounts_share_the_published_authenticator_key(demo_db):
    staff = {p.username for p in PEOPLE if p.role in SECOND_FACTOR_ROLES}
    devices = TOTPDevice.objects.filter(confirmed=True).select_related("user")
    assert {d.user.username for d in devices} == staff
    assert len(staff) == 31  # the administrator and 30 of the 32 staff (not the supervisors)
    assert {d.bin_key for d in devices} == {DEMO_TOTP_KEY}


def test_demo_code_prints_the_code_an_app_with_the_demo_key_shows(db):
    with time_machine.travel(datetime(2027, 3, 1, 12, 0, 10, tzinfo=UTC), tick=False):
        out = StringIO()
        call_command("demo_code", stdout=out)
    step = int(datetime(2027, 3, 1, 12, 0, 0, tzinfo=UTC).timestamp()) // 30
    expected = f"{hotp(DEMO_TOTP_KEY, step, digits=6):06d}"
    assert out.getvalue() == f"{expected} (valid for 20 more seconds, and the next 30)\n"


# --- registrations and the census (parcours.registrations) ---------------------------------------


def test_every_demo_student_is_registered_and_anouk_is_beyond_the_nominal_duration(demo_db):
    institution = Institution.objects.get(brin_code=INSTITUTION_CODE)
    rows = {
        r.enrolment.student.username: (r.reason, r.enrolment_year)
        for r in registration_selectors.census_rows(institution, date(2026, 10, 1))
    }
    assert set(rows) == {p.username for p in STUDENTS}
    assert rows.pop("student.anouk") == ("beyond_nominal", 5)
    assert {reason for reason, _ in rows.values()} == {"counted"}
    assert {year for _, year in rows.values()} == {2}
    assert Registration.objects.filter(first_year=2025).count() == len(STUDENTS)
    earlier = registration_selectors.census_rows(institution, date(2025, 10, 1))
    counted = sorted(r.enrolment.student.username for r in earlier if r.reason == "counted")
    # started on or before 1 October 2025 (monthly starts from 1 September)
    assert counted == [
        "student.anouk",
        "student.bram",
        "student.eva",
        "student.jesse",
        "student.mehmet",
        "student.milan",
    ]


def test_demo_has_the_tuition_rates_of_2025_and_2026(demo_db):
    from parcours.financing.models import TuitionRate

    assert sorted(TuitionRate.objects.values_list("first_year", "amount_cents")) == [
        (2025, 260100),
        (2026, 269400),
    ]


def test_demo_demand_financing_has_two_modules_and_a_voucher_granted_and_one_refused(demo_db):
    from parcours.financing import selectors as financing
    from parcours.financing.models import Module, VoucherVerdict

    modules = Module.objects.filter(variant__programme__croho_code="80902")
    assert sorted((m.code, financing.module_ec(m)) for m in modules) == [
        ("ENG-M1", 30),
        ("ENG-M2", 30),
    ]
    verdicts = {
        v.module_enrolment.enrolment.student.username: (v.granted, v.amount_cents, v.reason_en)
        for v in VoucherVerdict.objects.select_related("module_enrolment__enrolment__student")
    }
    assert verdicts == {
        "student.ilona": (
            True,
            125000,
            "Granted: €1,250.00 for a module of 30 EC; the student holds no bachelor's or "
            "master's degree.",
        ),
        "student.gert": (
            False,
            0,
            "No voucher: the student already holds a bachelor's or master's degree.",
        ),
    }
    ilona = financing.finances_of(
        financing.enrolments_of(User.objects.get(username="student.ilona")).get(),
        on=date(2026, 9, 1),
    )
    (line,) = ilona.years[0].modules
    # half the 2026-2027 tuition of 2,694.00 for 30 EC, less the voucher
    assert (line.price_cents, line.voucher_cents, line.to_pay_cents) == (134700, 125000, 9700)


def test_the_demo_has_a_claim_granted_in_full_and_one_capped(demo_db, client):
    assert sorted(StapListing.objects.values_list("register_id", flat=True)) == [
        "STAP-DEMO-1001",
        "STAP-DEMO-1002",
    ]
    rows = [
        (c.person.username, c.claimed_on, c.claimed_cents, c.outcome, c.granted_cents)
        for c in StapClaim.objects.select_related("person").order_by("claimed_on")
    ]
    assert rows == [
        ("student.anouk", date(2022, 9, 1), 80_000, "granted", 80_000),
        ("aspirant.femke", date(2023, 4, 3), 120_000, "capped", 100_000),
    ]
    femke = User.objects.get(username="aspirant.femke")
    (capped,) = stap_selectors.stap_claims_of(femke)
    assert capped.reason_en == (
        "Lowered to €1,000.00: at most €1,000.00 per person per calendar year (2023)."
    )
    assert (capped.invoice.amount_cents, capped.proof.confirmed_on) == (
        100_000,
        date(2023, 6, 30),
    )
    client.force_login(User.objects.get(username=ADMINISTRATOR.username))
    page = client.get("/stap/?jaar=2023")
    assert [c.pk for c in page.context["listing"].rows] == [capped.pk]
