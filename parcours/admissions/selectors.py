"""Reads for application and admission: the variants open for application and their coming
start moments, an applicant's own applications, and the staff's list scoped to the programmes
they decide for."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet

from parcours.accounts.models import Viewer
from parcours.core.paging import ListFilters, filtered
from parcours.curriculum.models import Programme, ProgrammeVariant, StartMoment
from parcours.curriculum.permissions import is_administrator, roles_by_programme

from .models import Application, ApplicationDocument
from .permissions import DECIDERS


def open_variants() -> QuerySet[ProgrammeVariant]:
    """The variants a prospective student may apply for: outcome-based ones (the only ones
    Parcours enrols in), with their programme and institution."""
    return (
        ProgrammeVariant.objects.filter(outcome_based=True)
        .select_related("programme__institution")
        .order_by("programme__name_nl", "form", "pk")
    )


def start_moments_for(variant: ProgrammeVariant, *, on: date) -> list[StartMoment]:
    """The start moments of the variant's institution from `on` on, in the academic years it
    has set up; none when it has set up none (the form says so)."""
    return list(
        StartMoment.objects.filter(
            year__institution_id=variant.programme.institution_id, starts_on__gte=on
        ).order_by("starts_on")
    )


def applications_of(user: Viewer) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant_id=user.pk)
        .select_related("variant__programme", "start_moment", "decision")
        .annotate(document_count=Count("documents"))
    )


def decided_programmes(user: Viewer) -> QuerySet[Programme]:
    """The programmes whose applications the user decides."""
    if is_administrator(user):
        return Programme.objects.all()
    ids = [pk for pk, roles in roles_by_programme(user).items() if pk and DECIDERS & roles]
    return Programme.objects.filter(pk__in=ids)


def staff_application_list(user: Viewer, filters: ListFilters) -> QuerySet[Application]:
    """The applications of the user's programmes, searchable by applicant and programme, with
    their document count annotated (no query per row)."""
    rows = Application.objects.select_related(
        "applicant", "variant__programme", "start_moment", "decision"
    ).annotate(document_count=Count("documents"))
    if not is_administrator(user):
        rows = rows.filter(variant__programme__in=decided_programmes(user))
    return filtered(
        rows,
        filters,
        search=(
            "applicant__first_name",
            "applicant__last_name",
            "applicant__email",
            "variant__programme__name_nl",
        ),
        programme="variant__programme_id",
        form="variant__form",
        status="status",
    )


def documents_of(application: Application) -> list[ApplicationDocument]:
    return list(application.documents.all())


def document_bytes(user: Viewer) -> int:
    """What the applicant has uploaded so far, over all their applications."""
    sizes = ApplicationDocument.objects.filter(application__applicant_id=user.pk).values_list(
        "size", flat=True
    )
    return sum(sizes)
