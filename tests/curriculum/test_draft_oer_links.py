"""Students never see links to draft OERs (issue 12, item 3): the programme page, the list of
programmes and a published OER's "next year" link name only the OERs the reader may open, so
no link answers 404; the programme's staff still see the drafts."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.curriculum import services
from tests import factories


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def years(db):
    """The 2026 OER published, its copy for 2027 still a draft; a student enrolled in 2026,
    the programme's coach and manager."""
    variant = factories.outcome_based_variant()
    published = factories.published_oer(variant, year=2026)
    draft = services.oer_copy_to_next_year(published, actor=None)
    enrol = factories.enrolment(variant, start=date(2026, 9, 1))
    manager = factories.user_with_role(Role.PROGRAMME_MANAGER, variant.programme)
    return {"published": published, "draft": draft, "enrol": enrol, "manager": manager}


def linked_oers(client, user, path: str, oers: list) -> list[bool]:
    """Per OER whether the page links to its page (the OER detail), in the order given."""
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    return [f'href="{reverse("curriculum:oer_detail", args=[o.pk])}"' in html for o in oers]


def test_the_programme_page_links_a_student_only_to_published_oers(client, years):
    programme = years["published"].variant.programme
    page = reverse("curriculum:programme_detail", args=[programme.pk])
    oers = [years["published"], years["draft"]]

    assert linked_oers(client, years["enrol"].student, page, oers) == [True, False]
    assert linked_oers(client, years["manager"], page, oers) == [True, True]
    assert linked_oers(client, years["enrol"].coach, page, oers) == [True, True]
    # and the one link the student sees opens
    client.force_login(years["enrol"].student)
    assert client.get(reverse("curriculum:oer_detail", args=[oers[0].pk])).status_code == 200
    assert client.get(reverse("curriculum:oer_detail", args=[oers[1].pk])).status_code == 404


def test_the_programme_page_offers_a_student_no_comparison_with_a_draft(client, years):
    programme = years["published"].variant.programme
    client.force_login(years["enrol"].student)
    html = client.get(reverse("curriculum:programme_detail", args=[programme.pk])).content
    assert b'data-testid="compare-years"' not in html
    assert b'data-testid="oer-2027"' not in html
    assert b'data-testid="oer-2026"' in html


def test_the_list_of_programmes_links_a_student_only_to_published_oers(client, years):
    oers = [years["published"], years["draft"]]
    page = reverse("curriculum:programme_list")

    assert linked_oers(client, years["enrol"].student, page, oers) == [True, False]
    assert linked_oers(client, years["manager"], page, oers) == [True, True]


def test_a_published_oer_leads_a_student_to_next_year_only_once_it_is_published(client, years):
    page = reverse("curriculum:oer_detail", args=[years["published"].pk])
    client.force_login(years["enrol"].student)
    assert b'data-testid="next-year-link"' not in client.get(page).content

    client.force_login(years["manager"])
    assert b'data-testid="next-year-link"' in client.get(page).content

    services.oer_publish(years["draft"], actor=None)
    assert linked_oers(client, years["enrol"].student, page, [years["draft"]]) == [True]
