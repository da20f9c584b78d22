"""The SCIM discovery endpoints (RFC 7644 §4): what Parcours serves (Users, filter, PATCH) and
what not (Groups, bulk, sorting, ETags, password changes); only the attributes it keeps."""

from __future__ import annotations

import pytest

from .conftest import ERROR_SCHEMA, MEDIA, USER_SCHEMA

LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"


def test_the_service_provider_config_says_what_is_supported(scim):
    response = scim.get("ServiceProviderConfig")

    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA
    config = response.json()
    assert config["schemas"] == ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"]
    assert config["patch"] == {"supported": True}
    assert config["bulk"] == {"supported": False, "maxOperations": 0, "maxPayloadSize": 65536}
    assert config["filter"] == {"supported": True, "maxResults": 200}
    assert config["changePassword"] == {"supported": False}
    assert config["sort"] == {"supported": False}
    assert config["etag"] == {"supported": False}
    assert [s["type"] for s in config["authenticationSchemes"]] == ["oauthbearertoken"]


def test_the_only_resource_type_is_user(scim):
    listed = scim.get("ResourceTypes").json()
    one = scim.get("ResourceTypes/User").json()

    assert listed["schemas"] == [LIST]
    assert listed["totalResults"] == 1
    assert listed["Resources"] == [one]
    assert (one["id"], one["endpoint"], one["schema"]) == ("User", "/Users", USER_SCHEMA)
    assert one["description"] == "An account in Parcours (Groups are not supported)."
    assert scim.get("ResourceTypes/Group").status_code == 404


def test_the_user_schema_lists_only_the_attributes_parcours_keeps(scim):
    listed = scim.get("Schemas").json()
    schema = scim.get(f"Schemas/{USER_SCHEMA}").json()

    assert listed["Resources"] == [schema]
    attributes = {a["name"]: a for a in schema["attributes"]}
    assert list(attributes) == ["userName", "name", "preferredLanguage", "active", "emails"]
    assert [s["name"] for s in attributes["name"]["subAttributes"]] == ["familyName", "givenName"]
    assert [s["name"] for s in attributes["emails"]["subAttributes"]] == ["value", "type"]
    assert attributes["preferredLanguage"]["canonicalValues"] == ["nl", "en"]


@pytest.mark.parametrize("path", ["Groups", "Groups/1", "Bulk", "Me"])
def test_what_is_not_served_answers_a_scim_404(scim, path):
    response = scim.get(path)

    assert response.status_code == 404
    assert response.json() == {
        "schemas": [ERROR_SCHEMA],
        "status": "404",
        "detail": f"/{path} is not served: Parcours provisions Users only.",
    }


def test_a_method_an_endpoint_does_not_take_answers_405(scim):
    response = scim.send("post", "ServiceProviderConfig", {})

    assert response.status_code == 405
    assert response["Allow"] == "GET"
