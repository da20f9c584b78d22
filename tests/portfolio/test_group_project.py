"""A group project is one shared record that students of different programmes link to: a
student shares an item as a group project and passes its code on; a student of another
programme joins with the code and gets their own item linked to the shared record. Each maps
their own item to their own units and sees only their own mapping; the coach and the exam
committee read it without changing it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from parcours.core.errors import DomainError
from parcours.core.models import AuditEntry
from parcours.portfolio import services
from parcours.portfolio.models import EvidenceItem, EvidenceMapping, GroupProject
from parcours.portfolio.services.groups import CODE_ALPHABET, CODE_LENGTH
from tests import factories
from tests.examcommittee.test_progress import Page


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def two_programmes(db):
    """A nursing student and a pabo student, each with their coach and exam committee."""
    nursing = factories.outcome_based_variant(factories.programme())
    pabo = factories.outcome_based_variant(
        factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary education")
    )
    oers = {v.pk: factories.published_oer(v) for v in (nursing, pabo)}
    nurse = factories.enrolment(nursing)
    teacher = factories.enrolment(pabo)
    item = factories.evidence_item(
        nurse, title="Gezondheidsweek basisschool", description="Samen met de pabo opgezet."
    )
    return {
        "nurse": nurse,
        "teacher": teacher,
        "item": item,
        "units": {e.pk: oers[e.variant_id] for e in (nurse, teacher)},
        "committee": factories.user_with_role("exam_committee", pabo.programme),
    }


def _criteria(world, enrol, code):
    return factories.criteria_of(world["units"][enrol.pk].units.get(code=code))


def test_students_of_two_programmes_link_to_one_project_each_with_their_own_mapping(
    two_programmes,
):
    w = two_programmes
    nurse, teacher = w["nurse"], w["teacher"]
    project = services.group_project_share(w["item"], actor=nurse.student)
    assert len(project.code) == CODE_LENGTH
    assert set(project.code) <= set(CODE_ALPHABET)
    assert (project.title, project.description, project.created_by) == (
        "Gezondheidsweek basisschool",
        "Samen met de pabo opgezet.",
        nurse.student,
    )
    # the code as typed by hand: lower case, with a dash
    own = services.group_project_join(
        teacher, actor=teacher.student, code=f"{project.code[:4].lower()}-{project.code[4:]}"
    )
    assert (own.enrolment, own.group_project, own.title, own.evidence_date) == (
        teacher,
        project,
        "Gezondheidsweek basisschool",
        w["item"].evidence_date,
    )
    assert set(project.items.values_list("enrolment_id", flat=True)) == {nurse.pk, teacher.pk}

    services.item_map(
        w["item"], actor=nurse.student, criterion_ids=[c.pk for c in _criteria(w, nurse, "U1")]
    )
    services.item_map(
        own, actor=teacher.student, criterion_ids=[c.pk for c in _criteria(w, teacher, "U5")]
    )
    assert {c.outcome.unit.oer.variant_id for c in w["item"].criteria.all()} == {nurse.variant_id}
    assert {c.outcome.unit.oer.variant_id for c in own.criteria.all()} == {teacher.variant_id}
    with pytest.raises(DomainError):  # their own units only: the other programme's are refused
        services.item_map(
            own, actor=teacher.student, criterion_ids=[_criteria(w, nurse, "U1")[0].pk]
        )
    assert {c.pk for c in own.criteria.all()} == {c.pk for c in _criteria(w, teacher, "U5")}


def test_each_student_sees_their_own_item_and_mapping_never_the_others(client, two_programmes):
    w = two_programmes
    nurse, teacher = w["nurse"], w["teacher"]
    project = services.group_project_share(w["item"], actor=nurse.student)
    own = services.group_project_join(teacher, actor=teacher.student, code=project.code)
    services.item_map(
        w["item"], actor=nurse.student, criterion_ids=[c.pk for c in _criteria(w, nurse, "U1")]
    )
    services.item_map(
        own, actor=teacher.student, criterion_ids=[c.pk for c in _criteria(w, teacher, "U5")]
    )

    client.force_login(teacher.student)
    page = Page(client.get(reverse("portfolio:item_detail", args=[own.pk])))
    assert page.status == 200
    assert page.has("mapped-U5")
    assert not page.has("mapped-U1")
    assert page.text("group-members") == (
        "2 students link to it (Pabo, Verpleegkunde); each maps their own item to their own units."
    )
    assert page.text("group-description") == "Samen met de pabo opgezet."
    assert page.text("group-code-value") == project.code
    # the nurse's item, with its mapping, stays hidden from the pabo student
    assert client.get(reverse("portfolio:item_detail", args=[w["item"].pk])).status_code == 404

    client.force_login(nurse.student)
    page = Page(client.get(reverse("portfolio:item_detail", args=[w["item"].pk])))
    assert page.has("mapped-U1")
    assert not page.has("mapped-U5")
    assert client.get(reverse("portfolio:item_detail", args=[own.pk])).status_code == 404


def test_the_coach_and_the_committee_read_the_item_and_its_project_without_changing_it(
    client, two_programmes
):
    w = two_programmes
    nurse, teacher = w["nurse"], w["teacher"]
    project = services.group_project_share(w["item"], actor=nurse.student)
    own = services.group_project_join(teacher, actor=teacher.student, code=project.code)
    services.item_map(
        own, actor=teacher.student, criterion_ids=[c.pk for c in _criteria(w, teacher, "U5")]
    )
    for reader in (teacher.coach, w["committee"]):
        client.force_login(reader)
        page = Page(client.get(reverse("portfolio:item_detail", args=[own.pk])))
        assert page.status == 200
        assert page.has("group-members")
        assert page.has("mapped-U5")
        assert not page.has("group-code-value")  # the code is the students' to pass on
        assert not page.has("mapping-form")
        assert not page.has("group-share-form")
        mapped = EvidenceMapping.objects.filter(item=own).count()
        response = client.post(
            reverse("portfolio:item_map", args=[own.pk]),
            {"criteria": [_criteria(w, teacher, "U1")[0].pk]},
        )
        assert response.status_code == 403
        assert EvidenceMapping.objects.filter(item=own).count() == mapped
        # the nurse's item is not theirs to read
        assert client.get(reverse("portfolio:item_detail", args=[w["item"].pk])).status_code == 404


def test_joining_through_the_portfolio_page_and_its_refusals(client, two_programmes):
    w = two_programmes
    nurse, teacher = w["nurse"], w["teacher"]
    client.force_login(nurse.student)
    response = client.post(reverse("portfolio:item_share", args=[w["item"].pk]))
    assert response.status_code == 302
    project = GroupProject.objects.get()
    assert EvidenceItem.objects.get(pk=w["item"].pk).group_project == project

    client.force_login(teacher.student)
    home = Page(client.get(reverse("portfolio:home")))
    assert home.has("group-join-form")
    join = reverse("portfolio:group_project_join")
    items, audit = EvidenceItem.objects.count(), AuditEntry.objects.count()
    refused = Page(client.post(join, {"code": "ZZZZZZZZZZ"}))
    assert refused.status == 422
    assert "There is no group project with this code." in refused.html
    assert (EvidenceItem.objects.count(), AuditEntry.objects.count()) == (items, audit)

    response = client.post(join, {"code": project.code})
    own = EvidenceItem.objects.get(enrolment=teacher)
    assert response.status_code == 302
    assert response["Location"] == reverse("portfolio:item_detail", args=[own.pk]) + "#mapping"

    again = Page(client.post(join, {"code": project.code}))
    assert again.status == 422
    assert "You already belong to this group project" in again.html
    assert EvidenceItem.objects.filter(enrolment=teacher).count() == 1


def test_an_item_is_shared_once_and_only_by_its_student(two_programmes):
    w = two_programmes
    nurse, teacher = w["nurse"], w["teacher"]
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.group_project_share(w["item"], actor=teacher.student)
    with pytest.raises(PermissionDenied):
        services.group_project_share(w["item"], actor=nurse.coach)
    assert not GroupProject.objects.exists()
    services.group_project_share(w["item"], actor=nurse.student)
    with pytest.raises(DomainError) as refused:
        services.group_project_share(w["item"], actor=nurse.student)
    assert refused.value.message_en == "This item already belongs to a group project."
    assert GroupProject.objects.count() == 1
    with pytest.raises(PermissionDenied):  # nobody joins on another student's behalf
        services.group_project_join(
            teacher, actor=nurse.student, code=GroupProject.objects.get().code
        )
    assert not EvidenceItem.objects.filter(enrolment=teacher).exists()
