from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core.navigation import NavItem, register

from .permissions import can_handle_requests


@register
def privacy_items(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    items = [NavItem(_("My data"), reverse("privacy:my_data"), 90)]
    if can_handle_requests(user):
        items.append(NavItem(_("Privacy requests"), reverse("privacy:requests"), 91))
    return items
