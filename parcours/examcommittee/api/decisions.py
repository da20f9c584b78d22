"""Decisions with their Awb parts: a student's own decisions made known, one decision and its
letter as PDF (for whoever may see it), and for the exam committee its list, editing a draft,
making it known (with the appeal deadline) and correcting one made known by a new decision."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router
from ninja.responses import Status

from parcours.accounts.step_up import api_step_up_required
from parcours.core.api import (
    LIST_ERRORS,
    NOT_SENT,
    OWN_LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    Bool,
    Day,
    ErrorOut,
    Id,
    In,
    ObjectId,
    RuleViolationOut,
    Short,
    Text,
    caller,
)
from parcours.core.downloads import download
from parcours.core.errors import DomainError, RuleViolation, require

from .. import letters, permissions, selectors, services
from ..forms import OUTCOMES_BY_KIND
from ..models import Decision
from .schemas import DecisionKind, DecisionOut, Outcome
from .shared import decision_out, require_committee_pages, today

router = Router(tags=["exam committee"])


class MakeKnownRefusalOut(RuleViolationOut):
    missing: list[str] = Field(..., description="Every Awb part still missing, by field name")


class UnitGrantIn(In):
    unit_id: Id
    granted: Bool


class DecisionUpdateIn(In):
    """Only the parts sent are changed; parts may stay empty until the decision is made known.
    For an exemption the outcome follows from `unit_grants` (every unit of the decision)."""

    body: Short = NOT_SENT
    members: list[Short] = Field(NOT_SENT, max_length=50)
    decided_on: Day = NOT_SENT
    legal_basis: Text = NOT_SENT
    reasons: Text = NOT_SENT
    evidence_cited: list[Text] = Field(NOT_SENT, max_length=100)
    outcome: Outcome = NOT_SENT
    appeal_clause: Text = NOT_SENT
    language: Literal["nl", "en"] = NOT_SENT
    unit_grants: list[UnitGrantIn] = Field(NOT_SENT, max_length=50)


class MissingParts(RuleViolation):
    """A refusal to make a decision known, naming every Awb part still missing by its field
    (the API's RuleViolation handler answers 422 with `as_dict()`)."""

    def __init__(self, refused: RuleViolation) -> None:
        super().__init__(refused.results, field=refused.field)

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "missing": services.missing_parts(self)}


def _grants(decision: Decision, given: list[UnitGrantIn]) -> dict[int, bool]:
    if decision.kind != Decision.Kind.EXEMPTION:
        raise DomainError(
            "Alleen een vrijstelling beslist per eenheid.",
            "Only an exemption decides per unit.",
            field="unit_grants",
        )
    grants: dict[int, bool] = {}
    for grant in given:
        if grant.unit_id in grants:
            raise DomainError(
                "Noem elke eenheid één keer.", "Name each unit once.", field="unit_grants"
            )
        grants[grant.unit_id] = grant.granted
    current = selectors.decision_unit_ids(decision)
    if current and set(grants) != current:
        raise DomainError(
            "Beslis over precies de eenheden van dit besluit.",
            "Decide on exactly the units of this decision.",
            field="unit_grants",
        )
    return grants


def _check_outcome(decision: Decision, outcome: str) -> None:
    if decision.kind == Decision.Kind.EXEMPTION:
        raise DomainError(
            "Bij een vrijstelling volgt de beslissing uit de eenheden (unit_grants).",
            "For an exemption the outcome follows from the units (unit_grants).",
            field="outcome",
        )
    if outcome not in OUTCOMES_BY_KIND.get(decision.kind, ()):
        raise DomainError(
            "Deze beslissing past niet bij dit soort besluit.",
            "This outcome does not fit this kind of decision.",
            field="outcome",
        )


@router.get(
    "/me/decisions",
    response={200: list[DecisionOut], **OWN_LIST_ERRORS},
    operation_id="my_decision_list",
    url_name="my_decision_list",
)
def my_decision_list(request: HttpRequest) -> Any:
    """The caller's decisions made known (never drafts), newest first: every Awb part, the
    units, the appeal deadline and how it was reached (moved past rest days)."""
    return [decision_out(d) for d in selectors.own_decisions_in_full(caller(request))]


@router.get(
    "/decisions/{decision_id}",
    response={200: DecisionOut, **READ_ERRORS},
    operation_id="decision_detail",
    url_name="decision_detail",
)
def decision_detail(request: HttpRequest, decision_id: ObjectId) -> Any:
    """A decision: made known, for the student, their coach and the programme's exam
    committee; a draft for the committee only (404 for anyone else)."""
    found = permissions.get_decision_for(request.user, decision_id)
    return decision_out(selectors.with_decision_parts(found))


@router.get(
    "/decisions/{decision_id}/letter",
    response={200: None, **READ_ERRORS},
    operation_id="decision_letter",
    url_name="decision_letter",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The letter as an A4 PDF attachment, in the decision's language "
                "(a draft is marked CONCEPT)",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def decision_letter(request: HttpRequest, decision_id: ObjectId) -> Any:
    """The decision letter as PDF for whoever may see the decision."""
    found = permissions.get_decision_for(request.user, decision_id)
    decision = selectors.with_decision_parts(found, letter=True)
    return download(
        letters.letter_pdf(decision),
        filename=letters.letter_filename(decision),
        content_type="application/pdf",
    )


@router.get(
    "/exam-committee/decisions",
    response={200: list[DecisionOut], **LIST_ERRORS},
    operation_id="decision_list",
    url_name="decision_list",
)
def decision_list(
    request: HttpRequest,
    state: Query[Literal["draft", "known"] | None] = None,
    kind: Query[DecisionKind | None] = None,
) -> Any:
    """The decisions of the caller's programmes as exam committee, newest first; filter on
    `state` (draft or known) and `kind`."""
    user = caller(request)
    require_committee_pages(user)
    found = selectors.committee_decisions_in_full(user, state=state, kind=kind)
    return [decision_out(d) for d in found]


@router.patch(
    "/decisions/{decision_id}",
    response={200: DecisionOut, **WRITE_ERRORS},
    operation_id="decision_update",
    url_name="decision_update",
)
def decision_update(request: HttpRequest, decision_id: ObjectId, payload: DecisionUpdateIn) -> Any:
    """Change a draft's Awb parts and, for an exemption, the grant per unit (every unit of the
    decision). A decision made known never changes (422): correct it instead."""
    decision = permissions.get_decision_for(request.user, decision_id)
    changes = payload.model_dump(exclude_unset=True)
    if not changes:
        raise DjangoValidationError("Nothing to change: send at least one field.")
    grants: dict[int, bool] | None = None
    if permissions.can_decide(request.user, decision.programme_id) and not decision.is_known:
        if "unit_grants" in changes:
            grants = _grants(decision, payload.unit_grants)
        if "outcome" in changes:
            _check_outcome(decision, payload.outcome)
    changes.pop("unit_grants", None)
    services.decision_update(decision, actor=caller(request), unit_grants=grants, **changes)
    return decision_out(selectors.decision_in_full(decision.pk))


def _decidable(request: HttpRequest, decision_id: int) -> None:
    decision = permissions.get_decision_for(request.user, decision_id)
    require(permissions.can_decide(request.user, decision.programme_id))


@router.post(
    "/decisions/{decision_id}/make-known",
    response={
        200: DecisionOut,
        **WRITE_ERRORS,
        422: MakeKnownRefusalOut | RuleViolationOut | ErrorOut,
    },
    operation_id="decision_make_known",
    url_name="decision_make_known",
)
@api_step_up_required(guard=_decidable)
def decision_make_known(request: HttpRequest, decision_id: ObjectId) -> Any:
    """Make the decision known today: refused (422, rule decision.awb-complete, `missing`
    naming every part) while an Awb part is missing, and for an exemption without evidence
    and reasons (rule exemption.grounds). Then the appeal deadline is set (six weeks, moved
    past rest days: `appeal`) and the decision is frozen. Needs a second factor: a code in the
    `X-Parcours-OTP` header, or a session that confirmed one in the last minutes (403
    `step_up_required`)."""
    found = permissions.get_decision_for(request.user, decision_id)
    try:
        services.decision_make_known(found, actor=caller(request), on=today())
    except RuleViolation as refused:
        raise MissingParts(refused) from refused
    return decision_out(selectors.decision_in_full(found.pk))


@router.post(
    "/decisions/{decision_id}/corrections",
    response={201: DecisionOut, **WRITE_ERRORS},
    operation_id="decision_correct",
    url_name="decision_correct",
)
def decision_correct(request: HttpRequest, decision_id: ObjectId) -> Any:
    """Correct a decision made known: a new draft that refers to it (`corrects_id`), prefilled
    with its content; the original stays as it was. A draft is edited, not corrected (422)."""
    original = permissions.get_decision_for(request.user, decision_id)
    correction = services.decision_correct(original, actor=caller(request))
    return Status(201, decision_out(selectors.decision_in_full(correction.pk)))
