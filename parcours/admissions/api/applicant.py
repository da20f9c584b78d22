"""The applicant's operations: the open variants (public), applying, one's applications."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router
from ninja.responses import Status

from parcours.accounts.api_auth import public_operation
from parcours.core.api import (
    OWN_LIST_ERRORS,
    PUBLIC_LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    NonEmptyFile,
    ObjectId,
    caller,
)
from parcours.core.web import today

from .. import permissions, selectors, services
from ..schemas import ApplicationIn, ApplicationOut, OpenVariantOut

router = Router(tags=["admissions"])


@router.get(
    "/admissions/variants",
    response={200: list[OpenVariantOut], **PUBLIC_LIST_ERRORS},
    **public_operation(),
    operation_id="open_variant_list",
    url_name="open_variant_list",
)
def open_variant_list(request: HttpRequest) -> Any:
    """The variants open for application, each with its coming start moments (an empty list:
    the institution has set none yet, so no application is possible now)."""
    on = today()
    return [
        {
            "id": v.pk,
            "programme": str(v.programme),
            "form": v.form,
            "institution": v.programme.institution.name,
            "admission_requirements_nl": v.admission_requirements_nl,
            "admission_requirements_en": v.admission_requirements_en,
            "start_moments": selectors.start_moments_for(v, on=on),
        }
        for v in selectors.open_variants()
    ]


@router.post(
    "/admissions/applications/upload",
    response={201: ApplicationOut, **WRITE_ERRORS, 413: ErrorOut},
    operation_id="application_submit",
    url_name="application_submit",
)
def application_submit(
    request: HttpRequest, payload: Form[ApplicationIn], document: File[NonEmptyFile]
) -> Any:
    """Apply for a variant from one of its start moments (multipart/form-data: the fields and
    `document`, the diploma or transcript of the prior education, its kind in
    `document_kind`). The document is checked by its content like evidence; a refused one
    (422, or 413 when too large) leaves nothing behind."""
    data = payload.model_dump()
    variant = get_object_or_404(selectors.open_variants(), pk=data.pop("variant_id"))
    upload = services.Upload(
        document.name or "",
        document,
        document.size or 0,
        data.pop("document_kind"),
        data.pop("document_issuer"),
    )
    application = services.application_submit(
        variant, actor=caller(request), documents=[upload], on=today(), **data
    )
    return Status(201, permissions.get_application_for(request.user, application.pk))


@router.get(
    "/admissions/applications/mine",
    response={200: list[ApplicationOut], **OWN_LIST_ERRORS},
    operation_id="application_mine",
    url_name="application_mine",
)
def application_mine(request: HttpRequest) -> Any:
    """The caller's own applications, newest first, with their decisions."""
    return selectors.applications_of(request.user).prefetch_related("documents")


@router.get(
    "/admissions/applications/{application_id}",
    response={200: ApplicationOut, **READ_ERRORS},
    operation_id="application_get",
    url_name="application_get",
)
def application_get(request: HttpRequest, application_id: ObjectId) -> Any:
    """An application (its applicant, or the programme's manager or the administrator)."""
    return permissions.get_application_for(request.user, application_id)
