"""The start page's menu item, first for every signed-in user (registered in apps.py)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core.navigation import NavItem, register


@register
def start_items(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [NavItem(_("My start page"), reverse("start:home"), 0)]
