"""The project's URLs plus a page that fails, for the 500 page's tests (pytest.mark.urls)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config import urls


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug the tests put here")


urlpatterns = [path("test-only/boom/", boom), *urls.urlpatterns]
handler400 = urls.handler400
handler403 = urls.handler403
handler404 = urls.handler404
handler500 = urls.handler500
