from django.apps import AppConfig


class StapConfig(AppConfig):
    name = "parcours.stap"
    label = "stap"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu item)
