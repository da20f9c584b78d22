from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo institution: the top layer, so it may build data through every app's services."""

    name = "parcours.demo"
    label = "demo"
