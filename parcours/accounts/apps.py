from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "parcours.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu item)
