from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "parcours.credentials"
    label = "credentials"

    def ready(self) -> None:
        from parcours.core.progress import register_progress_listener

        from . import (
            checks,  # noqa: F401  (registers the deploy checks of the keys)
            navigation,  # noqa: F401  (registers the menu item)
            selectors,
            status,
        )
        from .services import credentials_recheck

        # the verifier reads this institution's status lists
        status.register_lookup(selectors.is_revoked)

        # a correction that removes an achievement revokes its credential in the same transaction
        register_progress_listener(credentials_recheck)
