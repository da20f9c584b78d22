"""Bench: `manage.py import_croho` on a generated national register, on SQLite and PostgreSQL.

    .venv/bin/python bench/croho.py              (9,000 rows, both databases; part of make bench)
    .venv/bin/python bench/croho.py --rows 20000 --backends postgresql

A file of N rows in DUO's column layout (the layout of
parcours/curriculum/data/croho_1cijferho_2025_sample.csv; institutions, codes and names are
generated, seeded) is imported into an empty register, imported again (it must change nothing),
and then a next year's file is imported (2% of the names changed, 1% of the codes gone, 1% new).
Each backend runs in its own child process against its own throw-away database, as bench/run.py
does: PostgreSQL `parcours_bench_<random>` (created, migrated, dropped) or an SQLite file in a
temporary folder (removed). The figures are seconds of wall time; no timing decides anything.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.backends import main_per_backend  # noqa: E402

SEED = 1
FIELDS = [  # sector, CROHO onderdeel code and name
    ("4", "techniek"),
    ("5", "gezondheidszorg"),
    ("6", "economie"),
    ("7", "recht"),
    ("8", "gedrag en maatschappij"),
    ("9", "taal en cultuur"),
    ("1", "onderwijs"),
]
LEVELS = [("ba", "bachelor", 5), ("ma", "master", 3), ("ad", "associate degree", 1)]


def register_rows(rows: int, seed: int) -> list[dict[str, str]]:
    """`rows` rows in DUO's layout: about 40 programmes per institution, codes unique in an
    institution, a few demand-financed associate degrees and joint degrees."""
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    institution = 0
    while len(out) < rows:
        institution += 1
        brin = f"{institution // 26 % 100:02d}{chr(65 + institution % 26)}{chr(65 + seed % 26)}"
        wo = institution % 3 == 0
        codes = rng.sample(range(10000, 99999), min(40, rows - len(out)))
        for code in codes:
            level, label, _ = rng.choices(LEVELS, weights=[w for *_, w in LEVELS])[0]
            if wo and level == "ad":
                level, label = "ba", "bachelor"
            field_code, field = rng.choice(FIELDS)
            demand = level == "ad" and rng.random() < 0.05
            out.append(
                {
                    "instellingscode": brin,
                    "instellingsnaam": f"Instelling {institution}",
                    "opleidingscode": f"{code:05d}",
                    "opleidingsnaam_actueel": f"{level} {field} {code}",
                    "soort_ho": "wo" if wo else "hbo",
                    "type_ho": level,
                    "type_ho_omschrijving": label,
                    "onderdeel_code": field_code,
                    "onderdeel": field,
                    "subonderdeel_code": f"{rng.randint(0, 36):02d}",
                    "actuele_instelling": brin,
                    "opleiding_actueel_equivalent": f"{code:05d}",
                    "opleiding_historisch_equivalent": "",
                    "indicatie_soort_opleiding": "AF" if demand else ("A" if level == "ad" else ""),
                    "indicatie_omschrijving": (
                        "associate degree (vraagfinanciering)"
                        if demand
                        else ("associate degree" if level == "ad" else "")
                    ),
                    "joint_degree_code": "",
                }
            )
    return out


def next_year(rows: list[dict[str, str]], seed: int) -> list[dict[str, str]]:
    """The next file: 2% renamed, 1% gone, 1% new codes."""
    rng = random.Random(seed + 1)
    kept = [dict(r) for r in rows if rng.random() >= 0.01]
    for row in kept:
        if rng.random() < 0.02:
            row["opleidingsnaam_actueel"] += " (nieuw)"
    taken = {(r["instellingscode"], r["opleidingscode"]) for r in rows}
    for row in rng.sample(rows, len(rows) // 100):
        new = dict(row)
        while (new["instellingscode"], new["opleidingscode"]) in taken:
            new["opleidingscode"] = f"{rng.randint(10000, 99999):05d}"
        taken.add((new["instellingscode"], new["opleidingscode"]))
        new["opleiding_actueel_equivalent"] = new["opleidingscode"]
        kept.append(new)
    return kept


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


# --- the parent: one child per backend --------------------------------------------------------


# --- the child: one backend, one database -----------------------------------------------------


def child_main(rows: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from parcours.curriculum.models import CrohoRegistration

    call_command("migrate", verbosity=0)
    first = register_rows(rows, SEED)
    files = {"first": Path("croho.csv"), "next": Path("croho_next.csv")}
    write(files["first"], first)
    write(files["next"], next_year(first, SEED))
    print(f"--- import_croho, {connection.vendor}, {rows:,} rows, seed {SEED}")
    for label, file in [
        ("first import (empty register)", files["first"]),
        ("the same file again", files["first"]),
        ("next year's file", files["next"]),
        ("next year's file again", files["next"]),
    ]:
        out = io.StringIO()
        started = time.perf_counter()
        call_command("import_croho", str(file), stdout=out)
        seconds = time.perf_counter() - started
        print(f"    {label:<32} {seconds:7.2f} s   {out.getvalue().split(' / ')[-1].strip()}")
    print(f"    rows in the register: {CrohoRegistration.objects.count():,}")
    connection.close()


if __name__ == "__main__":
    main_per_backend(__doc__ or "", __file__, child_main, rows=9_000, label="CROHO import")
