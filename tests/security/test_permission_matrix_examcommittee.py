"""Permission matrix for the validation desk (/loket/) and the exam committee's desk and
decision pages (/examencommissie/): every role and relation × every route.

Relations that matter here: the requester (an enrolled student with a coach), another signed-in
user without a role (a prospective student), the exam committee of the programme, the exam
committee of another programme, the requester's coach, an assessor and the programme manager of
the programme, the administrator. See test_permission_matrix.py for the conventions (404
hidden, 403 visible but not allowed, 302 to log in on the web).

The desk itself is public: anyone may read it and ask a question; an exemption request needs an
account (anonymous users get the sign-in page). A draft decision is seen by the committee only;
once made known the student and their coach read it too, and only the committee acts on it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings

from parcours.examcommittee import services
from parcours.studyplans import services as plan_services
from tests import factories
from tests.security.test_permission_matrix import Probe, _request

ROLES = (
    "anonymous",
    "requester",  # the student who sent the requests and whom the decisions are about
    "other_user",  # signed in, no role (another prospective student)
    "committee",  # exam committee of the programme
    "other_committee",  # exam committee of another programme
    "coach",  # the requester's coach
    "assessor",
    "programme_manager",
    "administrator",
)
BRIN = "99XX"
PASSWORD = "Zorg-en-welzijn-2027!"


@dataclass
class World:
    ids: dict[str, int]
    users: dict[str, Any]
    tokens: dict[str, str]


def _pdf(name: str = "evc.pdf") -> services.Upload:
    return services.Upload(
        name,
        io.BytesIO(factories.MINIMAL_PDF),
        len(factories.MINIMAL_PDF),
        kind="rpl_certificate",
        issuer="EVC-centrum Zorg",
    )


@pytest.fixture(scope="module")
def evidence_root(tmp_path_factory):
    return tmp_path_factory.mktemp("desk-matrix-evidence")


@pytest.fixture(autouse=True)
def _world_evidence_root(settings, evidence_root):
    """The world's documents live in one folder for the whole module (after conftest's
    per-test folder, which this replaces)."""
    settings.EVIDENCE_ROOT = evidence_root


@pytest.fixture(scope="module")
def desk_world(django_db_setup, django_db_blocker, evidence_root):
    """Requests in each state that matters, a question, a draft and a decision made known."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(EVIDENCE_ROOT=evidence_root),
    ):
        programme = factories.programme()
        variant = factories.outcome_based_variant(programme)
        oer = factories.published_oer(variant)
        other = factories.programme(croho_code="34808", name_nl="Pabo", name_en="Primary")
        coach = factories.user_with_role("coach", programme)
        users: dict[str, Any] = {"anonymous": None, "coach": coach}
        users["other_user"] = factories.UserFactory()
        users["committee"] = factories.user_with_role("exam_committee", programme)
        users["other_committee"] = factories.user_with_role("exam_committee", other)
        users["assessor"] = factories.user_with_role("assessor", programme)
        users["programme_manager"] = factories.user_with_role("programme_manager", programme)
        users["administrator"] = factories.user_with_role("administrator")
        enrolment = factories.enrolment(variant, coach=coach)
        requester = users["requester"] = enrolment.student
        units = {u.code: u for u in oer.units.all()}

        def exemption(codes: tuple[str, ...]) -> Any:
            return services.desk_request_create(
                programme.institution,
                actor=requester,
                programme=programme,
                kind="exemption",
                subject="Vrijstelling",
                message="Werkervaring.",
                unit_ids=[units[c].pk for c in codes],
                documents=[_pdf()],
                on=date(2027, 3, 1),
            )

        received = exemption(("U1",))
        asked = exemption(("U2",))
        services.desk_information_ask(asked, actor=users["committee"], text="Cijferlijst?")
        question = services.desk_request_create(
            programme.institution,
            actor=requester,
            programme=programme,
            kind="question",
            subject="Deeltijd",
            message="Kan ik later starten?",
            on=date(2027, 3, 1),
        )
        drafted = exemption(("U3", "U4"))
        draft = services.exemption_draft(drafted, actor=users["committee"])
        services.decision_update(  # saved complete: "Make known" acts on the saved draft
            draft,
            actor=users["committee"],
            reasons="Het EVC-certificaat dekt U3.",
            decided_on=date(2027, 4, 19),
            unit_grants={units["U3"].pk: True, units["U4"].pk: False},
        )
        decided = exemption(("U5",))
        known = services.exemption_draft(decided, actor=users["committee"])
        services.decision_update(
            known,
            actor=users["committee"],
            reasons="Het EVC-certificaat dekt U5.",
            decided_on=date(2027, 4, 19),
            unit_grants={units["U5"].pk: True},
        )
        services.decision_make_known(known, actor=users["committee"], on=date(2027, 4, 20))
        version = factories.plan(enrolment, oer).versions.get()
        plan_services.version_submit(
            version,
            actor=requester,
            expected_lock_version=version.lock_version,
            on=date(2027, 3, 1),
        )
        plan_services.version_agree(version, actor=coach)
        plan_services.version_establish(
            version,
            actor=users["committee"],
            decisions={pu.pk: ("established", "") for pu in version.units.all()},
            on=date(2027, 3, 2),
        )
        anonymous_question = services.desk_request_create(
            programme.institution,
            actor=None,
            programme=programme,
            kind="question",
            subject="EVC",
            message="Telt mijn certificaat?",
            contact_name="Sam Jansen",
            contact_email="sam@example.org",
            on=date(2027, 3, 1),
        )
        ids: dict[str, Any] = {
            "answer_token": anonymous_question.answer_token,
            "plan_version": version.pk,
            "programme": programme.pk,
            "received": received.pk,
            "asked": asked.pk,
            "question": question.pk,
            "document": received.documents.get().pk,
            "draft": draft.pk,
            "draft_u3": units["U3"].pk,
            "draft_u4": units["U4"].pk,
            "known": known.pk,
            "unit_u6": units["U6"].pk,
        }
        yield World(ids, users, {})
        transaction.set_rollback(True)


SIGNED_IN = set(ROLES) - {"anonymous"}
COMMITTEES = {"committee", "other_committee"}


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, *, anonymous: int = 302) -> dict[str, int]:
    return {r: anonymous if r == "anonymous" else status for r in ROLES}


def objects(
    ok: int, *, allowed: set[str], visible: frozenset[str] | set[str] = frozenset()
) -> dict[str, int]:
    """`ok` for `allowed`, 403 for those who may see the object, 404 for the rest; anonymous
    users are asked to log in."""
    return {
        r: 302 if r == "anonymous" else ok if r in allowed else 403 if r in visible else 404
        for r in ROLES
    }


def committee_page() -> dict[str, int]:
    return {r: 302 if r == "anonymous" else 200 if r in COMMITTEES else 403 for r in ROLES}


def decision_data(i: dict[str, int]) -> dict[str, Any]:
    return {
        "body": "Examencommissie Verpleegkunde",
        "members": "A. de Wit",
        "decided_on": "2027-04-19",
        "reasons": "Het EVC-certificaat dekt U3 en U4.",
        "evidence_cited": "EVC-certificaat",
        "legal_basis": "WHW art. 7.12b",
        "appeal_clause": services.default_appeal_clause("nl"),
        "language": "nl",
        f"unit_{i['draft_u3']}": "yes",
        f"unit_{i['draft_u4']}": "no",
    }


PROBES: list[Probe] = [
    # --- /loket/: the public desk -----------------------------------------------------------------
    Probe("examcommittee:desk_index", "get", lambda i: "/loket/", everyone(302)),
    Probe("examcommittee:desk_home", "get", lambda i: f"/loket/{BRIN}/", everyone(200)),
    Probe("examcommittee:question_create", "get", lambda i: f"/loket/{BRIN}/vraag/", everyone(200)),
    Probe(
        "examcommittee:question_create",
        "post",
        lambda i: f"/loket/{BRIN}/vraag/",
        everyone(302),
        lambda i: {
            "contact_name": "Karin Smit",
            "contact_email": "karin@example.org",
            "programme": i["programme"],
            "subject": "EVC",
            "message": "Telt mijn EVC-certificaat mee?",
        },
    ),
    # an anonymous question's private link: the link decides, not who holds it
    Probe(
        "examcommittee:desk_answer_link",
        "get",
        lambda i: f"/loket/antwoord/{i['answer_token']}/",
        everyone(200),
    ),
    Probe(
        "examcommittee:desk_answer_link",
        "get",
        lambda i: "/loket/antwoord/" + "x" * 43 + "/",
        everyone(404),
    ),
    Probe(
        "examcommittee:exemption_create",
        "get",
        lambda i: f"/loket/{BRIN}/vrijstelling/",
        everyone(200),
    ),
    Probe(
        "examcommittee:exemption_create",
        "post",
        lambda i: f"/loket/{BRIN}/vrijstelling/?programme={i['programme']}",
        signed_in(302, anonymous=200),  # anonymous users get the sign-in page
        lambda i: {
            "programme": i["programme"],
            "units": [i["unit_u6"]],
            "message": "Werkervaring.",
            "doc_file_0": SimpleUploadedFile("evc.pdf", factories.MINIMAL_PDF),
            "doc_kind_0": "rpl_certificate",
        },
    ),
    Probe(
        "examcommittee:desk_signup",
        "post",
        lambda i: f"/loket/{BRIN}/account/",
        everyone(302),  # signed-in users go on to the request form
        lambda i: {
            "first_name": "Nieuwe",
            "last_name": "Student",
            "email": "nieuw@example.org",
            "password": PASSWORD,
            "programme": i["programme"],
        },
    ),
    # --- /loket/: the requester's pages -----------------------------------------------------------
    Probe("examcommittee:my_requests", "get", lambda i: "/loket/mijn-verzoeken/", signed_in(200)),
    Probe(
        "examcommittee:desk_request_detail",
        "get",
        lambda i: f"/loket/mijn-verzoeken/{i['received']}/",
        objects(200, allowed={"requester", "committee"}),
    ),
    Probe(
        "examcommittee:reply_create",
        "post",
        lambda i: f"/loket/mijn-verzoeken/{i['asked']}/antwoorden/",
        objects(302, allowed={"requester"}, visible={"committee"}),
        {"text": "Hierbij mijn cijferlijst."},
    ),
    Probe(
        "examcommittee:document_download",
        "get",
        lambda i: f"/loket/documenten/{i['document']}/",
        objects(200, allowed={"requester", "committee"}),
    ),
    Probe("examcommittee:my_decisions", "get", lambda i: "/loket/mijn-besluiten/", signed_in(200)),
    Probe(
        "examcommittee:my_decision_detail",
        "get",
        lambda i: f"/loket/mijn-besluiten/{i['known']}/",
        objects(200, allowed={"requester", "coach", "committee"}),
    ),
    Probe(
        "examcommittee:my_decision_detail",
        "get",
        lambda i: f"/loket/mijn-besluiten/{i['draft']}/",
        objects(200, allowed={"committee"}),  # a draft is the committee's only
    ),
    Probe(
        "examcommittee:decision_letter",
        "get",
        lambda i: f"/loket/mijn-besluiten/{i['known']}/brief.pdf",
        objects(200, allowed={"requester", "coach", "committee"}),
    ),
    Probe(
        "examcommittee:decision_letter",
        "get",
        lambda i: f"/loket/mijn-besluiten/{i['draft']}/brief.pdf",
        objects(200, allowed={"committee"}),  # the committee previews it marked CONCEPT
    ),
    # --- /examencommissie/: the desk queue and a request ------------------------------------------
    Probe("examcommittee:desk_queue", "get", lambda i: "/examencommissie/loket/", committee_page()),
    Probe(
        "examcommittee:committee_request_detail",
        "get",
        lambda i: f"/examencommissie/loket/{i['received']}/",
        objects(200, allowed={"committee"}, visible={"requester"}),
    ),
    Probe(
        "examcommittee:request_review",
        "post",
        lambda i: f"/examencommissie/loket/{i['received']}/in-behandeling/",
        objects(302, allowed={"committee"}, visible={"requester"}),
    ),
    Probe(
        "examcommittee:information_ask",
        "post",
        lambda i: f"/examencommissie/loket/{i['received']}/informatie/",
        objects(302, allowed={"committee"}, visible={"requester"}),
        {"text": "Stuur je cijferlijst."},
    ),
    Probe(
        "examcommittee:question_answer",
        "post",
        lambda i: f"/examencommissie/loket/{i['question']}/antwoord/",
        objects(302, allowed={"committee"}, visible={"requester"}),
        {"answer": "Ja."},
    ),
    Probe(
        "examcommittee:exemption_draft",
        "post",
        lambda i: f"/examencommissie/loket/{i['received']}/besluit/",
        objects(302, allowed={"committee"}, visible={"requester"}),
    ),
    # --- /examencommissie/: decisions -------------------------------------------------------------
    Probe(
        "examcommittee:decision_list",
        "get",
        lambda i: "/examencommissie/besluiten/",
        committee_page(),
    ),
    Probe(
        "examcommittee:decision_detail",
        "get",
        lambda i: f"/examencommissie/besluiten/{i['draft']}/",
        objects(200, allowed={"committee"}),
    ),
    Probe(
        "examcommittee:decision_detail",
        "get",
        lambda i: f"/examencommissie/besluiten/{i['known']}/",
        objects(200, allowed={"committee"}, visible={"requester", "coach"}),
    ),
    Probe(
        "examcommittee:decision_update",
        "post",
        lambda i: f"/examencommissie/besluiten/{i['draft']}/opslaan/",
        objects(302, allowed={"committee"}),
        decision_data,
    ),
    Probe(
        "examcommittee:decision_update",
        "post",
        lambda i: f"/examencommissie/besluiten/{i['known']}/opslaan/",
        # made known: frozen, for the committee too
        objects(403, allowed=set(), visible={"committee", "requester", "coach"}),
        decision_data,
    ),
    Probe(
        "examcommittee:decision_make_known",
        "post",
        lambda i: f"/examencommissie/besluiten/{i['draft']}/bekendmaken/",
        objects(302, allowed={"committee"}),
        {"confirm": "on"},
        step_up=True,
    ),
    Probe(
        "examcommittee:decision_make_known",
        "post",
        lambda i: f"/examencommissie/besluiten/{i['known']}/bekendmaken/",
        objects(403, allowed=set(), visible={"committee", "requester", "coach"}),
        {"confirm": "on"},
        step_up=True,
    ),
    Probe(
        "examcommittee:decision_correct",
        "post",
        lambda i: f"/examencommissie/besluiten/{i['known']}/corrigeren/",
        objects(302, allowed={"committee"}, visible={"requester", "coach"}),
    ),
    Probe(
        "examcommittee:decision_correct",
        "post",
        lambda i: f"/examencommissie/besluiten/{i['draft']}/corrigeren/",
        objects(403, allowed=set(), visible={"committee"}),  # only a decision made known
    ),
    Probe(
        "examcommittee:plan_decision_draft",
        "post",
        lambda i: f"/examencommissie/besluiten/studieplanversies/{i['plan_version']}/",
        objects(
            302,
            allowed={"committee"},
            visible={"requester", "coach", "programme_manager", "administrator"},
        ),
    ),
]

CASES = [(p, r) for p in PROBES for r in ROLES]


@pytest.mark.parametrize(
    ("probe", "role"), CASES, ids=[f"{p.name}|{p.method}|{r}" for p, r in CASES]
)
def test_desk_and_decision_routes_answer_as_the_matrix_says(probe, role, desk_world, db):
    if callable(probe.data):  # form data that needs the world's ids, or fresh files
        probe = replace(probe, data=probe.data(desk_world.ids))
    assert _request(probe, role, desk_world) == probe.expect[role]
