"""The admissions API: the open variants with their start moments, an application with a
diploma (multipart), the staff's list, a refusal on a wish refused by rule
admission.same-conditions (422 with rule and source, nothing written) and a decision that
admits and enrols."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from parcours.accounts.services import api_token_create
from parcours.admissions.models import Application
from parcours.examcommittee.models import Decision
from parcours.studyplans.models import Enrolment
from tests import factories
from tests.second_factor import code_for

from .helpers import ON, PDF, admissions_world

pytestmark = pytest.mark.django_db
NOW = datetime(ON.year, ON.month, ON.day, 12, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def bearer(user) -> dict[str, str]:
    return {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(user, actor=None)}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }


def test_apply_list_and_decide_round_trip(client, frozen):
    world = admissions_world()
    applicant = factories.UserFactory(first_name="Petra", last_name="Bakker")
    variants = client.get("/api/v1/admissions/variants").json()
    assert variants == [
        {
            "id": world.variant.pk,
            "programme": str(world.programme),
            "form": "part_time",
            "institution": world.programme.institution.name,
            "admission_requirements_nl": "",
            "admission_requirements_en": "",
            "start_moments": [
                {"id": world.september.pk, "starts_on": "2027-09-01"},
                {"id": world.february.pk, "starts_on": "2028-02-01"},
            ],
        }
    ]
    response = client.post(
        "/api/v1/admissions/applications/upload",
        {
            "variant_id": world.variant.pk,
            "start_moment_id": world.february.pk,
            "own_route_wish": "true",
            "wish": "Eerder toetsen wat ik al kan.",
            "document_issuer": "ROC Noord",
            "document": SimpleUploadedFile("diploma.pdf", PDF, content_type="application/pdf"),
        },
        **bearer(applicant),
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "submitted"
    assert created["applicant"]["name"] == "Petra Bakker"
    assert created["start_date"] == "2028-02-01"
    assert (created["own_route_wish"], created["flexibility_wish"]) == (True, False)
    assert [(d["kind"], d["issuer"], d["size"]) for d in created["documents"]] == [
        ("diploma", "ROC Noord", len(PDF))
    ]
    assert created["decision"] is None

    manager = bearer(world.manager)

    def with_code() -> dict[str, str]:
        return manager | {"HTTP_X_PARCOURS_OTP": code_for(world.manager)}

    listed = client.get("/api/v1/admissions/applications?status=submitted", **manager).json()
    assert [a["id"] for a in listed] == [created["id"]]
    path = f"/api/v1/admissions/applications/{created['id']}/decision"

    refused = client.post(
        path,
        {"admitted": False, "grounds": ["own_route_wish"]},
        content_type="application/json",
        **with_code(),
    )
    assert refused.status_code == 422
    body = refused.json()
    assert body["rule"] == "admission.same-conditions"
    assert body["message"] == (
        "A wish for an own route or flexibility is no ground to refuse admission: admission is "
        "on the same conditions as for any programme."
    )
    assert body["source"] == (
        "Kamerstukken 36 136; Kamerstukken 36 136, memorie van antwoord, antwoord 20"
    )
    assert Decision.objects.count() == 0
    assert Application.objects.get().status == "submitted"

    without_code = client.post(path, {"admitted": True}, content_type="application/json", **manager)
    assert without_code.status_code == 403
    assert without_code.json()["code"] == "step_up_required"
    admitted = client.post(path, {"admitted": True}, content_type="application/json", **with_code())
    assert admitted.status_code == 200, admitted.content
    decided = admitted.json()
    enrolment = Enrolment.objects.get(student=applicant)
    assert decided["status"] == "admitted"
    assert decided["enrolment_id"] == enrolment.pk
    assert enrolment.start_date == date(2028, 2, 1)
    assert decided["decision"]["outcome"] == "admitted"
    assert decided["decision"]["made_known_on"] == "2027-06-01"
    assert decided["decision"]["appeal_deadline"] == "2027-07-13"
    mine = client.get("/api/v1/admissions/applications/mine", **bearer(applicant)).json()
    assert [(a["id"], a["status"]) for a in mine] == [(created["id"], "admitted")]


def test_the_api_refuses_a_bad_document_and_strangers(client, frozen):
    world = admissions_world()
    applicant = factories.UserFactory()
    response = client.post(
        "/api/v1/admissions/applications/upload",
        {
            "variant_id": world.variant.pk,
            "start_moment_id": world.september.pk,
            "document": SimpleUploadedFile("diploma.pdf", b"MZ\x90\x00" + b"\x00" * 200),
        },
        **bearer(applicant),
    )
    assert response.status_code == 422
    assert Application.objects.count() == 0
    anonymous = client.post(
        "/api/v1/admissions/applications/upload",
        {"variant_id": world.variant.pk, "start_moment_id": world.september.pk},
    )
    assert anonymous.status_code == 401
    coach = factories.user_with_role("coach", world.programme)
    assert client.get("/api/v1/admissions/applications", **bearer(coach)).status_code == 403
