"""The exam committee's pages, mounted at /examencommissie/: the desk queue and its requests,
and the decisions (drafted, completed, made known, corrected)."""

from django.urls import path

from . import views

app_name = "examcommittee"
urlpatterns = [
    # the desk queue and one request
    path("loket/", views.desk_queue, name="desk_queue"),
    path("loket/<int:pk>/", views.committee_request_detail, name="request_detail"),
    path("loket/<int:pk>/in-behandeling/", views.request_review, name="request_review"),
    path("loket/<int:pk>/informatie/", views.information_ask, name="information_ask"),
    path("loket/<int:pk>/antwoord/", views.question_answer, name="question_answer"),
    path("loket/<int:pk>/besluit/", views.exemption_draft, name="exemption_draft"),
    # decisions
    path("besluiten/", views.decision_list, name="decision_list"),
    path("besluiten/<int:pk>/", views.committee_decision_detail, name="decision_detail"),
    path("besluiten/<int:pk>/opslaan/", views.decision_update, name="decision_update"),
    path("besluiten/<int:pk>/bekendmaken/", views.decision_make_known, name="decision_make_known"),
    path("besluiten/<int:pk>/corrigeren/", views.decision_correct, name="decision_correct"),
    path(
        "besluiten/studieplanversies/<int:pk>/",
        views.plan_decision_draft,
        name="plan_decision_draft",
    ),
]

# --- the diploma queue and the BSA pages (views_progress.py) -----------------------------------
# Committee pages of the progress work may add their patterns below this line, in this block,
# with their probes in their own tests/security/test_permission_matrix*.py module.
# diploma and BSA
from . import views_progress  # noqa: E402

urlpatterns += [
    path("diplomas/", views_progress.diploma_queue, name="diploma_queue"),
    path(
        "diplomas/inschrijvingen/<int:pk>/voorbereiden/",
        views_progress.diploma_prepare,
        name="diploma_prepare",
    ),
    path(
        "diplomas/besluiten/<int:pk>/supplement/",
        views_progress.diploma_supplement,
        name="diploma_supplement",
    ),
    path(
        "diplomas/besluiten/<int:pk>/supplement.pdf",
        views_progress.diploma_supplement_pdf,
        name="diploma_supplement_pdf",
    ),
    path("bsa/", views_progress.bsa_list, name="bsa_list"),
    path(
        "bsa/inschrijvingen/<int:pk>/omstandigheden/",
        views_progress.circumstance_record,
        name="bsa_circumstance_record",
    ),
    path(
        "bsa/inschrijvingen/<int:pk>/voorbereiden/", views_progress.bsa_prepare, name="bsa_prepare"
    ),
]
# --- end of the diploma queue and the BSA pages -------------------------------------------------
