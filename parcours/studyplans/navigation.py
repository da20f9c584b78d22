from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.core.navigation import NavItem, register
from parcours.curriculum.permissions import roles_by_programme


@register
def studyplan_items(request: HttpRequest) -> list[NavItem]:
    """The student's own pages for anyone enrolled (enrolling assigns the student role); the
    roles are cached on the user, so this costs no query of its own."""
    roles = roles_by_programme(request.user)
    if any(Role.STUDENT in r for r in roles.values()):
        return [NavItem(_("My studies"), reverse("studyplans:home"), 2)]
    return []
