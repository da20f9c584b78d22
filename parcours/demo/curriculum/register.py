"""The CROHO register the demo institution's programmes are created from.

The demo loads DUO's sample (Fontys Hogeschool 30GB and Universiteit Maastricht 21PJ, Bron: DUO)
through `croho_import`, as an institution loads DUO's whole file. Hogeschool Parcours is
fictional (99PC), so DUO's register has no rows for it: the demo adds, in the same file, a copy
of the real 30GB rows of the three codes it offers, under its own code and name.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from parcours.accounts.models import User
from parcours.curriculum import services
from parcours.curriculum.selectors import DATA_DIR
from parcours.demo.curriculum.programmes import PROGRAMMES
from parcours.demo.curriculum.specs import INSTITUTION_CODE, INSTITUTION_NAME

SAMPLE = DATA_DIR / "croho_1cijferho_2025_sample.csv"
COPIED_FROM = "30GB"  # Fontys Hogeschool offers the demo's programme codes
# Ad Engineering in the demand-financing experiment (indication AF), built by
# parcours.demo.financing.
DEMAND_CROHO = "80902"


def demo_register_file() -> str:
    """DUO's sample with the demo institution's rows added (CSV text in DUO's layout)."""
    text = SAMPLE.read_text(encoding="utf-8")
    codes = {spec.croho_code for spec in PROGRAMMES} | {DEMAND_CROHO}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=next(csv.reader(io.StringIO(text))))
    for row in csv.DictReader(io.StringIO(text)):
        if row["instellingscode"] == COPIED_FROM and row["opleidingscode"] in codes:
            writer.writerow(
                row
                | {
                    "instellingscode": INSTITUTION_CODE,
                    "instellingsnaam": INSTITUTION_NAME,
                    "actuele_instelling": INSTITUTION_CODE,
                }
            )
    return text + out.getvalue()


def load_register(*, actor: User | None, on: date) -> services.CrohoImportReport:
    return services.croho_import(io.StringIO(demo_register_file()), actor=actor, on=on)
