from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core.navigation import NavItem, register


@register
def curriculum_items(request: HttpRequest) -> list[NavItem]:
    items = [NavItem(_("Catalogue"), reverse("curriculum:catalogue"), 10)]
    if request.user.is_authenticated:
        items.insert(0, NavItem(_("My start page"), reverse("curriculum:home"), 0))
    return items
