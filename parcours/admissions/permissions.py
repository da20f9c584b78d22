"""Who may apply, and who sees and decides applications.

Any signed-in account applies for itself; an applicant sees their own applications. The
programme manager of the application's programme and the administrator see and decide them.
Others get 404 for an application (ids leak nothing) and 403 on the staff pages."""

from __future__ import annotations

from django.http import Http404

from parcours.accounts.models import Role, Viewer
from parcours.core.errors import require
from parcours.curriculum.permissions import has_role, is_administrator, roles_by_programme

from .models import Application, ApplicationDocument

DECIDERS = frozenset({Role.PROGRAMME_MANAGER})


def can_apply(user: Viewer) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_use_admission_pages(user: Viewer) -> bool:
    """The staff list: an administrator, or a programme manager of some programme."""
    if not user.is_authenticated:
        return False
    return is_administrator(user) or any(
        DECIDERS & roles for pk, roles in roles_by_programme(user).items() if pk is not None
    )


def can_decide_admission(user: Viewer, programme_id: int) -> bool:
    if not user.is_authenticated:
        return False
    return is_administrator(user) or has_role(user, programme_id, DECIDERS)


def can_view_application(user: Viewer, application: Application) -> bool:
    if not user.is_authenticated:
        return False
    return application.applicant_id == user.pk or can_decide_admission(
        user, application.variant.programme_id
    )


def _application(pk: int) -> Application | None:
    return (
        Application.objects.select_related(
            "applicant",
            "variant__programme__institution",
            "start_moment",
            "decision",
            "enrolment",
        )
        .filter(pk=pk)
        .first()
    )


def get_application_for(user: Viewer, pk: int) -> Application:
    application = _application(pk)
    if application is None or not can_view_application(user, application):
        raise Http404
    return application


def get_application_to_decide(user: Viewer, pk: int) -> Application:
    """An application the user may decide (404 for one they may not even see; the applicant
    sees their own but may not decide it: 403)."""
    application = get_application_for(user, pk)
    require(can_decide_admission(user, application.variant.programme_id))
    return application


def get_document_for(user: Viewer, pk: int) -> ApplicationDocument:
    document = (
        ApplicationDocument.objects.select_related("application__variant").filter(pk=pk).first()
    )
    if document is None or not can_view_application(user, document.application):
        raise Http404
    return document
