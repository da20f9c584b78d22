"""A student's progress at a glance (mounted at /voortgang/)."""

from django.urls import path

from . import views_progress

app_name = "progress"
urlpatterns = [
    path("", views_progress.progress_home, name="home"),
    path("inschrijvingen/<int:pk>/", views_progress.progress_student, name="student"),
]
