"""Group projects: one shared record of a project several students did together, possibly of
different programmes. A student shares one of their items as a group project and passes its
code on; another student joins with that code and gets their own item linked to the shared
record, which they map to their own units. Nobody sees another student's item or mapping."""

from __future__ import annotations

import secrets

from django.db import transaction

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.studyplans.models import Enrolment
from parcours.studyplans.permissions import is_student_of

from .. import permissions
from ..models import EvidenceItem, GroupProject

# no 0/O, 1/I/L: a code read aloud or copied from a chat comes through
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """A code as typed: case, spaces and dashes do not matter."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


@transaction.atomic
def group_project_share(item: EvidenceItem, *, actor: User) -> GroupProject:
    """Make an item the shared record of a group project (its title, description, date,
    organisation and kind), with a fresh code the student passes on to the others."""
    require(permissions.can_edit_item(actor, item))
    if item.group_project_id is not None:
        raise DomainError(
            "Dit bewijsstuk hoort al bij een groepsproject.",
            "This item already belongs to a group project.",
        )
    project = GroupProject.objects.create(
        title=item.title,
        description=item.description,
        evidence_date=item.evidence_date,
        organisation=item.organisation,
        kind=item.kind,
        code=new_code(),
        created_by=actor,
    )
    item.group_project = project
    item.save(update_fields=["group_project", "updated_at"])
    audit_record(actor, "group_project.share", project, item=item.pk)
    return project


@transaction.atomic
def group_project_join(enrolment: Enrolment, *, actor: User, code: str) -> EvidenceItem:
    """Join a group project by its code: the student's own item in this enrolment, linked to
    the shared record (title, description, date, organisation and kind taken from it), ready
    to be mapped to the student's own units. Once per enrolment and project."""
    require(is_student_of(actor, enrolment))
    project = GroupProject.objects.filter(code=normalise_code(code)).first()
    if project is None:
        raise DomainError(
            "Er is geen groepsproject met deze code.",
            "There is no group project with this code.",
            field="code",
        )
    if EvidenceItem.objects.filter(enrolment=enrolment, group_project=project).exists():
        raise DomainError(
            "Je hoort al bij dit groepsproject; koppel je eigen bewijsstuk aan je eenheden.",
            "You already belong to this group project; map your own item to your units.",
            field="code",
        )
    item = EvidenceItem.objects.create(
        enrolment=enrolment,
        title=project.title,
        description=project.description,
        evidence_date=project.evidence_date,
        organisation=project.organisation,
        kind=project.kind,
        group_project=project,
    )
    audit_record(actor, "group_project.join", project, item=item.pk, enrolment=enrolment.pk)
    return item
