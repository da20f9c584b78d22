"""What several of the exam committee's pages share: a request's page with its decision term
counting down, the progress tiles and the BSA verdict as the pages show them, a refusal on a row
of a list, and what preparing many decisions at once from a list answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.paging import PAGE_PARAM, ListPage
from parcours.core.web import AuthedRequest
from parcours.rules import RuleResult, get_rule
from parcours.studyplans.models import Enrolment

from .. import selectors, services
from ..models import Decision, DeskRequest, EnrolmentProgress

Status = DeskRequest.Status


TERM_RULE = "decision.term"


@dataclass
class RequestRow:
    request: DeskRequest
    countdown: selectors.Countdown
    decisions: list[Decision]


def request_context(request: AuthedRequest, desk_request: DeskRequest) -> dict[str, Any]:
    """A request with everything its page shows (loaded once by with_desk_request_parts)."""
    found = selectors.with_desk_request_parts(desk_request)
    return {
        "req": found,
        "countdown": selectors.countdown(found, on=web.today()),
        "term_rule": web.rule_note(TERM_RULE),
        "units": list(found.units.all()),
        "documents": list(found.documents.all()),
        "items": list(found.portfolio_items.all()),
        "conversation": list(found.messages.all()),
        "decisions": list(found.decisions.all()),
    }


STATE_LABELS = {
    "achieved": gettext_lazy("achieved"),
    "exempted": gettext_lazy("exempted"),
    "planned": gettext_lazy("planned"),
    "not_yet": gettext_lazy("not yet achieved"),
    "open": gettext_lazy("open"),
}


HOW_LABELS = {
    selectors.How.FACILITATED: gettext_lazy("facilitated route"),
    selectors.How.OWN_ROUTE: gettext_lazy("own route"),
    selectors.How.INTEGRAL: gettext_lazy("integral assessment"),
    selectors.How.EXEMPTION: gettext_lazy("exemption"),
}


ADVICE_LABELS = {
    "positive": gettext_lazy("positive"),
    "negative": gettext_lazy("below the norm"),
    "committee_weighs_circumstances": gettext_lazy("below the norm, with circumstances"),
    "not_yet": gettext_lazy("year not over"),
}


@dataclass(frozen=True)
class Tile:
    """One unit as a coloured tile: its state, how it was achieved, the date that matters and,
    for a unit in a plan, why the route shown is not the one the student chose."""

    row: selectors.UnitProgress
    state_label: str
    how_label: str
    when: date | None
    when_label: str
    route_note: str = ""

    @property
    def unit(self) -> Any:
        return self.row.unit


def tile(row: selectors.UnitProgress) -> Tile:
    when, when_label = None, ""
    if row.state == "achieved":
        when, when_label = row.on, _("achieved on")
    elif row.state == "exempted":
        when, when_label = row.on, _("exempted on")
    elif row.state == "planned":
        when, when_label = row.planned_end, _("planned end")
    elif row.state == "not_yet" and row.result is not None:
        when, when_label = row.result.decided_on, _("last tried on")
    return Tile(
        row,
        str(STATE_LABELS[row.state]),
        str(HOW_LABELS.get(row.how, "")),
        when,
        when_label,
        route_note(row),
    )


def route_note(row: selectors.UnitProgress) -> str:
    """Why a unit in a plan shows the facilitated route although the student chose another
    (rule studyplan.own-route-established)."""
    if not row.chosen_route:
        return ""
    if row.route_status == selectors.RouteStatus.REFUSED:
        return _(
            "route %(chosen)s was chosen; the exam committee did not establish it, so the "
            "facilitated route applies"
        ) % {"chosen": row.chosen_route}
    return _(
        "route %(chosen)s was chosen; until the exam committee establishes it, the facilitated "
        "route applies"
    ) % {"chosen": row.chosen_route}


@dataclass(frozen=True)
class Bsa:
    """The binding study advice as the pages show it: rule bsa.norm's verdict on the records as
    they are is a prognosis; only the BSA decision made known (`decision`) is the advice."""

    start: date
    until: date
    ec: int
    norm: int
    advice: str
    verdict: str
    ok: bool
    warning: bool
    message: str
    rule: str
    title: str
    source: str
    decision: Decision | None = None
    decision_url: str = ""

    @property
    def is_prognosis(self) -> bool:
        return self.decision is None


def bsa_advice(
    result: RuleResult | None, decision: Decision | None = None, decision_url: str = ""
) -> Bsa | None:
    if result is None:
        return None
    lang = get_language() or "nl"
    values = result.values_used
    advice = str(values.get("advice", "positive" if result.ok else ""))
    return Bsa(
        values["start_date"],
        values["first_year_until"],
        int(values["ec_achieved"]),
        int(values["norm_ec"]),
        advice,
        str(ADVICE_LABELS.get(advice, advice)),
        result.ok,
        result.warning,
        result.message(lang),
        result.rule_id,
        get_rule(result.rule_id).title(lang),
        result.source_label,
        decision,
        decision_url if decision else "",
    )


def decision_url(decision: Decision) -> str:
    """The committee's decision page: the editor with every Awb part while a draft, the letter
    once made known."""
    return reverse("examcommittee:decision_detail", args=[decision.pk])


LIST_PAGE_SIZE = 50


def list_page(request: AuthedRequest, kept: QuerySet[EnrolmentProgress]) -> ListPage:
    """One page (`?pagina=N`, 50 rows) of a committee list read from the kept progress, in the
    selector's order; a page number out of range shows the last page."""
    page = Paginator(kept, LIST_PAGE_SIZE).get_page(request.GET.get(PAGE_PARAM))
    return ListPage(page=page, sort="", query="")


@dataclass(frozen=True)
class Refusal:
    """A refused action on one row of a list: the rule results, and for the diploma the units
    still missing."""

    enrolment: Enrolment
    violations: list[dict[str, Any]]
    missing: list[Tile]


def bulk_summary(result: services.BulkDraft, prepared: str) -> str:
    """What a bulk action did, e.g. "Prepared 12 BSA decisions; 2 already had a draft; 1
    refused": `prepared` is the first part, an ngettext for the kind of decision already chosen
    for the number prepared, with %(count)d still to fill in."""
    skipped, refused = len(result.skipped), len(result.refused)
    return "; ".join(
        [
            prepared % {"count": len(result.prepared)},
            ngettext("%(count)d already had a draft", "%(count)d already had a draft", skipped)
            % {"count": skipped},
            ngettext("%(count)d refused", "%(count)d refused", refused) % {"count": refused},
        ]
    )


def bulk_refusals(result: services.BulkDraft) -> list[Refusal]:
    """The students the service refused, each with the rules and their sources."""
    return [Refusal(r.enrolment, r.violations(), []) for r in result.refused]


def same_page(request: AuthedRequest, name: str) -> str:
    """Back to the list the form was sent from, on the same page with the same filters."""
    query = request.GET.urlencode()
    return reverse(name) + (f"?{query}" if query else "")
