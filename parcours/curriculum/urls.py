from django.urls import path

from . import views

app_name = "curriculum"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("start/", views.home, name="home"),
]
