"""Menu items of the validation desk, the exam committee and the progress pages (registered in
apps.py). The roles are cached on the user, so this costs no query of its own."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.core.navigation import NavItem, register
from parcours.curriculum.permissions import roles_of


@register
def desk_items(request: HttpRequest) -> list[NavItem]:
    """The desk for everyone; a student's (or prospective student's, who has no role yet) own
    requests and decisions; the committee's queue and decisions."""
    items = [NavItem(_("Validation desk"), reverse("examcommittee:desk_index"), 60)]
    if not request.user.is_authenticated:
        return items
    roles = roles_of(request.user)
    if not roles or Role.STUDENT in roles:
        items.append(NavItem(_("My requests"), reverse("examcommittee:my_requests"), 5))
        items.append(NavItem(_("My decisions"), reverse("examcommittee:my_decisions"), 6))
    if Role.EXAM_COMMITTEE in roles:
        items.append(NavItem(_("Desk queue"), reverse("examcommittee:desk_queue"), 43))
        items.append(NavItem(_("Decisions"), reverse("examcommittee:decision_list"), 44))
    return items


@register
def progress_items(request: HttpRequest) -> list[NavItem]:
    """ "My progress" for students, and for a signed-in user without any role (a prospective
    student whose exemptions are decided before enrolling); the committee's lists."""
    if not request.user.is_authenticated:
        return []
    roles = roles_of(request.user)
    items = []
    if Role.STUDENT in roles or not roles:
        items.append(NavItem(_("My progress"), reverse("examcommittee:progress_home"), 4))
    if Role.EXAM_COMMITTEE in roles:
        items.append(NavItem(_("Diploma queue"), reverse("examcommittee:diploma_queue"), 36))
        items.append(NavItem(_("BSA list"), reverse("examcommittee:bsa_list"), 37))
        items.append(NavItem(_("Propedeuse queue"), reverse("examcommittee:propedeuse_queue"), 38))
    return items
