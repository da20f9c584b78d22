from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "parcours.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import navigation, signals  # noqa: F401  (the menu item, the receivers)
