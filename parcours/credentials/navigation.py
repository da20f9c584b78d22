from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.core.navigation import NavItem, register
from parcours.curriculum.permissions import roles_of


@register
def credential_items(request: HttpRequest) -> list[NavItem]:
    """ "My credentials" for students, beside "My progress"."""
    if request.user.is_authenticated and Role.STUDENT in roles_of(request.user):
        return [NavItem(_("My credentials"), reverse("credentials:my_credentials"), 5)]
    return []
