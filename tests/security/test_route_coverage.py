"""Every URL pattern and API operation has a row in one of the permission matrices."""

import importlib
import pkgutil
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

import tests.security


def _probed() -> set[str]:
    """The route names of every matrix module (tests/security/test_permission_matrix*.py)."""
    names: set[str] = set()
    for module in pkgutil.iter_modules(tests.security.__path__):
        if module.name.startswith("test_permission_matrix"):
            matrix = importlib.import_module(f"tests.security.{module.name}")
            names |= {p.name for p in matrix.PROBES}
    return names


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
    assert _route_names() == _probed()
