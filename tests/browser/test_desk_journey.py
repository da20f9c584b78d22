"""The validation desk's journey in real Chromium, across two people: a prospective student
signs up at the desk, confirms the address by the link in the e-mail, and requests exemption
from two units with an RPL certificate (a real PDF from a temporary folder); the exam committee
opens the request, drafts the decision, grants both units, is refused "Make known" once without
reasons (the missing part is named), adds them and makes the decision known; the student
downloads the letter (a PDF that names the last day to appeal) and sees both units exempted on
their progress page.

The browser asks for Dutch (locale nl-NL), so the decision and its letter are in Dutch; the
steps find their elements by test id."""

import io

import pytest
import weasyprint
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect
from pypdf import PdfReader

from parcours.examcommittee.letters import long_date
from parcours.examcommittee.models import Decision, DeskDocument, DeskRequest
from parcours.rules.decisions import decision_term_end
from tests import factories
from tests.accounts.mailbox import SIGNUP_LINK, link_in
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "petra.bakker@example.org"
PASSWORD = "Zorg-en-welzijn-2027!"
REASONS = "Het EVC-certificaat toont de leeruitkomsten van U1 en U2 op niveau 6 aan."


def _certificate(folder) -> str:
    """A real PDF, as an RPL provider would send it."""
    path = folder / "evc-certificaat.pdf"
    weasyprint.HTML(
        string="<h1>EVC-certificaat</h1><p>Petra Bakker toont de leeruitkomsten van "
        "Verpleegkunde U1 en U2 aan op niveau 6.</p><p>EVC-centrum Zorg</p>"
    ).write_pdf(path)
    return str(path)


def _as(page, username: str, password: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, password)
    page.wait_for_url("**/start/")


def test_prospective_student_is_exempted_from_two_units_and_downloads_the_letter(page, tmp_path):
    oer = factories.published_oer()
    programme = oer.variant.programme
    factories.user_with_role(
        "exam_committee", programme, username="commissie", first_name="Ans", last_name="de Wit"
    )
    certificate = _certificate(tmp_path)

    # the prospective student signs up at the desk and sends the request
    page.goto("/loket/")
    page.wait_for_url("**/loket/99XX/")
    page.get_by_test_id("desk-exemption").click()
    signup = page.get_by_test_id("signup-form")
    signup.locator("[name=first_name]").fill("Petra")
    signup.locator("[name=last_name]").fill("Bakker")
    signup.locator("[name=email]").fill(EMAIL)
    signup.locator("[name=password]").fill(PASSWORD)
    page.get_by_test_id("signup-submit").click()
    page.wait_for_url("**/account/aanmelding/verstuurd/")
    # the account waits for the link in the e-mail (sent through the outbox once committed)
    (confirmation,) = [m for m in mail.outbox if m.to == [EMAIL]]
    page.goto(link_in(confirmation, SIGNUP_LINK))
    page.get_by_test_id("signup-confirm").click()
    page.wait_for_url("**/loket/99XX/vrijstelling/**")

    page.get_by_test_id("unit-2026-U1").locator("input").check()
    page.get_by_test_id("unit-2026-U2").locator("input").check()
    form = page.get_by_test_id("exemption-form")
    form.locator("[name=message]").fill("Ik werk tien jaar als verpleegkundige in de wijk.")
    row = page.get_by_test_id("document-row-0")
    row.locator("[name=doc_file_0]").set_input_files(certificate)
    row.locator("[name=doc_kind_0]").select_option("rpl_certificate")
    row.locator("[name=doc_issuer_0]").fill("EVC-centrum Zorg")
    page.get_by_test_id("exemption-submit").click()
    page.wait_for_url("**/loket/mijn-verzoeken/*/")
    # eight weeks, or a day or two more when they end on a rest day (Atw art. 1)
    today = timezone.localdate()
    days = (decision_term_end(today) - today).days
    assert 56 <= days <= 59
    expect(page.get_by_test_id("countdown")).to_have_attribute("data-days", str(days))
    expect(page.get_by_test_id("document-download")).to_have_text("evc-certificaat.pdf")
    request = DeskRequest.objects.get()
    assert sorted(request.units.values_list("code", flat=True)) == ["U1", "U2"]
    assert DeskDocument.objects.get().kind == "rpl_certificate"

    # the committee opens the request and drafts the decision
    _as(page, "commissie", factories.PASSWORD)
    page.goto("/examencommissie/loket/")
    page.get_by_test_id(f"queue-{request.pk}").get_by_role("link").click()
    page.get_by_test_id("draft-submit").click()
    page.wait_for_url("**/examencommissie/besluiten/*/")
    page.get_by_test_id("unit-row-U1").locator("input[value=yes]").check()
    page.get_by_test_id("unit-row-U2").locator("input[value=yes]").check()
    page.locator("[name=decided_on]").fill("2026-11-20")

    # the draft is saved; "Make known" (confirmed) without reasons is refused, naming the
    # missing part next to its field of the saved draft
    page.get_by_test_id("decision-save").click()
    page.wait_for_url("**/examencommissie/besluiten/*/")
    page.get_by_test_id("make-known-confirm").check()
    page.get_by_test_id("decision-make-known").click()
    missing = page.get_by_test_id("missing-part")
    expect(missing).to_have_count(1)
    expect(missing).to_have_attribute("data-part", "reasons")
    expect(missing).to_have_text("motivering")
    expect(page.get_by_test_id("field-reasons").locator(".errorlist")).to_contain_text(
        "decision.awb-complete"
    )
    expect(page.get_by_test_id("unit-row-U1").locator("input[value=yes]")).to_be_checked()
    assert Decision.objects.get().made_known_on is None

    page.locator("[name=reasons]").fill(REASONS)
    page.get_by_test_id("decision-save").click()
    page.wait_for_url("**/examencommissie/besluiten/*/")
    page.get_by_test_id("make-known-confirm").check()
    page.get_by_test_id("decision-make-known").click()
    page.wait_for_url("**/examencommissie/besluiten/*/")
    expect(page.get_by_test_id("appeal-term")).to_be_visible()
    decision = Decision.objects.get()
    assert (decision.outcome, decision.appeal_deadline is not None) == ("granted", True)
    expect(page.get_by_test_id("appeal-deadline")).to_have_text(
        decision.appeal_deadline.isoformat()
    )

    # the student downloads the letter, which names the last day to appeal
    _as(page, EMAIL, PASSWORD)
    page.goto("/loket/mijn-besluiten/")
    with page.expect_download() as download_info:
        page.get_by_test_id(f"my-decision-{decision.pk}").get_by_test_id("letter-download").click()
    download = download_info.value
    assert download.suggested_filename == f"besluit-EC-{decision.pk:05d}.pdf"
    with open(download.path(), "rb") as letter:
        content = letter.read()
    assert content.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split()
    )
    with translation.override("nl"):
        last_day = long_date(decision.appeal_deadline)
    assert f"U kunt uiterlijk {last_day} beroep instellen." in text
    assert "Petra Bakker" in text
    assert REASONS in text

    # the progress page shows both units exempted
    page.goto("/voortgang/")
    for code in ("U1", "U2"):
        tile = page.get_by_test_id(f"tile-{code}")
        expect(tile).to_have_attribute("data-state", "exempted")
        expect(tile).to_have_attribute("data-how", "exemption")
    expect(page.get_by_test_id("tile-U3")).to_have_attribute("data-state", "open")
