from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "parcours.portfolio"
    label = "portfolio"

    def ready(self) -> None:
        from parcours.notifications.models import Kind
        from parcours.notifications.registry import register_renderer

        from . import navigation  # noqa: F401  (registers the menu item)
        from .services.confirmations import confirmation_render

        register_renderer(Kind.WORKPLACE_LINK, confirmation_render)
