"""Menu items of the assessment pages, per role (registered in apps.py). The roles are cached
on the user, so this costs no query of its own."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.models import Role
from parcours.core.navigation import NavItem, register
from parcours.curriculum.permissions import roles_of

from .permissions import can_view_workload


@register
def assessment_items(request: HttpRequest) -> list[NavItem]:
    roles = roles_of(request.user)
    items = []
    if Role.STUDENT in roles:
        items.append(NavItem(_("My assessments"), reverse("assessments:home"), 3))
    if Role.ASSESSOR in roles:
        items.append(NavItem(_("Assessments to score"), reverse("assessments:work_list"), 40))
    if Role.ASSESSMENT_COORDINATOR in roles:
        items.append(
            NavItem(_("Assessment requests"), reverse("assessments:coordinator_queue"), 41)
        )
    if Role.EXAM_COMMITTEE in roles:
        items.append(NavItem(_("Assessment reviews"), reverse("assessments:review_queue"), 42))
    if roles & {Role.ASSESSOR, Role.ASSESSMENT_COORDINATOR}:
        items.append(NavItem(_("Calibration"), reverse("assessments:calibration_list"), 43))
    if can_view_workload(request.user):
        items.append(NavItem(_("Assessor workload"), reverse("assessments:workload"), 44))
    return items
