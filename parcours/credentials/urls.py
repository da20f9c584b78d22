"""Every page of credentials, in one namespace `credentials`: the student's credentials
(/mijn-credentials/), a credential's public link and the status lists (/credentials/)."""

from django.urls import path, re_path

from .views import links, students

app_name = "credentials"

urlpatterns = [
    path("mijn-credentials/", students.my_credentials, name="my_credentials"),
    path("mijn-credentials/aanvragen/", students.credential_claim, name="credential_claim"),
    path(
        "mijn-credentials/<int:pk>/credential.json",
        students.credential_download,
        name="credential_download",
    ),
    path("mijn-credentials/<int:pk>/europass.jsonld", students.credential_elm, name="credential_elm"),
    path("credentials/status/<int:pk>", links.status_list, name="status_list"),
    # the public id: secrets.token_urlsafe(24), 32 characters
    re_path(
        r"^credentials/(?P<public_id>[A-Za-z0-9_-]{32})$",
        links.credential_public,
        name="credential_public",
    ),
]
