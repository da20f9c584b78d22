"""The exam committee's decisions through the web: the editor, "Make known" refused for each
missing Awb part (every part named next to its field, nothing made known, nothing saved), the
appeal deadline computed when made known (the four dates of the issue, with the rest days the
term was moved past), a made-known decision frozen (the page refuses, the database refuses) and
a correction as a new decision."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from html import unescape

import pytest
import time_machine
from django.db import IntegrityError, InternalError, OperationalError, transaction
from django.urls import reverse

from parcours.accounts.models import Role
from parcours.core.models import AuditEntry
from parcours.examcommittee import selectors, services
from parcours.examcommittee.models import Decision, DeskRequest
from parcours.rules import get_rule
from parcours.rules.decisions import DECISION_PARTS
from parcours.rules.facts import AppealFacts
from tests import factories
from tests.second_factor import enrol, ensure_stepped_up

RECEIVED = date(2027, 1, 11)
ON = date(2027, 4, 20)
IMMUTABLE = (IntegrityError, InternalError, OperationalError)
AWB_SOURCE = (
    "Awb, art. 1:3, eerste lid; WHW, art. 7.12a; Awb, art. 3:46; Awb, art. 3:47, eerste lid; "
    "Awb, art. 3:47, tweede lid; Awb, art. 3:45, eerste lid"
)
REASONS = "Het EVC-certificaat toont LU1 van U1 en U2 op niveau 6 aan."


@pytest.fixture(autouse=True)
def english(client):
    """UI text is asserted in English, its source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def on_day(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)


def text(response) -> str:
    return unescape(response.content.decode())


def element(html: str, tag: str, testid: str) -> str:
    match = re.search(
        rf'<{tag}[^>]* data-testid="{re.escape(testid)}"[^>]*>.*?</{tag}>', html, re.S
    )
    assert match, f"no {tag} {testid}"
    return match.group(0)


def squash(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def world(db):
    oer = factories.published_oer()
    programme = oer.variant.programme
    committee = factories.user_with_role(
        Role.EXAM_COMMITTEE, programme, first_name="Ans", last_name="de Wit"
    )
    factories.user_with_role(Role.EXAM_COMMITTEE, programme, first_name="Bram", last_name="Aksoy")
    student = factories.UserFactory(first_name="Petra", last_name="Bakker")
    request = exemption_request(programme, oer, student)
    return {
        "oer": oer,
        "programme": programme,
        "committee": committee,
        "student": student,
        "request": request,
    }


def exemption_request(programme, oer, student) -> DeskRequest:
    return services.desk_request_create(
        programme.institution,
        actor=student,
        programme=programme,
        kind=DeskRequest.Kind.EXEMPTION,
        subject="Vrijstelling U1, U2",
        message="Tien jaar werkervaring.",
        unit_ids=[oer.units.get(code="U1").pk, oer.units.get(code="U2").pk],
        documents=[
            services.Upload(
                "evc-certificaat.pdf",
                io.BytesIO(factories.MINIMAL_PDF),
                len(factories.MINIMAL_PDF),
                kind="rpl_certificate",
                issuer="EVC-centrum Zorg",
            )
        ],
        on=RECEIVED,
    )


def draft_of(w, *, new_request: bool = False) -> Decision:
    """The draft on the world's request, or on a new request of the same student (a decided
    request gets no second decision)."""
    request = (
        exemption_request(w["programme"], w["oer"], w["student"]) if new_request else w["request"]
    )
    return services.exemption_draft(request, actor=w["committee"])


def complete(decision: Decision, **changes) -> dict[str, str]:
    """The editor's input with every Awb part filled in and every unit granted."""
    data = {
        "body": "Examencommissie Verpleegkunde",
        "members": "Bram Aksoy\nAns de Wit",
        "decided_on": "2027-04-19",
        "reasons": REASONS,
        "evidence_cited": "EVC-certificaat: evc-certificaat.pdf (EVC-centrum Zorg)",
        "legal_basis": "WHW art. 7.12b lid 1 onder d; OER, vrijstellingen",
        "appeal_clause": services.default_appeal_clause("nl"),
        "language": "nl",
    }
    for du in decision.decision_units.all():
        data[f"unit_{du.unit_id}"] = "yes"
    data.update(changes)
    return data


def make_known(client, decision: Decision, data: dict[str, str]):
    """Save the editor's input ("Save draft"), then make the saved draft known, confirmed: two
    acts, as on the page."""
    saved = client.post(reverse("examcommittee:decision_update", args=[decision.pk]), data)
    assert saved.status_code == 302
    ensure_stepped_up(client)  # making known asks for a recent second-factor code
    return client.post(
        reverse("examcommittee:decision_make_known", args=[decision.pk]), {"confirm": "on"}
    )


def made_known_entries() -> int:
    return AuditEntry.objects.filter(action="decision.make_known").count()


# --- the editor -----------------------------------------------------------------------------------


def test_drafting_on_the_request_opens_the_editor_prefilled(client, world):
    client.force_login(world["committee"])

    response = client.post(reverse("examcommittee:exemption_draft", args=[world["request"].pk]))

    decision = Decision.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        f"/examencommissie/besluiten/{decision.pk}/",
    )
    page = text(client.get(response["Location"]))
    assert "Bram Aksoy\nAns de Wit</textarea>" in page
    assert "EVC-certificaat: evc-certificaat.pdf (EVC-centrum Zorg)</textarea>" in page
    assert 'value="Examencommissie Verpleegkunde"' in page
    assert [
        (m.group(1), m.group(2))
        for m in re.finditer(r'data-testid="part-(\w+)" data-present="(\w+)"', page)
    ] == [
        ("body", "true"),
        ("members", "true"),
        ("decided_on", "false"),
        ("legal_basis", "true"),
        ("outcome", "true"),
        ("reasons", "false"),
        ("evidence_cited", "true"),
        ("appeal_clause", "true"),
    ]
    # a second click opens the same draft
    again = client.post(reverse("examcommittee:exemption_draft", args=[world["request"].pk]))
    assert (again.status_code, again["Location"], Decision.objects.count()) == (
        302,
        f"/examencommissie/besluiten/{decision.pk}/",
        1,
    )


def test_save_draft_keeps_an_incomplete_decision_as_a_draft(client, world):
    decision = draft_of(world)
    client.force_login(world["committee"])
    u1 = decision.decision_units.get(unit__code="U1").unit_id

    response = client.post(
        reverse("examcommittee:decision_update", args=[decision.pk]),
        complete(decision, reasons="", **{f"unit_{u1}": "no"}),
    )

    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.reasons, decision.outcome, decision.made_known_on) == ("", "partly", None)
    assert decision.members == ["Bram Aksoy", "Ans de Wit"]
    assert decision.decided_on == date(2027, 4, 19)
    assert dict(decision.decision_units.values_list("unit__code", "granted")) == {
        "U1": False,
        "U2": True,
    }


# --- "Make known" refused, one test per missing Awb part ------------------------------------------

PARTS = [
    "body",
    "members",
    "decided_on",
    "legal_basis",
    "reasons",
    "evidence_cited",
    "appeal_clause",
]


@pytest.mark.parametrize("part", PARTS)
def test_make_known_is_refused_while_an_awb_part_is_missing(client, world, part):
    decision = draft_of(world)

    with on_day(ON):
        client.force_login(world["committee"])
        response = make_known(client, decision, complete(decision, **{part: ""}))

    assert response.status_code == 422
    page = text(response)
    assert response.context["form"].missing == [part]
    assert squash(element(page, "div", "missing-parts")) == (
        "Still missing before the decision can be made known: "
        f"{DECISION_PARTS[part][1]} Rule decision.awb-complete · Source: {AWB_SOURCE}"
    )
    assert squash(element(page, "ul", f"error-{part}")) == (
        f"Needed before the decision is made known (rule decision.awb-complete; {AWB_SOURCE})."
    )
    violation = element(page, "li", "violation")
    assert 'data-rule="decision.awb-complete"' in violation
    assert (
        f"The decision cannot be made known yet; missing: {DECISION_PARTS[part][1]}." in violation
    )
    # the other parts keep what was entered
    if part != "reasons":
        assert f"{REASONS}</textarea>" in page
    # nothing made known; the draft stays as it was saved
    decision.refresh_from_db()
    assert (decision.made_known_on, decision.appeal_deadline) == (None, None)
    saved = {"reasons": REASONS, "decided_on": date(2027, 4, 19)}
    if part in saved:
        saved[part] = "" if part == "reasons" else None
    assert (decision.reasons, decision.decided_on) == (saved["reasons"], saved["decided_on"])
    assert made_known_entries() == 0
    assert AuditEntry.objects.filter(action="decision.update").count() == 1
    world["request"].refresh_from_db()
    assert world["request"].status == "in_review"


def test_make_known_without_reasons_names_the_exemption_rule_too(client, world):
    decision = draft_of(world)

    with on_day(ON):
        client.force_login(world["committee"])
        response = make_known(client, decision, complete(decision, reasons=""))

    page = text(response)
    assert [m.group(1) for m in re.finditer(r'data-rule="([\w.-]+)"', page)] == [
        "decision.awb-complete",
        "exemption.grounds",
        "exemption.grounds",
    ]
    assert "No exemption from U1 without reasons." in page
    assert "No exemption from U2 without reasons." in page


def test_make_known_is_refused_for_an_exemption_without_units_or_outcome(client, world):
    decision = services.decision_draft(
        world["programme"],
        actor=world["committee"],
        kind=Decision.Kind.EXEMPTION,
        student=world["student"],
    )

    with on_day(ON):
        client.force_login(world["committee"])
        response = make_known(client, decision, complete(decision))

    assert response.status_code == 422
    page = text(response)
    assert response.context["form"].missing == ["outcome"]
    assert squash(element(page, "div", "missing-parts")).startswith(
        "Still missing before the decision can be made known: outcome Rule decision.awb-complete"
    )
    assert squash(element(page, "ul", "error-outcome")) == (
        f"Needed before the decision is made known (rule decision.awb-complete; {AWB_SOURCE})."
    )
    decision.refresh_from_db()
    assert (decision.made_known_on, decision.outcome) == (None, "")
    assert made_known_entries() == 0


def test_make_known_names_every_missing_part_at_once(client, world):
    decision = draft_of(world)

    with on_day(ON):
        client.force_login(world["committee"])
        response = make_known(
            client, decision, complete(decision, body="", reasons="", appeal_clause="")
        )

    assert response.context["form"].missing == ["body", "reasons", "appeal_clause"]
    assert [
        m.group(1)
        for m in re.finditer(r'data-testid="missing-part" data-part="(\w+)"', text(response))
    ] == ["body", "reasons", "appeal_clause"]
    assert made_known_entries() == 0


# --- made known -----------------------------------------------------------------------------------


def test_make_known_sets_the_appeal_deadline_and_closes_the_request(client, world):
    decision = draft_of(world)

    with on_day(ON):
        client.force_login(world["committee"])
        response = make_known(client, decision, complete(decision))
        page = text(client.get(response["Location"]))

    assert (response.status_code, response["Location"]) == (
        302,
        f"/examencommissie/besluiten/{decision.pk}/",
    )
    decision.refresh_from_db()
    assert (decision.outcome, decision.made_known_on, decision.appeal_deadline) == (
        "granted",
        ON,
        date(2027, 6, 1),
    )
    assert [g["rule"] for g in decision.grounds] == [
        "decision.awb-complete",
        "exemption.grounds",
        "exemption.grounds",
        "decision.appeal-deadline",
    ]
    appeal = decision.grounds[-1]["values_used"]
    assert (appeal["made_known"], appeal["term_end_before_extension"], appeal["deadline"]) == (
        "2027-04-20",
        "2027-06-01",
        "2027-06-01",
    )
    entry = AuditEntry.objects.get(action="decision.make_known")
    assert entry.data["appeal_deadline"] == "2027-06-01"
    world["request"].refresh_from_db()
    assert world["request"].status == "decided"
    assert squash(element(page, "section", "appeal-term")) == (
        "Appeal deadline Made known on 2027-04-20: the term of 6 weeks starts the next day. "
        "Last day to appeal: 2027-06-01 Rule decision.appeal-deadline · Source: Awb, art. 6:7; "
        "Awb, art. 6:8, eerste lid; Atw, art. 1, eerste lid; Atw, art. 3, eerste lid; "
        "Awb, art. 6:9"
    )
    assert 'data-testid="decision-form"' not in page
    assert "uiterlijk 1 juni 2027" in squash(element(page, "p", "letter-deadline"))


@pytest.mark.parametrize(
    ("made_known", "deadline", "moved_past"),
    [
        (date(2027, 4, 20), date(2027, 6, 1), ""),
        (date(2027, 4, 5), date(2027, 5, 18), "moved past Whit Monday"),
        (date(2027, 3, 24), date(2027, 5, 7), "moved past Liberation Day, Ascension Day"),
        (date(2027, 2, 12), date(2027, 3, 26), ""),  # Good Friday is no rest day
    ],
)
def test_the_appeal_deadline_follows_the_day_it_was_made_known(
    client, world, made_known, deadline, moved_past
):
    decision = draft_of(world)

    with on_day(made_known):
        client.force_login(world["committee"])
        response = make_known(client, decision, complete(decision, decided_on="2027-02-11"))
        page = text(client.get(response["Location"]))

    decision.refresh_from_db()
    assert (decision.made_known_on, decision.appeal_deadline) == (made_known, deadline)
    assert squash(element(page, "strong", "appeal-deadline")) == deadline.isoformat()
    if moved_past:
        assert squash(element(page, "span", "moved-past")) == moved_past
    else:
        assert 'data-testid="moved-past"' not in page


def stored_as_told(world, appeal: dict | None) -> Decision:
    """A complete decision made known on ON whose grounds hold `appeal` as the stored result of
    rule decision.appeal-deadline (None: made known before that result was stored). Written
    while still a draft: once made known the row is immutable."""
    decision = draft_of(world)
    services.decision_update(
        decision,
        actor=world["committee"],
        reasons=REASONS,
        decided_on=ON,
        unit_grants={du.unit_id: True for du in decision.decision_units.all()},
    )
    deadline = date.fromisoformat(appeal["values_used"]["deadline"]) if appeal else date(2027, 6, 1)
    Decision.objects.filter(pk=decision.pk).update(
        made_known_on=ON, appeal_deadline=deadline, grounds=[appeal] if appeal else []
    )
    decision.refresh_from_db()
    return decision


def test_the_pages_and_the_letter_show_the_appeal_term_stored_when_made_known(client, world):
    """Decision 0010: the appeal term is read from the grounds, never computed again. Stored
    as if 1 and 2 June 2027 had been rest days when it was made known, the term runs to 3 June
    on every page and in the letter, although the rule would now say 1 June."""
    told = get_rule("decision.appeal-deadline")(AppealFacts(made_known=ON), on=ON).grounds()
    told["values_used"].update(
        deadline="2027-06-03",
        moved_past=["rustdag een", "rustdag twee"],
        moved_past_en=["rest day one", "rest day two"],
        moved_past_dates=["2027-06-01", "2027-06-02"],
    )
    decision = stored_as_told(world, told)

    client.force_login(world["committee"])
    committee_page = text(client.get(reverse("examcommittee:decision_detail", args=[decision.pk])))
    client.force_login(world["student"])
    student_page = text(client.get(reverse("examcommittee:my_decision_detail", args=[decision.pk])))

    appeal = (
        "Appeal deadline Made known on 2027-04-20: the term of 6 weeks starts the next day. It "
        "would end on 2027-06-01, a rest day: moved past rest day one, rest day two . Last day to "
        "appeal: 2027-06-03 Rule decision.appeal-deadline · Source: Awb, art. 6:7; Awb, art. "
        "6:8, eerste lid; Atw, art. 1, eerste lid; Atw, art. 3, eerste lid; Awb, art. 6:9"
    )
    for page in (committee_page, student_page):
        assert squash(element(page, "section", "appeal-term")) == appeal
        assert squash(element(page, "p", "letter-deadline")) == (
            "U kunt uiterlijk 3 juni 2027 beroep instellen. De termijn van 6 weken eindigde op "
            "1 juni 2027 (rustdag een, rustdag twee) en is verlengd tot en met de "
            "eerstvolgende werkdag (Algemene termijnenwet, art. 1)."
        )


def test_a_decision_made_known_before_the_term_was_stored_shows_the_rules_term(client, world):
    """Without a stored result (made known before it was stored) the page evaluates the rule
    on the day the decision was made known."""
    decision = stored_as_told(world, None)
    client.force_login(world["committee"])

    page = text(client.get(reverse("examcommittee:decision_detail", args=[decision.pk])))

    assert squash(element(page, "strong", "appeal-deadline")) == "2027-06-01"
    assert selectors.appeal_term(decision) == selectors.AppealTerm(
        made_known=ON,
        weeks=6,
        nominal_end=date(2027, 6, 1),
        deadline=date(2027, 6, 1),
        moved_past=[],
        moved_past_dates=[],
        rule="decision.appeal-deadline",
        source="Awb, art. 6:7; Awb, art. 6:8, eerste lid; Atw, art. 1, eerste lid; "
        "Atw, art. 3, eerste lid; Awb, art. 6:9",
    )


def test_a_decision_made_known_cannot_be_changed_through_the_pages_or_the_database(client, world):
    decision = draft_of(world)
    with on_day(ON):
        client.force_login(world["committee"])
        make_known(client, decision, complete(decision))

        update = client.post(
            reverse("examcommittee:decision_update", args=[decision.pk]),
            complete(decision, reasons="Stiekem anders."),
        )
        ensure_stepped_up(client)
        again = client.post(
            reverse("examcommittee:decision_make_known", args=[decision.pk]), {"confirm": "on"}
        )

    assert (update.status_code, again.status_code) == (403, 403)
    with pytest.raises(IMMUTABLE), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(reasons="Stiekem anders.")
    decision.refresh_from_db()
    assert decision.reasons == REASONS
    assert made_known_entries() == 1


def test_a_correction_is_a_new_decision_that_refers_to_the_one_made_known(client, world):
    original = draft_of(world)
    with on_day(ON):
        client.force_login(world["committee"])
        make_known(client, original, complete(original))
    original.refresh_from_db()

    with on_day(date(2027, 5, 3)):
        client.force_login(world["committee"])
        response = client.post(reverse("examcommittee:decision_correct", args=[original.pk]))
        correction = Decision.objects.exclude(pk=original.pk).get()
        assert (response.status_code, response["Location"]) == (
            302,
            f"/examencommissie/besluiten/{correction.pk}/",
        )
        assert (correction.corrects, correction.made_known_on, correction.reasons) == (
            original,
            None,
            REASONS,
        )
        assert dict(correction.decision_units.values_list("unit__code", "granted")) == {
            "U1": True,
            "U2": True,
        }
        editor = text(client.get(response["Location"]))
        assert squash(element(editor, "p", "decision-corrects")) == (
            "This decision corrects the decision made known on 2027-04-20. Open it"
        )
        u2 = correction.decision_units.get(unit__code="U2").unit_id
        response = make_known(
            client,
            correction,
            complete(
                correction,
                decided_on="2027-05-03",
                reasons="U2 vraagt ook LU2, dat het EVC-certificaat niet dekt.",
                **{f"unit_{u2}": "no"},
            ),
        )

    assert response.status_code == 302
    correction.refresh_from_db()
    assert (correction.outcome, correction.made_known_on, correction.appeal_deadline) == (
        "partly",
        date(2027, 5, 3),
        date(2027, 6, 14),
    )
    original.refresh_from_db()
    assert (original.outcome, original.reasons) == ("granted", REASONS)
    found = selectors.progress(world["student"], world["programme"], on=date(2027, 5, 4))
    assert [r.state for r in found.units[:2]] == ["exempted", "open"]

    with on_day(date(2027, 5, 4)):
        client.force_login(world["student"])
        mine = text(client.get(reverse("examcommittee:my_decisions")))
    assert squash(element(mine, "dd", "corrects")) == "the decision made known on 2027-04-20"
    assert re.findall(r'data-testid="my-decision-(\d+)"', mine) == [
        str(correction.pk),
        str(original.pk),
    ]


def test_correcting_a_draft_is_refused(client, world):
    decision = draft_of(world)
    client.force_login(world["committee"])

    response = client.post(reverse("examcommittee:decision_correct", args=[decision.pk]))

    assert response.status_code == 403
    assert Decision.objects.count() == 1


# --- the lists ------------------------------------------------------------------------------------


def test_the_committee_lists_drafts_and_decisions_made_known(client, world):
    known = draft_of(world)
    with on_day(ON):
        client.force_login(world["committee"])
        make_known(client, known, complete(known))
        client.post(reverse("examcommittee:decision_correct", args=[known.pk]))
        page = text(client.get(reverse("examcommittee:decision_list")))
        drafts = text(client.get(reverse("examcommittee:decision_list"), {"status": "draft"}))

    correction = Decision.objects.get(corrects=known)
    assert re.findall(
        r'data-testid="decision-(\d+)"', element(drafts, "table", "decision-list")
    ) == [str(correction.pk)]
    assert squash(element(page, "tr", f"decision-{known.pk}")) == (
        f"Petra Bakker exemption Nursing granted made known {known.created_at:%Y-%m-%d} "
        "2027-04-20 2027-06-01"
    )


@pytest.mark.parametrize("size", [1, 5])
def test_my_decisions_asks_the_database_a_fixed_number_of_times(
    client, world, size, django_assert_max_num_queries
):
    for _ in range(size):
        decision = draft_of(world, new_request=True)
        services.decision_update(
            decision,
            actor=world["committee"],
            reasons=REASONS,
            decided_on=ON,
            unit_grants={du.unit_id: True for du in decision.decision_units.all()},
        )
        services.decision_make_known(decision, actor=world["committee"], on=ON)
    with on_day(ON):
        client.force_login(world["student"])
        # session, user, roles (menu), decisions, their units
        with django_assert_max_num_queries(5):
            response = client.get(reverse("examcommittee:my_decisions"))

    assert len(re.findall(r'data-testid="my-decision-\d+"', text(response))) == size


@pytest.mark.parametrize("size", [1, 5])
def test_the_decision_list_asks_the_database_a_fixed_number_of_times(
    client, world, size, django_assert_max_num_queries
):
    for _ in range(size):
        draft_of(world)
    client.force_login(world["committee"])

    # session, user, roles, the programmes (filter), count, decisions, established plans
    with django_assert_max_num_queries(7):
        response = client.get(reverse("examcommittee:decision_list"))

    assert len(re.findall(r'data-testid="decision-\d+"', text(response))) == size


# --- "Make known" asks first, and acts on the saved draft only ------------------------------------


def test_make_known_without_ticking_final_writes_nothing(client, world):
    decision = draft_of(world)
    with on_day(ON):
        client.force_login(world["committee"])
        saved = client.post(
            reverse("examcommittee:decision_update", args=[decision.pk]), complete(decision)
        )
        ensure_stepped_up(client)
        response = client.post(reverse("examcommittee:decision_make_known", args=[decision.pk]))

    assert (saved.status_code, response.status_code) == (302, 422)
    assert squash(element(text(response), "ul", "make-known-confirm-error")) == (
        "Tick that you understand this becomes final."
    )
    decision.refresh_from_db()
    assert (decision.made_known_on, decision.appeal_deadline) == (None, None)
    assert made_known_entries() == 0
    world["request"].refresh_from_db()
    assert world["request"].status == "in_review"


def test_make_known_without_a_recent_code_writes_nothing(client, world):
    """Making a decision known asks for a second-factor code of the last ten minutes: without
    one the member gets the code form with the confirmation carried along; nothing is final."""
    decision = draft_of(world)
    enrol(world["committee"])
    with on_day(ON):
        client.force_login(world["committee"])
        saved = client.post(
            reverse("examcommittee:decision_update", args=[decision.pk]), complete(decision)
        )
        response = client.post(
            reverse("examcommittee:decision_make_known", args=[decision.pk]), {"confirm": "on"}
        )

    assert (saved.status_code, response.status_code) == (302, 403)
    page = text(response)
    assert 'data-testid="step-up-form"' in page
    assert '<input type="hidden" name="confirm" value="on">' in page
    decision.refresh_from_db()
    assert (decision.made_known_on, decision.appeal_deadline) == (None, None)
    assert made_known_entries() == 0
    world["request"].refresh_from_db()
    assert world["request"].status == "in_review"


def test_make_known_says_what_becomes_final(client, world):
    decision = draft_of(world)
    client.force_login(world["committee"])

    page = text(client.get(reverse("examcommittee:decision_detail", args=[decision.pk])))

    assert squash(element(page, "div", "make-known-confirm-box")) == (
        "I understand this becomes final: the decision as saved is sent to the student and can "
        "no longer be changed, only corrected by a new decision; the appeal term starts today."
    )
    form = re.search(r'<form [^>]*data-testid="make-known-form".*?</form>', page, re.S).group(0)
    assert 'name="reasons"' not in form  # the editor's input is not part of making known


def test_make_known_acts_on_the_saved_draft_not_on_unsaved_input(client, world):
    decision = draft_of(world)
    with on_day(ON):
        client.force_login(world["committee"])
        client.post(
            reverse("examcommittee:decision_update", args=[decision.pk]), complete(decision)
        )
        ensure_stepped_up(client)
        response = client.post(
            reverse("examcommittee:decision_make_known", args=[decision.pk]),
            {"confirm": "on", **complete(decision, reasons="Niet opgeslagen.")},
        )

    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.made_known_on, decision.reasons) == (ON, REASONS)
    assert AuditEntry.objects.filter(action="decision.update").count() == 1
