from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "parcours.credentials"
    label = "credentials"
