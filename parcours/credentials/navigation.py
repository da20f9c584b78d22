from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.core.navigation import NavItem, register
from parcours.curriculum.permissions import roles_of


@register
def credential_items(request: HttpRequest) -> list[NavItem]:
    """ "My credentials" for students, beside "My progress"."""
    if not request.user.is_authenticated:
        return []
    roles = roles_of(request.user)
    items = []
    if Role.STUDENT in roles:
        items.append(NavItem(_("My credentials"), reverse("credentials:my_credentials"), 5))
    if Role.EXAM_COMMITTEE in roles:
        items.append(
            NavItem(_("Issued credentials"), reverse("credentials:committee_credentials"), 45)
        )
    return items
