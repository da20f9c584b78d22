from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "parcours.curriculum"
    label = "curriculum"

    def ready(self) -> None:
        from parcours.accounts.passwords import context_words_provider

        from . import navigation  # noqa: F401  (registers the menu items)
        from .selectors import institution_words

        context_words_provider(institution_words)
