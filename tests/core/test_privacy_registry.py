"""Every field of every model is classified for the AVG (personal, special, secret, none), and
the registry's lookups and the retention classes name what exists (parcours.privacy)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from parcours.privacy.registry import CLASSES, REGISTRY, SPECIAL, ModelPrivacy
from parcours.privacy.retention import RECORD_CLASSES


def _fields(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.get_fields() if f.concrete}


def unclassified(registry: dict[str, ModelPrivacy]) -> dict[str, list[str]]:
    """Per model the fields the registry leaves out, or "(model)" when it is missing."""
    missing: dict[str, list[str]] = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        entry = registry.get(label)
        if entry is None:
            missing[label] = ["(model)"]
            continue
        left = sorted(_fields(model) - set(entry.classification()))
        if left:
            missing[label] = left
    return missing


def test_every_field_of_every_model_is_classified():
    assert unclassified(REGISTRY) == {}, (
        "classify these fields in parcours/privacy/registry.py (personal, special, secret, none)"
    )


def test_a_field_left_out_is_found():
    user = REGISTRY["accounts.user"]
    without_email = ModelPrivacy(
        personal=user.personal.replace("email", ""),
        secret=user.secret,
        none=user.none,
        about=user.about,
    )
    assert unclassified({**REGISTRY, "accounts.user": without_email}) == {
        "accounts.user": ["email"]
    }
    del_registry = {k: v for k, v in REGISTRY.items() if k != "curriculum.unit"}
    assert unclassified(del_registry) == {"curriculum.unit": ["(model)"]}


def test_the_registry_names_only_fields_that_exist_and_each_once():
    for label, entry in REGISTRY.items():
        model = apps.get_model(label)
        names = [n for kind in CLASSES for n in entry.fields_of(kind)]
        assert len(names) == len(set(names)), f"{label}: a field in two classes"
        assert set(names) <= _fields(model), f"{label}: {set(names) - _fields(model)}"


def test_the_special_categories_are_the_circumstances_and_what_weighs_them():
    special = {(label, n) for label, e in REGISTRY.items() for n in e.fields_of(SPECIAL)}
    assert special == {
        ("examcommittee.personalcircumstance", "description"),
        ("examcommittee.decision", "reasons"),
    }


@pytest.mark.parametrize("label", sorted(REGISTRY))
def test_the_lookups_to_a_person_and_the_file_fields_resolve(label):
    entry = REGISTRY[label]
    model = apps.get_model(label)
    for lookup in (*entry.about_lookups(), *entry.actor_lookups()):
        str(model._default_manager.filter(**{lookup: 1}).query)  # FieldError if wrong
    if entry.by_email:
        str(model._default_manager.filter(**{f"{entry.by_email}__iexact": "a@b.nl"}).query)
    for name in entry.files.split():
        assert entry.classification()[name] == "personal"


@pytest.mark.parametrize("record_class", RECORD_CLASSES, ids=lambda c: c.name)
def test_every_record_class_names_a_dated_field_and_resolves(record_class):
    model = record_class.model_class()
    assert record_class.model in REGISTRY
    anchor = model._meta.get_field(record_class.anchor)
    assert isinstance(anchor, models.DateField)  # DateTimeField is a DateField too
    str(record_class.queryset().query)
    for label, lookup in record_class.children:
        str(apps.get_model(label)._default_manager.filter(**{f"{lookup}__in": [1]}).query)
    assert record_class.why_nl
    assert record_class.why_en
    if record_class.immutable:
        assert record_class.legal_obligation
