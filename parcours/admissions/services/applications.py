"""An application for admission: a signed-in account applies for itself, for an outcome-based
variant from one of its institution's coming start moments, with its wish for an own route or
flexibility (recorded, never a ground for refusal) and its prior-education documents, checked by
content and stored like evidence. Nothing is written on a refusal, no file is left behind."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, raise_if_refused, require
from parcours.curriculum.models import ProgrammeVariant, StartMoment
from parcours.portfolio.services import (
    Accepted,
    DocumentUpload,
    document_store,
    files_atomic,
    upload_accept,
)
from parcours.portfolio.uploads import UploadTooLarge
from parcours.rules.facts import StartFacts
from parcours.rules.study_plans import enrolment_start_moment

from .. import permissions, selectors
from ..models import Application, ApplicationDocument

MB = 1024 * 1024
MAX_DOCUMENTS = 5


Upload = DocumentUpload


def _accept(uploads: list[Upload]) -> list[tuple[Upload, Accepted]]:
    """Check (and scan) every document by content, before the transaction."""
    if not uploads:
        raise DomainError(
            "Voeg je diploma of cijferlijst van je vooropleiding toe.",
            "Add the diploma or transcript of your prior education.",
            field="documents",
        )
    if len(uploads) > MAX_DOCUMENTS:
        raise DomainError(
            f"Stuur hoogstens {MAX_DOCUMENTS} documenten.",
            f"Send at most {MAX_DOCUMENTS} documents.",
            field="documents",
        )
    if any(u.kind not in ApplicationDocument.Kind.values for u in uploads):
        raise DomainError(
            "Kies het soort document.", "Choose the kind of document.", field="documents"
        )
    accepted = [(u, upload_accept(u.name, u.stream, u.size)) for u in uploads]
    limit = int(settings.DESK_DOCUMENTS_REQUEST_MB)
    if sum(a.file.size for _u, a in accepted) > limit * MB:
        raise UploadTooLarge(
            f"De documenten bij één aanmelding zijn samen hoogstens {limit} MB.",
            f"The documents of one application are at most {limit} MB together.",
        )
    return accepted


def _start_moment(variant: ProgrammeVariant, start_moment_id: int, *, on: date) -> StartMoment:
    moments = {m.pk: m for m in selectors.start_moments_for(variant, on=on)}
    if not moments:
        raise DomainError(
            "De instelling heeft voor deze opleiding nog geen startmomenten vastgesteld.",
            "The institution has not set any start moments for this programme yet.",
            field="start_moment",
        )
    moment = moments.get(start_moment_id)
    if moment is None:
        raise DomainError(
            "Kies een van de komende startmomenten.",
            "Choose one of the coming start moments.",
            field="start_moment",
        )
    facts = StartFacts(start_date=moment.starts_on, start_moments=variant.start_moments)
    raise_if_refused([enrolment_start_moment(facts, on=on)])
    return moment


def application_submit(
    variant: ProgrammeVariant,
    *,
    actor: User,
    start_moment_id: int,
    own_route_wish: bool = False,
    flexibility_wish: bool = False,
    wish: str = "",
    documents: Iterable[Upload] = (),
    on: date,
) -> Application:
    """Apply for admission to `variant` from a start moment, with documents; refused with the
    reason (and nothing stored) for a variant not open, a start moment not offered, an open
    application for the same variant, or a document that fails its checks."""
    require(permissions.can_apply(actor))
    if not selectors.open_variants().filter(pk=variant.pk).exists():
        raise DomainError(
            "Voor deze variant kun je je niet aanmelden.",
            "This variant is not open for application.",
            field="variant",
        )
    moment = _start_moment(variant, start_moment_id, on=on)
    if Application.objects.filter(
        applicant=actor, variant=variant, status=Application.Status.SUBMITTED
    ).exists():
        raise DomainError(
            "Je hebt je al aangemeld voor deze opleiding; wacht het besluit af.",
            "You have already applied for this programme; the decision follows.",
            field="variant",
        )
    accepted = _accept(list(documents))
    with files_atomic():
        application = Application.objects.create(
            applicant=actor,
            variant=variant,
            start_moment=moment,
            own_route_wish=own_route_wish,
            flexibility_wish=flexibility_wish,
            wish=wish.strip(),
            language=(actor.preferred_language or "nl")[:2],
        )
        for upload, found in accepted:
            ApplicationDocument.objects.create(
                application=application, **document_store(upload, found, folder="admission")
            )
        audit_record(
            actor,
            "application.submit",
            application,
            variant=variant.pk,
            start=moment.starts_on.isoformat(),
            own_route_wish=own_route_wish,
            flexibility_wish=flexibility_wish,
            documents=len(accepted),
        )
    return application
