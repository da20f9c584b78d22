from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core.navigation import NavItem, register

from .permissions import STAFF_ROLES, can_view_organisation, is_administrator, roles_of


@register
def curriculum_items(request: HttpRequest) -> list[NavItem]:
    items = [NavItem(_("Catalogue"), reverse("curriculum:catalogue"), 10)]
    user = request.user
    if user.is_authenticated and (is_administrator(user) or roles_of(user) & STAFF_ROLES):
        items.insert(0, NavItem(_("Programmes"), reverse("curriculum:programme_list"), 5))
    if user.is_authenticated and can_view_organisation(user):
        items.append(NavItem(_("Academic years"), reverse("curriculum:academic_year_list"), 86))
        items.append(NavItem(_("Organisation"), reverse("curriculum:organisational_unit_list"), 87))
    if user.is_authenticated and is_administrator(user):
        items.append(NavItem(_("Users"), reverse("curriculum:user_list"), 89))
        items.append(NavItem(_("Roles"), reverse("curriculum:role_list"), 90))
    return items
