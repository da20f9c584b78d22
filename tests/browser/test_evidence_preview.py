"""Chromium shows a PDF of evidence in its viewer and an image as an image on the item's page,
under the site's own policy (tests/portfolio/test_preview.py checks the responses)."""

import pytest
from django.urls import reverse

from tests import factories
from tests.browser.conftest import STEP_TIMEOUT_MS, log_in
from tests.portfolio.test_preview import upload
from tests.portfolio.test_uploads import image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chromium_shows_the_pdf_in_its_viewer_and_the_image(chromium, live_server):
    """The page's policy lets the frame and the image load, and Chromium's PDF viewer runs on
    the sandboxed PDF (it would refuse in a frame with a `sandbox` attribute)."""
    enrol = factories.enrolment(factories.published_oer().variant)
    pdf_item = upload(enrol, "zorgplan.pdf", factories.MINIMAL_PDF)
    png_item = upload(enrol, "foto.png", image("PNG"), title="Foto")
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(STEP_TIMEOUT_MS)
    page = context.new_page()
    try:
        log_in(page, enrol.student.username, factories.PASSWORD)
        page.wait_for_url("**/start/")
        page.goto(reverse("portfolio:item_detail", args=[pdf_item.pk]))
        frame = page.get_by_test_id("preview-frame")
        frame.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => [...document.querySelectorAll('iframe')].length === 1", timeout=5_000
        )
        page.wait_for_timeout(1_500)  # the viewer is an extension frame inside the PDF's frame
        urls = [f.url for f in page.frames]
        assert any(u.startswith("chrome-extension://") for u in urls), urls
        assert not any(u.startswith("chrome-error://") for u in urls), urls

        page.goto(reverse("portfolio:item_detail", args=[png_item.pk]))
        image_element = page.get_by_test_id("preview-image")
        image_element.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => document.querySelector('[data-testid=preview-image]').complete"
        )
        assert image_element.evaluate("img => img.naturalWidth") == 8
    finally:
        context.close()
