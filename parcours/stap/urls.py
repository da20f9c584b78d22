"""/stap/: the administration's STAP claims and the trainings it listed in the STAP training
register."""

from django.urls import path

from .views import claims

app_name = "stap"

urlpatterns = [
    path("stap/", claims.claim_list, name="claim_list"),
    path("stap/nieuw/", claims.claim_create, name="claim_create"),
    path("stap/<int:pk>/", claims.claim_detail, name="claim_detail"),
    path("stap/<int:pk>/bewijs/", claims.proof_add, name="proof_add"),
    path("stap/<int:pk>/factuur/", claims.invoice_add, name="invoice_add"),
    path("stap/bewijs/<int:pk>/", claims.proof_download, name="proof_download"),
    path("stap/opleidingen/", claims.listing_list, name="listing_list"),
    path("stap/opleidingen/nieuw/", claims.listing_create, name="listing_create"),
]
