"""Apps register the navigation items and landing pages they offer a user (in AppConfig.ready),
so lower apps never import higher ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 50


NavProvider = Callable[[HttpRequest], list[NavItem]]
NAV_PROVIDERS: list[NavProvider] = []


def register(provider: NavProvider) -> NavProvider:
    NAV_PROVIDERS.append(provider)
    return provider


def items_for(request: HttpRequest) -> list[NavItem]:
    items: list[NavItem] = []
    for provider in NAV_PROVIDERS:
        items.extend(provider(request))
    return sorted(items, key=lambda i: (i.order, i.label))
