from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from parcours.accounts.models import User
from parcours.accounts.services import api_token_create
from parcours.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Print a new API token for USERNAME (use it as 'Authorization: Bearer <token>'); it "
        "expires after --days (default PARCOURS_API_TOKEN_DAYS). Users make and revoke their own "
        "on /account/tokens/."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--name", default="command line")
        parser.add_argument("--days", type=int, default=settings.PARCOURS_API_TOKEN_DAYS)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {options['username']!r}.") from exc
        try:
            token = api_token_create(user, actor=None, name=options["name"], days=options["days"])
        except DomainError as exc:
            raise CommandError(exc.message_en) from exc
        self.stdout.write(token)
