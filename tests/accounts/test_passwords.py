import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher

from tests import factories


def test_passwords_are_stored_as_argon2id(db):
    user = factories.UserFactory()
    assert user.password.startswith("argon2$argon2id$")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password(factories.PASSWORD)
    assert not user.check_password("wrong")


def test_production_settings_hash_with_argon2_first():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert settings.PASSWORD_HASHERS == ["config.test_settings.CheapArgon2PasswordHasher"]


# --- the password policy: 12 characters, not common, not like the user, no words of this site --

from django.contrib.auth import password_validation  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.utils import translation  # noqa: E402

from parcours.accounts.models import User  # noqa: E402


def refusals(password: str, user=None) -> list[str]:
    """Why the password is refused, in English."""
    with translation.override("en"):
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            return list(exc.messages)
    return []


def test_eight_and_eleven_characters_are_too_short_twelve_are_enough(db):
    factories.institution()  # "Hogeschool Test", BRIN 99XX
    too_short = "This password is too short. It must contain at least 12 characters."
    assert refusals("Kx7#mQ2!") == [too_short]  # the 8 characters self-signup took before
    assert refusals("Kx7#mQ2!vR4") == [too_short]
    assert refusals("Kx7#mQ2!vR4@") == []


def test_common_and_numeric_passwords_are_refused(db):
    assert refusals("password1234") == ["This password is too common."]
    assert refusals("123456789012") == ["This password is entirely numeric."]
    assert refusals("1234567890123") == [  # the common list has long runs of digits too
        "This password is too common.",
        "This password is entirely numeric.",
    ]


def test_a_password_like_the_users_name_or_address_is_refused(db):
    user = User(username="petra.bakker", first_name="Petra", last_name="Bakker")
    user.email = "petra.bakker@example.org"
    assert refusals("petra.bakker1", user) == [
        "The password is too similar to the username.",
    ]


@pytest.mark.parametrize(
    ("password", "word"),
    [
        ("MijnParcoursWachtwoord", "Parcours"),
        ("mijn-p4rc0urs-wachtwoord", "Parcours"),  # digits written for letters
        ("zomer-PARCOURS-2027", "Parcours"),
        ("welkom-bij-hogeschool-2027", "Hogeschool"),  # a word of the institution's name
        ("HogeschoolTest!2027", "Hogeschool Test"),
        ("student-99xx-wachtwoord", "99XX"),  # the BRIN code
    ],
)
def test_words_of_this_site_and_its_institutions_are_refused(db, password, word):
    factories.institution()
    assert refusals(password) == [
        f"This password contains “{word}”, the name of this site or of the institution; "
        "choose one without it."
    ]


def test_a_password_without_those_words_passes(db):
    factories.institution()
    assert refusals("Zorg-en-welzijn-2027!") == []
    assert refusals("rustige-kastanje-lamp") == []


def test_the_settings_name_the_validators():
    from config import settings as production

    assert [v["NAME"].rsplit(".", 1)[1] for v in production.AUTH_PASSWORD_VALIDATORS] == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
        "ContextWordsValidator",
    ]
    assert production.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"] == {"min_length": 12}
    assert production.AUTH_PASSWORD_VALIDATORS[4]["OPTIONS"] == {"words": ["Parcours"]}
