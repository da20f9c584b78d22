from django.apps import AppConfig


class OoapiConfig(AppConfig):
    name = "parcours.ooapi"
    label = "ooapi"
