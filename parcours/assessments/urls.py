"""Route-independent assessment, mounted at /beoordelen/."""

from django.urls import path

from . import views
from .views import (  # noqa: F401  (each module becomes an attribute of views)
    calibration,
    coordination,
    requests,
    reviews,
    scoring,
    workload,
)

app_name = "assessments"
urlpatterns = [
    # the student: my assessments, a new request
    path("", views.requests.home, name="home"),
    path(
        "inschrijvingen/<int:pk>/aanvragen/", views.requests.request_create, name="request_create"
    ),
    # one request: every party sees their part of it
    path("aanvragen/<int:pk>/", views.requests.request_detail, name="request_detail"),
    path("aanvragen/<int:pk>/intrekken/", views.requests.request_withdraw, name="request_withdraw"),
    path(
        "aanvragen/<int:pk>/bewijs/<int:version>/",
        views.requests.evidence_download,
        name="evidence_download",
    ),
    path("aanvragen/<int:pk>/scores/", views.scoring.scores_submit, name="scores_submit"),
    path("aanvragen/<int:pk>/consensus/", views.scoring.consensus_record, name="consensus_record"),
    path(
        "aanvragen/<int:pk>/interview/plannen/",
        views.scoring.interview_schedule,
        name="interview_schedule",
    ),
    path(
        "aanvragen/<int:pk>/interview/vastleggen/",
        views.scoring.interview_record,
        name="interview_record",
    ),
    # the assessor
    path("werk/", views.scoring.work_list, name="work_list"),
    # the assessment coordinator
    path("coordinatie/", views.coordination.coordinator_queue, name="coordinator_queue"),
    path(
        "aanvragen/<int:pk>/assessoren/", views.coordination.assessor_assign, name="assessor_assign"
    ),
    path(
        "aanvragen/<int:pk>/assessoren/werklast/",
        views.coordination.assessors_assign_by_workload,
        name="assessors_assign_by_workload",
    ),
    # the exam committee
    path("reviews/", views.reviews.review_queue, name="review_queue"),
    path("reviews/<int:pk>/", views.reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/vastleggen/", views.reviews.review_record, name="review_record"),
]

# --- calibration and workload (views/calibration.py, views/workload.py) ---------------------
# The calibration and workload pages add their patterns below this line, in this block, with
# their probes in tests/security/test_permission_matrix_calibration.py.
urlpatterns += [
    path("kalibratie/", views.calibration.calibration_list, name="calibration_list"),
    path(
        "kalibratie/opleidingen/<int:pk>/nieuw/",
        views.calibration.calibration_create,
        name="calibration_create",
    ),
    path("kalibratie/<int:pk>/", views.calibration.calibration_detail, name="calibration_detail"),
    path(
        "kalibratie/<int:pk>/scoren/",
        views.calibration.calibration_submit,
        name="calibration_submit",
    ),
    path(
        "kalibratie/<int:pk>/sluiten/",
        views.calibration.calibration_close,
        name="calibration_close",
    ),
    path(
        "kalibratie/<int:pk>/rapport/",
        views.calibration.calibration_report,
        name="calibration_report",
    ),
    path("werklast/", views.workload.workload, name="workload"),
]
# --- end of calibration and workload ----------------------------------------------------------
