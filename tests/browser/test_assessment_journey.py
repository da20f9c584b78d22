"""The assessment journey in real Chromium, across five people: a student adds a professional
product to the portfolio (a real PDF from a temporary folder), maps it to criteria of two units
and has the workplace supervisor confirm it through the single-use link from the e-mail (in a
browser without an account); the student requests an integral assessment of both units with
that evidence; the coordinator assigns two assessors by workload; they score blind, one point
apart (so no third assessor), and the second records consensus; the student reads both units
achieved with the feedback, and nothing of the individual scores.

Only the starting world (programme, published OER, enrolment with a coach, two assessors and an
assessment coordinator) is made with the factories; every step after that goes through the
pages. The browser asks for Dutch (locale nl-NL); the steps find their elements by test id,
data attributes and addresses, not by translated text."""

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from parcours.accounts.models import Role
from parcours.assessments.models import AssessmentRequest, AssessorAssignment
from parcours.portfolio.models import EvidenceItem, WorkplaceConfirmation
from tests import factories
from tests.browser.conftest import STEP_TIMEOUT_MS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Zorgplan wijkteam mevrouw J."
OTHER_TITLE = "Reflectieverslag eerste stageweek"
SUPERVISOR = "Marieke de Vries"
SUPERVISOR_EMAIL = "m.devries@thuiszorg-oost.example"
LABELS = ("U1 LU1.1", "U1 LU1.2", "U2 LU1.1", "U2 LU1.2")
FIRST_COMMENT = "Beoordelaar-een: de bronnen zijn overtuigend verwerkt in {label}."
SECOND_COMMENT = "Beoordelaar-twee: sterk uitgewerkt voor {label}."
FEEDBACK = {
    "U1": "Je onderbouwt je keuzes in het zorgplan met actuele bronnen.",
    "U2": "Je reflectie op je eigen handelen in het wijkteam is eerlijk en concreet.",
}


def _as(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, factories.PASSWORD)
    page.wait_for_url("**/start/")


def _menu(page, url: str) -> None:
    """Follow the item of the main menu that leads to `url`."""
    page.locator(f'header nav a[href="{url}"]').click()
    page.wait_for_url(f"**{url}")


def _settled(page) -> None:
    """No htmx request is under way (the pages check choices as they change)."""
    expect(page.locator(".htmx-request")).to_have_count(0)


def test_integral_assessment_from_upload_to_feedback(page, chromium, live_server, tmp_path):
    # pytest-django's test environment keeps sent mail in memory (live_server shares the process)
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    oer = factories.published_oer()
    programme = oer.variant.programme
    u1, u2 = oer.units.get(code="U1"), oer.units.get(code="U2")
    coach = factories.user_with_role(Role.COACH, programme, username="coach")
    student = factories.UserFactory(username="student", first_name="Sanne", last_name="Jansen")
    enrolment = factories.enrolment(oer.variant, student=student, coach=coach)
    factories.user_with_role(Role.ASSESSOR, programme, username="beoordelaar1")
    factories.user_with_role(Role.ASSESSOR, programme, username="beoordelaar2")
    factories.user_with_role(Role.ASSESSMENT_COORDINATOR, programme, username="coordinator")
    pdf = tmp_path / "zorgplan-wijkteam.pdf"
    pdf.write_bytes(factories.MINIMAL_PDF)

    # 1. the student adds the professional product as an upload ...
    _as(page, "student")
    _menu(page, "/portfolio/")
    page.get_by_test_id("add-evidence").click()
    page.wait_for_url("**/portfolio/nieuw/")
    form = page.get_by_test_id("item-create-form")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=kind]").select_option("professional_product")
    form.locator("[name=evidence_date]").fill("2026-10-15")
    form.locator("[name=workplace]").fill("Wijkteam Oost")
    form.locator("[name=organisation]").fill("Thuiszorg Oost")
    form.locator("[name=file]").set_input_files(str(pdf))
    page.get_by_test_id("item-create-submit").click()
    page.wait_for_url("**/portfolio/bewijsstukken/*/")
    item = EvidenceItem.objects.get()
    expect(page.get_by_test_id("item-title")).to_have_text(TITLE)
    expect(page.get_by_test_id("version-1")).to_contain_text("zorgplan-wijkteam.pdf")
    expect(page.get_by_test_id("version-1")).to_contain_text("application/pdf")

    # ... maps it to the criteria of U1 and U2 in the mapping editor ...
    mapping = page.get_by_test_id("mapping-form")
    expect(mapping).to_be_visible()  # open while nothing is mapped
    for unit in (u1, u2):
        boxes = mapping.get_by_test_id(f"map-unit-{unit.pk}").locator("input[name=criteria]")
        expect(boxes).to_have_count(2)
        for box in boxes.all():
            box.check()
    page.get_by_test_id("mapping-save").click()
    page.wait_for_url(f"**/portfolio/bewijsstukken/{item.pk}/#mapping")
    for code in ("U1", "U2"):
        expect(page.get_by_test_id(f"mapped-{code}").locator("li")).to_have_count(2)

    # ... and U1's coverage has no gap left
    page.get_by_test_id("coverage-link-U1").click()
    page.wait_for_url(f"**/portfolio/eenheden/{u1.pk}/")
    expect(page.get_by_test_id("no-gaps")).to_be_visible()
    expect(page.locator("[data-testid^=criterion-][data-state=covered]")).to_have_count(2)
    expect(page.locator("[data-testid^=criterion-][data-state=gap]")).to_have_count(0)

    # a second item (a link), so the supervisor's page can show it is left out
    _menu(page, "/portfolio/")
    page.get_by_test_id("add-evidence").click()
    form = page.get_by_test_id("item-create-form")
    form.locator("[name=title]").fill(OTHER_TITLE)
    form.locator("[name=kind]").select_option("reflection")
    form.locator("[name=evidence_date]").fill("2026-09-12")
    form.locator("[name=link]").fill("https://example.org/reflectie-week-1")
    page.get_by_test_id("item-create-submit").click()
    page.wait_for_url("**/portfolio/bewijsstukken/*/")
    expect(page.get_by_test_id("item-title")).to_have_text(OTHER_TITLE)

    # 2. the student invites the workplace supervisor for the first item
    _menu(page, "/portfolio/")
    page.get_by_test_id(f"evidence-row-{item.pk}").get_by_test_id("evidence-link").click()
    page.wait_for_url(f"**/portfolio/bewijsstukken/{item.pk}/")
    invite = page.get_by_test_id("invite-form")
    invite.locator("[name=supervisor_name]").fill(SUPERVISOR)
    invite.locator("[name=supervisor_email]").fill(SUPERVISOR_EMAIL)
    page.get_by_test_id("invite-send").click()
    page.wait_for_url(f"**/portfolio/bewijsstukken/{item.pk}/#confirmations")
    confirmation = WorkplaceConfirmation.objects.get()
    expect(page.get_by_test_id(f"confirmation-{confirmation.pk}")).to_have_attribute(
        "data-state", "open"
    )
    assert [m.to for m in mail.outbox] == [[SUPERVISOR_EMAIL]]
    links = set(re.findall(r"https?://\S+/bevestigen/[A-Za-z0-9_-]{20,100}/", mail.outbox[0].body))
    assert len(links) == 1
    link = links.pop()
    assert link.startswith(live_server.url)

    # the supervisor opens the link in a browser of their own, without an account
    supervisor = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    supervisor.set_default_timeout(STEP_TIMEOUT_MS)
    try:
        other = supervisor.new_page()
        other.goto(link)
        other.wait_for_url("**/bevestigen/")  # the token leaves the address bar
        shown = other.get_by_test_id("workplace-item")
        expect(shown).to_have_count(1)
        expect(shown.locator("h2")).to_have_text(TITLE)
        expect(other.get_by_test_id("workplace-student")).to_have_text("Sanne Jansen")
        expect(other.get_by_test_id("workplace-download")).to_have_text("zorgplan-wijkteam.pdf")
        assert OTHER_TITLE not in other.content()
        expect(other.locator('a[href^="/portfolio/"]')).to_have_count(0)
        answer = other.get_by_test_id("workplace-form")
        expect(answer.locator("[name=name]")).to_have_value(SUPERVISOR)
        answer.locator("[name=role]").fill("Praktijkbegeleider wijkverpleging")
        expect(answer.locator("[name=organisation]")).to_have_value("Thuiszorg Oost")
        other.get_by_test_id("workplace-confirm").click()
        expect(other.get_by_test_id("workplace-thanks")).to_be_visible()
        assert TITLE not in other.content()

        # the link works once: opening it again says it was used (410), showing nothing
        response = other.goto(link)
        assert response is not None
        assert response.status == 410
        closed = other.get_by_test_id("workplace-closed")
        expect(closed).to_have_attribute("data-status", "410")
        expect(other.get_by_test_id("workplace-closed-message")).to_have_text(
            "Deze link is al gebruikt; het antwoord is vastgelegd."
        )
        expect(other.get_by_test_id("workplace-item")).to_have_count(0)
        assert TITLE not in other.content()
    finally:
        supervisor.close()

    # the student's item page shows the confirmation with the supervisor's name
    page.reload()
    row = page.get_by_test_id(f"confirmation-{confirmation.pk}")
    expect(row).to_have_attribute("data-state", "confirmed")
    expect(row.locator("td").nth(4)).to_contain_text(
        f"{SUPERVISOR}, Praktijkbegeleider wijkverpleging (Thuiszorg Oost)"
    )

    # 3. the student requests an integral assessment of U1 and U2 with the confirmed item
    _menu(page, "/beoordelen/")
    page.get_by_test_id(f"enrolment-{enrolment.pk}").get_by_test_id("new-request").click()
    page.wait_for_url(f"**/beoordelen/inschrijvingen/{enrolment.pk}/aanvragen/")
    for code in ("U1", "U2"):
        page.get_by_test_id(f"unit-choice-{code}").locator("input").check()
        _settled(page)
    page.locator("#id_request_integral").check()
    _settled(page)
    page.get_by_test_id(f"item-choice-{item.pk}").locator("input").check()
    _settled(page)
    mapped = page.get_by_test_id(f"item-choice-{item.pk}").get_by_test_id("item-criteria")
    expect(mapped.locator("code")).to_have_text(sorted(LABELS))
    page.get_by_test_id("request-submit").click()
    page.wait_for_url("**/beoordelen/aanvragen/*/")
    request = AssessmentRequest.objects.get()
    units = sorted(request.request_units.values_list("unit__code", flat=True))
    assert (request.integral, units) == (True, ["U1", "U2"])
    expect(page.get_by_test_id("status")).to_have_class(re.compile(r"\bstatus-requested\b"))
    expect(page.get_by_test_id("frozen-item")).to_have_count(1)

    # 4. the coordinator assigns two assessors by workload
    _as(page, "coordinator")
    _menu(page, "/beoordelen/coordinatie/")
    expect(page.get_by_test_id(f"queue-{request.pk}").get_by_test_id("queue-coach")).to_have_text(
        str(coach)
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_test_id(f"assign-by-workload-{request.pk}").click()
    assert posted.value.status == 302  # back to the queue
    page.wait_for_load_state()
    expect(page.get_by_test_id(f"queue-{request.pk}")).to_have_count(0)
    expect(page.get_by_test_id(f"progress-{request.pk}")).to_have_count(1)
    assigned = list(
        AssessorAssignment.objects.filter(request=request)
        .order_by("position")
        .values_list("assessor__username", "position")
    )
    assert sorted(u for u, _ in assigned) == ["beoordelaar1", "beoordelaar2"]
    assert [p for _, p in assigned] == [1, 2]

    # 5. the first assessor sees the frozen evidence and scores every criterion 3, with comments
    _as(page, "beoordelaar1")
    _menu(page, "/beoordelen/werk/")
    page.get_by_test_id(f"open-{request.pk}").click()
    page.wait_for_url(f"**/beoordelen/aanvragen/{request.pk}/")
    frozen = page.get_by_test_id("frozen-item")
    expect(frozen).to_have_count(1)
    expect(frozen).to_contain_text(TITLE)
    expect(frozen.get_by_test_id("frozen-download")).to_have_text("zorgplan-wijkteam.pdf")
    expect(frozen.locator("code")).to_have_text(sorted(LABELS))
    scores = page.get_by_test_id("scores-form")
    for label in LABELS:
        scores.get_by_test_id(f"score-{label}").select_option("3")
        scores.get_by_test_id(f"comment-{label}").fill(FIRST_COMMENT.format(label=label))
    page.get_by_test_id("scores-confirm").check()
    page.get_by_test_id("scores-submit").click()
    page.wait_for_url(f"**/beoordelen/aanvragen/{request.pk}/#scoring")
    expect(page.get_by_test_id("waiting-for-others")).to_be_visible()
    expect(page.get_by_test_id("scores-form")).to_have_count(0)

    # the second assessor sees nothing of the first one's scores before submitting their own
    _as(page, "beoordelaar2")
    _menu(page, "/beoordelen/werk/")
    page.get_by_test_id(f"open-{request.pk}").click()
    page.wait_for_url(f"**/beoordelen/aanvragen/{request.pk}/")
    scores = page.get_by_test_id("scores-form")
    expect(scores).to_be_visible()
    expect(page.get_by_test_id("score-comparison")).to_have_count(0)
    expect(page.get_by_test_id("other-score")).to_have_count(0)
    expect(page.get_by_test_id("own-score")).to_have_count(0)
    content = page.content()
    assert "Beoordelaar-een" not in content
    for label in LABELS:
        assert FIRST_COMMENT.format(label=label) not in content
        expect(scores.get_by_test_id(f"score-{label}")).to_have_value("")
    for label in LABELS:
        scores.get_by_test_id(f"score-{label}").select_option("4")
        scores.get_by_test_id(f"comment-{label}").fill(SECOND_COMMENT.format(label=label))
    page.get_by_test_id("scores-confirm").check()
    page.get_by_test_id("scores-submit").click()
    page.wait_for_url(f"**/beoordelen/aanvragen/{request.pk}/#scoring")

    # one point apart on every criterion: no third assessor, straight to the comparison
    expect(page.get_by_test_id("status")).to_have_class(re.compile(r"\bstatus-consensus\b"))
    expect(page.get_by_test_id("third-assessor-note")).to_have_count(0)
    for label in LABELS:
        compared = page.get_by_test_id(f"compare-{label}")
        expect(compared.get_by_test_id("own-score")).to_contain_text("4")
        expect(compared.get_by_test_id("other-score")).to_contain_text("3")
        expect(compared.get_by_test_id("other-score")).to_contain_text(
            FIRST_COMMENT.format(label=label)
        )
        expect(compared.get_by_test_id("spread")).to_have_text("1")

    # ... and records consensus: final scores and feedback per unit
    consensus = page.get_by_test_id("consensus-form")
    for label in LABELS:
        consensus.get_by_test_id(f"final-{label}").select_option("3")
        _settled(page)
    for code, text in FEEDBACK.items():
        consensus.get_by_test_id(f"feedback-{code}").fill(text)
    for code in ("U1", "U2"):
        expect(page.get_by_test_id(f"computed-{code}").locator(".result")).to_have_class(
            re.compile(r"\bachieved\b")
        )
    page.get_by_test_id("consensus-submit").click()
    page.wait_for_url(f"**/beoordelen/aanvragen/{request.pk}/#results")
    expect(page.get_by_test_id("status")).to_have_class(re.compile(r"\bstatus-completed\b"))
    request.refresh_from_db()
    assert request.status == AssessmentRequest.Status.COMPLETED

    # 6. the student reads both units achieved with the feedback, and no individual scores
    _as(page, "student")
    _menu(page, "/beoordelen/")
    listed = page.get_by_test_id(f"request-{request.pk}")
    for code, text in FEEDBACK.items():
        result = listed.get_by_test_id(f"result-{code}")
        expect(result.get_by_test_id("result-value")).to_have_class(re.compile(r"\bachieved\b"))
        expect(result.get_by_test_id("feedback")).to_have_text(text)
    listed.locator(f'a[href="/beoordelen/aanvragen/{request.pk}/"]').click()
    page.wait_for_url(f"**/beoordelen/aanvragen/{request.pk}/")
    expect(page.get_by_test_id("status")).to_have_class(re.compile(r"\bstatus-completed\b"))
    for code, text in FEEDBACK.items():
        result = page.get_by_test_id("results").get_by_test_id(f"result-{code}")
        expect(result.get_by_test_id("result-value")).to_have_class(re.compile(r"\bachieved\b"))
        expect(result.get_by_test_id("feedback")).to_have_text(text)
        expect(result.get_by_test_id("final-score")).to_have_text(["3", "3"])
    for hidden in ("scoring", "score-comparison", "own-score", "other-score", "assessors"):
        expect(page.get_by_test_id(hidden)).to_have_count(0)
    content = page.content()
    for label in LABELS:
        assert FIRST_COMMENT.format(label=label) not in content
        assert SECOND_COMMENT.format(label=label) not in content
