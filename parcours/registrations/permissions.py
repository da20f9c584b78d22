"""Who may see and change registrations and the census. Views, API and services all ask here.

The institution's administrator keeps the registrations and takes the census snapshot;
programme managers read the census and the registrations of their programmes; a student reads
their own registrations. What a user may not see answers 404; what they may see but not change
answers 403.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from parcours.accounts.models import Role, User, Viewer
from parcours.curriculum.permissions import is_administrator, roles_by_programme
from parcours.studyplans.models import Enrolment

from .models import Registration


def managed_programme_ids(user: Viewer) -> set[int]:
    """The programmes the user manages (programme manager), by id."""
    return {
        pk
        for pk, roles in roles_by_programme(user).items()
        if pk is not None and Role.PROGRAMME_MANAGER in roles
    }


def can_view_census(user: Viewer) -> bool:
    return is_administrator(user) or bool(managed_programme_ids(user))


def can_take_snapshot(user: Viewer) -> bool:
    return is_administrator(user)


def programme_scope(user: Viewer) -> Q:
    """The registrations a census reader sees: all for the administrator, else those of the
    programmes they manage."""
    if is_administrator(user):
        return Q()
    return Q(enrolment__variant__programme_id__in=managed_programme_ids(user))


def _is_student(user: Viewer, enrolment: Enrolment) -> bool:
    return isinstance(user, User) and enrolment.student_id == user.pk


def can_view_registrations(user: Viewer, enrolment: Enrolment) -> bool:
    return (
        is_administrator(user)
        or enrolment.variant.programme_id in managed_programme_ids(user)
        or _is_student(user, enrolment)
    )


def can_manage_registrations(user: Viewer, enrolment: Enrolment) -> bool:
    """Registering, de-enrolling and switching: the administrator."""
    return is_administrator(user)


def can_import_registrations(user: Viewer) -> bool:
    """Importing a sheet of registrations (it makes accounts and enrolments too): the
    administrator."""
    return is_administrator(user)


def get_enrolment_for(user: Viewer, pk: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("student", "variant__programme__institution")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None or not can_view_registrations(user, enrolment):
        raise Http404
    return enrolment


def get_registration_for(user: Viewer, pk: int) -> Registration:
    registration = (
        Registration.objects.select_related(
            "enrolment__student", "enrolment__variant__programme__institution"
        )
        .filter(pk=pk)
        .first()
    )
    if registration is None or not can_view_registrations(user, registration.enrolment):
        raise Http404
    return registration
