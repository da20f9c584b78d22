from django.urls import URLPattern

app_name = "studyplans"
urlpatterns: list[URLPattern] = []
