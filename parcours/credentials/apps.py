from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "parcours.credentials"
    label = "credentials"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy checks of the keys)
