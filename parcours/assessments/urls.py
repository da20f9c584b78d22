"""Route-independent assessment, mounted at /beoordelen/."""

from django.urls import path

from . import views, views_calibration

app_name = "assessments"
urlpatterns = [
    # the student: my assessments, a new request
    path("", views.home, name="home"),
    path("inschrijvingen/<int:pk>/aanvragen/", views.request_create, name="request_create"),
    # one request: every party sees their part of it
    path("aanvragen/<int:pk>/", views.request_detail, name="request_detail"),
    path("aanvragen/<int:pk>/intrekken/", views.request_withdraw, name="request_withdraw"),
    path(
        "aanvragen/<int:pk>/bewijs/<int:version>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("aanvragen/<int:pk>/scores/", views.scores_submit, name="scores_submit"),
    path("aanvragen/<int:pk>/consensus/", views.consensus_record, name="consensus_record"),
    path(
        "aanvragen/<int:pk>/interview/plannen/",
        views.interview_schedule,
        name="interview_schedule",
    ),
    path(
        "aanvragen/<int:pk>/interview/vastleggen/",
        views.interview_record,
        name="interview_record",
    ),
    # the assessor
    path("werk/", views.work_list, name="work_list"),
    # the assessment coordinator
    path("coordinatie/", views.coordinator_queue, name="coordinator_queue"),
    path("aanvragen/<int:pk>/assessoren/", views.assessor_assign, name="assessor_assign"),
    path(
        "aanvragen/<int:pk>/assessoren/werklast/",
        views.assessors_assign_by_workload,
        name="assessors_assign_by_workload",
    ),
    # the exam committee
    path("reviews/", views.review_queue, name="review_queue"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/vastleggen/", views.review_record, name="review_record"),
]

# --- calibration and workload (views_calibration.py) ------------------------------------------
# The calibration and workload pages add their patterns below this line, in this block, with
# their probes in tests/security/test_permission_matrix_calibration.py.
urlpatterns += [
    path("kalibratie/", views_calibration.calibration_list, name="calibration_list"),
    path(
        "kalibratie/opleidingen/<int:pk>/nieuw/",
        views_calibration.calibration_create,
        name="calibration_create",
    ),
    path("kalibratie/<int:pk>/", views_calibration.calibration_detail, name="calibration_detail"),
    path(
        "kalibratie/<int:pk>/scoren/",
        views_calibration.calibration_submit,
        name="calibration_submit",
    ),
    path(
        "kalibratie/<int:pk>/sluiten/",
        views_calibration.calibration_close,
        name="calibration_close",
    ),
    path(
        "kalibratie/<int:pk>/rapport/",
        views_calibration.calibration_report,
        name="calibration_report",
    ),
    path("werklast/", views_calibration.workload, name="workload"),
]
# --- end of calibration and workload ----------------------------------------------------------
