"""Who sits on which exam committee: the programmes a user decides for and their members."""

from __future__ import annotations

from parcours.accounts.models import Role, User, Viewer
from parcours.curriculum.models import Programme
from parcours.curriculum.permissions import current_role, roles_by_programme


def committee_programme_ids(user: Viewer) -> list[int]:
    return [
        pid
        for pid, roles in roles_by_programme(user).items()
        if pid is not None and Role.EXAM_COMMITTEE in roles
    ]


def committee_members(programme: Programme) -> list[str]:
    return [
        str(u)
        for u in User.objects.filter(
            current_role("role_assignments__"),
            role_assignments__role=Role.EXAM_COMMITTEE,
            role_assignments__programme=programme,
        ).order_by("last_name", "first_name")
    ]
