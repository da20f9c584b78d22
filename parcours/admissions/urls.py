"""/aanmelden/: applying (the open programmes are public; applying needs an account);
/toelating/: the programme staff's applications and decisions."""

from django.urls import path

from .views import applicant, staff

app_name = "admissions"

urlpatterns = [
    path("aanmelden/", applicant.application_open_list, name="application_open_list"),
    path(
        "aanmelden/<int:variant_pk>/",
        applicant.application_create,
        name="application_create",
    ),
    path("aanmelden/mijn-aanmeldingen/", applicant.application_mine, name="application_mine"),
    path(
        "aanmelden/mijn-aanmeldingen/<int:pk>/",
        applicant.application_detail,
        name="application_detail",
    ),
    path(
        "aanmelden/mijn-aanmeldingen/<int:pk>/brief.pdf",
        applicant.decision_letter,
        name="decision_letter",
    ),
    path("aanmelden/documenten/<int:pk>/", applicant.document_download, name="document_download"),
    path("toelating/", staff.application_list, name="application_list"),
    path("toelating/<int:pk>/", staff.application_review, name="application_review"),
    path("toelating/<int:pk>/besluiten/", staff.application_decide, name="application_decide"),
]
