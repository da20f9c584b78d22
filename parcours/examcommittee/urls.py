"""Every page of the exam committee's app, in one namespace `examcommittee`, under three
prefixes: the validation desk (/loket/), the committee's pages (/examencommissie/) and a
student's progress (/voortgang/)."""

from django.urls import include, path

from .views import bsa, decisions, desk, diploma, progress, propedeuse, queue

app_name = "examcommittee"

# /loket/: public per institution (ask a question, request an exemption), and the requester's
# own requests and decisions
desk_patterns = [
    path("", desk.desk_index, name="desk_index"),
    # the requester: my requests, my decisions (before the institution's code, which they match)
    path("mijn-verzoeken/", desk.my_requests, name="my_requests"),
    path("mijn-verzoeken/<int:pk>/", desk.desk_request_detail, name="desk_request_detail"),
    path("mijn-verzoeken/<int:pk>/antwoorden/", desk.reply_create, name="reply_create"),
    path("documenten/<int:pk>/", desk.document_download, name="document_download"),
    path("mijn-besluiten/", decisions.my_decisions, name="my_decisions"),
    path("mijn-besluiten/<int:pk>/", decisions.my_decision_detail, name="my_decision_detail"),
    path("mijn-besluiten/<int:pk>/brief.pdf", decisions.decision_letter, name="decision_letter"),
    # an anonymous question through its private link
    path("antwoord/<str:token>/", desk.desk_answer_link, name="desk_answer_link"),
    # one desk per institution (by its institution code)
    path("<str:brin>/", desk.desk_home, name="desk_home"),
    path("<str:brin>/vraag/", desk.question_create, name="question_create"),
    path("<str:brin>/vrijstelling/", desk.exemption_create, name="exemption_create"),
    path("<str:brin>/account/", desk.signup, name="desk_signup"),
]

# /examencommissie/: the desk queue and its requests, the decisions, the diploma queue and the
# BSA list
committee_patterns = [
    # the desk queue and one request
    path("loket/", queue.desk_queue, name="desk_queue"),
    path("loket/<int:pk>/", queue.committee_request_detail, name="committee_request_detail"),
    path("loket/<int:pk>/in-behandeling/", queue.request_review, name="request_review"),
    path("loket/<int:pk>/informatie/", queue.information_ask, name="information_ask"),
    path("loket/<int:pk>/antwoord/", queue.question_answer, name="question_answer"),
    path("loket/<int:pk>/besluit/", queue.exemption_draft, name="exemption_draft"),
    # decisions
    path("besluiten/", decisions.decision_list, name="decision_list"),
    path("besluiten/<int:pk>/", decisions.committee_decision_detail, name="decision_detail"),
    path("besluiten/<int:pk>/opslaan/", decisions.decision_update, name="decision_update"),
    path(
        "besluiten/<int:pk>/bekendmaken/",
        decisions.decision_make_known,
        name="decision_make_known",
    ),
    path("besluiten/<int:pk>/corrigeren/", decisions.decision_correct, name="decision_correct"),
    path(
        "besluiten/studieplanversies/<int:pk>/",
        decisions.plan_decision_draft,
        name="plan_decision_draft",
    ),
    # the diploma queue and the supplement
    path("diplomas/", diploma.diploma_queue, name="diploma_queue"),
    path(
        "diplomas/voorbereiden/",
        diploma.diploma_prepare_many,
        name="diploma_prepare_many",
    ),
    path(
        "diplomas/inschrijvingen/<int:pk>/voorbereiden/",
        diploma.diploma_prepare,
        name="diploma_prepare",
    ),
    path(
        "diplomas/besluiten/<int:pk>/supplement/",
        diploma.diploma_supplement,
        name="diploma_supplement",
    ),
    path(
        "diplomas/besluiten/<int:pk>/supplement.pdf",
        diploma.diploma_supplement_pdf,
        name="diploma_supplement_pdf",
    ),
    # the propedeuse queue and the certificate
    path("propedeuse/", propedeuse.propedeuse_queue, name="propedeuse_queue"),
    path(
        "propedeuse/inschrijvingen/<int:pk>/voorbereiden/",
        propedeuse.propedeuse_prepare,
        name="propedeuse_prepare",
    ),
    path(
        "propedeuse/besluiten/<int:pk>/getuigschrift/",
        propedeuse.propedeuse_certificate,
        name="propedeuse_certificate",
    ),
    path(
        "propedeuse/besluiten/<int:pk>/getuigschrift.pdf",
        propedeuse.propedeuse_certificate_pdf,
        name="propedeuse_certificate_pdf",
    ),
    # the BSA list
    path("bsa/", bsa.bsa_list, name="bsa_list"),
    path("bsa/voorbereiden/", bsa.bsa_prepare_many, name="bsa_prepare_many"),
    path(
        "bsa/inschrijvingen/<int:pk>/omstandigheden/",
        bsa.circumstance_record,
        name="bsa_circumstance_record",
    ),
    path("bsa/inschrijvingen/<int:pk>/voorbereiden/", bsa.bsa_prepare, name="bsa_prepare"),
]

# /voortgang/: a student's progress at a glance
progress_patterns = [
    path("", progress.progress_home, name="progress_home"),
    path("inschrijvingen/<int:pk>/", progress.progress_student, name="progress_student"),
]

urlpatterns = [
    path("loket/", include(desk_patterns)),
    path("examencommissie/", include(committee_patterns)),
    path("voortgang/", include(progress_patterns)),
]
