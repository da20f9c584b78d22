"""The 400, 403, 404 and 500 answers outside a view's own handling (config/urls.py's handlers).

A page in the visitor's language that shows the request id (to quote to the service desk; the
same id is in the X-Request-ID header and the logs), or, under /api/, a JSON body
`{code, message, detail, request_id}`: the API never answers HTML. The 500 page renders
without the request's context processors, which may need the database that just failed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

from .middleware import API_PREFIX
from .request_ids import current_request_id

MESSAGES = {
    400: ("bad_request", "Bad request."),
    403: ("forbidden", "Not allowed for this user."),
    404: ("not_found", "Not found."),
    500: ("server_error", "Something went wrong on our side; it has been logged."),
}


def request_id_of(request: HttpRequest) -> str | None:
    return getattr(request, "request_id", None) or current_request_id()


def api_error_body(request: HttpRequest, status: int) -> dict[str, str | None]:
    code, message = MESSAGES[status]
    return {
        "code": code,
        "message": message,
        "detail": message,
        "request_id": request_id_of(request),
    }


def _answer(request: HttpRequest, status: int, *, with_request: bool = True) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse(api_error_body(request, status), status=status)
    template = loader.get_template(f"{status}.html")
    context = {"request_id": request_id_of(request), "status": status}
    body = template.render(context, request if with_request else None)
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _answer(request, 500, with_request=False)
