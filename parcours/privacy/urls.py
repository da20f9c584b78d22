from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("mijn-gegevens/", views.my_data, name="my_data"),
    path("mijn-gegevens/downloaden/", views.my_data_export, name="my_data_export"),
    path("verzoeken/", views.privacy_requests, name="requests"),
    path("verzoeken/exporteren/", views.subject_export, name="subject_export"),
    path("verzoeken/wissen/", views.record_erase, name="record_erase"),
]
