"""Demo tuition rates: the statutory tuition of 2025-2026 (€ 2.601,00) and of 2026-2027 (a
demo figure, € 2.694,00), entered by the administrator before each year started, so the
finances page (/financien/) shows what every registered demo student pays."""

from __future__ import annotations

from datetime import date

from parcours.curriculum.models import Institution
from parcours.demo.accounts import ADMINISTRATOR
from parcours.demo.shared import people_by_username
from parcours.financing import services

RATES = {2025: 260100, 2026: 269400}


def build_financing() -> None:
    admin = people_by_username()[ADMINISTRATOR.username]
    for institution in Institution.objects.filter(programmes__isnull=False).distinct():
        for first_year, cents in RATES.items():
            services.tuition_rate_set(
                institution,
                actor=admin,
                first_year=first_year,
                amount_cents=cents,
                today=date(first_year, 6, 1),
            )
