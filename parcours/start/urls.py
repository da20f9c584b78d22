"""The start page: what each of the user's roles has to do now (it reads every app, so it sits
above all of them)."""

from django.urls import path

from . import views

app_name = "start"
urlpatterns = [
    path("start/", views.home, name="home"),
]
