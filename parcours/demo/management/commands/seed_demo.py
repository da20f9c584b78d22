"""`manage.py seed_demo`: the demo institution Hogeschool Parcours, built through the services:
its curriculum, its students' study plans, their portfolios and assessments and the exam
committee's validation desk, decisions, diplomas and BSA (parcours.demo.build). Idempotent: when
the institution exists nothing is written and only the demo accounts are printed.

The workplace supervisors' invitation e-mails are kept in memory while seeding, not sent or
printed (with --quiet nothing is printed at all); the open invitation's link is shown in the
hints instead, once, when the demo is built."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings

from parcours.curriculum.models import Institution
from parcours.demo.accounts import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DEMO_TOTP_URI,
    account_rows,
    format_table,
)
from parcours.demo.curriculum.specs import INSTITUTION_CODE, INSTITUTION_NAME

IN_MEMORY_MAIL = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = (
        "Build the demo institution Hogeschool Parcours (three programmes, staff in every role, "
        "students with study plans, portfolios and assessments) through the services, and print "
        "the demo accounts. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet", action="store_true", help="Print nothing (no table of demo accounts)."
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even when DEBUG is off (the demo accounts share a published password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "seed_demo creates accounts with a publicly known password, so it runs only "
                "with DJANGO_DEBUG=1 (make demo sets it) or with --allow-production."
            )
        invitation = "(shown only when the demo is built)"
        if Institution.objects.filter(brin_code=INSTITUTION_CODE).exists():
            status = "already present; nothing changed"
        else:
            # Imported here: the assessment services load scikit-learn, which a second run
            # (nothing to build) does not need.
            from parcours.demo.build import build_demo
            from parcours.demo.portfolio import invitation_link

            started = time.monotonic()
            # The invitation e-mails go out on commit, so the mail backend stays in memory
            # until after the transaction.
            with override_settings(EMAIL_BACKEND=IN_MEMORY_MAIL), transaction.atomic():
                opened = build_demo()  # everything or nothing
            invitation = invitation_link(opened)  # after the e-mail's own link (see there)
            status = f"built in {time.monotonic() - started:.1f} s"
        if options["quiet"]:
            return
        self.stdout.write(f"{INSTITUTION_NAME} ({INSTITUTION_CODE}): {status}.\n")
        rows = account_rows()
        self.stdout.write(format_table(["username", "role", "programme", "name"], rows))
        self.stdout.write(f"\nPassword for every demo account: {DEMO_PASSWORD}\n")
        secret = " ".join(DEMO_TOTP_SECRET[i : i + 4] for i in range(0, len(DEMO_TOTP_SECRET), 4))
        self.stdout.write(
            "Staff accounts (all but students and workplace supervisors) then ask for a code "
            "from an authenticator app, and again before making a decision known, publishing "
            "an OER, establishing a study plan or changing roles. They share one demo key: add "
            f"it to an authenticator app as {secret} (time-based, 6 digits, 30 s; or "
            f"{DEMO_TOTP_URI}), or print the current code with `manage.py demo_code`.\n"
        )
        self.stdout.write(
            "Try it: log in as manager.verpleegkunde and publish the draft OER 2026-2027 of "
            "Verpleegkunde. It is refused by rule unit.facilitated-route: unit VP-10 has no "
            "facilitated route yet.\n"
            "Study plans: student.anouk (draft), student.sandra (returned by the coach), "
            "student.marloes (three versions), student.rachid (a unit refused: the facilitated "
            "route applies), student.jesse (route D over three units); coach.verpleegkunde "
            "(caseload), examencommissie.pabo (plans to establish).\n"
            "Portfolios and assessments: student.jesse (an integral assessment of AD-3 and AD-4, "
            "achieved, with feedback; AD-5 not yet), assessor2.verpleegkunde (blind scoring in "
            "progress: student.rachid's VP-7, whose first assessor has submitted; and a third "
            "assessor's scoring for student.marloes), toetscoordinator.verpleegkunde (the queue, "
            "with student.mehmet waiting for assessors, and the calibration report "
            "'Kalibratie VP-1 najaar 2026'), student.rachid (evidence confirmed by the workplace "
            "supervisor), examencommissie.pabo (an assessment drawn for review).\n"
            f"Open workplace-confirmation link for student.jesse's data model: {invitation}\n"
            "Exam committee: examencommissie.verpleegkunde (the validation desk's queue, "
            "/examencommissie/loket/; the public desk is /loket/99PC/: aspirant.femke's request "
            "just received, its decision term counting down; student.wendy's, waiting for the "
            "information the committee asked; an answered question), aspirant.femke (a "
            "prospective student: VP-1 and VP-2 exempted, made known on 13 November 2026, the "
            "appeal deadline moved past Christmas to 28 December 2026; the letter as PDF), "
            "examencommissie.pabo (an open question; student.jeroen: one unit granted of two; "
            "student.lotte: a refusal corrected by a new decision), examencommissie.ad (the "
            "diploma queue with student.sophie; the BSA list: student.sophie above the norm, her "
            "positive advice made known, student.jesse below it, student.milan below it with "
            "personal circumstances; a draft in English for student.priya whose reasons are still "
            "missing), student.youssef (the diploma made known, with its supplement).\n"
        )
