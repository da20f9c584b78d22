from django.apps import AppConfig


class ExamcommitteeConfig(AppConfig):
    name = "parcours.examcommittee"
    label = "examcommittee"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu items)
