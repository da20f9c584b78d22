import pytest

from tests import factories


@pytest.fixture
def programme(db):
    return factories.programme()


@pytest.fixture
def variant(programme):
    return factories.outcome_based_variant(programme)


@pytest.fixture
def oer(variant):
    return factories.draft_oer(variant)


@pytest.fixture
def manager(programme):
    return factories.user_with_role("programme_manager", programme)
