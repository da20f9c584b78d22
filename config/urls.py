from django.urls import include, path

from config.api import api
from parcours.core import views as core_views

urlpatterns = [
    path("", include("parcours.start.urls")),
    path("", include("parcours.curriculum.urls")),
    path("account/", include("parcours.accounts.urls")),
    path("meldingen/", include("parcours.notifications.urls")),
    path("", include("parcours.studyplans.urls")),
    path("", include("parcours.registrations.urls")),
    path("", include("parcours.financing.urls")),
    path("", include("parcours.portfolio.urls")),
    path("beoordelen/", include("parcours.assessments.urls")),
    path("", include("parcours.examcommittee.urls")),
    path("", include("parcours.admissions.urls")),
    path("", include("parcours.stap.urls")),
    path("", include("parcours.credentials.urls")),
    path("privacy/", include("parcours.privacy.urls")),
    path("ooapi/v5/", include("parcours.ooapi.urls")),
    path("", include("parcours.ooapi.consumer_urls")),
    path("regels/", core_views.rules_index, name="rules"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path("api/v1/", api.urls),
]

# Error answers with the request id; JSON under /api/ (parcours.core.errorpages).
handler400 = "parcours.core.errorpages.bad_request"
handler403 = "parcours.core.errorpages.permission_denied"
handler404 = "parcours.core.errorpages.page_not_found"
handler500 = "parcours.core.errorpages.server_error"
