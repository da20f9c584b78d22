from django.http import HttpRequest

from parcours.core.navigation import NavItem, register


@register
def studyplan_items(request: HttpRequest) -> list[NavItem]:
    return []
