from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "parcours.admissions"
    label = "admissions"

    def ready(self) -> None:
        from .services import notices

        notices.register()  # what an applicant is told when their application is decided
