"""The OpenAPI document says what the API checks: every choice field lists its own values (many
models call their choices `Status` or `Kind`, and as shared components they would overwrite each
other), component names are unique, formats and bounds are documented."""

import pytest
from ninja import Schema
from pydantic import TypeAdapter, ValidationError

import config.api  # noqa: F401  (imports every app's schemas)
from parcours.assessments.models import AssessmentRequest, AssessorAssignment, UnitResult
from parcours.core.api import HTTP_URL_PATTERN, Id, OptionalLink
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


def test_no_two_schemas_share_a_component_name(db):
    """Ninja names a component after its class; two classes of one name would overwrite each
    other in the document (an OER's criteria were documented as an assessment's)."""

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    names = [c.__name__ for c in subclasses(Schema) if c.__module__.startswith("parcours.")]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_integers_written_as_whole_floats_are_integers(client, db):
    """JSON Schema counts 2027.0 as an integer; refusing it would contradict the document. A
    fraction and a string stay refused."""
    assert TypeAdapter(Id).validate_python(2027.0) == 2027
    for wrong in (2027.5, "2027", True):
        with pytest.raises(ValidationError):
            TypeAdapter(Id).validate_python(wrong)
    schemas = _document(client)
    assert schemas["OerCreateIn"]["properties"]["variant_id"] == {
        "maximum": 2**63 - 1,
        "minimum": 1,
        "title": "Variant Id",
        "type": "integer",
    }


def test_links_and_texts_document_what_the_api_checks(client, db):
    schemas = _document(client)
    link = schemas["ItemCreateIn"]["properties"]["link"]
    assert link["anyOf"] == [
        {"maxLength": 0, "type": "string"},
        {"maxLength": 500, "pattern": HTTP_URL_PATTERN, "type": "string"},
    ]
    assert schemas["ItemCreateIn"]["properties"]["title"]["pattern"] == "^[^\\x00]*$"


@pytest.mark.parametrize(
    ("link", "accepted"),
    [
        ("", True),
        ("https://example.org/werk?a=1#b", True),
        ("http://sub.example.co:8080/caf%C3%A9", True),
        ("https://localhost/x", False),  # no domain name
        ("https://0.a", False),  # a one-letter top-level domain
        ("javascript:alert(1)", False),
        ("https://example.org/x y", False),
        ("https://example.org/\x1c", False),  # a space to Python's \s, not to JavaScript's
        ("https://example.org/café", False),  # percent-encode it
        ("https://example.org/\n", False),
    ],
)
def test_a_link_is_checked_by_exactly_the_published_pattern(link, accepted):
    adapter = TypeAdapter(OptionalLink)
    if accepted:
        assert adapter.validate_python(link) == link
    else:
        with pytest.raises(ValidationError, match="must be a web address"):
            adapter.validate_python(link)
