"""The validation desk, mounted at /loket/: public per institution (ask a question, request an
exemption), and the requester's own requests and decisions."""

from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("", views.desk_index, name="index"),
    # the requester: my requests, my decisions (before the institution's code, which they match)
    path("mijn-verzoeken/", views.my_requests, name="my_requests"),
    path("mijn-verzoeken/<int:pk>/", views.request_detail, name="request_detail"),
    path("mijn-verzoeken/<int:pk>/antwoorden/", views.reply_create, name="reply_create"),
    path("documenten/<int:pk>/", views.document_download, name="document_download"),
    path("mijn-besluiten/", views.my_decisions, name="my_decisions"),
    path("mijn-besluiten/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("mijn-besluiten/<int:pk>/brief.pdf", views.decision_letter, name="decision_letter"),
    # one desk per institution (by its institution code)
    path("<str:brin>/", views.desk_home, name="home"),
    path("<str:brin>/vraag/", views.question_create, name="question_create"),
    path("<str:brin>/vrijstelling/", views.exemption_create, name="exemption_create"),
    path("<str:brin>/account/", views.signup, name="signup"),
]
