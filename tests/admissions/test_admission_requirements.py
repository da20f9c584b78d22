"""The admission requirements recorded per variant: the programme manager records them (page
and API, audited; someone else is refused with nothing written), the applicant reads them
before applying and in the open list of the API, the staff read them when deciding, and a
refusal on the requirements quotes them in the decision's reasons, in the letter's language."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied

from parcours.accounts.models import Role
from parcours.accounts.services import api_token_create
from parcours.admissions import services
from parcours.core.models import AuditEntry
from parcours.curriculum import services as curriculum
from parcours.curriculum.models import ProgrammeVariant
from tests import factories

from .helpers import ON, admissions_world, apply

pytestmark = pytest.mark.django_db

DUTCH = "Een havo-diploma, een mbo-diploma op niveau 4 of de 21+-toets."
ENGLISH = "A havo diploma, an mbo diploma at level 4 or the 21+ test."


def record(world, actor=None):
    return curriculum.variant_admission_requirements_update(
        world.variant,
        actor=actor or world.manager,
        admission_requirements_nl=f"  {DUTCH}\n",
        admission_requirements_en=ENGLISH,
    )


def test_the_manager_records_them_trimmed_and_audited():
    world = admissions_world()
    record(world)
    variant = ProgrammeVariant.objects.get(pk=world.variant.pk)
    assert (variant.admission_requirements_nl, variant.admission_requirements_en) == (
        DUTCH,
        ENGLISH,
    )
    entry = AuditEntry.objects.get(action="variant.admission_requirements_update")
    assert entry.data["before"] == {
        "admission_requirements_nl": "",
        "admission_requirements_en": "",
    }
    assert entry.data["after"]["admission_requirements_nl"] == DUTCH


def test_a_coach_may_not_and_nothing_is_written():
    world = admissions_world()
    coach = factories.user_with_role(Role.COACH, world.programme)
    with pytest.raises(PermissionDenied):
        record(world, actor=coach)
    variant = ProgrammeVariant.objects.get(pk=world.variant.pk)
    assert variant.admission_requirements_nl == ""
    assert not AuditEntry.objects.filter(action="variant.admission_requirements_update").exists()


def test_the_programme_page_records_them_and_refuses_a_text_too_long(client):
    world = admissions_world()
    client.force_login(world.manager)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    path = f"/varianten/{world.variant.pk}/toelatingseisen/"
    too_long = {"admission_requirements_nl": "x" * 5001, "admission_requirements_en": ""}
    refused = client.post(path, too_long)
    assert refused.status_code == 422
    assert (
        "Ensure this value has at most 5000 characters (it has 5001)." in refused.content.decode()
    )
    assert ProgrammeVariant.objects.get(pk=world.variant.pk).admission_requirements_nl == ""

    saved = client.post(
        path, {"admission_requirements_nl": DUTCH, "admission_requirements_en": ENGLISH}
    )
    assert saved.status_code == 302
    page = client.get(saved["Location"]).content.decode()
    assert "The admission requirements were saved." in page
    assert ENGLISH in page


def test_the_api_records_them_and_the_open_list_shows_them(client):
    world = admissions_world()
    token = api_token_create(world.manager, actor=None)
    response = client.put(
        f"/api/v1/variants/{world.variant.pk}/admission-requirements",
        json.dumps({"admission_requirements_nl": DUTCH, "admission_requirements_en": ENGLISH}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    assert response.json()["admission_requirements_en"] == ENGLISH
    [open_variant] = client.get("/api/v1/admissions/variants").json()
    assert (
        open_variant["admission_requirements_nl"],
        open_variant["admission_requirements_en"],
    ) == (DUTCH, ENGLISH)


def test_the_applicant_reads_them_before_applying(client):
    world = admissions_world()
    client.force_login(factories.UserFactory())
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    before = client.get(f"/aanmelden/{world.variant.pk}/").content.decode()
    assert "The programme has not recorded its admission requirements here" in before
    record(world)
    page = client.get(f"/aanmelden/{world.variant.pk}/").content.decode()
    assert ENGLISH in page
    assert "a wish for an own route or flexibility is never a reason to refuse you" in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", f"De toelatingseisen van de opleiding: {DUTCH}"),
        ("en", f"The programme's admission requirements: {ENGLISH}"),
    ],
)
def test_a_refusal_on_the_requirements_quotes_them_in_the_letters_language(language, expected):
    world = admissions_world()
    record(world)
    application = apply(world)
    application.language = language
    application.save(update_fields=["language"])
    decided = services.application_decide(
        application,
        actor=world.manager,
        admitted=False,
        grounds=["requirements_not_met"],
        on=ON,
    )
    assert decided.decision.reasons.splitlines()[1] == expected
