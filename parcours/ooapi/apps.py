from django.apps import AppConfig


class OoapiConfig(AppConfig):
    name = "parcours.ooapi"
    label = "ooapi"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu item)
