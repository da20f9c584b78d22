"""A role ended on a date stops counting that day everywhere, also before `manage.py end_roles`
has removed it: in permissions and in every list of staff by role."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from parcours.accounts.models import Role
from parcours.assessments.selectors.calibration import programme_assessors
from parcours.curriculum import services
from parcours.curriculum.models import RoleAssignment
from parcours.curriculum.permissions import roles_of
from parcours.curriculum.selectors import programmes_for
from parcours.examcommittee.selectors.committee import committee_members
from parcours.examcommittee.selectors.desk import public_programmes_with_committee
from parcours.studyplans.selectors.lists import teachers_of
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)


@pytest.fixture
def staff():
    """Per role one person whose role ends tomorrow and one who stays, on one programme."""
    programme = factories.programme()
    admin = factories.user_with_role(Role.ADMINISTRATOR, username="beheer")
    people = {}
    for role in (Role.ASSESSOR, Role.EXAM_COMMITTEE, Role.COACH):
        leaving = factories.user_with_role(role, programme, username=f"{role}-weg")
        factories.user_with_role(role, programme, username=f"{role}-blijft")
        with time_machine.travel(TODAY, tick=False):
            services.role_end(
                RoleAssignment.objects.get(user=leaving),
                actor=admin,
                on=TODAY + timedelta(days=1),
            )
        people[role] = leaving
    return programme, people


def _usernames(users) -> list[str]:
    return sorted(u.username for u in users)


def test_until_the_end_day_the_ended_role_still_counts(staff):
    programme, people = staff
    with time_machine.travel(TODAY, tick=False):
        assert _usernames(programme_assessors(programme)) == ["assessor-blijft", "assessor-weg"]
        assert len(committee_members(programme)) == 2
        assert _usernames(teachers_of(programme)) == ["coach-blijft", "coach-weg"]
        assert roles_of(people[Role.COACH]) == {Role.COACH}


def test_from_the_end_day_on_the_role_counts_nowhere_though_its_row_remains(staff):
    programme, people = staff
    with time_machine.travel(TODAY + timedelta(days=1), tick=False):
        assert RoleAssignment.objects.filter(user__in=people.values()).count() == 3
        assert _usernames(programme_assessors(programme)) == ["assessor-blijft"]
        assert len(committee_members(programme)) == 1
        assert _usernames(teachers_of(programme)) == ["coach-blijft"]
        assert roles_of(people[Role.COACH]) == set()
        assert list(programmes_for(people[Role.COACH])) == []
        assert list(public_programmes_with_committee()) == [programme]


def test_a_programme_whose_only_committee_member_left_takes_no_desk_requests(staff):
    programme, _ = staff
    RoleAssignment.objects.filter(
        programme=programme, role=Role.EXAM_COMMITTEE, ends_on__isnull=True
    ).delete()
    with time_machine.travel(TODAY, tick=False):
        assert list(public_programmes_with_committee()) == [programme]
    with time_machine.travel(TODAY + timedelta(days=1), tick=False):
        assert list(public_programmes_with_committee()) == []
