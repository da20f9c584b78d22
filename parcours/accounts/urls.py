from django.urls import path

from .views import login, second_factor

app_name = "accounts"
urlpatterns = [
    path("inloggen/", login.LoginView.as_view(), name="login"),
    path("inloggen/code/", second_factor.login_code, name="login_code"),
    path("uitloggen/", login.LogoutView.as_view(), name="logout"),
    path("taal/", login.language_set, name="language"),
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
