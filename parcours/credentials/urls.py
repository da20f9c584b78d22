"""Every page of credentials, in one namespace `credentials`: the student's credentials
(/mijn-credentials/), the issuer's profile (/issuers/{BRIN}), the public verification page, a
credential's public link and the status lists (/credentials/)."""

from django.urls import path, re_path

from .views import committee, links, public, students

app_name = "credentials"

urlpatterns = [
    path("mijn-credentials/", students.my_credentials, name="my_credentials"),
    path("mijn-credentials/aanvragen/", students.credential_claim, name="credential_claim"),
    path(
        "mijn-credentials/<int:pk>/credential.json",
        students.credential_download,
        name="credential_download",
    ),
    path(
        "mijn-credentials/<int:pk>/europass.jsonld",
        students.credential_elm,
        name="credential_elm",
    ),
    path(
        "examencommissie/credentials/",
        committee.committee_credentials,
        name="committee_credentials",
    ),
    path(
        "examencommissie/credentials/<int:pk>/intrekken/",
        committee.credential_revoke,
        name="credential_revoke",
    ),
    path("issuers/<str:brin>", public.issuer_profile, name="issuer_profile"),
    path("credentials/verify/", public.credential_verify, name="credential_verify"),
    path("credentials/status/<int:pk>", links.status_list, name="status_list"),
    # the public id: secrets.token_urlsafe(24), 32 characters
    re_path(
        r"^credentials/(?P<public_id>[A-Za-z0-9_-]{32})$",
        links.credential_public,
        name="credential_public",
    ),
]
