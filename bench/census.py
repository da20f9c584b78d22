"""Bench: the 1 October census (rule funding.census in one ORM query) on 50,000 generated
registrations, against a hand-written SQL query that gives the same count, on SQLite and
PostgreSQL.

    .venv/bin/python bench/census.py                  (50,000 registrations, both; make bench)
    .venv/bin/python bench/census.py --rows 200000 --backends postgresql

Students at one institution (a 4-year bachelor in two variants, a 2-year associate degree, a
demand-financed bachelor) are registered for 1 to 6 consecutive academic years, some
de-enrolled before or after 1 October, some starting after it, some whose last year is the one
before; everything is written with bulk_create. Then the census of 1 October 2026 is computed
by `selectors.census_rows` (every row with its enrolment year and reason code), its counted
total by the same query with a filter, its totals per variant (`census_totals`), and the count
by the hand-written SQL (the enrolment year as DENSE_RANK over the student's academic years at
the programme). The counts must agree (the bench stops otherwise). Each backend runs in its own
child process against its own throw-away database, as bench/run.py does. The figures are the
best of a few runs, in milliseconds of wall time; no timing decides anything.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.backends import main_per_backend  # noqa: E402

SEED = 1
CENSUS = date(2026, 10, 1)
REPEATS = 5

HAND_SQL = """
WITH years AS (
    SELECT r.id, r.first_year, r.starts_on, r.ends_on, p.nominal_years, p.demand_financed,
           DENSE_RANK() OVER (
               PARTITION BY e.student_id, v.programme_id ORDER BY r.first_year
           ) AS enrolment_year
    FROM registrations_registration r
    JOIN studyplans_enrolment e ON e.id = r.enrolment_id
    JOIN curriculum_programmevariant v ON v.id = e.variant_id
    JOIN curriculum_programme p ON p.id = v.programme_id
    WHERE p.institution_id = %s AND r.first_year <= %s
)
SELECT COUNT(*) FROM years
WHERE first_year = %s AND starts_on <= %s AND (ends_on IS NULL OR ends_on >= %s)
  AND NOT demand_financed AND enrolment_year <= nominal_years
"""


# --- the child: one backend, one database -----------------------------------------------------


def generate(rows: int) -> Any:
    """One institution, four variants, students with 1-6 academic years each: `rows`
    registrations in all."""
    from parcours.accounts.models import User
    from parcours.curriculum.models import Institution, Programme, ProgrammeVariant
    from parcours.registrations.models import Registration
    from parcours.studyplans.models import Enrolment

    rng = random.Random(SEED)
    institution = Institution.objects.create(name="Hogeschool Bench", brin_code="99BB")

    def programme(code: str, name: str, level: str, years: int, demand: bool) -> Programme:
        return Programme.objects.create(
            institution=institution,
            croho_code=code,
            name_nl=name,
            name_en=name,
            level=level,
            sector="hbo",
            nominal_ec=60 * years,
            nominal_years=years,
            demand_financed=demand,
        )

    bachelor = programme("34560", "Verpleegkunde", "ba", 4, False)
    variants = [
        (ProgrammeVariant.objects.create(programme=bachelor, form=f, outcome_based=True), 4)
        for f in ("full_time", "part_time")
    ]
    associate = programme("80010", "Ad Zorg", "ad", 2, False)
    variants.append(
        (
            ProgrammeVariant.objects.create(
                programme=associate, form="part_time", outcome_based=True
            ),
            2,
        )
    )
    demand = programme("34999", "Vraag Bachelor", "ba", 4, True)
    variants.append(
        (ProgrammeVariant.objects.create(programme=demand, form="part_time", outcome_based=True), 4)
    )
    plans: list[tuple[int, int, list[int]]] = []  # (student no, variant index, years)
    total = 0
    while total < rows:
        index = rng.choices(range(4), weights=[45, 25, 20, 10])[0]
        count = min(rng.randint(1, 6), rows - total)
        last = 2025 if rng.random() < 0.08 else 2026
        plans.append((len(plans), index, list(range(last - count + 1, last + 1))))
        total += count
    students = User.objects.bulk_create(
        [
            User(username=f"s{n:06d}", first_name="Student", last_name=f"{n:06d}", password="!")
            for n, _, _ in plans
        ],
        batch_size=2000,
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(student=students[n], variant=variants[i][0], start_date=date(years[0], 9, 1))
            for n, i, years in plans
        ],
        batch_size=2000,
    )
    registrations = []
    for (_, _, years), enrolment in zip(plans, enrolments, strict=True):
        for year in years:
            starts, ends, reason = date(year, 9, 1), None, ""
            roll = rng.random()
            if year == years[-1] and roll < 0.04:
                starts = date(year, 10, 1) + timedelta(days=rng.randint(1, 120))
            elif year == years[-1] and roll < 0.10:
                ends, reason = date(year, 9, 1) + timedelta(days=rng.randint(0, 250)), "stopped"
            registrations.append(
                Registration(
                    enrolment=enrolment,
                    first_year=year,
                    starts_on=starts,
                    ends_on=ends,
                    end_reason=reason,
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=5000)
    return institution


def best(fn: Any) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times) * 1000, result


def child_main(rows: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from parcours.registrations import selectors
    from parcours.registrations.models import Registration

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    institution = generate(rows)
    made = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    census = selectors.census_rows(institution, CENSUS)
    in_year = Registration.objects.filter(first_year=CENSUS.year).count()
    print(
        f"--- census {CENSUS.isoformat()}, {connection.vendor}, "
        f"{Registration.objects.count():,} registrations ({in_year:,} in 2026-2027), "
        f"generated in {made:.1f} s"
    )
    orm_rows_ms, orm_rows = best(lambda: list(census.values_list("pk", "reason", "enrolment_year")))
    orm_count_ms, orm_count = best(lambda: census.filter(reason="counted").count())
    totals_ms, totals = best(lambda: selectors.census_totals(census))

    def hand() -> int:
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, [institution.pk, CENSUS.year, CENSUS.year, CENSUS, CENSUS])
            return int(cursor.fetchone()[0])

    sql_ms, sql_count = best(hand)
    counted_rows = sum(1 for _, reason, _ in orm_rows if reason == "counted")
    counted_totals = sum(t.counted for t in totals)
    if not orm_count == sql_count == counted_rows == counted_totals:
        sys.exit(
            f"counts differ: ORM {orm_count}, rows {counted_rows}, "
            f"totals {counted_totals}, SQL {sql_count}"
        )
    print(f"    counted: {orm_count:,} of {len(orm_rows):,} (ORM, rows, totals and hand SQL agree)")
    print(f"    ORM, every row with year and reason  {orm_rows_ms:9.1f} ms")
    print(f"    ORM, counted total                   {orm_count_ms:9.1f} ms")
    print(f"    ORM, totals per variant              {totals_ms:9.1f} ms")
    print(f"    hand-written SQL, counted total      {sql_ms:9.1f} ms")
    print(f"    ratio ORM count / hand SQL           {orm_count_ms / sql_ms:9.2f}")
    connection.close()


if __name__ == "__main__":
    main_per_backend(__doc__ or "", __file__, child_main, rows=50_000, label="census")
