"""Every study-plan page in one namespace: the student's under /studie/ (read by coach and exam
committee too), the coach's and the exam committee's under /begeleiding/."""

from django.urls import include, path

from .views import committee, drafts, guidance, plans, student, teams

app_name = "studyplans"

student_patterns = [
    # my studies: enrolments, intake, plans
    path("", student.home, name="home"),
    path("inschrijvingen/<int:pk>/", student.enrolment_detail, name="enrolment_detail"),
    path("inschrijvingen/<int:pk>/intake/", student.intake_record, name="intake_record"),
    path("inschrijvingen/<int:pk>/plannen/nieuw/", student.plan_create, name="plan_create"),
    # a plan: its versions and the current version's editor
    path("plannen/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("versies/<int:pk>/", plans.version_detail, name="version_detail"),
    path("versies/<int:pk>/verschillen/", plans.version_diff, name="version_diff"),
    path(
        "versies/<int:pk>/gegevens/", drafts.version_update_details, name="version_update_details"
    ),
    path("versies/<int:pk>/eenheden/nieuw/", drafts.plan_unit_add, name="plan_unit_add"),
    path(
        "versies/<int:pk>/grote-leeractiviteiten/nieuw/",
        drafts.large_activity_add,
        name="large_activity_add",
    ),
    path("versies/<int:pk>/indienen/", drafts.version_submit, name="version_submit"),
    path("versies/<int:pk>/aanpassen/", drafts.version_amend, name="version_amend"),
    path("versies/<int:pk>/naar-examencommissie/", drafts.version_refer, name="version_refer"),
    path("planeenheden/<int:pk>/", drafts.plan_unit_update, name="plan_unit_update"),
    path("planeenheden/<int:pk>/verwijderen/", drafts.plan_unit_remove, name="plan_unit_remove"),
    path(
        "planeenheden/<int:pk>/leeractiviteiten/nieuw/",
        drafts.plan_activity_add,
        name="plan_activity_add",
    ),
    path(
        "leeractiviteiten/<int:pk>/verwijderen/",
        drafts.plan_activity_remove,
        name="plan_activity_remove",
    ),
    path(
        "grote-leeractiviteiten/<int:pk>/verwijderen/",
        drafts.large_activity_remove,
        name="large_activity_remove",
    ),
    # learning teams, as their members see them
    path("leerteams/<int:pk>/", teams.team_detail, name="team_detail"),
]

guidance_patterns = [
    # the coach's caseload and a student's file
    path("", guidance.caseload, name="caseload"),
    path("studenten/<int:pk>/", guidance.student_file, name="student_file"),
    path(
        "studenten/<int:pk>/intake/",
        guidance.student_file_intake_record,
        name="student_file_intake_record",
    ),
    path(
        "studenten/<int:pk>/intake/startniveaus/",
        guidance.start_level_record,
        name="start_level_record",
    ),
    path("studenten/<int:pk>/persona/", guidance.persona_link, name="persona_link"),
    path(
        "studenten/<int:pk>/gesprekken/nieuw/",
        guidance.conversation_schedule,
        name="conversation_schedule",
    ),
    path(
        "gesprekken/<int:pk>/vastleggen/",
        guidance.conversation_record,
        name="conversation_record",
    ),
    # a plan version: the coach's review, the exam committee's (or delegated coach's) decision
    path("versies/<int:pk>/beoordelen/", committee.version_review, name="version_review"),
    path("versies/<int:pk>/teruggeven/", committee.version_return, name="version_return"),
    path("versies/<int:pk>/akkoord/", committee.version_agree, name="version_agree"),
    path("versies/<int:pk>/vaststellen/", committee.version_establish, name="version_establish"),
    path("examencommissie/", committee.committee_queue, name="committee_queue"),
    # learning teams
    path("leerteams/", teams.team_list, name="team_list"),
    path("opleidingen/<int:pk>/leerteams/nieuw/", teams.team_create, name="team_create"),
    path("leerteams/<int:pk>/", teams.team_manage, name="team_manage"),
    path(
        "leerteams/<int:pk>/leden/<int:enrolment_pk>/",
        teams.team_member_add,
        name="team_member_add",
    ),
    path(
        "leerteams/<int:pk>/bijeenkomsten/",
        teams.team_meeting_record,
        name="team_meeting_record",
    ),
]

urlpatterns = [
    path("studie/", include(student_patterns)),
    path("begeleiding/", include(guidance_patterns)),
]
