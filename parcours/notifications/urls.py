from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/gelezen/", views.notification_read, name="notification_read"),
    path("alles-gelezen/", views.notifications_read_all, name="notifications_read_all"),
    path("voorkeuren/", views.preferences, name="preferences"),
]
