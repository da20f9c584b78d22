from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core.navigation import NavItem, register

from .permissions import can_list_modules, can_manage_tuition, is_student


@register
def financing_items(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    if is_student(user):
        items.append(NavItem(_("Finances"), reverse("financing:finances_page"), 86))
    if can_manage_tuition(user):
        items.append(NavItem(_("Tuition"), reverse("financing:tuition_list"), 87))
    if can_list_modules(user):
        items.append(NavItem(_("Modules"), reverse("financing:module_list"), 88))
    return items
