"""Benchmarks on a generated institution, measured against floors taken in the same run.

    .venv/bin/python bench/run.py            (make bench: 2,000 students on PostgreSQL and SQLite)
    .venv/bin/python bench/run.py --large    (adds 20,000 and 50,000 students on PostgreSQL)

Each size runs in its own child process against its own throw-away database, filled by
`parcours.demo.generator.generate(N, seed=…)`: PostgreSQL `parcours_bench_<random>` (created,
migrated, dropped), or an SQLite file under `tempfile.mkdtemp()` (removed). The project's `var/`
is never touched. The parent drops the database again if a child fails.

Per size: (1) the all-students progress report: a hand-written SQL query (EC achieved and
exempted per enrolment) as the floor, against reading the kept `EnrolmentProgress` rows and
against the old recomputation `progress_many` on a sample (scaled to all enrolments), with a
check that the kept figures equal the SQL's for every enrolment; (2) page p50/p95 and query
counts through Django's test client; (3) peak memory (ru_maxrss) after each stage, and the
report's own peak Python allocations (tracemalloc); (4) read-API requests/s through gunicorn
(2 workers) for `/api/v1/me/progress` against a bare Django view doing the same reads
(bench/urls.py); (5) what `verify_progress` reports on the generated institution. Not part of
the test suite; no timing decides anything.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.backends import run_size  # noqa: E402

SEED = 1
PAGE_REPEATS = 15
LOAD_THREADS, LOAD_SECONDS = 4, 5.0
SAMPLE = 500  # students for the old recomputation at 2,000; scaled with N (at most 2,000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large", action="store_true", help="add 20,000 and 50,000 (PostgreSQL)")
    parser.add_argument(
        "--sizes", help="instead: backend:N pairs, comma-separated (e.g. sqlite:200)"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.child)
        return
    sizes = [("postgresql", 2_000), ("sqlite", 2_000)]
    if args.large:
        sizes += [("postgresql", 20_000), ("postgresql", 50_000)]
    if args.sizes:
        sizes = [(b, int(n)) for b, n in (pair.split(":") for pair in args.sizes.split(","))]
    failed = [f"{b} {n:,}" for b, n in sizes if run_size(b, n) != 0]
    if failed:
        sys.exit(f"bench failed for: {', '.join(failed)}")


# --- the child: one size, one database --------------------------------------------------------

STAGES: list[tuple[str, float, float]] = []  # stage, seconds, peak RSS MB after it
_clock = [time.perf_counter()]


def stage(name: str) -> None:
    now = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    STAGES.append((name, now - _clock[0], peak))
    _clock[0] = now


def ms(fn: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return (time.perf_counter() - started) * 1000, value


FLOOR_SQL = """
WITH e AS (
    SELECT en.id, en.student_id, en.variant_id, v.programme_id, {start_year} AS start_year
    FROM {enrolment} en JOIN {variant} v ON v.id = en.variant_id
),
pub AS (SELECT id, variant_id, academic_year FROM {oer} WHERE status = 'published'),
exam AS (
    SELECT e.id AS enrolment_id, e.student_id, e.programme_id, COALESCE(
        (SELECT o.id FROM pub o WHERE o.variant_id = e.variant_id
            AND o.academic_year <= e.start_year ORDER BY o.academic_year DESC LIMIT 1),
        (SELECT o.id FROM pub o WHERE o.variant_id = e.variant_id
            ORDER BY o.academic_year LIMIT 1)
    ) AS oer_id
    FROM e
),
achieved AS (
    SELECT DISTINCT en.student_id, v.programme_id, u.code
    FROM {result} r
    JOIN {enrolment} en ON en.id = r.enrolment_id
    JOIN {variant} v ON v.id = en.variant_id
    JOIN {unit} u ON u.id = r.unit_id
    WHERE r.result = 'achieved'
),
exempted AS (
    SELECT DISTINCT d.student_id, d.programme_id, u.code
    FROM {decision_unit} du
    JOIN {decision} d ON d.id = du.decision_id
    JOIN {unit} u ON u.id = du.unit_id
    WHERE du.granted AND d.kind = 'exemption' AND d.made_known_on IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM {decision} c WHERE c.corrects_id = d.id AND c.made_known_on IS NOT NULL
      )
)
SELECT x.enrolment_id,
    COALESCE(SUM(CASE WHEN a.code IS NOT NULL THEN u.ec ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN a.code IS NULL AND ex.code IS NOT NULL THEN u.ec ELSE 0 END), 0)
FROM exam x
LEFT JOIN {unit} u ON u.oer_id = x.oer_id
LEFT JOIN achieved a
    ON a.student_id = x.student_id AND a.programme_id = x.programme_id AND a.code = u.code
LEFT JOIN exempted ex
    ON ex.student_id = x.student_id AND ex.programme_id = x.programme_id AND ex.code = u.code
GROUP BY x.enrolment_id
"""


def floor_sql() -> str:
    """EC achieved and exempted per enrolment as progress_many counts them: the units of the
    exam OER (the published OER of the start year, else the latest before it, else the
    earliest), matched by code; achieved by any result of the student in the programme,
    else exempted by a granted unit of an exemption made known and not corrected."""
    from django.db import connection

    from parcours.assessments.models import UnitResult
    from parcours.curriculum.models import Oer, Unit
    from parcours.examcommittee.models import Decision, DecisionUnit
    from parcours.studyplans.models import Enrolment

    if connection.vendor == "sqlite":
        start_year = (
            "CAST(strftime('%Y', en.start_date) AS INTEGER)"
            " - (CAST(strftime('%m', en.start_date) AS INTEGER) < 9)"
        )
    else:
        start_year = (
            "EXTRACT(YEAR FROM en.start_date)::int"
            " - CASE WHEN EXTRACT(MONTH FROM en.start_date) < 9 THEN 1 ELSE 0 END"
        )
    return FLOOR_SQL.format(
        start_year=start_year,
        enrolment=Enrolment._meta.db_table,
        variant=Enrolment._meta.get_field("variant").related_model._meta.db_table,
        oer=Oer._meta.db_table,
        unit=Unit._meta.db_table,
        result=UnitResult._meta.db_table,
        decision=Decision._meta.db_table,
        decision_unit=DecisionUnit._meta.db_table,
    )


def report(students: int, out: list[str]) -> None:
    """(1) The all-students progress report: SQL floor, kept rows, old recomputation."""
    from django.db import connection
    from django.utils import timezone

    from parcours.examcommittee.models import EnrolmentProgress
    from parcours.examcommittee.selectors import progress_many
    from parcours.studyplans.models import Enrolment

    sql = floor_sql()

    def run_floor() -> dict[int, tuple[int, int]]:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return {pk: (int(a), int(x)) for pk, a, x in cursor.fetchall()}

    def read_kept() -> dict[int, tuple[int, int]]:
        rows = EnrolmentProgress.objects.values_list("enrolment_id", "ec_achieved", "ec_exempted")
        return {pk: (a, x) for pk, a, x in rows}

    run_floor(), read_kept()  # warm caches for both
    floor_mb, kept_mb = allocated_mb(run_floor), allocated_mb(read_kept)
    floor_ms, floor = min((ms(run_floor) for _ in range(3)), key=lambda t: t[0])
    kept_ms, kept = min((ms(read_kept) for _ in range(3)), key=lambda t: t[0])
    mismatches = sum(1 for pk in floor.keys() | kept.keys() if floor.get(pk) != kept.get(pk))
    sample_n = min(len(floor), max(SAMPLE, min(2_000, SAMPLE * students // 2_000)))
    enrolments = list(
        Enrolment.objects.select_related("student", "variant__programme").order_by("pk")[
            :: max(1, len(floor) // sample_n)
        ][:sample_n]
    )
    on = timezone.localdate()

    def recompute() -> dict[int, tuple[int, int]]:
        found = progress_many([(e.student, e.variant.programme, e) for e in enrolments], on=on)
        return {
            e.pk: (
                sum(u.unit.ec for u in p.units if u.state == "achieved"),
                sum(u.unit.ec for u in p.units if u.state == "exempted"),
            )
            for e, p in zip(enrolments, found, strict=True)
        }

    old_ms, old = ms(recompute)  # one run (seconds at scale); the floor and kept: best of 3
    old_mismatches = sum(1 for pk, v in old.items() if floor.get(pk) != v)
    old_all_ms = old_ms * len(floor) / len(enrolments)
    out.append(f"(1) all-students progress report, {len(floor):,} enrolments")
    out.append(f"    {'computation':<44} {'ms':>10} {'x floor':>9}")
    out.append(f"    {'SQL floor (hand-written, EC per enrolment)':<44} {floor_ms:10.1f} {1:9.2f}")
    out.append(
        f"    {'kept EnrolmentProgress rows, all':<44} {kept_ms:10.1f} {kept_ms / floor_ms:9.2f}"
    )
    label = f"progress_many, sample of {len(enrolments):,}"
    out.append(f"    {label:<44} {old_ms:10.1f} {old_ms / floor_ms:9.2f}")
    label = "progress_many, scaled to all enrolments"
    out.append(f"    {label:<44} {old_all_ms:10.1f} {old_all_ms / floor_ms:9.2f}")
    out.append(
        f"    mismatches kept vs SQL floor: {mismatches} of {len(floor):,} enrolments; "
        f"progress_many sample vs SQL floor: {old_mismatches} of {len(old):,}"
    )
    out.append(
        f"    peak Python memory while computing: SQL floor {floor_mb:.1f} MB, "
        f"kept rows {kept_mb:.1f} MB (tracemalloc)"
    )


def allocated_mb(fn: Any) -> float:
    """The peak of Python allocations while `fn` runs, in MB: the report's own memory, which
    the process's peak RSS (set by the generator before it) cannot show."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def verify(out: list[str]) -> None:
    """(5) What `manage.py verify_progress` reports: every enrolment's kept progress against
    the progress recomputed from the source records."""
    from django.utils import timezone

    from parcours.examcommittee.selectors import progress_differences

    took, found = ms(lambda: list(progress_differences(on=timezone.localdate())))
    out.append(f"(5) verify_progress: {len(found)} differences ({took / 1000:.1f} s)")


def pick_users() -> dict[str, Any]:
    """Real users from the generated data: the busiest student, coach and committee member."""
    from django.db.models import Count

    from parcours.accounts.models import Role, User
    from parcours.studyplans.models import Enrolment, StudyPlan

    enrolment = (
        Enrolment.objects.filter(plans__isnull=False, evidence__isnull=False)
        .annotate(n=Count("unit_results", distinct=True))
        .order_by("-n", "pk")
        .select_related("student", "variant")
        .first()
    )
    assert enrolment is not None, "no enrolment with a plan and evidence"
    plan = StudyPlan.objects.filter(enrolment=enrolment).order_by("-pk").first()
    coach_id = (
        Enrolment.objects.exclude(coach_id=None)
        .values("coach_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "coach_id")[0]["coach_id"]
    )
    coach = User.objects.get(pk=coach_id)
    committee = (
        User.objects.filter(
            role_assignments__role=Role.EXAM_COMMITTEE,
            role_assignments__programme_id=enrolment.variant.programme_id,
        )
        .order_by("pk")
        .first()
    )
    return {"student": enrolment.student, "plan": plan, "coach": coach, "committee": committee}


def pages(users: dict[str, Any], out: list[str]) -> None:
    """(2) Page p50/p95 and query counts through the test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    def counter(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        counter.n += 1  # type: ignore[attr-defined]
        return execute(sql, params, many, context)

    counter.n = 0  # type: ignore[attr-defined]
    plan = users["plan"]
    table = [
        ("student", "progress", reverse("examcommittee:progress_home")),
        ("student", "plan", reverse("studyplans:plan_detail", args=[plan.pk])),
        ("student", "portfolio", reverse("portfolio:home")),
        ("coach", "caseload", reverse("studyplans:caseload")),
        ("committee", "BSA list", reverse("examcommittee:bsa_list")),
        ("committee", "diploma queue", reverse("examcommittee:diploma_queue")),
        ("committee", "decision list", reverse("examcommittee:decision_list")),
    ]
    out.append(f"(2) pages, {PAGE_REPEATS} requests each after one warm-up")
    head = f"{'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'wrapper':>8}"
    out.append(f"    {'who':<10} {'page':<14} {head}")
    for who, page, url in table:
        client = Client()
        client.force_login(users[who])
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(counter):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        executed, counter.n = counter.n, 0
        logged = len(captured)  # now: the next request's request_started clears the log
        samples = []
        for _ in range(PAGE_REPEATS):
            took, response = ms(lambda c=client, u=url: c.get(u))
            samples.append(took)
        p50 = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=20, method="inclusive")[-1]
        out.append(f"    {who:<10} {page:<14} {p50:8.1f} {p95:8.1f} {logged:8d} {executed:8d}")
    out.append(
        "    queries: CaptureQueriesContext on the first request;"
        " wrapper: the same request counted by connection.execute_wrapper"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load(port: int, path: str, token: str, seconds: float = LOAD_SECONDS) -> tuple[float, int]:
    """LOAD_THREADS threads, each a keep-alive http.client loop for `seconds`."""
    counts, errors = [0] * LOAD_THREADS, [0] * LOAD_THREADS
    headers = {"Authorization": f"Bearer {token}", "Host": "127.0.0.1"}

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    counts[i] += 1
                else:
                    errors[i] += 1
            except (OSError, http.client.HTTPException):
                errors[i] += 1
                conn.close()
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(LOAD_THREADS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.perf_counter() - started), sum(errors)


def api(users: dict[str, Any], out: list[str]) -> None:
    """(4) Read-API requests/s through gunicorn: the ninja endpoint against a bare view."""
    from parcours.accounts.services import api_token_create

    student = users["student"]
    token = api_token_create(student, actor=None, name="bench")
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "warning", "--access-logfile", "/dev/null"],
        env=os.environ.copy(),
        cwd=str(ROOT),
    )  # fmt: skip
    try:
        paths = {"ninja": "/api/v1/me/progress", "bare": "/bench/me/progress"}
        bodies = {}
        for _attempt in range(200):  # up to 20 s to start
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                for name, path in paths.items():
                    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
                    response = conn.getresponse()
                    bodies[name] = (response.status, json.loads(response.read()))
                conn.close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        same = bodies["ninja"] == bodies["bare"]
        for path in paths.values():  # warm both workers on both paths
            load(port, path, token, seconds=1.0)
        rates = {name: load(port, path, token) for name, path in paths.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)
    out.append(
        f"(4) read API through gunicorn (2 workers), {LOAD_THREADS} threads x {LOAD_SECONDS:.0f} s"
        f" keep-alive, student with {len(bodies['ninja'][1])} programme(s);"
        f" same JSON from both: {'yes' if same else 'NO'}"
    )
    out.append(f"    {'endpoint':<34} {'req/s':>8} {'errors':>7} {'x bare':>7}")
    bare = rates["bare"][0]
    for name, path in paths.items():
        rate, errors = rates[name]
        label = f"{path} ({name})"
        out.append(f"    {label:<34} {rate:8.1f} {errors:7d} {rate / bare if bare else 0:7.2f}")


def child_main(students: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from parcours.demo.generator import generate

    out: list[str] = []
    call_command("migrate", verbosity=0)
    stage("migrate")
    counts = generate(students, seed=SEED)
    stage(f"generate ({sum(counts.values()):,} rows)")
    report(students, out)
    stage("(1) progress report")
    users = pick_users()
    pages(users, out)
    stage("(2) pages")
    api(users, out)
    stage("(4) read API (client side)")
    verify(out)
    stage("(5) verify_progress")
    print(f"--- {connection.vendor}, {students:,} students, seed {SEED}")
    print("\n".join(out))
    print("(3) stages: seconds and this process's peak RSS (ru_maxrss) after each")
    for name, seconds, peak in STAGES:
        print(f"    {name:<44} {seconds:8.1f} s {peak:9.0f} MB")
    connection.close()


if __name__ == "__main__":
    main()
