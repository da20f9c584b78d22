from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "parcours.registrations"
    label = "registrations"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu items)
