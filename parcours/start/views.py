"""The start page: a to-do list per role, each item linking to the page where it is done."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from parcours.core import web
from parcours.core.web import AuthedRequest

from . import selectors


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """What each of the user's roles has to do now, with counts and deadlines; the user's
    programmes below. Everything shown is the user's own or scoped to the user's roles by the
    apps' selectors, so there is no object to check permission on."""
    today = web.today()
    page = selectors.start_page(request.user, today=today)
    return render(request, "start/home.html", {"page": page, "today": today})
