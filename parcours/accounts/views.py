from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.views.decorators.http import require_POST


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@require_POST
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
        type(request.user).objects.filter(pk=request.user.pk).update(preferred_language=language)
    return response
