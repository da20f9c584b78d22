"""The census snapshot: taken once per institution and date, its lines as the census gave
them, immutable, audited; a second take (also twenty at once) adds nothing."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from parcours.core.errors import DomainError, RuleViolation
from parcours.core.models import AuditEntry
from parcours.registrations import services
from parcours.registrations.models import CensusLine, CensusSnapshot

from .conftest import CENSUS, build_world


def _some(world):
    counted = world.years(world.enrol(world.part_time), 2026, 2026)[0]
    beyond = world.years(world.enrol(world.part_time), 2022, 2026)[-1]
    left = world.years(world.enrol(world.full_time), 2026, 2026, ends_on=date(2026, 9, 15))[0]
    return counted, beyond, left


def test_the_snapshot_keeps_every_line_and_is_audited(world):
    counted, beyond, left = _some(world)
    snapshot, created = services.snapshot_take(
        world.bachelor.institution, actor=world.admin, census_date=CENSUS
    )
    assert created is True
    assert (snapshot.census_date, snapshot.total, snapshot.counted, snapshot.taken_by) == (
        CENSUS,
        3,
        1,
        world.admin,
    )
    assert sorted(
        snapshot.lines.values_list("registration_id", "counted", "reason", "enrolment_year")
    ) == sorted(
        [
            (counted.pk, True, "counted", 1),
            (beyond.pk, False, "beyond_nominal", 5),
            (left.pk, False, "not_enrolled", 1),
        ]
    )
    entries = list(
        AuditEntry.objects.filter(action="census_snapshot_take").values_list("object_id", "data")
    )
    assert entries == [(str(snapshot.pk), {"census_date": "2026-10-01", "total": 3, "counted": 1})]


def test_taking_it_again_returns_the_same_and_adds_nothing(world):
    _some(world)
    first, _ = services.snapshot_take(
        world.bachelor.institution, actor=world.admin, census_date=CENSUS
    )
    world.years(world.enrol(world.associate_variant), 2026, 2026)  # registered since
    again, created = services.snapshot_take(
        world.bachelor.institution, actor=world.admin, census_date=CENSUS
    )
    assert (again.pk, created) == (first.pk, False)
    assert (CensusSnapshot.objects.count(), CensusLine.objects.count()) == (1, 3)
    assert AuditEntry.objects.filter(action="census_snapshot_take").count() == 1


def test_a_day_that_is_not_a_census_date_stores_nothing(world):
    _some(world)
    with pytest.raises(RuleViolation) as refused:
        services.snapshot_take(
            world.bachelor.institution, actor=world.admin, census_date=date(2026, 10, 2)
        )
    assert refused.value.rule_id == "funding.census"
    assert not CensusSnapshot.objects.exists()
    assert not CensusLine.objects.exists()


def test_a_programme_manager_may_not_take_it(world):
    with pytest.raises(PermissionDenied):
        services.snapshot_take(world.bachelor.institution, actor=world.manager, census_date=CENSUS)
    assert not CensusSnapshot.objects.exists()


def test_the_snapshot_and_its_lines_do_not_change(world):
    _some(world)
    snapshot, _ = services.snapshot_take(
        world.bachelor.institution, actor=world.admin, census_date=CENSUS
    )
    line = snapshot.lines.first()
    snapshot.counted = 99
    with pytest.raises(DomainError):
        snapshot.save()
    with pytest.raises(DomainError):
        snapshot.delete()
    line.counted = not line.counted
    with pytest.raises(DomainError):
        line.save()
    # around the models: the database refuses the UPDATE
    with pytest.raises(DatabaseError), transaction.atomic():
        CensusSnapshot.objects.update(counted=0)
    with pytest.raises(DatabaseError), transaction.atomic():
        CensusLine.objects.update(enrolment_year=9)
    snapshot.refresh_from_db()
    assert (snapshot.total, snapshot.counted) == (3, 1)
    assert sorted(CensusLine.objects.values_list("enrolment_year", flat=True)) == [1, 1, 5]


@pytest.mark.django_db(transaction=True)
def test_twenty_at_once_give_one_snapshot():
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()
    world = build_world()
    _some(world)
    institution = world.bachelor.institution
    barrier = threading.Barrier(20)
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []

    def take() -> None:
        try:
            barrier.wait(timeout=30)
            snapshot, created = services.snapshot_take(
                institution, actor=world.admin, census_date=CENSUS
            )
            results.append((snapshot.pk, created))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert len(results) == 20
    assert len({pk for pk, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    assert (CensusSnapshot.objects.count(), CensusLine.objects.count()) == (1, 3)
    assert AuditEntry.objects.filter(action="census_snapshot_take").count() == 1
