import pytest

from tests import factories
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_wrong_password_is_refused_then_right_password_lands_on_start_page(page):
    programme = factories.programme()
    user = factories.user_with_role("programme_manager", programme, username="manager")
    log_in(page, "manager", "wrong-password")
    assert page.get_by_role("alert").is_visible()
    assert "/account/inloggen/" in page.url
    log_in(page, "manager", factories.PASSWORD)
    page.wait_for_url("**/start/")
    assert page.locator(".who").inner_text() == str(user)
