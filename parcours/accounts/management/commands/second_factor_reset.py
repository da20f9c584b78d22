from django.core.management.base import BaseCommand, CommandError

from parcours.accounts.models import User
from parcours.accounts.services import second_factor_reset
from parcours.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Remove USERNAME's authenticator and recovery codes (they lost both), with a reason for "
        "the audit log. They set up a new one at their next act that needs it."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--reason", required=True)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {options['username']!r}.") from exc
        try:
            removed = second_factor_reset(user, actor=None, reason=options["reason"])
        except DomainError as exc:
            raise CommandError(exc.message_en) from exc
        self.stdout.write(f"Removed {removed} second-factor devices of {user.username}.")
