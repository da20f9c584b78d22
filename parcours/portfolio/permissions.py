"""Who may see and change which evidence.

The student owns their items; their coach and the programme's exam committee may read them and
the coach judges them (VRAAK). Higher apps add grants (an assessor assigned to an assessment
that froze the item) through `register_item_grant`, so this app never imports them. Objects a
user may not see answer 404; objects they may see but not change answer 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404

from parcours.accounts.models import Role, Viewer
from parcours.curriculum.permissions import has_role
from parcours.studyplans.models import Enrolment
from parcours.studyplans.permissions import is_coach_of, is_student_of

from .models import EvidenceItem, EvidenceVersion

ItemGrant = Callable[[Any, EvidenceItem], bool]
ITEM_READ_GRANTS: list[ItemGrant] = []


def register_item_grant(grant: ItemGrant) -> ItemGrant:
    """A higher app's extra readers and judges of an item (see module docstring)."""
    ITEM_READ_GRANTS.append(grant)
    return grant


def _granted(user: Viewer, item: EvidenceItem) -> bool:
    return any(grant(user, item) for grant in ITEM_READ_GRANTS)


def can_view_item(user: Viewer, item: EvidenceItem) -> bool:
    return can_view_portfolio(user, item.enrolment) or bool(
        user.is_authenticated and _granted(user, item)
    )


def can_view_portfolio(user: Viewer, enrolment: Enrolment) -> bool:
    """The whole portfolio of an enrolment (every item, the coverage per unit): the student,
    their coach and the programme's exam committee. An assessor sees only the items frozen in
    an assessment they were assigned to (`can_view_item`)."""
    return bool(
        user.is_authenticated
        and (
            is_student_of(user, enrolment)
            or is_coach_of(user, enrolment)
            or has_role(user, enrolment.variant.programme_id, {Role.EXAM_COMMITTEE})
        )
    )


def can_edit_item(user: Viewer, item: EvidenceItem) -> bool:
    return is_student_of(user, item.enrolment)


can_invite_supervisor = can_edit_item


def can_judge_item(user: Viewer, item: EvidenceItem) -> bool:
    """VRAAK judgements: the student's coach, or an assessor the item was submitted to."""
    return is_coach_of(user, item.enrolment) or _granted(user, item)


def get_portfolio_for(user: Viewer, pk: int) -> Enrolment:
    """The enrolment whose portfolio the user opens: 404 unless `can_view_portfolio`."""
    enrolment = (
        Enrolment.objects.select_related("student", "coach", "variant__programme")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None or not can_view_portfolio(user, enrolment):
        raise Http404
    return enrolment


def get_item_for(user: Viewer, pk: int) -> EvidenceItem:
    item = (
        EvidenceItem.objects.select_related(
            "enrolment__student", "enrolment__coach", "enrolment__variant__programme"
        )
        .filter(pk=pk)
        .first()
    )
    if item is None or not can_view_item(user, item):
        raise Http404
    return item


def get_version_for(user: Viewer, pk: int) -> EvidenceVersion:
    version = (
        EvidenceVersion.objects.select_related(
            "item__enrolment__student", "item__enrolment__coach", "item__enrolment__variant"
        )
        .filter(pk=pk)
        .first()
    )
    if version is None or not can_view_item(user, version.item):
        raise Http404
    return version
