from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core.navigation import NavItem, register

from .permissions import can_manage_stap


@register
def stap_items(request: HttpRequest) -> list[NavItem]:
    if request.user.is_authenticated and can_manage_stap(request.user):
        return [NavItem(_("STAP budget"), reverse("stap:claim_list"), 87)]
    return []
