"""Choosing the interface language: remembered per user, applied at login."""

from tests import factories


def test_signed_in_user_switching_language_keeps_the_choice(client, db):
    user = factories.UserFactory()
    client.force_login(user)
    response = client.post("/account/taal/", {"language": "en", "next": "/regels/"})
    assert (response.status_code, response["Location"]) == (302, "/regels/")
    user.refresh_from_db()
    assert user.preferred_language == "en"
    assert client.get("/regels/").content.decode().count("Rules as code") == 1


def test_language_switch_refuses_to_redirect_off_site(client, db):
    response = client.post("/account/taal/", {"language": "xx", "next": "//evil.example/"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert response.cookies["django_language"].value == "nl"


def test_login_switches_to_the_users_language(client, db):
    factories.UserFactory(username="priya", preferred_language="en")
    response = client.post(
        "/account/inloggen/", {"username": "priya", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
