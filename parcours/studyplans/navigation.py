"""Menu items of the study-plan pages (registered in apps.py): the student's own pages, the
coach's caseload, the exam committee's queue and learning teams."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.core.navigation import NavItem, register
from parcours.curriculum.permissions import is_administrator, roles_by_programme, roles_of


@register
def studyplan_items(request: HttpRequest) -> list[NavItem]:
    """The student's own pages for anyone enrolled (enrolling assigns the student role); the
    roles are cached on the user, so this costs no query of its own."""
    roles = roles_by_programme(request.user)
    if any(Role.STUDENT in r for r in roles.values()):
        return [NavItem(_("My studies"), reverse("studyplans:home"), 2)]
    return []


@register
def guidance_items(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    roles = roles_of(user)  # cached on the user: no query per page
    admin = is_administrator(user)
    items = []
    if Role.COACH in roles:
        items.append(NavItem(_("Caseload"), reverse("studyplans:caseload"), 30))
    if Role.EXAM_COMMITTEE in roles or admin:
        items.append(NavItem(_("Plans to establish"), reverse("studyplans:committee_queue"), 31))
    if roles & {Role.COACH, Role.PROGRAMME_MANAGER} or admin:
        items.append(NavItem(_("Learning teams"), reverse("studyplans:team_list"), 32))
    return items
