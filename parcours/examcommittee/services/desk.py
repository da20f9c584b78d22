"""The validation desk's writes: a question or an exemption request received, reviewed, more
information asked and given, a question answered. One atomic function per action that checks
permission, writes the rows and an audit record."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.curriculum.models import Institution, Programme
from parcours.notifications import services as notifications
from parcours.notifications.models import Kind
from parcours.portfolio.models import EvidenceItem
from parcours.portfolio.services import (
    Accepted,
    DocumentUpload,
    document_store,
    files_atomic,
    upload_accept,
)
from parcours.portfolio.uploads import UploadTooLarge
from parcours.rules.decisions import (
    decision_term_end,
)

from .. import permissions, selectors
from ..models import (
    DeskDocument,
    DeskMessage,
    DeskRequest,
)

Status = DeskRequest.Status


Upload = DocumentUpload


MB = 1024 * 1024


def _accept_documents(uploads: Iterable[Upload]) -> list[tuple[Upload, Accepted]]:
    """Check (and scan) every document by content first, before the transaction."""
    uploads = list(uploads)
    if any(u.kind not in DeskDocument.Kind.values for u in uploads):
        raise DomainError(
            "Kies het soort document.", "Choose the kind of document.", field="documents"
        )
    return [(u, upload_accept(u.name, u.stream, u.size)) for u in uploads]


def _check_desk_quota(
    request: DeskRequest, accepted: list[tuple[Upload, Accepted]], *, person: User | None
) -> None:
    """Documents are limited per request (DESK_DOCUMENTS_REQUEST_MB, all of its documents
    together) and per person (DESK_DOCUMENTS_PERSON_MB, over all their requests)."""
    adding = sum(a.file.size for _u, a in accepted)
    if not adding:
        return
    per_request = int(settings.DESK_DOCUMENTS_REQUEST_MB)
    used = selectors.desk_document_bytes(request=request)
    if used + adding > per_request * MB:
        free = max(0, per_request * MB - used) // MB
        raise UploadTooLarge(
            f"De documenten bij één verzoek zijn samen hoogstens {per_request} MB; er is nog "
            f"{free} MB vrij. Stuur kleinere bestanden.",
            f"The documents of one request are at most {per_request} MB together; {free} MB "
            "is left. Send smaller files.",
        )
    per_person = int(settings.DESK_DOCUMENTS_PERSON_MB)
    used = selectors.desk_document_bytes(person=person, email=request.contact_email)
    if used + adding > per_person * MB:
        free = max(0, per_person * MB - used) // MB
        raise UploadTooLarge(
            f"Je hebt bij het loket al bijna {per_person} MB aan documenten gestuurd (nog "
            f"{free} MB vrij). Neem contact op met de examencommissie als je meer moet sturen.",
            f"You have sent nearly {per_person} MB of documents to the desk ({free} MB left). "
            "Contact the exam committee if you need to send more.",
        )


def _store_documents(
    request: DeskRequest, accepted: list[tuple[Upload, Accepted]], *, person: User | None
) -> None:
    """Store the accepted documents (inside `files_atomic()`, so a failing transaction leaves
    no file behind), within the quotas."""
    _check_desk_quota(request, accepted, person=person)
    for upload, found in accepted:
        DeskDocument.objects.create(request=request, **document_store(upload, found, folder="desk"))


def desk_request_create(
    institution: Institution,
    *,
    actor: User | None,
    programme: Programme,
    kind: str,
    subject: str,
    message: str,
    contact_name: str = "",
    contact_email: str = "",
    unit_ids: Iterable[int] = (),
    item_ids: Iterable[int] = (),
    documents: Iterable[Upload] = (),
    on: date,
) -> DeskRequest:
    """A question (anyone) or an exemption request (signed in, so the decision can reach the
    student) at the institution's validation desk, routed to the programme's exam committee."""
    if programme.institution_id != institution.pk:
        raise DomainError(
            "Kies een opleiding van deze instelling.",
            "Choose a programme of this institution.",
            field="programme",
        )
    authenticated = bool(actor and actor.is_authenticated)
    if kind == DeskRequest.Kind.EXEMPTION and not authenticated:
        raise DomainError(
            "Log in of maak een account om vrijstelling aan te vragen; zo bereikt het besluit "
            "je veilig.",
            "Sign in or create an account to request an exemption, so the decision reaches you "
            "safely.",
        )
    if kind not in DeskRequest.Kind.values:
        raise DomainError("Kies vraag of vrijstelling.", "Choose question or exemption.")
    if authenticated:
        contact_name = contact_name or str(actor)
        contact_email = contact_email or (actor.email if actor else "")
    for field, value in (
        ("contact_name", contact_name),
        ("contact_email", contact_email),
        ("subject", subject),
        ("message", message),
    ):
        if not value.strip():
            raise DomainError(
                "Vul je naam, e-mailadres, onderwerp en vraag in.",
                "Fill in your name, e-mail address, subject and question.",
                field=field,
            )
    unit_ids = list(dict.fromkeys(unit_ids))
    units = list(selectors.units_for_exemption(programme).filter(pk__in=unit_ids))
    if len(units) != len(unit_ids):
        raise DomainError(
            "Een gekozen eenheid hoort niet bij deze opleiding.",
            "A chosen unit is not part of this programme.",
            field="units",
        )
    if kind == DeskRequest.Kind.EXEMPTION and not units:
        raise DomainError(
            "Kies de eenheden waarvoor je vrijstelling vraagt.",
            "Choose the units you request exemption for.",
            field="units",
        )
    items = list(EvidenceItem.objects.filter(pk__in=list(item_ids), enrolment__student=actor))
    documents = list(documents)
    if kind == DeskRequest.Kind.EXEMPTION and not documents and not items:
        raise DomainError(
            "Voeg bewijs toe: een EVC-certificaat, een diploma, cijferlijsten of portfoliostukken.",
            "Add evidence: an RPL certificate, a diploma, course results or portfolio items.",
            field="documents",
        )
    accepted = _accept_documents(documents)
    token = "" if authenticated else secrets.token_urlsafe(32)
    language = (actor.preferred_language if authenticated and actor else get_language()) or "nl"
    with files_atomic():
        request = DeskRequest.objects.create(
            language=language[:2],
            answer_token_hash=hashlib.sha256(token.encode()).hexdigest() if token else "",
            institution=institution,
            programme=programme,
            kind=kind,
            requester=actor if authenticated else None,
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip(),
            subject=subject.strip(),
            message=message.strip(),
            received_on=on,
            term_end=decision_term_end(on),
        )
        request.units.set(units)
        request.portfolio_items.set(items)
        _store_documents(request, accepted, person=actor if authenticated else None)
        audit_record(
            actor if authenticated else None,
            "desk.receive",
            request,
            kind=kind,
            units=[u.code for u in units],
            documents=len(documents),
        )
    request.answer_token = token  # shown once to an anonymous asker; only its hash is kept
    return request


def _tell_requester(request: DeskRequest, kind: str) -> None:
    """The requester hears of it: in the inbox (and by e-mail as they chose) with an account,
    else by e-mail to the address they gave, in the language they asked in."""
    if request.requester_id:
        notifications.notify(kind, request.pk, users=[request.requester])
    else:
        notifications.email_queue(
            kind, request.pk, recipient=request.contact_email, language=request.language
        )


@transaction.atomic
def desk_request_review(request: DeskRequest, *, actor: User) -> DeskRequest:
    require(permissions.can_handle_desk_request(actor, request))
    if request.status != Status.RECEIVED:
        raise DomainError("Dit verzoek is al in behandeling.", "This request is already in review.")
    request.status = Status.IN_REVIEW
    request.save(update_fields=["status"])
    audit_record(actor, "desk.review", request)
    return request


@transaction.atomic
def desk_information_ask(request: DeskRequest, *, actor: User, text: str) -> DeskMessage:
    require(permissions.can_handle_desk_request(actor, request))
    if request.status == Status.DECIDED:
        raise DomainError("Over dit verzoek is beslist.", "This request has been decided.")
    if not text.strip():
        raise DomainError("Schrijf wat je nodig hebt.", "Write what you need.", field="text")
    message = DeskMessage.objects.create(
        request=request, author=actor, from_committee=True, text=text.strip()
    )
    request.status = Status.INFO_REQUESTED
    request.save(update_fields=["status"])
    audit_record(actor, "desk.ask_information", request)
    _tell_requester(request, Kind.DESK_INFO_REQUESTED)
    return message


def desk_reply(
    request: DeskRequest, *, actor: User, text: str, documents: Iterable[Upload] = ()
) -> DeskMessage:
    """The requester answers (with more documents); the request returns to review."""
    require(permissions.can_reply_desk_request(actor, request))
    if request.status == Status.DECIDED:
        raise DomainError("Over dit verzoek is beslist.", "This request has been decided.")
    if not text.strip():
        raise DomainError("Schrijf je antwoord.", "Write your answer.", field="text")
    accepted = _accept_documents(documents)
    with files_atomic():
        message = DeskMessage.objects.create(request=request, author=actor, text=text.strip())
        _store_documents(request, accepted, person=request.requester)
        if request.status == Status.INFO_REQUESTED:
            request.status = Status.IN_REVIEW
            request.save(update_fields=["status"])
        audit_record(actor, "desk.reply", request)
    return message


@transaction.atomic
def desk_question_answer(request: DeskRequest, *, actor: User, answer: str) -> DeskRequest:
    require(permissions.can_handle_desk_request(actor, request))
    if request.kind != DeskRequest.Kind.QUESTION:
        raise DomainError(
            "Op een vrijstellingsverzoek volgt een besluit.",
            "An exemption request is answered by a decision.",
        )
    if not answer.strip():
        raise DomainError("Schrijf het antwoord.", "Write the answer.", field="answer")
    request.answer = answer.strip()
    request.status = Status.DECIDED
    request.decided_at = timezone.now()
    request.save(update_fields=["answer", "status", "decided_at"])
    audit_record(actor, "desk.answer", request)
    _tell_requester(request, Kind.DESK_ANSWERED)
    return request
