from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "parcours.portfolio"
    label = "portfolio"
