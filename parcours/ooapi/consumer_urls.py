"""/beheer/catalogi/: the OOAPI consumer's pages for the administrator (the provider's URLs
are in urls.py, under /ooapi/v5/)."""

from django.urls import path

from .views import sources

app_name = "ooapi_sources"

urlpatterns = [
    path("beheer/catalogi/", sources.source_list, name="source_list"),
    path("beheer/catalogi/nieuw/", sources.source_create, name="source_create"),
    path("beheer/catalogi/<int:pk>/verwijderen/", sources.source_remove, name="source_remove"),
    path("beheer/catalogi/<int:pk>/synchroniseren/", sources.source_sync, name="source_sync"),
]
