from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "parcours.assessments"
    label = "assessments"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the assessors' access to evidence)
