from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "parcours.curriculum"
    label = "curriculum"

    def ready(self) -> None:
        from parcours.accounts.passwords import context_words_provider
        from parcours.accounts.selectors import register_role_source

        from . import navigation  # noqa: F401  (registers the menu items)
        from .permissions import roles_of
        from .selectors import institution_words

        context_words_provider(institution_words)
        # Which roles ask for a second factor is the accounts app's; who has which role, ours.
        register_role_source(roles_of)
