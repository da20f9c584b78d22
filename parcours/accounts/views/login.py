"""Logging in and out, and the interface language. A user with an authenticator app gives a
code after the password (views/second_factor.py `login_code`)."""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

from parcours.core.web import post_only

from .. import selectors, services
from .second_factor import login_code_start, nudge, with_language


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        """Sign in and switch to the language the user chose before; with an authenticator app,
        ask for its code first (the user is signed in only then)."""
        user = form.get_user()
        if selectors.has_second_factor(user):
            return login_code_start(self.request, user, next_url=self.get_success_url())
        response = with_language(super().form_valid(form), user)
        if selectors.second_factor_required(user):
            nudge(self.request)
        return response


class LogoutView(auth_views.LogoutView):
    """Sign out (POST). A GET (a reload, an old link) signs nobody out and goes to the start
    page instead of a blank 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect(settings.LOGIN_REDIRECT_URL)


@post_only
def language_set(request: HttpRequest) -> HttpResponse:
    """Switch the interface language (nl/en) and go back to the same page."""
    language = request.POST.get("language", "nl")
    if language not in {"nl", "en"}:
        language = "nl"
    nxt = request.POST.get("next") or "/"
    if not nxt.startswith("/") or nxt.startswith("//"):
        nxt = "/"
    translation.activate(language)
    response = redirect(nxt)
    response.set_cookie("django_language", language, samesite="Lax", httponly=True)
    if request.user.is_authenticated:
        services.user_language_set(request.user, language)
    return response
