from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core.navigation import NavItem, register

from .permissions import can_manage_catalogue_sources


@register
def consumer_items(request: HttpRequest) -> list[NavItem]:
    if request.user.is_authenticated and can_manage_catalogue_sources(request.user):
        return [NavItem(_("Partner catalogues"), reverse("ooapi_sources:source_list"), 88)]
    return []
