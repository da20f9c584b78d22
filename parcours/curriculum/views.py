from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors


def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "curriculum/catalogue.html", {"oers": selectors.published_oers()})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "curriculum/home.html", {"programmes": selectors.programmes_for(request.user)}
    )
