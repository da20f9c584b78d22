from django.apps import AppConfig


class FinancingConfig(AppConfig):
    name = "parcours.financing"
    label = "financing"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu items)
