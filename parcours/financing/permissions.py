"""Who may see and change tuition rates, modules, module enrolments and vouchers. Views, API
and services all ask here.

The institution's administrator enters the tuition rate of each academic year. A programme
manager (or the administrator) creates the modules of a demand-financed variant of their
programme. A student enrols for a module and asks for the voucher on their own enrolment; the
administrator may do both for them. The finances page of an enrolment is read by the student,
the administrator and the programme's managers. What a user may not see answers 404; what
they may see but not do answers 403.
"""

from __future__ import annotations

from django.http import Http404

from parcours.accounts.models import Role, User, Viewer
from parcours.curriculum.models import ProgrammeVariant
from parcours.curriculum.permissions import is_administrator, roles_of
from parcours.registrations.permissions import managed_programme_ids
from parcours.studyplans.models import Enrolment

from .models import Module, ModuleEnrolment


def can_manage_tuition(user: Viewer) -> bool:
    return is_administrator(user)


def can_manage_modules(user: Viewer, variant: ProgrammeVariant) -> bool:
    return is_administrator(user) or variant.programme_id in managed_programme_ids(user)


def can_list_modules(user: Viewer) -> bool:
    return is_administrator(user) or bool(managed_programme_ids(user))


def _is_student(user: Viewer, enrolment: Enrolment) -> bool:
    return isinstance(user, User) and enrolment.student_id == user.pk


def can_view_finances(user: Viewer, enrolment: Enrolment) -> bool:
    return (
        is_administrator(user)
        or enrolment.variant.programme_id in managed_programme_ids(user)
        or _is_student(user, enrolment)
    )


def can_enrol_for_module(user: Viewer, enrolment: Enrolment) -> bool:
    """Enrolling for a module and asking for its voucher: the student, or the administrator
    for them."""
    return is_administrator(user) or _is_student(user, enrolment)


def get_enrolment_for(user: Viewer, pk: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("student", "variant__programme__institution")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None or not can_view_finances(user, enrolment):
        raise Http404
    return enrolment


def get_module_enrolment_for(user: Viewer, pk: int) -> ModuleEnrolment:
    row = (
        ModuleEnrolment.objects.select_related(
            "enrolment__student", "enrolment__variant__programme__institution", "module"
        )
        .filter(pk=pk)
        .first()
    )
    if row is None or not can_view_finances(user, row.enrolment):
        raise Http404
    return row


def get_variant_for(user: Viewer, pk: int) -> ProgrammeVariant:
    """A variant whose modules the user manages (404 otherwise)."""
    variant = (
        ProgrammeVariant.objects.select_related("programme__institution").filter(pk=pk).first()
    )
    if variant is None or not can_manage_modules(user, variant):
        raise Http404
    return variant


def get_module_for(user: Viewer, pk: int) -> Module:
    module = Module.objects.select_related("variant__programme").filter(pk=pk).first()
    if module is None or not can_manage_modules(user, module.variant):
        raise Http404
    return module


def is_student(user: Viewer) -> bool:
    """Whether the user is a student of some programme (their roles, cached on the user: the
    menu asks on every page without a query of its own)."""
    return Role.STUDENT in roles_of(user)
