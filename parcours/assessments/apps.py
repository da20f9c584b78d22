from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "parcours.assessments"
    label = "assessments"

    def ready(self) -> None:
        # the menu items, and the assessors' access to the evidence they assess
        from . import navigation, permissions  # noqa: F401
        from .services import notices

        notices.register()  # what assessors and students are told
