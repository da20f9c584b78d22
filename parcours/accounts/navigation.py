from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.core.navigation import NavItem, register


@register
def account_items(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [NavItem(_("Two-step verification"), reverse("accounts:second_factor_status"), 95)]
