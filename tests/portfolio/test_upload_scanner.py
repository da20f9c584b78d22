"""The virus scanner, against a server that speaks clamd's INSTREAM protocol on loopback
(tests/portfolio/upload_files.py): a clean file is stored as clean, a virus is refused (422)
with its name and nothing stored, a scanner that is down leaves the upload pending (fail
closed: nobody can download it, an assessment does not take it) until `manage.py
scan_uploads` scans it, and a file found infected then is removed. Without a scanner each file
is recorded as "not scanned"."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.assessments import services as assessment_services
from parcours.core import scanner
from parcours.portfolio import services
from parcours.portfolio.checks import uploads_scanned
from parcours.portfolio.models import StoredFile
from parcours.portfolio.uploads import UploadRefused
from tests import factories
from tests.portfolio import upload_files as files
from tests.portfolio.test_uploads import stored_files
from tests.portfolio.uploading import accept, add, assert_nothing_stored, send

Scan = StoredFile.Scan
INFECTED_PDF = files.pdf(b"", b"<< /Length 68 >>\nstream\n" + files.EICAR + b"\nendstream")
VIRUS_EN = "The virus scanner found something in this file (Eicar-Signature); it was not stored."
VIRUS_NL = "De virusscanner vond iets in dit bestand (Eicar-Signature); het is niet opgeslagen."


@pytest.fixture
def clamd(settings):
    with files.serving(files.ClamdServer()) as server:
        settings.UPLOAD_SCANNER = server.address
        yield server


@pytest.fixture
def scanner_down(settings):
    settings.UPLOAD_SCANNER = files.closed_port()


@pytest.fixture(autouse=True)
def english(client):
    """Pages are read in English, their source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    coach = factories.user_with_role(Role.COACH, oer.variant.programme)
    enrol = factories.enrolment(oer.variant, coach=coach)
    return oer, enrol, coach


@pytest.fixture
def enrol(world):
    return world[1]


@pytest.fixture(params=["service", "web", "api"])
def via(request):
    return request.param


def test_a_clean_file_is_scanned_as_sent_and_stored_as_clean(via, client, enrol, clamd):
    item = accept(via, client, enrol, "verslag.pdf", factories.MINIMAL_PDF)
    row = StoredFile.objects.get(name=item.versions.get().stored_name)
    assert (row.scan, row.scan_detail, row.scan_attempts) == (Scan.CLEAN, "", 0)
    assert row.scanned_at is not None
    assert clamd.scanned == [factories.MINIMAL_PDF]  # the plaintext, whole, once


def test_a_virus_is_refused_with_its_name_and_nothing_is_stored(via, client, enrol, clamd):
    assert files.EICAR in INFECTED_PDF
    assert send(via, client, enrol, "verslag.pdf", INFECTED_PDF) == (422, VIRUS_EN)
    assert_nothing_stored()


def test_a_virus_is_refused_in_dutch(client, enrol, clamd):
    assert send("web", client, enrol, "verslag.pdf", INFECTED_PDF, "nl") == (422, VIRUS_NL)
    assert_nothing_stored()


def test_a_unix_socket_scanner_works_too(enrol, settings, tmp_path):
    with files.serving(files.UnixClamdServer(tmp_path / "clamd.ctl")) as server:
        settings.UPLOAD_SCANNER = server.address
        item = add(enrol, "verslag.pdf", factories.MINIMAL_PDF)()
        with pytest.raises(UploadRefused, match="Eicar-Signature"):
            add(enrol, "virus.pdf", INFECTED_PDF)()
    assert StoredFile.objects.get(name=item.versions.get().stored_name).scan == Scan.CLEAN
    assert server.scanned == [factories.MINIMAL_PDF, INFECTED_PDF]


def test_without_a_scanner_a_file_is_recorded_as_not_scanned(enrol, settings):
    settings.UPLOAD_SCANNER = ""
    item = add(enrol, "verslag.pdf", factories.MINIMAL_PDF)()
    row = StoredFile.objects.get(name=item.versions.get().stored_name)
    assert (row.scan, row.scan_detail, row.scanned_at) == (
        Scan.NOT_SCANNED,
        "no scanner configured",
        None,
    )
    assert row.usable


def test_check_deploy_warns_without_a_scanner_unless_none_is_said(settings):
    settings.UPLOAD_SCANNER = ""
    assert [m.id for m in uploads_scanned()] == ["portfolio.W001"]
    settings.UPLOAD_SCANNER = "none"
    assert uploads_scanned() == []
    settings.UPLOAD_SCANNER = "tcp://127.0.0.1:3310"
    assert uploads_scanned() == []


# --- the scanner down: fail closed ---------------------------------------------------------------


def test_with_the_scanner_down_an_upload_is_kept_pending(via, client, enrol, scanner_down):
    item = accept(via, client, enrol, "verslag.pdf", factories.MINIMAL_PDF)
    version = item.versions.get()
    row = StoredFile.objects.get(name=version.stored_name)
    assert row.scan == Scan.PENDING
    assert row.scan_detail.startswith("cannot reach the scanner at tcp://127.0.0.1:")
    assert len(stored_files()) == 1  # stored (encrypted), not lost


def test_a_pending_file_cannot_be_downloaded_by_anyone(client, world, scanner_down):
    _oer, enrol, coach = world
    version = add(enrol, "verslag.pdf", factories.MINIMAL_PDF)().versions.get()
    for user in (enrol.student, coach):
        client.force_login(user)
        for name in ("version_download", "version_preview"):
            assert client.get(reverse(f"portfolio:{name}", args=[version.pk])).status_code == 404
    page = client.get(reverse("portfolio:item_detail", args=[version.item_id])).content.decode()
    assert 'data-testid="scan-1">waiting for the virus scan' in page
    assert 'data-testid="download-1"' not in page
    assert 'data-testid="preview-frame"' not in page
    item_page = reverse("portfolio:item_detail", args=[version.item_id])
    dutch = client.get(item_page, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'data-testid="scan-1">wacht op de virusscan; het kan worden geopend zodra' in dutch


def test_an_assessment_does_not_take_a_pending_version(world, scanner_down, settings):
    oer, enrol, _coach = world
    unit = oer.units.get(code="U1")
    settings.UPLOAD_SCANNER = ""
    item = factories.evidence_item(enrol, criteria=factories.criteria_of(unit))
    settings.UPLOAD_SCANNER = files.closed_port()
    services.version_upload(
        item,
        actor=enrol.student,
        file_name="v2.pdf",
        file=io.BytesIO(factories.MINIMAL_PDF),
        file_size=len(factories.MINIMAL_PDF),
    )
    request = assessment_services.request_create(
        enrol,
        actor=enrol.student,
        unit_ids=[unit.pk],
        item_ids=[item.pk],
        integral=False,
        on=date(2026, 11, 2),
    )
    assert request.frozen.get().version.number == 1  # v2 waits for the scanner


def test_scan_uploads_scans_pending_files_once_the_scanner_is_back(client, enrol, settings):
    settings.UPLOAD_SCANNER = files.closed_port()
    version = add(enrol, "verslag.pdf", factories.MINIMAL_PDF)().versions.get()
    call_command("scan_uploads")  # still down: stays pending, the attempt counted
    row = StoredFile.objects.get(name=version.stored_name)
    assert (row.scan, row.scan_attempts) == (Scan.PENDING, 1)
    with files.serving(files.ClamdServer()) as server:
        settings.UPLOAD_SCANNER = server.address
        call_command("scan_uploads")
    row.refresh_from_db()
    assert (row.scan, row.scan_attempts, row.scan_detail) == (Scan.CLEAN, 2, "")
    assert server.scanned == [factories.MINIMAL_PDF]  # decrypted for the scanner
    client.force_login(enrol.student)
    response = client.get(reverse("portfolio:version_download", args=[version.pk]))
    assert b"".join(response.streaming_content) == factories.MINIMAL_PDF


def test_a_pending_file_found_infected_later_is_removed_and_says_so(
    client, enrol, settings, django_capture_on_commit_callbacks
):
    settings.UPLOAD_SCANNER = files.closed_port()
    version = add(enrol, "verslag.pdf", factories.MINIMAL_PDF)().versions.get()
    assert len(stored_files()) == 1
    with files.serving(files.ClamdServer()) as server:
        server.answer = b"stream: Win.Test.Parcours FOUND\0"
        settings.UPLOAD_SCANNER = server.address
        with django_capture_on_commit_callbacks(execute=True):  # removed once committed
            assert services.files_scan_pending() == {"clean": 0, "infected": 1, "pending": 0}
    row = StoredFile.objects.get(name=version.stored_name)
    assert (row.scan, row.scan_detail) == (Scan.INFECTED, "Win.Test.Parcours")
    assert stored_files() == []  # the content is gone; the row says why
    client.force_login(enrol.student)
    assert client.get(reverse("portfolio:version_download", args=[version.pk])).status_code == 404
    page = client.get(reverse("portfolio:item_detail", args=[version.item_id])).content.decode()
    assert 'data-testid="scan-1">removed: the virus scanner found something in it' in page


def test_a_scanner_error_reply_keeps_the_file_pending(enrol, clamd):
    clamd.stream_max = 10  # clamd's StreamMaxLength exceeded: "… ERROR"
    version = add(enrol, "verslag.pdf", factories.MINIMAL_PDF)().versions.get()
    row = StoredFile.objects.get(name=version.stored_name)
    assert row.scan == Scan.PENDING
    assert "INSTREAM size limit exceeded. ERROR" in row.scan_detail


def test_the_client_refuses_an_address_it_cannot_use():
    with pytest.raises(ImproperlyConfigured, match="tcp://host:port or unix:///path"):
        scanner.scan(io.BytesIO(b"x"), address="clamd.example:3310")
