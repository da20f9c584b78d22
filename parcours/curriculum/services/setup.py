"""The first run: an empty installation gets its institution and first administrator, from
`manage.py setup_institution` or from the first-run page. The page answers only on loopback or
to a one-time setup token the command prints; only the token's SHA-256 is kept."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts import services as accounts_services
from parcours.accounts.models import Role, User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError

from ..models import Institution, SetupToken
from .programmes import institution_create, role_assign

SETUP_TOKEN_HOURS = 24
BRIN_CODE = re.compile(r"[0-9]{2}[A-Z0-9]{2}")


class AlreadySetUp(DomainError):
    """The installation has an institution: the first run is over."""

    status = 409
    code = "already_set_up"

    def __init__(self) -> None:
        super().__init__(
            "Deze installatie heeft al een instelling; de eerste start is voorbij.",
            "This installation has an institution already; the first run is over.",
        )


class SetupTokenRefused(DomainError):
    """The first-run page from elsewhere than loopback without a good token."""

    status = 403
    code = "setup_token_refused"

    def __init__(self) -> None:
        super().__init__(
            "Deze installatietoken is onbekend, al gebruikt of verlopen.",
            "This setup token is unknown, used or expired.",
            field="token",
        )


def _refuse_when_set_up() -> None:
    if Institution.objects.exists():
        raise AlreadySetUp


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def setup_token_issue() -> tuple[str, SetupToken]:
    """A new one-time token for the first-run page (the command prints it; it is not stored)."""
    _refuse_when_set_up()
    token = secrets.token_urlsafe(32)
    record = SetupToken.objects.create(
        token_hash=_hash(token), expires_at=timezone.now() + timedelta(hours=SETUP_TOKEN_HOURS)
    )
    audit_record(None, "setup.token_issue", record, expires_at=record.expires_at.isoformat())
    return token, record


def setup_token_find(token: str) -> SetupToken | None:
    """The unused, unexpired token with this text, locked for the transaction that uses it."""
    if not token:
        return None
    return (
        SetupToken.objects.select_for_update()
        .filter(token_hash=_hash(token.strip()), used_at__isnull=True)
        .filter(expires_at__gt=timezone.now())
        .first()
    )


@dataclass(frozen=True)
class FirstAdministrator:
    username: str
    password: str
    email: str
    first_name: str = ""
    last_name: str = ""
    preferred_language: str = "nl"


@transaction.atomic
def institution_setup(
    *, name: str, brin_code: str, admin: FirstAdministrator, token: str | None, via: str
) -> tuple[Institution, User]:
    """Create the institution and its first administrator on an empty installation: refused
    (nothing written) once an institution exists, and when the password fails the policy
    (accounts.passwords and Django's validators: the institution's own name and BRIN code
    count among the refused words, as for every account). `token`: the one-time token the
    first-run page was given from elsewhere than loopback (None: no token asked, from the
    command or loopback); a wrong one is refused before anything else."""
    record = None
    if token is not None:
        record = setup_token_find(token)
        if record is None:
            raise SetupTokenRefused
    _refuse_when_set_up()
    brin_code = brin_code.strip().upper()
    if not BRIN_CODE.fullmatch(brin_code):
        raise DomainError(
            "Een BRIN-code bestaat uit twee cijfers en twee letters of cijfers (bijv. 21PB).",
            "A BRIN code is two digits and two letters or digits (e.g. 21PB).",
            field="brin_code",
        )
    if User.objects.filter(username__iexact=admin.username.strip()).exists():
        raise ValidationError({"username": _("This username exists already.")})
    candidate = User(
        username=admin.username.strip(),
        email=admin.email.strip(),
        first_name=admin.first_name.strip(),
        last_name=admin.last_name.strip(),
    )
    # The institution first: its name and BRIN code are words the password may not contain.
    institution = institution_create(actor=None, name=name.strip(), brin_code=brin_code)
    # Its audit entry holds the chain lock until commit, so a second first run racing this one
    # sees this institution here (or this one sees the other's) and is refused.
    if Institution.objects.exclude(pk=institution.pk).exists():
        raise AlreadySetUp
    try:
        password_validation.validate_password(admin.password, candidate)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user = accounts_services.user_create(
        actor=None,
        username=candidate.username,
        password=admin.password,
        first_name=candidate.first_name,
        last_name=candidate.last_name,
        email=candidate.email,
        preferred_language=admin.preferred_language,
    )
    role_assign(user, actor=None, role=Role.ADMINISTRATOR)
    # This token and every other left over are spent: the first run is over.
    SetupToken.objects.filter(used_at__isnull=True).update(used_at=timezone.now())
    audit_record(
        user,
        "institution.setup",
        institution,
        brin_code=brin_code,
        administrator=user.username,
        via=via,
        token=record.pk if record else None,
    )
    return institution, user
