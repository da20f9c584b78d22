"""Menu items of the coach's and the exam committee's pages (registered in apps.py)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.core.navigation import NavItem, register
from parcours.curriculum.permissions import is_administrator, roles_of


@register
def guidance_items(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    roles = roles_of(user)  # cached on the user: no query per page
    admin = is_administrator(user)
    items = []
    if Role.COACH in roles:
        items.append(NavItem(_("Caseload"), reverse("guidance:caseload"), 30))
    if Role.EXAM_COMMITTEE in roles or admin:
        items.append(NavItem(_("Plans to establish"), reverse("guidance:committee_queue"), 31))
    if roles & {Role.COACH, Role.PROGRAMME_MANAGER} or admin:
        items.append(NavItem(_("Learning teams"), reverse("guidance:team_list"), 32))
    return items
