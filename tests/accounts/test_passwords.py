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
