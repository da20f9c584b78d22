"""The portfolio pages: the student's list, an item with its versions, mapping and workplace
confirmation, coverage per unit with its gaps, downloads, the coach's read-only view with the
VRAAK form, and the workplace supervisor's single-use page."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from parcours.portfolio import services
from parcours.portfolio.models import (
    EvidenceItem,
    EvidenceMapping,
    EvidenceVersion,
    VraakJudgement,
    WorkplaceConfirmation,
)
from tests import factories
from tests.portfolio.test_uploads import ITEM_FIELDS, pdf_of_size, post_file

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
INVITED_AT = datetime(2026, 10, 5, 9, 0, tzinfo=AMSTERDAM)
TOKEN_LINK = re.compile(r"http://testserver/bevestigen/([A-Za-z0-9_-]{43})/")
VERDICTS = {
    "variety": "sufficient",
    "relevance": "sufficient",
    "authenticity": "doubtful",
    "currency": "sufficient",
    "quantity": "insufficient",
}


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    enrol = factories.enrolment(oer.variant)
    u1, u2 = oer.units.get(code="U1"), oer.units.get(code="U2")
    item = factories.evidence_item(
        enrol,
        workplace="Afdeling Geriatrie",
        organisation="Ziekenhuis Noord",
        criteria=factories.criteria_of(u1)[:1] + factories.criteria_of(u2),
    )
    return {"oer": oer, "enrol": enrol, "u1": u1, "u2": u2, "item": item}


def url(name: str, *args) -> str:
    return reverse(f"portfolio:{name}", args=args)


def text(response) -> str:
    return unescape(response.content.decode())


def main(response) -> str:
    html = text(response)
    return html[html.index("<main>") : html.index("</main>")]


def logged_in(client, user):
    client.force_login(user)
    return client


# --- the student's list -------------------------------------------------------------------------


def test_my_portfolio_lists_my_items_with_their_facts(client, world):
    enrol, item = world["enrol"], world["item"]
    services.vraak_record(item, actor=enrol.coach, **VERDICTS)
    factories.evidence_item(enrol, title="Webinar", content=None, kind="video")

    html = main(logged_in(client, enrol.student).get(url("home")))

    row = html[html.index(f'data-testid="evidence-row-{item.pk}"') :]
    row = row[: row.index("</tr>")]
    assert ">Zorgplan mevrouw J.</a>" in row
    assert "<td>professional product</td>" in row
    assert "<td>2026-10-01</td>" in row
    assert "<td>Afdeling Geriatrie · Ziekenhuis Noord</td>" in row
    assert '<td data-testid="latest-version">version 1 · 233\xa0bytes</td>' in row
    assert '<td data-testid="mapped-units"><code>U1</code> <code>U2</code></td>' in row
    assert re.findall(r'data-verdict="(\w+)"', row) == list(VERDICTS.values())
    assert '<td data-testid="confirmation-status"><span class="muted">—</span></td>' in row
    assert 'data-testid="latest-version"><span class="muted">link</span>' in html  # the webinar
    assert "233\xa0bytes of 500.0\xa0MB (0%)" in html
    u1, u2 = world["u1"].pk, world["u2"].pk
    assert f'data-testid="unit-coverage-{u1}" data-covered="1" data-total="2"' in html
    assert f'data-testid="unit-coverage-{u2}" data-covered="2" data-total="2"' in html
    assert html.count('data-testid="coverage-link"') == 8


def test_my_portfolio_without_an_enrolment_says_so_and_leads_back(client, db):
    html = main(logged_in(client, factories.UserFactory()).get(url("home")))
    assert 'data-testid="no-enrolment"' in html
    assert 'href="/"' in html or reverse("start:home") in html


def test_the_menu_offers_my_portfolio_to_students(client, world):
    html = text(logged_in(client, world["enrol"].student).get(reverse("start:home")))
    assert f'<a href="{url("home")}">My portfolio</a>' in html


# --- adding and editing -------------------------------------------------------------------------


def test_adding_a_link_leads_to_the_new_item(client, world):
    student = world["enrol"].student
    response = logged_in(client, student).post(
        url("item_create"),
        ITEM_FIELDS | {"link": "https://video.example/reanimatie", "title": "Reanimatie-oefening"},
    )
    item = EvidenceItem.objects.get(title="Reanimatie-oefening")
    assert response.status_code == 302
    assert response["Location"] == url("item_detail", item.pk)
    assert (item.link, item.workplace, item.organisation, item.evidence_date) == (
        "https://video.example/reanimatie",
        "Afdeling Geriatrie",
        "Ziekenhuis Noord",
        date(2026, 10, 1),
    )
    assert item.versions.count() == 0


def test_an_item_without_file_or_link_is_refused_and_the_form_keeps_its_input(client, world):
    before = EvidenceItem.objects.count()
    response = logged_in(client, world["enrol"].student).post(url("item_create"), ITEM_FIELDS)
    assert response.status_code == 422
    html = text(response)
    assert (
        '<ul class="errorlist" id="id_item_file_error"><li>Add a file or a link.</li></ul>' in html
    )
    assert 'value="Afdeling Geriatrie"' in html
    assert '<option value="professional_product" selected>' in html
    assert EvidenceItem.objects.count() == before


def test_the_add_form_labels_every_field(client, world):
    html = text(logged_in(client, world["enrol"].student).get(url("item_create")))
    for name in ("title", "kind", "evidence_date", "description", "workplace", "organisation"):
        assert f'<label for="id_item_{name}">' in html
    assert '<label for="id_item_file">file:</label>' in html
    assert '<label for="id_item_link">link:</label>' in html
    assert ">Add evidence</button>" in html
    assert 'enctype="multipart/form-data"' in html


def test_a_student_with_two_enrolments_picks_the_programme(client, world):
    enrol = world["enrol"]
    other_programme = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    second = factories.enrolment(
        factories.outcome_based_variant(other_programme), student=enrol.student
    )
    client = logged_in(client, enrol.student)
    assert '<label for="id_item_enrolment">programme:</label>' in text(
        client.get(url("item_create"))
    )
    response = client.post(
        url("item_create"),
        ITEM_FIELDS | {"enrolment": second.pk, "link": "https://example.org/les"},
    )
    assert response.status_code == 302
    assert EvidenceItem.objects.get(link="https://example.org/les").enrolment == second


def test_a_coach_is_told_only_students_keep_a_portfolio(client, world):
    coach = world["enrol"].coach
    client = logged_in(client, coach)
    assert 'data-testid="no-enrolment"' in text(client.get(url("item_create")))
    before = EvidenceItem.objects.count()
    response = client.post(url("item_create"), ITEM_FIELDS | {"link": "https://example.org"})
    assert response.status_code == 403
    assert EvidenceItem.objects.count() == before


def test_the_student_edits_an_item(client, world):
    item = world["item"]
    data = ITEM_FIELDS | {"title": "Zorgplan (herzien)", "description": "Met evaluatie."}
    response = logged_in(client, world["enrol"].student).post(url("item_update", item.pk), data)
    assert response.status_code == 302
    assert response["Location"] == url("item_detail", item.pk) + "#details"
    item.refresh_from_db()
    assert (item.title, item.description) == ("Zorgplan (herzien)", "Met evaluatie.")


def test_a_link_item_keeps_its_link_and_the_refusal_shows_next_to_it(client, world):
    item = factories.evidence_item(world["enrol"], title="Webinar", content=None)
    response = logged_in(client, world["enrol"].student).post(
        url("item_update", item.pk), ITEM_FIELDS | {"title": "Webinar 2", "link": ""}
    )
    assert response.status_code == 422
    html = text(response)
    assert '<ul class="errorlist" id="id_edit_link_error"><li>Add a file or a link.</li>' in html
    assert 'value="Webinar 2"' in html
    item.refresh_from_db()
    assert (item.title, item.link) == ("Webinar", "https://example.org/werk")


def test_uploading_a_new_version_through_the_page(client, world):
    item = world["item"]
    content = pdf_of_size(2048)
    response = post_file(
        logged_in(client, world["enrol"].student),
        url("version_upload", item.pk),
        {},
        "zorgplan-v2.pdf",
        content,
    )
    assert response.status_code == 302
    assert response["Location"] == url("item_detail", item.pk) + "#versions"
    assert list(item.versions.values_list("number", "original_name", "size")) == [
        (2, "zorgplan-v2.pdf", 2048),
        (1, "zorgplan.pdf", 233),
    ]
    html = main(client.get(url("item_detail", item.pk)))
    assert html.count('data-testid="download-') == 2


def test_saving_the_mapping_over_two_units(client, world):
    item, u1, u2 = world["item"], world["u1"], world["u2"]
    wanted = factories.criteria_of(u1)[1:] + factories.criteria_of(u2)[:1]
    response = logged_in(client, world["enrol"].student).post(
        url("item_map", item.pk), {"criteria": [c.pk for c in wanted]}
    )
    assert response.status_code == 302
    assert set(item.mappings.values_list("criterion_id", flat=True)) == {c.pk for c in wanted}


def test_a_foreign_criterion_is_refused_on_the_mapping_form(client, world):
    item = world["item"]
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    foreign = factories.criteria_of(
        factories.published_oer(factories.outcome_based_variant(other)).units.get(code="U1")
    )[0]
    before = set(item.mappings.values_list("criterion_id", flat=True))
    response = logged_in(client, world["enrol"].student).post(
        url("item_map", item.pk), {"criteria": [foreign.pk]}
    )
    assert response.status_code == 422
    assert (
        '<ul class="errorlist" id="id_map_criteria_error"><li>A chosen criterion does not belong '
        "to your programme.</li>" in text(response)
    )
    assert set(item.mappings.values_list("criterion_id", flat=True)) == before


def test_the_item_page_shows_versions_mapping_and_the_editors(client, world):
    item = world["item"]
    html = main(logged_in(client, world["enrol"].student).get(url("item_detail", item.pk)))
    version = item.versions.get()
    assert f'<a href="{url("version_download", version.pk)}" download' in html
    assert "<td><code>application/pdf</code></td>" in html
    assert 'data-testid="mapped-U1"' in html
    assert 'data-testid="mapped-U2"' in html
    assert html.count('type="checkbox" name="criteria"') == 16  # 8 units × 2 criteria
    assert html.count('" checked>') == 3
    for button in (
        "Save changes",
        "Upload new version",
        "Save mapping",
        "Invite supervisor",
    ):
        assert f">{button}</button>" in html
    assert 'data-testid="vraak-form"' not in html  # the student does not judge
    assert '<label for="id_invite_supervisor_email">' in html


# --- coverage -----------------------------------------------------------------------------------


def test_coverage_shows_the_gaps(client, world):
    u1 = world["u1"]
    covered, gap = factories.criteria_of(u1)
    html = main(logged_in(client, world["enrol"].student).get(url("coverage", u1.pk)))
    assert "1 of 2 criteria covered (50%)" in html
    assert "1 criterion still has no evidence." in html
    assert f'data-testid="criterion-{covered.pk}" data-state="covered"' in html
    assert f'data-testid="criterion-{gap.pk}" data-state="gap"' in html
    assert '<meter id="coverage-meter" min="0" max="2" value="1" optimum="2">' in html
    assert html.count('<td class="cell hit">') == 1
    assert html.count('<td class="cell miss">') == 1


def test_a_unit_without_evidence_is_all_gaps_and_points_to_adding_evidence(client, world):
    u3 = world["oer"].units.get(code="U3")
    html = main(logged_in(client, world["enrol"].student).get(url("coverage", u3.pk)))
    assert "0 of 2 criteria covered (0%)" in html
    assert html.count('data-state="gap"') == 2
    assert f'<a href="{url("item_create")}">Add evidence</a>' in html


def test_coverage_of_a_unit_of_another_programme_is_not_found(client, world):
    other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    foreign = factories.published_oer(factories.outcome_based_variant(other)).units.get(code="U1")
    response = logged_in(client, world["enrol"].student).get(url("coverage", foreign.pk))
    assert response.status_code == 404


# --- query counts -------------------------------------------------------------------------------


def _fill(world, items: int) -> None:
    enrol = world["enrol"]
    criteria = factories.criteria_of(world["u1"]) + factories.criteria_of(world["u2"])
    for n in range(items - 1):  # the world has one already
        item = factories.evidence_item(
            enrol, title=f"Stuk {n}", criteria=criteria[n % 4 : n % 4 + 2]
        )
        services.vraak_record(item, actor=enrol.coach, **VERDICTS)
        services.confirmation_invite(
            item,
            actor=enrol.student,
            supervisor_email="praktijk@example.org",
            supervisor_name="Mevrouw De Vries",
            site_url="http://testserver/",
        )


@pytest.mark.parametrize("items", [2, 10])
def test_my_portfolio_query_count_does_not_grow_with_items(
    client, world, items, django_assert_max_num_queries
):
    _fill(world, items)
    client = logged_in(client, world["enrol"].student)
    # 18 today: 2 find the OER years, 2 page the items (a count) and read the mapped criteria
    with django_assert_max_num_queries(20):
        response = client.get(url("home"))
    assert main(response).count('data-testid="evidence-link"') == items


def test_my_portfolio_pages_the_items_newest_first_and_counts_coverage_over_all(client, world):
    """27 items: page 1 holds the 25 newest, page 2 the two oldest, among them the only item
    mapped to criteria; the coverage on page 1 counts it all the same."""
    enrol = world["enrol"]
    for day in range(2, 28):
        factories.evidence_item(
            enrol, title=f"Stuk {day:02d}", content=None, evidence_date=date(2026, 10, day)
        )
    client = logged_in(client, enrol.student)
    first = main(client.get(url("home")))
    titles = re.findall(r'data-testid="evidence-link">([^<]+)<', first)
    assert titles == [f"Stuk {day:02d}" for day in range(27, 2, -1)]
    assert "Page 1 of 2 (27 rows)" in first
    u1, u2 = world["u1"], world["u2"]
    assert f'data-testid="unit-coverage-{u1.pk}" data-covered="1"' in first
    assert (
        f'data-testid="unit-coverage-{u2.pk}" data-covered="{len(factories.criteria_of(u2))}"'
        in first
    )

    second = main(client.get(url("home") + "?pagina=2"))
    titles = re.findall(r'data-testid="evidence-link">([^<]+)<', second)
    assert titles == ["Stuk 02", world["item"].title]
    assert "Page 2 of 2 (27 rows)" in second


@pytest.mark.parametrize("items", [2, 10])
def test_coverage_query_count_does_not_grow_with_items(
    client, world, items, django_assert_max_num_queries
):
    _fill(world, items)
    client = logged_in(client, world["enrol"].student)
    with django_assert_max_num_queries(10):  # 8 today
        response = client.get(url("coverage", world["u1"].pk))
    assert response.status_code == 200


@pytest.mark.parametrize("items", [2, 10])
def test_the_coachs_view_query_count_does_not_grow_with_items(
    client, world, items, django_assert_max_num_queries
):
    _fill(world, items)
    client = logged_in(client, world["enrol"].coach)
    with django_assert_max_num_queries(20):  # 18 today, as the student's own page
        response = client.get(url("student_portfolio", world["enrol"].pk))
    assert main(response).count('data-testid="evidence-link"') == items


@pytest.mark.parametrize("rounds", [1, 5])
def test_the_item_page_query_count_does_not_grow_with_versions_and_judgements(
    client, world, rounds, django_assert_max_num_queries
):
    item, enrol = world["item"], world["enrol"]
    for n in range(rounds):
        content = pdf_of_size(1024 + n)
        services.version_upload(
            item,
            actor=enrol.student,
            file_name=f"v{n}.pdf",
            file=io.BytesIO(content),
            file_size=len(content),
        )
        services.vraak_record(item, actor=enrol.coach, **VERDICTS)
        services.confirmation_invite(
            item,
            actor=enrol.student,
            supervisor_email="praktijk@example.org",
            supervisor_name="Mevrouw De Vries",
            site_url="http://testserver/",
        )
    client = logged_in(client, enrol.student)
    with django_assert_max_num_queries(16):  # 14 today
        response = client.get(url("item_detail", item.pk))
    assert main(response).count('data-testid="download-') == rounds + 1


# --- downloads ----------------------------------------------------------------------------------


def test_the_owner_downloads_a_version_as_an_attachment(client, world):
    version = world["item"].versions.get()
    response = logged_in(client, world["enrol"].student).get(url("version_download", version.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="zorgplan.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == factories.MINIMAL_PDF


def test_the_coach_downloads_too(client, world):
    version = world["item"].versions.get()
    response = logged_in(client, world["enrol"].coach).get(url("version_download", version.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == factories.MINIMAL_PDF


def test_another_student_gets_not_found(client, world):
    version = world["item"].versions.get()
    other = factories.enrolment(world["oer"].variant)
    assert (
        logged_in(client, other.student).get(url("version_download", version.pk)).status_code == 404
    )
    assert client.get(url("item_detail", world["item"].pk)).status_code == 404


def test_a_download_of_a_name_with_quotes_and_accents_is_still_an_attachment(client, world):
    item = services.item_create(
        world["enrol"],
        actor=world["enrol"].student,
        title="Verslag",
        kind="report",
        evidence_date=date(2026, 10, 1),
        file_name='Zorgplan "definitief" één.pdf',
        file=io.BytesIO(factories.MINIMAL_PDF),
        file_size=len(factories.MINIMAL_PDF),
    )
    version = item.versions.get()
    response = logged_in(client, world["enrol"].student).get(url("version_download", version.pk))
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")


# --- the coach ----------------------------------------------------------------------------------


def test_the_coach_reaches_the_portfolio_from_the_student_file(client, world):
    enrol = world["enrol"]
    html = text(
        logged_in(client, enrol.coach).get(reverse("studyplans:student_file", args=[enrol.pk]))
    )
    assert f'<a href="{url("student_portfolio", enrol.pk)}" data-testid="portfolio-link">' in html
    page = main(client.get(url("student_portfolio", enrol.pk)))
    assert f"Portfolio of {enrol.student}" in page
    assert f'href="{url("item_detail", world["item"].pk)}"' in page
    assert 'data-testid="add-evidence"' not in page
    assert f'href="{url("student_coverage", enrol.pk, world["u1"].pk)}"' in page


def test_the_coach_reads_an_item_and_judges_it_on_vraak(client, world):
    item = world["item"]
    client = logged_in(client, world["enrol"].coach)
    html = main(client.get(url("item_detail", item.pk)))
    assert 'data-testid="vraak-form"' in html
    for form in ("item-edit-form", "version-form", "mapping-form", "invite-form"):
        assert f'data-testid="{form}"' not in html
    assert '<label for="id_vraak_authenticity">authenticity:</label>' in html

    response = client.post(url("vraak_record", item.pk), VERDICTS | {"note": "Laat tekenen."})

    assert response.status_code == 302
    assert response["Location"] == url("item_detail", item.pk) + "#vraak"
    judgement = VraakJudgement.objects.get()
    assert (judgement.judge, judgement.authenticity, judgement.note) == (
        world["enrol"].coach,
        "doubtful",
        "Laat tekenen.",
    )
    html = main(client.get(url("item_detail", item.pk)))
    assert f'data-testid="judgement-{judgement.pk}"' in html
    assert '<td class="verdict doubtful">doubtful</td>' in html


def test_a_vraak_form_without_every_verdict_is_refused_and_kept(client, world):
    item = world["item"]
    response = logged_in(client, world["enrol"].coach).post(
        url("vraak_record", item.pk), VERDICTS | {"quantity": "", "note": "Bijna"}
    )
    assert response.status_code == 422
    html = text(response)
    assert '<ul class="errorlist" id="id_vraak_quantity_error"><li>This field is required.' in html
    assert "\nBijna</textarea>" in html
    assert VraakJudgement.objects.count() == 0


def test_the_coach_sees_the_coverage_of_the_student(client, world):
    enrol = world["enrol"]
    html = main(
        logged_in(client, enrol.coach).get(url("student_coverage", enrol.pk, world["u1"].pk))
    )
    assert "1 of 2 criteria covered (50%)" in html
    assert f"Portfolio of {enrol.student}" in html


def test_the_student_is_sent_to_their_own_pages(client, world):
    enrol = world["enrol"]
    client = logged_in(client, enrol.student)
    assert client.get(url("student_portfolio", enrol.pk))["Location"] == url("home")
    response = client.get(url("student_coverage", enrol.pk, world["u1"].pk))
    assert response["Location"] == url("coverage", world["u1"].pk)


# --- the workplace supervisor -------------------------------------------------------------------


@pytest.fixture
def invite(client, world, django_capture_on_commit_callbacks):
    def invite_through_page() -> str:
        """The student invites the supervisor on the item page (the e-mail goes once the
        transaction commits); returns the link from the e-mail."""
        item = world["item"]
        with django_capture_on_commit_callbacks(execute=True):
            response = logged_in(client, world["enrol"].student).post(
                url("confirmation_invite", item.pk),
                {"supervisor_name": "Mevrouw De Vries", "supervisor_email": "devries@example.org"},
            )
        assert response.status_code == 302
        assert response["Location"] == url("item_detail", item.pk) + "#confirmations"
        found = TOKEN_LINK.search(mail.outbox[-1].body)
        assert found is not None
        return found.group(0)

    return invite_through_page


ANSWER = {
    "name": "A. de Vries",
    "role": "Teamleider",
    "organisation": "Ziekenhuis Noord",
    "comment": "Eigen werk.",
}


@pytest.fixture
def supervisor():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_the_supervisor_confirms_through_the_link_once(client, world, supervisor, invite):
    with time_machine.travel(INVITED_AT, tick=False) as traveller:
        link = invite()
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["devries@example.org"]
        other = factories.evidence_item(world["enrol"], title="Geheim reflectieverslag")

        opened = supervisor.get(link)
        assert opened.status_code == 302
        assert opened["Location"] == reverse(
            "portfolio:workplace_confirm"
        )  # the token is off the address
        assert opened["Referrer-Policy"] == "same-origin"

        page = supervisor.get(opened["Location"])
        assert page.status_code == 200
        assert page["Cache-Control"] == "no-store"
        html = main(page)
        assert "<h2>Zorgplan mevrouw J.</h2>" in html
        assert f'data-testid="workplace-student">{world["enrol"].student}<' in html
        assert 'href="/bevestigen/bestand/"' in html
        assert other.title not in html
        assert "/portfolio/" not in html
        assert 'value="Mevrouw De Vries"' in html  # the name the student gave
        assert ">Confirm</button>" in html
        assert ">Decline</button>" in html

        download = supervisor.get(reverse("portfolio:workplace_download"))
        assert download.status_code == 200
        assert download["Content-Disposition"] == 'attachment; filename="zorgplan.pdf"'
        assert b"".join(download.streaming_content) == factories.MINIMAL_PDF

        answered_at = INVITED_AT + timedelta(days=1)
        traveller.move_to(answered_at)
        answered = supervisor.post(
            reverse("portfolio:workplace_confirm"), ANSWER | {"answer": "confirmed"}
        )
        assert answered.status_code == 302
        assert answered["Location"] == reverse("portfolio:workplace_confirm")
        confirmation = WorkplaceConfirmation.objects.get()
        assert (
            confirmation.answer,
            confirmation.answered_name,
            confirmation.answered_role,
            confirmation.answered_organisation,
            confirmation.answered_at,
        ) == ("confirmed", "A. de Vries", "Teamleider", "Ziekenhuis Noord", answered_at)

        # the session ages with the clock: the supervisor stays on the travelled time
        after = supervisor.get(reverse("portfolio:workplace_confirm"))
        assert after.status_code == 410
        html = main(after)
        assert "<h1>Thank you</h1>" in html
        assert "Your answer was recorded with the evidence." in html
        assert "Zorgplan" not in html
        assert supervisor.get(reverse("portfolio:workplace_download")).status_code == 410
        again = supervisor.post(
            reverse("portfolio:workplace_confirm"), ANSWER | {"answer": "declined"}
        )
        assert again.status_code == 410
        assert WorkplaceConfirmation.objects.get().answer == "confirmed"
        assert supervisor.get(link).status_code == 302  # the link itself, opened again …
        reopened = supervisor.get(reverse("portfolio:workplace_confirm"))
        assert reopened.status_code == 410  # … stays used
        assert "This link has been used; the answer is on record." in main(reopened)

    student_page = main(logged_in(client, world["enrol"].student).get(url("home")))
    assert '<span class="badge confirmation-confirmed">confirmed</span>' in student_page
    item_page = main(client.get(url("item_detail", world["item"].pk)))
    assert "A. de Vries, Teamleider (Ziekenhuis Noord)" in item_page


def test_the_supervisor_declines_and_an_incomplete_answer_is_kept(world, supervisor, invite):
    link = invite()
    supervisor.get(link)
    incomplete = supervisor.post(
        reverse("portfolio:workplace_confirm"), ANSWER | {"role": "", "answer": "declined"}
    )
    assert incomplete.status_code == 422
    html = text(incomplete)
    assert '<ul class="errorlist" id="id_answer_role_error"><li>This field is required.' in html
    assert 'value="A. de Vries"' in html
    assert WorkplaceConfirmation.objects.get().answer == ""

    done = supervisor.post(reverse("portfolio:workplace_confirm"), ANSWER | {"answer": "declined"})
    assert done.status_code == 302
    assert WorkplaceConfirmation.objects.get().answer == "declined"


def test_an_expired_link_is_gone(supervisor, invite):
    with time_machine.travel(INVITED_AT, tick=False):
        link = invite()
    with time_machine.travel(INVITED_AT + timedelta(days=15), tick=False):
        supervisor.get(link)
        response = supervisor.get(reverse("portfolio:workplace_confirm"))
        assert response.status_code == 410
        html = main(response)
        assert "This link has expired. Ask the student for a new invitation." in html
        assert "Zorgplan" not in html
        assert (
            supervisor.post(
                reverse("portfolio:workplace_confirm"), ANSWER | {"answer": "confirmed"}
            )
        ).status_code == 410
    assert WorkplaceConfirmation.objects.get().answer == ""


def test_an_unknown_link_or_none_at_all_is_not_found(db, supervisor):
    response = supervisor.get(reverse("portfolio:workplace_open", args=["x" * 43]))
    assert response.status_code == 302
    unknown = supervisor.get(reverse("portfolio:workplace_confirm"))
    assert unknown.status_code == 404
    assert "This link does not exist." in main(unknown)
    fresh = Client(HTTP_ACCEPT_LANGUAGE="en")
    none = fresh.get(reverse("portfolio:workplace_confirm"))
    assert none.status_code == 404
    assert "No confirmation link is open." in main(none)
    assert fresh.get(reverse("portfolio:workplace_download")).status_code == 404


def test_the_supervisors_form_needs_the_csrf_token(invite):
    link = invite()
    supervisor = Client(enforce_csrf_checks=True)
    supervisor.get(link)
    response = supervisor.post(
        reverse("portfolio:workplace_confirm"), ANSWER | {"answer": "confirmed"}
    )
    assert response.status_code == 403
    assert WorkplaceConfirmation.objects.get().answer == ""


def test_uploads_need_the_csrf_token_too(world):
    student = Client(enforce_csrf_checks=True)
    student.force_login(world["enrol"].student)
    before = EvidenceVersion.objects.count()
    response = post_file(
        student, url("version_upload", world["item"].pk), {}, "v2.pdf", factories.MINIMAL_PDF
    )
    assert response.status_code == 403
    response = post_file(student, url("item_create"), ITEM_FIELDS, "v2.pdf", factories.MINIMAL_PDF)
    assert response.status_code == 403
    assert EvidenceVersion.objects.count() == before
    assert EvidenceMapping.objects.count() == 3
