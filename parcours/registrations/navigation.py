from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core.navigation import NavItem, register

from .permissions import can_view_census


@register
def registrations_items(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if user.is_authenticated and can_view_census(user):
        return [NavItem(_("Census"), reverse("registrations:census_page"), 85)]
    return []
