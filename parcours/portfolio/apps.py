from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "parcours.portfolio"
    label = "portfolio"

    def ready(self) -> None:
        from parcours.notifications.models import Kind
        from parcours.notifications.registry import register_renderer

        from . import checks, navigation  # noqa: F401  (register the checks, the menu item)
        from .services.confirmations import confirmation_render

        register_renderer(Kind.WORKPLACE_LINK, confirmation_render)
