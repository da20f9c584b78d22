"""A spider over the OOAPI provider: from the service root through every collection (every
page), every item, the sub-collections the spec defines for it and its `expand`, validating
each answer against the bundled spec (and, with consumer=eduxchange, the eduXchange profile)
with openapi-core.

The known v5 defect: `oneOf` alternatives that are not mutually exclusive. An offering answers
as `oneOf: [ProgramOffering, CourseOffering, ComponentOffering]` (on /offerings/{offeringId},
/organizations/{organizationId}/offerings and /academic-sessions/{academicSessionId}/offerings),
and a program offering or a course offering (required startDate and endDate, open objects, no
discriminator, offeringType an enum instead of a constant) is valid under both ProgramOffering
and CourseOffering, so strict `oneOf` refuses every one of them. The eduXchange profile repairs
it (offeringType `const`). Likewise /education-specifications/{educationSpecificationId} answers
`oneOf: [EducationSpecificationExpanded, EducationSpecification]` ("with" and "without
timelineOverrides"), and timelineOverrides is optional, so every specification is valid under
both. `validate` accepts a "valid under each of" error only at the paths in ONEOF_DEFECTS, and
only when the object is valid under exactly the overlapping alternatives listed there and the one
that applies to it is among them (its offeringType's schema; EducationSpecification when it
carries no timelineOverrides); any other oneOf error fails, as does anything else the spec
refuses.

A second defect: /education-specifications/{id}/education-specifications ("all
education-specifications given through this educationspecification") declares its items as
Course, a copy of /education-specifications/{id}/courses. The provider answers what the path
names, education specifications; the spider checks the page envelope against the spec as it is
and each item strictly against EducationSpecification instead (and that it is no course).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.test import Client
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from parcours.ooapi import schemas

ROOT = "/ooapi/v5"
COLLECTIONS = (
    "organizations",
    "academic-sessions",
    "education-specifications",
    "programs",
    "courses",
)
# The parts of OOAPI Parcours does not provide (no public catalogue data): never followed.
NOT_PROVIDED = ("groups", "associations", "persons", "buildings", "rooms", "news")
DETAIL = {
    "organizationId": "organizations",
    "academicSessionId": "academic-sessions",
    "educationSpecificationId": "education-specifications",
    "programId": "programs",
    "courseId": "courses",
    "componentId": "components",
    "offeringId": "offerings",
}
# Fields that hold the id of another object (or a list of them), and where that object lives.
REFERENCES = {
    "organization": "organizations",
    "parent": None,  # the same collection as the object's own
    "children": None,
    "year": "academic-sessions",
    "academicSession": "academic-sessions",
    "educationSpecification": "education-specifications",
    "programs": "programs",
    "program": "programs",
    "course": "courses",
    "programOffering": "offerings",
}
CHILDREN_PATH = "/education-specifications/{educationSpecificationId}/education-specifications"
OFFERING_SCHEMA = {
    "program": "ProgramOffering",
    "course": "CourseOffering",
    "component": "ComponentOffering",
}
SPEC_PATH = "/education-specifications/{educationSpecificationId}"


def _offering(instance: dict[str, Any]) -> str | None:
    return OFFERING_SCHEMA.get(instance.get("offeringType", ""))


def _specification(instance: dict[str, Any]) -> str | None:
    return None if "timelineOverrides" in instance else "EducationSpecification"


# Where the spec's oneOf alternatives overlap: the alternatives an object of the provider is
# valid under at once, and which of them applies to it.
OFFERINGS = frozenset({"ProgramOffering", "CourseOffering"})
ONEOF_DEFECTS = {
    "/offerings/{offeringId}": (OFFERINGS, _offering),
    "/organizations/{organizationId}/offerings": (OFFERINGS, _offering),
    "/academic-sessions/{academicSessionId}/offerings": (OFFERINGS, _offering),
    SPEC_PATH: (
        frozenset({"EducationSpecificationExpanded", "EducationSpecification"}),
        _specification,
    ),
}
# The eduXchange profile's sub-collections (its paths: programs' courses and offerings, courses'
# offerings).
PROFILED = {"programs": ("courses", "offerings"), "courses": ("offerings",)}
# Components, offerings and the units' specifications are many (every activity; every unit from
# every start moment; every unit) and built by the same code each: each is fetched and
# validated, but only the first ones of each kind are also fetched expanded and with their
# sub-collections (a component's offerings are always an empty page; a unit's specification has
# its one course and no programs or children). Programs and courses are walked in full.
SAMPLED = {"components": 6, "offerings": 6, "education-specifications": 6}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _api(name: str) -> OpenAPI:
    config = Config(
        spec_validator_cls=None,  # the v5 file itself fails it: see parcours/ooapi/schemas.py
        extra_media_type_deserializers={"application/problem+json": json.loads},
    )
    return OpenAPI.from_dict(schemas.spec(name), config=config)


@dataclass
class Answer:
    url: str
    template: str  # the spec's path
    status: int
    body: Any
    errors: list[str]
    defects: int  # oneOf defects accepted (see the module's docstring)


@dataclass
class Walk:
    answers: list[Answer] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)  # collection -> ids seen
    pages: dict[str, int] = field(default_factory=dict)  # collection URL -> pages followed
    profile: list[Answer] = field(default_factory=list)  # consumer=eduxchange answers


class Validator:
    def __init__(self, name: str = schemas.OOAPI) -> None:
        self.name = name
        self.api = _api(name)
        self.document = schemas.spec(name)

    def _valid_as(self, instance: Any, schema_name: str) -> bool:
        return not schemas.object_errors(instance, schema_name, self.name)

    def validate(self, response: Any) -> tuple[str, list[str], int]:
        """(the spec path, what the spec refuses, how many spec defects were accepted)."""
        request = DjangoOpenAPIRequest(response.wsgi_request)
        template = _template(response.wsgi_request.path)
        try:
            self.api.validate_response(request, DjangoOpenAPIResponse(response))
        except Exception as error:
            inner = getattr(error.__cause__, "schema_errors", None)
            if not inner:
                return template, [f"{error!r}: {error.__cause__!r}"], 0
        else:
            return template, self._undeclared(response), 0
        errors, defects = self._undeclared(response), 0
        items_checked: set[int] = set()
        for schema_error in inner:
            path = list(schema_error.absolute_path)
            if self._is_oneof_defect(template, schema_error):
                defects += 1
            elif self._is_children_defect(template, path, response, items_checked):
                if path[1] not in items_checked:
                    items_checked.add(path[1])
                    defects += 1
            else:
                where = "/".join(str(p) for p in path)
                errors.append(f"{where}: {schema_error.message[-300:]}")
        return template, errors, defects

    def declared(self, name: str) -> set[str]:
        """The property names a component schema declares (through its allOf too)."""
        schema = self.document["components"]["schemas"][name]
        names = set(schema.get("properties", {}))
        for part in schema.get("allOf", []):
            if "$ref" in part:
                names |= self.declared(part["$ref"].rsplit("/", 1)[-1])
            else:
                names |= set(part.get("properties", {}))
        return names

    def _undeclared(self, response: Any) -> list[str]:
        """Strict where the spec is open: the spec's objects do not forbid other properties, but
        an object of the provider carries none the spec does not declare (extensions go in
        `ext`). The answer itself, or each item of a page."""
        if self.name != schemas.OOAPI or response.status_code != 200:
            return []
        body = json.loads(response.content)
        if "openapi" in body:
            return []  # the spec file itself
        objects = body.get("items", [body])
        errors = []
        for obj in objects:
            name = _schema_of(obj)
            extra = set(obj) - self.declared(name)
            if extra:
                errors.append(f"{name} {obj.get(_ID_OF[name], '')}: undeclared {sorted(extra)}")
        if "items" in body:
            # Pagination, and the page's own part (items, ext) in each path's allOf.
            envelope = set(body) - self.declared("Pagination") - {"items", "ext"}
            if envelope:
                errors.append(f"page: undeclared {sorted(envelope)}")
        return errors

    def _is_oneof_defect(self, template: str, error: Any) -> bool:
        """Defect 1 (the module's docstring): only at the documented paths, and only when the
        object is valid under exactly the overlapping alternatives, one of them the one that
        applies."""
        if error.validator != "oneOf" or "is valid under each of" not in error.message:
            return False
        if self.name != schemas.OOAPI or template not in ONEOF_DEFECTS:
            return False
        overlapping, applies = ONEOF_DEFECTS[template]
        instance = error.instance
        if not isinstance(instance, dict) or (chosen := applies(instance)) is None:
            return False
        # Every alternative of the oneOf: those of an offering, or of a specification.
        candidates = set(OFFERING_SCHEMA.values()) if overlapping == OFFERINGS else overlapping
        matching = {name for name in candidates if self._valid_as(instance, name)}
        return matching == overlapping and chosen in matching

    def _is_children_defect(
        self, template: str, path: list[Any], response: Any, checked: set[int]
    ) -> bool:
        """Defect 2: the items of an education specification's child list are declared as
        Course; they are education specifications, each strictly valid as one."""
        if template != CHILDREN_PATH or len(path) < 2 or path[0] != "items":
            return False
        if path[1] in checked:
            return True
        item = json.loads(response.content)["items"][path[1]]
        return "courseId" not in item and self._valid_as(item, "EducationSpecification")


_ID_OF = {
    "Organization": "organizationId",
    "AcademicSession": "academicSessionId",
    "EducationSpecification": "educationSpecificationId",
    "Program": "programId",
    "Course": "courseId",
    "Component": "componentId",
    "ProgramOffering": "offeringId",
    "CourseOffering": "offeringId",
    "ComponentOffering": "offeringId",
}


def _schema_of(obj: dict[str, Any]) -> str:
    if "offeringId" in obj:
        return OFFERING_SCHEMA[obj["offeringType"]]
    for name, key in _ID_OF.items():
        if key in obj:
            return name
    return "Service"


def _template(path: str) -> str:
    """The spec's path for a request path (ids back to their {names})."""
    parts = path.removeprefix(ROOT).split("/")
    names = {v: k for k, v in DETAIL.items()}
    out = []
    for i, part in enumerate(parts):
        if UUID.match(part) and i > 0:
            out.append("{" + names[parts[i - 1]] + "}")
        else:
            out.append(part)
    return "/".join(out) or "/"


def _expand_values(document: dict[str, Any], template: str) -> list[str]:
    for parameter in document["paths"][template]["get"].get("parameters", []):
        if parameter.get("name") == "expand":
            return list(parameter["schema"]["items"]["enum"])
    return []


def _sub_collections(document: dict[str, Any], template: str) -> list[str]:
    """The spec's GET paths one segment below a detail path (those Parcours provides)."""
    found = []
    for path, item in document["paths"].items():
        rest = path.removeprefix(template + "/")
        below = path.startswith(template + "/") and "/" not in rest and "get" in item
        if below and not any(rest.startswith(n) for n in NOT_PROVIDED):
            found.append(rest)
    return found


class Spider:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.validator = Validator()
        self.profile = Validator(schemas.EDUXCHANGE)
        self.walk = Walk()
        self.seen: set[str] = set()
        self.details: dict[tuple[str, Any, bool], int] = {}

    def get(self, url: str, validator: Validator | None = None) -> Answer:
        response = self.client.get(url)
        template, errors, defects = (validator or self.validator).validate(response)
        body = json.loads(response.content) if response.content else None
        return Answer(url, template, response.status_code, body, errors, defects)

    def visit(self, url: str) -> Answer | None:
        if url in self.seen:
            return None
        self.seen.add(url)
        answer = self.get(url)
        self.walk.answers.append(answer)
        return answer

    def collection(self, url: str) -> Iterator[dict[str, Any]]:
        """Every item of every page of a collection."""
        number, joiner = 1, "&" if "?" in url else "?"
        while True:
            answer = self.visit(url if number == 1 else f"{url}{joiner}pageNumber={number}")
            if answer is None or answer.status != 200:
                return
            self.walk.pages[url] = number
            yield from answer.body["items"]
            if not answer.body["hasNextPage"]:
                return
            number += 1

    def run(self) -> Walk:
        self.visit(f"{ROOT}/")
        self.walk.profile.append(self.get(f"{ROOT}/?consumer=eduxchange", self.profile))
        queue: list[tuple[str, str]] = []
        for name in COLLECTIONS:
            for item in self.collection(f"{ROOT}/{name}"):
                queue.extend(self._refs(item, name))
        while queue:
            collection, value = queue.pop()
            self.item(collection, value, queue)
        return self.walk

    def _refs(self, obj: dict[str, Any], collection: str) -> list[tuple[str, str]]:
        refs = []
        for key, value in obj.items():
            if key in DETAIL:
                refs.append((DETAIL[key], value))
            elif key in REFERENCES:
                target = REFERENCES[key] or collection
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, str) and UUID.match(v):
                        refs.append((target, v))
        return refs

    def item(self, collection: str, value: str, queue: list[tuple[str, str]]) -> None:
        url = f"{ROOT}/{collection}/{value}"
        self.walk.ids.setdefault(collection, set()).add(value)
        answer = self.visit(url)
        if answer is None or answer.status != 200:
            return
        queue.extend(self._refs(answer.body, collection))
        template = answer.template
        # Sampled per kind: program and course offerings, tests and other components.
        body = answer.body
        kind = (
            template,
            body.get("offeringType") or body.get("educationSpecificationType"),
            body.get("componentType") == "test",
        )
        seen = self.details.setdefault(kind, 0)
        self.details[kind] = seen + 1
        if collection in SAMPLED and seen >= SAMPLED[collection]:
            return  # the same builders as the ones already walked (see SAMPLED)
        if expand := _expand_values(self.validator.document, template):
            self.visit(f"{url}?{urlencode({'expand': ','.join(expand)})}")
        for sub in _sub_collections(self.validator.document, template):
            target = "offerings" if sub == "offerings" else sub
            for item in self.collection(f"{url}/{sub}"):
                queue.extend(self._refs(item, target))
        if collection in ("programs", "courses", "offerings"):
            self.walk.profile.append(self.get(f"{url}?consumer=eduxchange", self.profile))
        for sub in PROFILED.get(collection, ()):
            self.profile_pages(f"{url}/{sub}")

    def profile_pages(self, url: str) -> None:
        """Every page of a collection with consumer=eduxchange, against the profile."""
        number = 1
        while True:
            answer = self.get(f"{url}?consumer=eduxchange&pageNumber={number}", self.profile)
            self.walk.profile.append(answer)
            if answer.status != 200 or not answer.body["hasNextPage"]:
                return
            number += 1

    def profile_collections(self) -> None:
        """The eduXchange profile's top-level collections."""
        for name in ("organizations", "programs", "courses"):
            self.profile_pages(f"{ROOT}/{name}")
