"""The portfolio's menu item (registered in apps.py)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.core.navigation import NavItem, register
from parcours.curriculum.permissions import roles_by_programme


@register
def portfolio_items(request: HttpRequest) -> list[NavItem]:
    """Students keep a portfolio; the roles are cached on the user (no query of its own)."""
    roles = roles_by_programme(request.user)
    if any(Role.STUDENT in r for r in roles.values()):
        return [NavItem(_("My portfolio"), reverse("portfolio:home"), 3)]
    return []


def site_url(request: HttpRequest) -> str:
    """The scheme and host of this request (`https://parcours.example/`): the start of the link
    in the supervisor's e-mail, which the e-mail task completes with portfolio:workplace_open
    (under /bevestigen/) and the token it issues; the page and the API send the same."""
    return request.build_absolute_uri("/")
