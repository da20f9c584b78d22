"""The first run of an empty installation. Either create the institution and its first
administrator here (the password is read from standard input, never from the command line,
where other users of the machine could see it), or, with --token, print a one-time token for
the first-run page (/installatie/) on a server reached from elsewhere than loopback. Both are
refused once an institution exists."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from parcours.core.errors import DomainError
from parcours.curriculum import services


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = (
        "Eerste start: maak de instelling en de eerste beheerder / First run: create the "
        "institution and its first administrator (or --token: a one-time token for the "
        "first-run page)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--token", action="store_true", help="print a first-run page token")
        parser.add_argument("--brin", help="the institution's BRIN code (e.g. 21PB)")
        parser.add_argument("--name", help="the institution's name")
        parser.add_argument("--username", help="the first administrator's username")
        parser.add_argument("--email", default="", help="the administrator's e-mail address")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--language", default="nl", choices=["nl", "en"])

    def _password(self, options: dict[str, Any]) -> str:
        stdin = options.get("stdin") or sys.stdin
        if stdin.isatty():
            first = getpass.getpass("Wachtwoord / Password: ")
            if first != getpass.getpass("Nogmaals / Again: "):
                raise CommandError("De wachtwoorden verschillen / The passwords differ.")
            return first
        return str(stdin.readline().rstrip("\n"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["token"]:
                token, record = services.setup_token_issue()
                self.stdout.write(
                    f"Eenmalige token / one-time token (until {record.expires_at:%Y-%m-%d %H:%M} "
                    f"UTC): {token}\nOpen {reverse('curriculum:setup')} and paste it there."
                )
                return
            missing = [n for n in ("brin", "name", "username") if not options[n]]
            if missing:
                raise CommandError(
                    "Geef --brin, --name en --username, of --token / Give --brin, --name and "
                    f"--username, or --token (missing: {', '.join(missing)})."
                )
            admin = services.FirstAdministrator(
                username=options["username"],
                password=self._password(options),
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                preferred_language=options["language"],
            )
            institution, user = services.institution_setup(
                name=options["name"],
                brin_code=options["brin"],
                admin=admin,
                token=None,
                via="command",
            )
        except DomainError as error:
            raise CommandError(f"{error.message_nl}\n{error.message_en}") from error
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(
            f"{institution} ({institution.brin_code}) aangemaakt / created; "
            f"beheerder / administrator: {user.username}"
        )
