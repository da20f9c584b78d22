"""The project's URLs plus one bare Django view: `/bench/me/progress`, the same reads as
`/api/v1/me/progress` (bearer token, the caller's subjects, `progress_many`, the same dict per
programme) but without django-ninja, so the bench can tell what the API layer costs."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from parcours.accounts.services import api_token_user
from parcours.examcommittee import selectors
from parcours.examcommittee.api.progress import _progress
from parcours.examcommittee.api.shared import today


def bare_progress(request: HttpRequest) -> HttpResponse:
    header = request.headers.get("Authorization", "")
    user = api_token_user(header.removeprefix("Bearer ")) if header.startswith("Bearer ") else None
    if user is None:
        return JsonResponse({"detail": "unauthorized"}, status=401)
    subjects = selectors.subjects_of(user)
    body = [_progress(p) for p in selectors.progress_many(subjects, on=today())]
    for item in body:  # the programme is a model instance; ninja's schema takes three fields
        programme = item["programme"]
        item["programme"] = {
            "id": programme.pk,
            "name_nl": programme.name_nl,
            "name_en": programme.name_en,
        }
    return JsonResponse(body, safe=False, encoder=DjangoJSONEncoder)


urlpatterns = [path("bench/me/progress", bare_progress), *project_urlpatterns]
