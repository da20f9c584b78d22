"""Menu items of the progress, diploma and BSA pages (registered in apps.py). The roles are
cached on the user, so this costs no query of its own."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.core.navigation import NavItem, register
from parcours.curriculum.permissions import roles_of


@register
def progress_items(request: HttpRequest) -> list[NavItem]:
    """ "My progress" for students, and for a signed-in user without any role (a prospective
    student whose exemptions are decided before enrolling); the committee's two lists."""
    if not request.user.is_authenticated:
        return []
    roles = roles_of(request.user)
    items = []
    if Role.STUDENT in roles or not roles:
        items.append(NavItem(_("My progress"), reverse("progress:home"), 4))
    if Role.EXAM_COMMITTEE in roles:
        items.append(NavItem(_("Diploma queue"), reverse("examcommittee:diploma_queue"), 36))
        items.append(NavItem(_("BSA list"), reverse("examcommittee:bsa_list"), 37))
    return items
