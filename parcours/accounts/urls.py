from django.urls import path

from .views import account, login, oidc, password, second_factor, signup, tokens

app_name = "accounts"
urlpatterns = [
    path("", account.account_home, name="account_home"),
    path("inloggen/", login.LoginView.as_view(), name="login"),
    path("surfconext/", oidc.surfconext_login, name="surfconext_login"),
    path("surfconext/terug/", oidc.surfconext_callback, name="surfconext_callback"),
    path("uitloggen/", login.LogoutView.as_view(), name="logout"),
    path("taal/", login.language_set, name="language"),
    path("sessies/beeindigen/", account.sessions_end, name="sessions_end"),
    path("wachtwoord/", password.password_change, name="password_change"),
    path("wachtwoord-vergeten/", password.password_reset, name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/", password.password_reset_sent, name="password_reset_sent"
    ),
    path(
        "wachtwoord-herstellen/<str:uidb64>/<str:token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_link",
    ),
    path("aanmelding/verstuurd/", signup.signup_sent, name="signup_sent"),
    path("aanmelding/bevestigen/", signup.signup_confirm, name="signup_confirm"),
    path("aanmelding/<str:uidb64>/<str:token>/", signup.signup_link, name="signup_link"),
    path("tokens/", tokens.token_list, name="token_list"),
    path("tokens/<int:pk>/intrekken/", tokens.token_revoke, name="token_revoke"),
    path("inloggen/code/", second_factor.login_code, name="login_code"),
    path("bevestigen/", second_factor.step_up, name="step_up"),
    path("tweestaps/", second_factor.second_factor_status, name="second_factor_status"),
    path("tweestaps/instellen/", second_factor.second_factor_enrol, name="second_factor_enrol"),
    path(
        "tweestaps/herstelcodes/",
        second_factor.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("tweestaps/verwijderen/", second_factor.second_factor_remove, name="second_factor_remove"),
]
