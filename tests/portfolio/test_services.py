"""The portfolio's services: versions of an upload, mapping to criteria of several units, VRAAK
judgements by the coach only, and the workplace supervisor's single-use, expiring link."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied

from parcours.core.errors import DomainError
from parcours.core.models import AuditEntry
from parcours.portfolio import selectors, services
from parcours.portfolio.models import (
    EvidenceMapping,
    EvidenceVersion,
    VraakJudgement,
    WorkplaceConfirmation,
)
from tests import factories
from tests.portfolio.test_uploads import pdf_of_size

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
INVITED_AT = datetime(2026, 10, 5, 9, 0, tzinfo=AMSTERDAM)
VERDICTS = {
    "variety": "sufficient",
    "relevance": "sufficient",
    "authenticity": "doubtful",
    "currency": "sufficient",
    "quantity": "insufficient",
}


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    enrol = factories.enrolment(oer.variant)
    return {
        "oer": oer,
        "enrol": enrol,
        "student": enrol.student,
        "coach": enrol.coach,
        "u1": oer.units.get(code="U1"),
        "u2": oer.units.get(code="U2"),
        "item": factories.evidence_item(enrol),
    }


def stored(version: EvidenceVersion) -> bytes:
    """The version's file as the downloads read it (decrypted)."""
    return services.evidence_storage().open(version.stored_name).read()


# --- versions -----------------------------------------------------------------------------------


def test_a_new_upload_is_version_2_and_version_1_stays(world):
    item, student = world["item"], world["student"]
    first = item.versions.get()
    content = pdf_of_size(4096)

    second = services.version_upload(
        item, actor=student, file_name="zorgplan-v2.pdf", file=io.BytesIO(content), file_size=4096
    )

    assert list(item.versions.values_list("number", "original_name")) == [
        (2, "zorgplan-v2.pdf"),
        (1, "zorgplan.pdf"),
    ]
    assert second.sha256 == hashlib.sha256(content).hexdigest()
    assert second.size == 4096
    assert stored(second) == content
    first_again = EvidenceVersion.objects.get(pk=first.pk)
    assert (first_again.number, first_again.sha256) == (
        1,
        hashlib.sha256(factories.MINIMAL_PDF).hexdigest(),
    )
    assert stored(first_again) == factories.MINIMAL_PDF
    assert first_again.stored_name != second.stored_name


def test_only_the_student_uploads_a_new_version(world):
    item = world["item"]
    with pytest.raises(PermissionDenied):
        services.version_upload(
            item,
            actor=world["coach"],
            file_name="anders.pdf",
            file=io.BytesIO(factories.MINIMAL_PDF),
            file_size=len(factories.MINIMAL_PDF),
        )
    assert list(item.versions.values_list("number", flat=True)) == [1]


# --- mapping ------------------------------------------------------------------------------------


def test_one_item_maps_to_criteria_of_two_units(world):
    item = world["item"]
    u1, u2 = world["u1"], world["u2"]
    wanted = factories.criteria_of(u1) + factories.criteria_of(u2)[:1]

    mapped = services.item_map(item, actor=world["student"], criterion_ids=[c.pk for c in wanted])

    assert mapped == sorted(c.pk for c in wanted)
    assert set(item.mappings.values_list("criterion_id", flat=True)) == {c.pk for c in wanted}
    assert selectors.coverage(world["enrol"], u1).share_covered == 1.0
    coverage_u2 = selectors.coverage(world["enrol"], u2)
    assert coverage_u2.share_covered == 0.5
    assert [row.criterion for row in coverage_u2.gaps] == factories.criteria_of(u2)[1:]


def test_mapping_again_replaces_the_mapping(world):
    item, student = world["item"], world["student"]
    c1, c2 = factories.criteria_of(world["u1"])
    services.item_map(item, actor=student, criterion_ids=[c1.pk])
    services.item_map(item, actor=student, criterion_ids=[c2.pk])
    assert list(item.mappings.values_list("criterion_id", flat=True)) == [c2.pk]


def test_criteria_of_another_programme_are_refused_and_the_mapping_stays(world):
    item, student = world["item"], world["student"]
    own = factories.criteria_of(world["u1"])[0]
    services.item_map(item, actor=student, criterion_ids=[own.pk])
    other_programme = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
    other_oer = factories.published_oer(factories.outcome_based_variant(other_programme))
    foreign = factories.criteria_of(other_oer.units.get(code="U1"))[0]
    audit_before = AuditEntry.objects.count()

    with pytest.raises(DomainError) as refused:
        services.item_map(item, actor=student, criterion_ids=[own.pk, foreign.pk])

    assert refused.value.field == "criteria"
    assert refused.value.message_en == "A chosen criterion does not belong to your programme."
    assert list(item.mappings.values_list("criterion_id", flat=True)) == [own.pk]
    assert AuditEntry.objects.count() == audit_before


def test_criteria_of_a_draft_oer_of_the_own_programme_are_refused(world):
    draft = factories.draft_oer(world["enrol"].variant, year=2027)
    criterion = factories.criteria_of(draft.units.get(code="U1"))[0]
    with pytest.raises(DomainError):
        services.item_map(world["item"], actor=world["student"], criterion_ids=[criterion.pk])
    assert EvidenceMapping.objects.count() == 0


# --- VRAAK --------------------------------------------------------------------------------------


def test_the_coach_records_a_vraak_judgement(world):
    item, coach = world["item"], world["coach"]
    judgement = services.vraak_record(item, actor=coach, note="Handtekening ontbreekt.", **VERDICTS)
    stored_judgement = VraakJudgement.objects.get()
    assert stored_judgement.pk == judgement.pk
    assert (stored_judgement.item, stored_judgement.judge, stored_judgement.note) == (
        item,
        coach,
        "Handtekening ontbreekt.",
    )
    assert {a: getattr(stored_judgement, a) for a in VraakJudgement.ASPECTS} == VERDICTS
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert entry is not None
    assert entry.action == "evidence.vraak"


@pytest.mark.parametrize("who", ["other_coach", "student", "exam_committee", "stranger"])
def test_only_the_coach_judges_and_a_refusal_writes_nothing(world, who):
    programme = world["oer"].variant.programme
    actor = {
        "other_coach": lambda: factories.user_with_role("coach", programme),
        "student": lambda: world["student"],
        "exam_committee": lambda: factories.user_with_role("exam_committee", programme),
        "stranger": lambda: factories.UserFactory(),
    }[who]()
    audit_before = AuditEntry.objects.count()

    with pytest.raises(PermissionDenied):
        services.vraak_record(world["item"], actor=actor, **VERDICTS)

    assert VraakJudgement.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before


def test_a_judgement_needs_every_verdict(world):
    with pytest.raises(DomainError) as refused:
        services.vraak_record(world["item"], actor=world["coach"], **(VERDICTS | {"currency": ""}))
    assert (refused.value.field, refused.value.message_en) == (
        "currency",
        "Choose a verdict for every VRAAK criterion.",
    )
    assert VraakJudgement.objects.count() == 0


# --- the workplace supervisor's link ------------------------------------------------------------


def link_token(message) -> str:
    """The token in the e-mail's link (the same link twice: Dutch and English)."""
    (token,) = set(re.findall(r"https://parcours\.example/bevestigen/([\w-]+)/", message.body))
    return token


def invite(world, django_capture_on_commit_callbacks, item=None):
    """Invite the supervisor; returns the confirmation and the token from the e-mail's link."""
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        confirmation = services.confirmation_invite(
            item or world["item"],
            actor=world["student"],
            supervisor_email="praktijk@ziekenhuis-noord.example",
            supervisor_name="Mevrouw De Vries",
            site_url="https://parcours.example/",
        )
    (message,) = mail.outbox[sent:]
    return confirmation, link_token(message)


ANSWER = {
    "answer": "confirmed",
    "name": "A. de Vries",
    "role": "Teamleider verpleging",
    "organisation": "Ziekenhuis Noord",
    "comment": "Zelfstandig opgesteld.",
}


@time_machine.travel(INVITED_AT, tick=False)
def test_inviting_sends_one_email_with_the_link_and_keeps_only_the_tokens_hash(
    world, django_capture_on_commit_callbacks
):
    confirmation, token = invite(world, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["praktijk@ziekenhuis-noord.example"]
    assert message.subject == "Bevestiging gevraagd / Confirmation requested: Zorgplan mevrouw J."
    assert f"https://parcours.example/bevestigen/{token}/" in message.body
    assert "geldig tot 19-10-2026" in message.body
    stored_confirmation = WorkplaceConfirmation.objects.get()
    assert stored_confirmation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {
        str(getattr(stored_confirmation, f.attname))
        for f in WorkplaceConfirmation._meta.concrete_fields
    }
    assert stored_confirmation.version == world["item"].versions.get()
    assert stored_confirmation.expires_at == INVITED_AT + timedelta(days=14)
    assert confirmation.answer == ""


def test_the_link_opens_that_item_only(world, django_capture_on_commit_callbacks):
    other_item = factories.evidence_item(world["enrol"], title="Reflectieverslag")
    _, token = invite(world, django_capture_on_commit_callbacks)
    _, other_token = invite(world, django_capture_on_commit_callbacks, item=other_item)

    opened = services.confirmation_by_token(token)
    assert opened is not None
    assert opened.item == world["item"]
    assert opened.version == world["item"].versions.get()
    opened_other = services.confirmation_by_token(other_token)
    assert opened_other is not None
    assert opened_other.item == other_item
    assert services.confirmation_by_token("x" * 43) is None


def test_the_supervisor_answers_once_and_the_answer_is_recorded(
    world, django_capture_on_commit_callbacks
):
    with time_machine.travel(INVITED_AT, tick=False):
        _, token = invite(world, django_capture_on_commit_callbacks)
    answered_at = INVITED_AT + timedelta(days=2, hours=3)
    with time_machine.travel(answered_at, tick=False):
        services.confirmation_answer(token, **ANSWER)

    confirmation = WorkplaceConfirmation.objects.get()
    assert (
        confirmation.answer,
        confirmation.answered_name,
        confirmation.answered_role,
        confirmation.answered_organisation,
        confirmation.comment,
        confirmation.answered_at,
    ) == (
        "confirmed",
        "A. de Vries",
        "Teamleider verpleging",
        "Ziekenhuis Noord",
        "Zelfstandig opgesteld.",
        answered_at,
    )
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert entry is not None
    assert entry.action == "evidence.confirmation_confirmed"
    assert entry.actor is None


def test_a_second_answer_is_refused_and_changes_nothing(world, django_capture_on_commit_callbacks):
    _, token = invite(world, django_capture_on_commit_callbacks)
    services.confirmation_answer(token, **ANSWER)
    before = WorkplaceConfirmation.objects.values().get()
    audit_before = AuditEntry.objects.count()

    with pytest.raises(services.LinkUnusable) as refused:
        services.confirmation_answer(
            token, answer="declined", name="Iemand anders", role="Collega", organisation="Elders"
        )

    assert refused.value.message_en == "This link has been used; the answer is on record."
    assert WorkplaceConfirmation.objects.values().get() == before
    assert AuditEntry.objects.count() == audit_before
    with pytest.raises(services.LinkUnusable):
        services.confirmation_by_token(token)


def test_an_expired_link_is_refused(world, django_capture_on_commit_callbacks):
    with time_machine.travel(INVITED_AT, tick=False):
        _, token = invite(world, django_capture_on_commit_callbacks)
    expiry = INVITED_AT + timedelta(days=settings.WORKPLACE_LINK_DAYS)

    with time_machine.travel(expiry - timedelta(seconds=1), tick=False):
        assert services.confirmation_by_token(token) is not None
    with time_machine.travel(expiry, tick=False):
        with pytest.raises(services.LinkUnusable) as refused:
            services.confirmation_by_token(token)
        assert refused.value.message_en == (
            "This link has expired. Ask the student for a new invitation."
        )
        with pytest.raises(services.LinkUnusable):
            services.confirmation_answer(token, **ANSWER)

    confirmation = WorkplaceConfirmation.objects.get()
    assert (confirmation.answer, confirmation.answered_at, confirmation.answered_name) == (
        "",
        None,
        "",
    )


def test_an_answer_needs_name_role_and_organisation(world, django_capture_on_commit_callbacks):
    _, token = invite(world, django_capture_on_commit_callbacks)
    with pytest.raises(DomainError) as refused:
        services.confirmation_answer(token, **(ANSWER | {"role": "  "}))
    assert (refused.value.field, refused.value.message_en) == (
        "role",
        "Fill in your name, role and organisation.",
    )
    assert WorkplaceConfirmation.objects.get().answer == ""


def test_only_the_student_invites_a_supervisor(world):
    with pytest.raises(PermissionDenied):
        services.confirmation_invite(
            world["item"],
            actor=world["coach"],
            supervisor_email="praktijk@example.org",
            supervisor_name="Mevrouw De Vries",
            site_url="https://parcours.example/",
        )
    assert WorkplaceConfirmation.objects.count() == 0
    assert mail.outbox == []


def test_items_are_listed_newest_work_first(world):
    older = factories.evidence_item(
        world["enrol"], title="Ouder", content=None, evidence_date=date(2026, 9, 2)
    )
    assert list(selectors.items_of(world["enrol"])) == [world["item"], older]
