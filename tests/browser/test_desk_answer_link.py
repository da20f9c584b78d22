"""An anonymous question gets its answer, in real Chromium: a visitor without an account asks
at the desk and lands on the question's private page, which shows its link once; the exam
committee answers; the visitor, in a fresh browser (no cookies, nothing but the link), opens
the link and reads the question with its answer, and the answer also came by e-mail. A link
with a wrong token shows nothing."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from parcours.examcommittee.models import DeskRequest
from parcours.notifications.models import OutboxMessage
from tests import factories
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASKER = "sam.jansen@example.org"
ANSWER = "Ja, een EVC-certificaat telt mee als bewijs bij een vrijstellingsverzoek."


def test_an_anonymous_question_is_answered_and_read_through_its_private_link(page):
    oer = factories.published_oer()
    programme = oer.variant.programme
    factories.user_with_role("exam_committee", programme, username="commissie")

    # the visitor asks, without an account
    page.goto("/loket/")
    page.wait_for_url("**/loket/99XX/")
    page.get_by_test_id("desk-ask").click()
    form = page.get_by_test_id("question-form")
    form.locator("[name=contact_name]").fill("Sam Jansen")
    form.locator("[name=contact_email]").fill(ASKER)
    form.locator("[name=programme]").select_option(str(programme.pk))
    form.locator("[name=subject]").fill("EVC-certificaat")
    form.locator("[name=message]").fill("Telt mijn EVC-certificaat mee?")
    page.get_by_test_id("question-submit").click()

    page.wait_for_url("**/loket/antwoord/**")
    expect(page.get_by_test_id("private-link")).to_be_visible()
    link = page.get_by_test_id("private-link-url").input_value()
    assert link.startswith(page.url.split("/loket/")[0] + "/loket/antwoord/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    expect(page.get_by_test_id("no-answer-yet")).to_be_visible()
    asked = DeskRequest.objects.get()
    assert token not in asked.answer_token_hash  # only its hash is stored

    # the exam committee answers
    page.context.clear_cookies()
    log_in(page, "commissie", factories.PASSWORD)
    page.wait_for_url("**/start/")
    page.goto(f"/examencommissie/loket/{asked.pk}/")
    page.get_by_test_id("answer-form").locator("[name=answer]").fill(ANSWER)
    page.get_by_test_id("answer-submit").click()
    expect(page.get_by_test_id("request-closed")).to_be_visible()

    # the visitor, in a fresh browser with nothing but the link, reads the answer
    fresh = page.context.browser.new_context(locale="nl-NL")
    try:
        visitor = fresh.new_page()
        visitor.goto(link)
        expect(visitor.get_by_test_id("desk-answer")).to_contain_text(ANSWER)
        expect(visitor.get_by_test_id("desk-question")).to_contain_text("EVC-certificaat")
        expect(visitor.get_by_test_id("private-link")).to_have_count(0)  # shown once only
        wrong = visitor.goto(link.replace(token, token[::-1]))
        assert wrong is not None
        assert wrong.status == 404
    finally:
        fresh.close()

    # and the answer came by e-mail, in the language the question was asked in
    (message,) = [m for m in mail.outbox if m.to == [ASKER]]
    assert message.subject == "Antwoord op je vraag: EVC-certificaat"
    assert ANSWER in message.body
    assert token not in message.body
    assert OutboxMessage.objects.get(recipient=ASKER).status == "sent"
