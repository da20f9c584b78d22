from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "parcours.curriculum"
    label = "curriculum"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu items)
