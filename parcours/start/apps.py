from django.apps import AppConfig


class StartConfig(AppConfig):
    name = "parcours.start"
    label = "start"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu item)
