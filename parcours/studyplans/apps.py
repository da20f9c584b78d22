from django.apps import AppConfig


class StudyplansConfig(AppConfig):
    name = "parcours.studyplans"
    label = "studyplans"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu items)
        from .staff_navigation import guidance_items  # noqa: F401  (coach's, committee's items)
