"""Every URL pattern and API operation has a row in one of the permission matrices."""

from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from tests.security import test_permission_matrix as curriculum_matrix
from tests.security import test_permission_matrix_studyplans as studyplans_matrix


def _route_names() -> set[str]:
    def walk(patterns: list[Any], ns: str | None) -> set[str]:
        names: set[str] = set()
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = p.namespace or ns
                names |= walk(p.url_patterns, inner)
            elif isinstance(p, URLPattern):
                names.add(f"{ns}:{p.name}" if ns else str(p.name))
        return names

    return walk(get_resolver().url_patterns, None)


def test_every_route_has_a_probe():
    probed = {p.name for p in curriculum_matrix.PROBES} | {p.name for p in studyplans_matrix.PROBES}
    assert _route_names() == probed
