"""Claiming a credential: the student asks, the credential is built, signed with the
institution's current key and kept exactly as signed."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.core.audit import audit_record
from parcours.core.errors import DomainError, require
from parcours.curriculum.models import Institution

from .. import bitstring, openbadge, permissions, selectors
from ..models import Credential, StatusList
from ..selectors import Achievement
from .signing import as_text, signed


def _status_list(institution: Institution) -> tuple[StatusList, int]:
    """A free index in one of the institution's revocation lists, chosen at random among the
    unused ones (Bitstring Status List v1.0, 6.1: indexes assigned in order would let a verifier
    guess when a credential was issued and link holders); the list is locked until the claim
    commits, so two claims never share an index. A full list is followed by a new one. The
    institution's row is locked first, so that even the first claims, before any list exists,
    wait for each other."""
    Institution.objects.select_for_update().filter(pk=institution.pk).first()
    lists = StatusList.objects.select_for_update().filter(
        institution=institution, purpose=StatusList.Purpose.REVOCATION
    )
    for status_list in lists.order_by("id"):
        used = selectors.used_indexes(status_list)
        if len(used) < status_list.size:
            break
    else:
        status_list = StatusList.objects.create(
            institution=institution,
            bits=bitstring.empty(StatusList._meta.get_field("size").default),
        )
        used = set()
    while True:
        index = secrets.randbelow(status_list.size)
        if index not in used:
            return status_list, index


@transaction.atomic
def credential_claim(achievement: Achievement, *, actor: User) -> Credential:
    """The student's credential for an achieved unit, issued now; claiming again answers the
    credential already issued for the unit (one per unit). Refused when the achievement no
    longer holds (a corrected exemption), with nothing written."""
    require(permissions.can_claim_credential(actor, achievement.student.pk))
    existing = selectors.existing_credential(achievement)
    if existing is not None:
        return existing
    if not selectors.achievement_holds(achievement):
        raise DomainError(*selectors.NOT_ACHIEVED)
    institution = achievement.programme.institution
    status_list, index = _status_list(institution)
    # a second claim of the same unit at the same moment waited for the first's lock: it
    # answers the credential the first one issued
    existing = selectors.existing_credential(achievement)
    if existing is not None:
        return existing
    issued_at = timezone.now().replace(microsecond=0)
    public_id = secrets.token_urlsafe(24)
    issue = openbadge.Issue(
        public_id=public_id,
        salt=secrets.token_hex(16),
        status_list=status_list,
        status_index=index,
        issued_at=issued_at,
    )
    document = openbadge.credential_document(
        achievement, selectors.outcomes_of(achievement.unit), issue
    )
    credential = Credential.objects.create(
        student=achievement.student,
        enrolment=achievement.enrolment,
        programme=achievement.programme,
        unit=achievement.unit,
        how=achievement.how,
        result=achievement.result,
        decision=achievement.decision,
        achieved_on=achievement.on,
        public_id=public_id,
        status_list=status_list,
        status_index=index,
        issued_at=issued_at,
        document=as_text(signed(document, institution, created=issued_at)),
    )
    audit_record(
        actor,
        "credential.claim",
        credential,
        unit=achievement.unit.code,
        how=achievement.how,
        achieved_on=achievement.on,
        status_list=status_list.pk,
        status_index=index,
    )
    return credential
