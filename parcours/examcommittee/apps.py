from django.apps import AppConfig


class ExamcommitteeConfig(AppConfig):
    name = "parcours.examcommittee"
    label = "examcommittee"

    def ready(self) -> None:
        from parcours.core.progress import register_progress_listener

        from . import navigation  # noqa: F401  (registers the menu items)
        from .services import notices, progress_listener

        notices.register()  # what requesters and students are told

        register_progress_listener(progress_listener)
