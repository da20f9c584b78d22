"""Workplace confirmation: the student invites their workplace supervisor, who confirms (or
declines) that an item is the student's own work through a single-use link that expires, without
an account.

Only the SHA-256 of the link's token is stored; the token exists only in the e-mail. The
invitation goes through the e-mail outbox (`parcours.notifications`), written in the invite's
transaction: its row holds the kind, the address, the language, the confirmation's id and the
site's address, never the token or the link. The token is issued by the renderer
(`confirmation_render`) when the outbox sends the e-mail; a send that fails undoes that issue, and
the retry issues a new one."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.notifications import services as notifications
from parcours.notifications.models import Kind
from parcours.notifications.registry import Rendered, Target

from .. import permissions
from ..models import EvidenceItem, WorkplaceConfirmation


class LinkUnusable(DomainError):
    """The supervisor's link was used already or has expired."""

    code = "link_unusable"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_open(confirmation: WorkplaceConfirmation) -> None:
    if confirmation.answer:
        raise LinkUnusable(
            "Deze link is al gebruikt; het antwoord is vastgelegd.",
            "This link has been used; the answer is on record.",
        )
    if confirmation.expires_at <= timezone.now():
        raise LinkUnusable(
            "Deze link is verlopen. Vraag de student om een nieuwe uitnodiging.",
            "This link has expired. Ask the student for a new invitation.",
        )


def confirmation_invite(
    item: EvidenceItem,
    *,
    actor: User,
    supervisor_email: str,
    supervisor_name: str,
    site_url: str,
) -> WorkplaceConfirmation:
    """Invite the workplace supervisor by e-mail; the link opens this item only, once, until it
    expires. `site_url` is the scheme and host the link starts with (`https://parcours.example/`).

    The invitation is stored with the hash of a token nobody holds, so no link works yet; its
    e-mail waits in the outbox, which issues the real token when it sends it (so a mail server
    that is down delays the e-mail, never the invitation)."""
    require(permissions.can_invite_supervisor(actor, item))
    if not supervisor_name.strip():
        raise DomainError(
            "Geef de naam van je praktijkbegeleider.",
            "Give your workplace supervisor's name.",
            field="supervisor_name",
        )
    with transaction.atomic():
        confirmation = WorkplaceConfirmation.objects.create(
            item=item,
            version=item.versions.order_by("-number").first(),
            supervisor_email=supervisor_email,
            supervisor_name=supervisor_name.strip(),
            token_hash=_token_hash(secrets.token_urlsafe(32)),  # discarded: a placeholder
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=settings.WORKPLACE_LINK_DAYS),
        )
        audit_record(actor, "evidence.confirmation_invite", item, email=supervisor_email)
        notifications.email_queue(
            Kind.WORKPLACE_LINK,
            confirmation.pk,
            recipient=supervisor_email,
            language=(get_language() or "nl")[:2],
            site=site_url,
        )
    return confirmation


@transaction.atomic
def confirmation_token_issue(confirmation: WorkplaceConfirmation) -> str:
    """A fresh token for an open invitation; its hash replaces the stored one, so any earlier
    link stops working. Returns the token, which is kept nowhere: put it in the e-mail. Raises
    LinkUnusable when the invitation was answered or has expired."""
    locked = WorkplaceConfirmation.objects.select_for_update().get(pk=confirmation.pk)
    _require_open(locked)
    token = secrets.token_urlsafe(32)
    locked.token_hash = _token_hash(token)
    locked.save(update_fields=["token_hash"])
    confirmation.token_hash = locked.token_hash
    return token


def confirmation_render(target: Target) -> Rendered | None:
    """The invitation's e-mail with a freshly issued link (the outbox's renderer for
    `workplace_link`, called when it sends); None when the invitation was answered, has expired
    or is gone: nothing is sent.

    The token's hash is written in the sender's transaction, which commits once the e-mail is
    sent, so the link works when it arrives. A send that fails rolls the issue back; the retry
    issues another token, so a link that never left never works. It never makes an answered or
    expired invitation usable again."""
    confirmation = (
        WorkplaceConfirmation.objects.select_related("item__enrolment__student")
        .filter(pk=target.object_id)
        .first()
    )
    if confirmation is None:
        return None
    try:
        token = confirmation_token_issue(confirmation)
    except LinkUnusable:
        return None
    url = target.site_url.rstrip("/") + reverse("portfolio:workplace_open", args=[token])
    item = confirmation.item
    student = item.enrolment.student
    return Rendered(
        subject=f"Bevestiging gevraagd / Confirmation requested: {item.title}",
        body=(
            f"Beste {confirmation.supervisor_name},\n\n{student} vraagt je te "
            f"bevestigen dat '{item.title}' eigen werk is. Open de link (eenmalig, "
            f"geldig tot {timezone.localtime(confirmation.expires_at):%d-%m-%Y}):\n"
            f"{url}\n\n---\n\nDear {confirmation.supervisor_name},\n\n{student} asks "
            f"you to confirm that '{item.title}' is their own work. Open the link "
            f"(single use, valid until "
            f"{timezone.localtime(confirmation.expires_at):%Y-%m-%d}):\n{url}\n"
        ),
    )


def confirmation_by_token(token: str) -> WorkplaceConfirmation | None:
    """The open invitation this token belongs to; raises LinkUnusable when it was answered or
    has expired, None when the token is unknown."""
    confirmation = (
        WorkplaceConfirmation.objects.select_related("item__enrolment__student", "version")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if confirmation is None:
        return None
    _require_open(confirmation)
    return confirmation


def confirmation_answer(
    token: str, *, answer: str, name: str, role: str, organisation: str, comment: str = ""
) -> WorkplaceConfirmation:
    """The supervisor's answer through the link (no account). The row is locked so that two
    answers at once cannot both land: the link works once."""
    if answer not in WorkplaceConfirmation.Answer.values:
        raise DomainError(
            "Kies bevestigen of afwijzen.", "Choose confirm or decline.", field="answer"
        )
    for field, value in (("name", name), ("role", role), ("organisation", organisation)):
        if not value.strip():
            raise DomainError(
                "Vul je naam, functie en organisatie in.",
                "Fill in your name, role and organisation.",
                field=field,
            )
    with transaction.atomic():
        found = confirmation_by_token(token)
        if found is None:
            raise DomainError("Deze link bestaat niet.", "This link does not exist.")
        confirmation = WorkplaceConfirmation.objects.select_for_update().get(pk=found.pk)
        if confirmation.answer:
            raise LinkUnusable(
                "Deze link is al gebruikt; het antwoord is vastgelegd.",
                "This link has been used; the answer is on record.",
            )
        confirmation.answer = answer
        confirmation.answered_at = timezone.now()
        confirmation.answered_name = name.strip()
        confirmation.answered_role = role.strip()
        confirmation.answered_organisation = organisation.strip()
        confirmation.comment = comment
        confirmation.save()
        audit_record(
            None,
            f"evidence.confirmation_{answer}",
            confirmation.item,
            confirmation=confirmation.pk,
            name=confirmation.answered_name,
            role=confirmation.answered_role,
            organisation=confirmation.answered_organisation,
        )
    return confirmation
