"""The issuer's profile (/issuers/{BRIN}) and the public verification page."""

from django.urls import path

from .views import public

app_name = "credentials"

urlpatterns = [
    path("issuers/<str:brin>", public.issuer_profile, name="issuer_profile"),
    path("credentials/verify/", public.credential_verify, name="credential_verify"),
]
