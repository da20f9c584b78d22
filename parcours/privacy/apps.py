from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "parcours.privacy"
    label = "privacy"

    def ready(self) -> None:
        from . import checks, navigation  # noqa: F401  (registers the system checks, the menu)
