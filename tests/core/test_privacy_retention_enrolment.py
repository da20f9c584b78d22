"""Retention of applications, registrations and census snapshots: an application that did not
lead to admission goes two years after it was made, with its documents and their files; one
that did stays seven years; a registration goes eight years after its start unless a census
snapshot refers to it; a census snapshot past its seven years is reported, never deleted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from parcours.admissions import services as admissions
from parcours.admissions.models import Application, ApplicationDocument
from parcours.privacy.services import purge_expired
from parcours.registrations import services as registrations
from parcours.registrations.models import CensusSnapshot, Registration
from tests.admissions.helpers import ON, admissions_world, apply
from tests.registrations.conftest import CENSUS, build_world

pytestmark = pytest.mark.django_db


def squash(text: str) -> str:
    return " ".join(text.split())


def test_an_application_not_admitted_goes_after_two_years_with_its_files(
    settings, django_capture_on_commit_callbacks
):
    world = admissions_world()
    with time_machine.travel(datetime(2027, 6, 1, 9, tzinfo=UTC), tick=False):
        refused = apply(world)
        admitted = apply(world)
        for application, outcome in ((refused, False), (admitted, True)):
            admissions.application_decide(
                application,
                actor=world.manager,
                admitted=outcome,
                grounds=[] if outcome else ["requirements_not_met"],
                on=ON,
            )
    stored = settings.EVIDENCE_ROOT / refused.documents.get().stored_name
    assert stored.exists()

    day_before = datetime(2029, 6, 1, 9, tzinfo=UTC)  # 731 days: the term is 731 days
    with django_capture_on_commit_callbacks(execute=True):
        early = {r.record_class.name: r for r in purge_expired(now=day_before)}
    assert early["application_not_admitted"].deleted == 0
    assert Application.objects.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        reports = {r.record_class.name: r for r in purge_expired(now=day_before + timedelta(1))}

    gone = reports["application_not_admitted"]
    assert (gone.deleted, gone.ids, gone.files) == (1, [refused.pk], 1)
    assert list(Application.objects.values_list("pk", flat=True)) == [admitted.pk]
    assert ApplicationDocument.objects.filter(application=admitted).count() == 1
    assert not stored.exists()
    assert reports["application_admitted"].deleted == 0


def test_a_registration_goes_after_eight_years_unless_a_census_refers_to_it():
    world = build_world()
    old = world.enrol(world.full_time, start=date(2024, 9, 1))
    [past] = world.years(old, 2024, 2024)
    current = world.enrol(world.full_time, start=date(2026, 9, 1))
    [counted] = world.years(current, 2026, 2026)
    snapshot, _ = registrations.snapshot_take(
        world.bachelor.institution, actor=world.admin, census_date=CENSUS
    )
    assert list(snapshot.lines.values_list("registration_id", flat=True)) == [counted.pk]

    reports = {r.record_class.name: r for r in purge_expired(now=datetime(2034, 10, 2, tzinfo=UTC))}

    assert (reports["registration"].deleted, reports["registration"].ids) == (1, [past.pk])
    assert list(Registration.objects.values_list("pk", flat=True)) == [counted.pk]
    assert CensusSnapshot.objects.filter(pk=snapshot.pk).exists()


def test_a_census_snapshot_past_its_term_is_reported_and_kept():
    world = build_world()
    enrolment = world.enrol(world.full_time, start=date(2026, 9, 1))
    world.years(enrolment, 2026, 2026)
    snapshot, _ = registrations.snapshot_take(
        world.bachelor.institution, actor=world.admin, census_date=CENSUS
    )
    out = StringIO()
    with time_machine.travel(datetime(2033, 10, 2, 9, tzinfo=UTC), tick=False):
        call_command("purge_expired", stdout=out)

    assert CensusSnapshot.objects.filter(pk=snapshot.pk).exists()
    assert snapshot.lines.count() == 1
    assert (
        "census_snapshot 2557d 1 verlopen, blijven: onveranderlijk in de database / "
        "1 expired, kept: immutable in the database"
    ) in squash(out.getvalue())
