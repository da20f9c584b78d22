"""Decisions: the requester's (/loket/mijn-besluiten/: read them, the letter as PDF) and the
committee's (/examencommissie/besluiten/: drafted, completed, made known, corrected).

A decision made known never changes; a correction is a new decision. Making a decision known
saves the editor's input first, in the same transaction, so a refusal leaves nothing changed;
every missing Awb part is named next to its field (422).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parcours.accounts.models import Viewer
from parcours.accounts.step_up import step_up_required
from parcours.core import exports, paging, web
from parcours.core.downloads import download
from parcours.core.errors import DomainError, RuleViolation
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ActionForm, ConfirmForm, ListFilterForm
from parcours.rules.decisions import DECISION_PARTS, missing_decision_parts
from parcours.studyplans.permissions import get_version_for

from .. import letters, permissions, selectors, services
from ..forms import (
    DecisionForm,
)
from ..models import Decision

AWB_RULE = services.AWB_RULE


def _decision(user: Viewer, pk: int) -> Decision:
    """The decision the user may see (404 otherwise), with its units for the letter."""
    return selectors.with_decision_parts(permissions.get_decision_for(user, pk), letter=True)


# --- the requester's decisions ------------------------------------------------------------


@login_required
def my_decisions(request: AuthedRequest) -> HttpResponse:
    """My decisions made known: outcome, units, appeal deadline, the letter as PDF."""
    return render(
        request,
        "examcommittee/decision_mine.html",
        {"decisions": list(selectors.decisions_of(request.user))},
    )


@login_required
def my_decision_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A decision as the student (or their coach) reads it: the letter, the appeal deadline."""
    decision = _decision(request.user, pk)
    return render(
        request,
        "examcommittee/decision_view.html",
        {
            "decision": decision,
            "letter": letters.letter_body(decision),
            "appeal": selectors.appeal_term(decision),
            "can_decide": permissions.can_decide(request.user, decision.programme_id),
        },
    )


@login_required
def decision_letter(request: AuthedRequest, pk: int) -> HttpResponse:
    """The letter as PDF, in the decision's language, for whoever may see the decision; a draft
    only for the committee, marked CONCEPT."""
    decision = _decision(request.user, pk)
    return download(
        letters.letter_pdf(decision),
        filename=letters.letter_filename(decision),
        content_type="application/pdf",
    )


# --- the committee's decisions ------------------------------------------------------------


DECISION_SORTS = {
    "student": ("student__last_name", "student__first_name"),
    "kind": ("kind",),
    "programme": ("programme__name_nl",),
    "outcome": ("outcome",),
    "started": ("created_at",),
    "known": ("made_known_on",),
    "appeal": ("appeal_deadline",),
}


def _decision_states() -> list[tuple[str, str]]:
    return [("draft", _("draft")), ("known", _("made known"))]


def _decision_cells(d: Decision) -> list[Any]:
    return [
        str(d.student),
        d.get_kind_display(),
        _("correction") if d.corrects_id else "",
        str(d.programme),
        d.get_outcome_display(),
        _("made known") if d.is_known else _("draft"),
        d.created_at.date().isoformat(),
        d.made_known_on.isoformat() if d.made_known_on else "",
        d.appeal_deadline.isoformat() if d.appeal_deadline else "",
    ]


@login_required
def decision_list(request: AuthedRequest) -> HttpResponseBase:
    """The committee's decisions, newest first, 50 a page: sorted by a column, filtered by
    student, programme, variant, cohort and state; `?export=csv|xlsx` downloads them all."""
    web.require(permissions.can_use_committee_pages(request.user))
    form = ListFilterForm(
        request.GET,
        programmes=selectors.committee_programmes(request.user),
        statuses=_decision_states(),
    )
    decisions = selectors.committee_decision_list(request.user, form.filters())
    kind = paging.export_kind(request)
    if kind:
        rows = paging.sorted_list(request, decisions, sorts=DECISION_SORTS, default="-started")
        header = [_("Student"), _("Kind"), _("Correction"), _("Programme"), _("Outcome")]
        header += [_("State"), _("Started"), _("Made known"), _("Appeal until")]
        return exports.download(
            kind,
            "besluiten",
            header,
            (_decision_cells(d) for d in rows.iterator(chunk_size=exports.CHUNK)),
        )
    return render(
        request,
        "examcommittee/decision_list.html",
        {
            "listing": paging.list_page(
                request, decisions, sorts=DECISION_SORTS, default="-started"
            ),
            "form": form,
            **_plans_awaiting(request),
        },
    )


# The plans waiting for a letter are a to-do list above the decisions: the oldest ones, never all
# of them (at institution size that would be every student's plan).
PLANS_SHOWN = 20
PLANS_COUNTED = 1000


def _plans_awaiting(request: AuthedRequest) -> dict[str, Any]:
    awaiting = selectors.plans_awaiting_decision(request.user)
    plans = list(awaiting[:PLANS_SHOWN])
    # counted only when the page is full, and only up to a bound: the number matters to the
    # committee up to "many", and counting every plan of a large programme does not
    total = (
        awaiting.order_by()[: PLANS_COUNTED + 1].count()
        if len(plans) == PLANS_SHOWN
        else len(plans)
    )
    return {"plans": plans, "plans_total": total, "plans_more": total > PLANS_COUNTED}


@login_required
@post_only
def plan_decision_draft(request: AuthedRequest, pk: int) -> HttpResponse:
    """Draft the decision letter on an established study plan version."""
    version = get_version_for(request.user, pk)
    try:
        decision = services.study_plan_decision_draft(version, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("examcommittee:decision_list")
    return redirect("examcommittee:decision_detail", decision.pk)


@dataclass(frozen=True)
class PartCheck:
    name: str
    label: str
    present: bool


def _part_checks(decision: Decision) -> list[PartCheck]:
    """Every Awb part of the stored draft, present or still missing (rule decision.awb-complete)."""
    missing = set(missing_decision_parts(services.decision_facts(decision)))
    index = 1 if (get_language() or "nl").startswith("en") else 0
    return [
        PartCheck(name, labels[index], name not in missing)
        for name, labels in DECISION_PARTS.items()
    ]


def _part_labels(names: list[str]) -> list[tuple[str, str]]:
    index = 1 if (get_language() or "nl").startswith("en") else 0
    return [(n, DECISION_PARTS[n][index]) for n in names if n in DECISION_PARTS]


def _committee_decision(request: AuthedRequest, pk: int) -> Decision:
    decision = _decision(request.user, pk)
    web.require(permissions.can_decide(request.user, decision.programme_id))
    return decision


def _render_decision(
    request: AuthedRequest,
    decision: Decision,
    form: DecisionForm | None = None,
    correct_form: Any = None,
    make_known_form: ConfirmForm | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {
        "decision": decision,
        "awb_rule": web.rule_note(AWB_RULE),
        "documents": selectors.decision_documents(decision),
    }
    if decision.is_known:
        context.update(
            {
                "letter": letters.letter_body(decision),
                "appeal": selectors.appeal_term(decision),
                "corrections": selectors.decision_corrections(decision),
                "correct_form": correct_form or ActionForm(),
            }
        )
    else:
        context.update(
            {
                "form": form
                or DecisionForm(
                    initial=DecisionForm.initial_for(decision),
                    decision=decision,
                    auto_id=web.auto_id("decision"),
                ),
                "parts": _part_checks(decision),
                "make_known_form": make_known_form,
            }
        )
        if form is not None:
            context["missing_parts"] = _part_labels(form.missing)
    status = 422 if form or correct_form else 200
    return render(request, "examcommittee/decision_detail.html", context, status=status)


@login_required
def committee_decision_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A draft: the editor with every Awb part. Made known: the letter, the appeal deadline with
    its reasoning, and the way to correct it."""
    return _render_decision(request, _committee_decision(request, pk))


def _draft_form(request: AuthedRequest, decision: Decision) -> DecisionForm:
    web.require(not decision.is_known)  # a decision made known never changes
    return DecisionForm(request.POST, decision=decision, auto_id=web.auto_id("decision"))


@login_required
@post_only
def decision_update(request: AuthedRequest, pk: int) -> HttpResponse:
    """Save the draft; parts may stay empty until it is made known."""
    decision = _committee_decision(request, pk)
    form = _draft_form(request, decision)
    ok, _saved = web.submit(
        form,
        lambda d: services.decision_update(
            decision,
            actor=request.user,
            unit_grants=form.unit_grants(),
            **form.decision_fields(),
        ),
    )
    if not ok:
        return _render_decision(request, decision, form)
    messages.success(request, _("The draft was saved."))
    return redirect("examcommittee:decision_detail", decision.pk)


def _missing_parts(form: Any, exc: DomainError) -> bool:
    """A refusal to make known: every missing Awb part next to its field, all rules listed."""
    if not isinstance(exc, RuleViolation):
        return False
    form.violations = exc.violations()
    missing = services.missing_parts(exc)
    if missing:
        rule = web.rule_note(AWB_RULE)
        note = _("Needed before the decision is made known (rule %(rule)s; %(source)s).") % {
            "rule": rule.id,
            "source": rule.source,
        }
        form.add_missing_parts(missing, note)
    return True


def _on_saved_draft(editor: DecisionForm, exc: DomainError) -> bool:
    """A refusal to make known goes onto the editor of the saved draft: each missing Awb part
    next to its field, any other refusal at its place (the units, or the top)."""
    if not _missing_parts(editor, exc):
        editor.add_domain_error(exc)
    return True


@login_required
@post_only
@step_up_required(guard=_committee_decision)
def decision_make_known(request: AuthedRequest, pk: int) -> HttpResponse:
    """Make the saved draft known, once the member has ticked that it becomes final (without
    that, nothing is written). It acts on the draft as saved, never on unsaved input: saving is
    its own button. Refused while an Awb part is missing, each named next to its field of the
    saved draft; once made known the appeal deadline is computed and the decision is frozen."""
    decision = _committee_decision(request, pk)
    web.require(not decision.is_known)  # made known once, never again
    confirm = ConfirmForm(request.POST)
    editor = DecisionForm.of_saved(decision, auto_id=web.auto_id("decision"))
    ok, known = web.submit(
        confirm,
        lambda d: services.decision_make_known(decision, actor=request.user, on=web.today()),
        handle=lambda _form, exc: _on_saved_draft(editor, exc),
    )
    if not ok:
        return _render_decision(request, decision, editor, make_known_form=confirm)
    messages.success(
        request,
        _("The decision was made known on %(on)s; an appeal is possible until %(deadline)s.")
        % {"on": known.made_known_on.isoformat(), "deadline": known.appeal_deadline.isoformat()},
    )
    return redirect("examcommittee:decision_detail", decision.pk)


@login_required
@post_only
def decision_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    """Correct a decision made known: a new draft that refers to it, prefilled with its
    content; the original stays as it was."""
    original = _committee_decision(request, pk)
    web.require(original.is_known)
    form = ActionForm(request.POST)
    ok, correction = web.submit(
        form, lambda d: services.decision_correct(original, actor=request.user)
    )
    if not ok:
        return _render_decision(request, original, correct_form=form)
    messages.success(
        request,
        _("A correcting draft was made; change what needs changing and make it known."),
    )
    return redirect("examcommittee:decision_detail", correction.pk)
