"""Every choice field in the OpenAPI document lists its own values: many models call their
choices `Status` or `Kind`, and as shared components they would overwrite each other."""

from parcours.assessments.models import AssessmentRequest, AssessorAssignment, UnitResult
from parcours.curriculum.models import Oer, TeacherConsent
from parcours.portfolio.models import EvidenceItem
from parcours.studyplans.models import PlanVersion


def _document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()["components"]["schemas"]


def test_no_choice_list_is_a_shared_component(client, db):
    schemas = _document(client)
    assert [name for name, s in schemas.items() if "enum" in s] == []


def test_each_choice_field_documents_its_own_values(client, db):
    schemas = _document(client)
    assert schemas["OerOut"]["properties"]["status"]["enum"] == Oer.Status.values
    assert schemas["PlanSummaryOut"]["properties"]["latest_status"]["enum"] == (
        PlanVersion.Status.values
    )
    assert schemas["RequestOut"]["properties"]["status"]["enum"] == (
        AssessmentRequest.Status.values
    )
    assert schemas["ItemOut"]["properties"]["kind"]["enum"] == EvidenceItem.Kind.values
    result = next(s for s in schemas.values() if s.get("properties", {}).get("result"))
    assert result["properties"]["result"]["enum"] == UnitResult.Result.values
    assert UnitResult.Result.values != TeacherConsent.Result.values  # the names collide
    position = next(
        s["properties"]["position"]
        for s in schemas.values()
        if "enum" in s.get("properties", {}).get("position", {})
    )
    assert position == {"type": "integer", "enum": AssessorAssignment.Position.values}
