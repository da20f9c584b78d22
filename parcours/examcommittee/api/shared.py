"""What the exam committee's routers share: today's date and the language of the request, the
check for the committee's pages, and how a desk request, a BSA verdict and a decision (with its
appeal term) are shaped for output."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from parcours.accounts.models import Viewer
from parcours.rules import RuleResult, get_rule
from parcours.rules.decisions import missing_decision_parts

from .. import letters, permissions, selectors, services
from ..models import Decision, DeskRequest


def today() -> date:
    return timezone.localdate()


def request_language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def require_committee_pages(user: Viewer) -> None:
    if not permissions.can_use_committee_pages(user):
        raise PermissionDenied


# --- shaping the output ---------------------------------------------------------------------


def units_of(request: DeskRequest) -> list[Any]:
    return sorted(request.units.all(), key=lambda u: (u.position, u.code, u.pk))


def desk_request_out(request: DeskRequest, on: date, *, committee: bool) -> dict[str, Any]:
    term = selectors.countdown(request, on=on)
    decisions = sorted(request.decisions.all(), key=lambda d: (d.created_at, d.pk))
    return {
        "id": request.pk,
        "kind": request.kind,
        "status": request.status,
        "programme": request.programme,
        "requester": request.requester,
        "contact_name": request.contact_name,
        "contact_email": request.contact_email,
        "subject": request.subject,
        "message": request.message,
        "received_on": request.received_on,
        "term_end": request.term_end,
        "term_end_before_extension": term.nominal_end,
        "term_moved_past": list(term.moved_past),
        "days_left": term.days,
        "term_state": term.state,
        "answer": request.answer,
        "decided_at": request.decided_at,
        "units": units_of(request),
        "portfolio_item_ids": sorted(i.pk for i in request.portfolio_items.all()),
        "documents": list(request.documents.all()),
        "messages": list(request.messages.all()),
        "decision_ids": [d.pk for d in decisions if committee or d.is_known],
    }


def desk_request_detail_out(found: DeskRequest, user: Viewer) -> dict[str, Any]:
    """A request loaded with everything it shows, as the caller sees it (the committee: every
    decision on it; the requester: those made known)."""
    committee = permissions.can_handle_desk_request(user, found)
    return desk_request_out(found, today(), committee=committee)


def bsa_out(result: RuleResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    language = request_language()
    values = result.values_used
    return {
        "advice": str(values.get("advice", "positive" if result.ok else "")),
        "ok": result.ok,
        "warning": result.warning,
        "first_year_from": values["start_date"],
        "first_year_until": values["first_year_until"],
        "ec_achieved": int(values["ec_achieved"]),
        "norm_ec": int(values["norm_ec"]),
        "personal_circumstances": bool(values["personal_circumstances"]),
        "rule": result.rule_id,
        "title": get_rule(result.rule_id).title(language),
        "message": result.message(language),
        "source": result.source_label,
    }


def appeal_out(decision: Decision) -> dict[str, Any] | None:
    term = selectors.appeal_term(decision)
    if term is None:
        return None
    phrases = letters.PHRASES[request_language()]
    explanation = phrases["deadline"].format(date=letters.long_date(term.deadline))
    if term.moved_past:
        explanation += " " + phrases["deadline_moved"].format(
            weeks=term.weeks,
            nominal=letters.long_date(term.nominal_end),
            days=", ".join(term.moved_past),
        )
    return {
        "made_known_on": term.made_known,
        "weeks": term.weeks,
        "term_end_before_extension": term.nominal_end,
        "deadline": term.deadline,
        "moved_past": [
            {"date": day, "name": name}
            for day, name in zip(term.moved_past_dates, term.moved_past, strict=True)
        ],
        "explanation": explanation,
        "rule": term.rule,
        "source": term.source,
    }


def decision_out(decision: Decision) -> dict[str, Any]:
    known = decision.is_known
    return {
        "id": decision.pk,
        "kind": decision.kind,
        "outcome": decision.outcome,
        "student": decision.student,
        "programme": decision.programme,
        "enrolment_id": decision.enrolment_id,
        "desk_request_id": decision.desk_request_id,
        "corrects_id": decision.corrects_id,
        "corrected_by": [c.pk for c in getattr(decision, "known_corrections", [])],
        "language": decision.language,
        "body": decision.body,
        "members": [str(m) for m in decision.members],
        "decided_on": decision.decided_on,
        "legal_basis": decision.legal_basis,
        "reasons": decision.reasons,
        "evidence_cited": [str(e) for e in decision.evidence_cited],
        "appeal_clause": decision.appeal_clause,
        "units": [
            {
                "unit_id": du.unit_id,
                "code": du.unit.code,
                "title_nl": du.unit.title_nl,
                "title_en": du.unit.title_en,
                "ec": du.ec,
                "granted": du.granted,
            }
            for du in decision.decision_units.all()
        ],
        "missing_parts": (
            [] if known else missing_decision_parts(services.decision_facts(decision))
        ),
        "is_known": known,
        "made_known_on": decision.made_known_on,
        "appeal_deadline": decision.appeal_deadline,
        "appeal": appeal_out(decision),
        "content": decision.content,
        "grounds": decision.grounds,
        "created_at": decision.created_at,
        "letter_url": reverse("api:decision_letter", kwargs={"decision_id": decision.pk}),
    }
