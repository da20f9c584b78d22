"""The coach's and the exam committee's pages, mounted at /begeleiding/."""

from django.urls import path

from . import staff_views as views

app_name = "guidance"
urlpatterns = [
    # the coach's caseload and a student's file
    path("", views.caseload, name="caseload"),
    path("studenten/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("studenten/<int:pk>/intake/", views.intake_record, name="intake_record"),
    path("studenten/<int:pk>/persona/", views.persona_link, name="persona_link"),
    path(
        "studenten/<int:pk>/gesprekken/nieuw/",
        views.conversation_schedule,
        name="conversation_schedule",
    ),
    path("gesprekken/<int:pk>/vastleggen/", views.conversation_record, name="conversation_record"),
    # a plan version: the coach's review, the exam committee's (or delegated coach's) decision
    path("versies/<int:pk>/beoordelen/", views.version_review, name="version_review"),
    path("versies/<int:pk>/teruggeven/", views.version_return, name="version_return"),
    path("versies/<int:pk>/akkoord/", views.version_agree, name="version_agree"),
    path("versies/<int:pk>/vaststellen/", views.version_establish, name="version_establish"),
    path("examencommissie/", views.committee_queue, name="committee_queue"),
    # learning teams
    path("leerteams/", views.team_list, name="team_list"),
    path("opleidingen/<int:pk>/leerteams/nieuw/", views.team_create, name="team_create"),
    path("leerteams/<int:pk>/", views.team_detail, name="team_detail"),
    path(
        "leerteams/<int:pk>/leden/<int:enrolment_pk>/",
        views.team_member_add,
        name="team_member_add",
    ),
    path(
        "leerteams/<int:pk>/bijeenkomsten/",
        views.team_meeting_record,
        name="team_meeting_record",
    ),
]
