from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "parcours.portfolio"
    label = "portfolio"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu item)
