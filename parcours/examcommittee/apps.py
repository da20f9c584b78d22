from django.apps import AppConfig


class ExamcommitteeConfig(AppConfig):
    name = "parcours.examcommittee"
    label = "examcommittee"
