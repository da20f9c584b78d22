from django.apps import AppConfig


class StudyplansConfig(AppConfig):
    name = "parcours.studyplans"
    label = "studyplans"

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registers the menu items)
        from .services import notices

        notices.register()  # what students and coaches are told
