"""Workplace confirmation: the student invites their workplace supervisor, who confirms (or
declines) that an item is the student's own work through a single-use link that expires, without
an account.

Only the SHA-256 of the link's token is stored; the token exists only in the e-mail. So the
token is issued by the task that sends the e-mail (`confirmation_mail`), when it runs, and
never by the request that invites: with the database tasks backend a task's arguments are kept
in the task table (`django_tasks_database_dbtaskresult`) until it is pruned, and those arguments
hold the confirmation's id and the site's address only, never the token or the link."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.core.tasks import enqueue_on_commit, send_email

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

    The invitation is stored with the hash of a token nobody holds, so no link works yet; once it
    commits, the task `confirmation_mail` issues the real token and sends it."""
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
        enqueue_on_commit(confirmation_mail, confirmation_id=confirmation.pk, site_url=site_url)
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


@task()
def confirmation_mail(*, confirmation_id: int, site_url: str) -> int:
    """Send the invitation's e-mail with a freshly issued link; returns the number of e-mails
    sent: 0 when the invitation was answered, has expired or is gone.

    The token's hash is committed before the e-mail goes out, so the link works as soon as it
    arrives. Running the task again (a retry after a failed send, or a task run twice) issues a
    new token and sends a new e-mail, and the earlier link stops working. That is safe: the
    earlier token either never left (the send failed) or is superseded by the newer e-mail to
    the same address, and the supervisor can ask the student for a new invitation, as with an
    expired link. It never makes an answered or expired invitation usable again."""
    confirmation = (
        WorkplaceConfirmation.objects.select_related("item__enrolment__student")
        .filter(pk=confirmation_id)
        .first()
    )
    if confirmation is None:
        return 0
    try:
        token = confirmation_token_issue(confirmation)
    except LinkUnusable:
        return 0
    url = site_url.rstrip("/") + reverse("portfolio:workplace_open", args=[token])
    item = confirmation.item
    student = item.enrolment.student
    return send_email.call(
        subject=f"Bevestiging gevraagd / Confirmation requested: {item.title}",
        message=(
            f"Beste {confirmation.supervisor_name},\n\n{student} vraagt je te "
            f"bevestigen dat '{item.title}' eigen werk is. Open de link (eenmalig, "
            f"geldig tot {timezone.localtime(confirmation.expires_at):%d-%m-%Y}):\n"
            f"{url}\n\n---\n\nDear {confirmation.supervisor_name},\n\n{student} asks "
            f"you to confirm that '{item.title}' is their own work. Open the link "
            f"(single use, valid until "
            f"{timezone.localtime(confirmation.expires_at):%Y-%m-%d}):\n{url}\n"
        ),
        recipient_list=[confirmation.supervisor_email],
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
