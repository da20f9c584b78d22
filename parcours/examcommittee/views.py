"""The validation desk (/loket/) and the exam committee's desk and decisions (/examencommissie/).

The desk is public, one per institution: anyone may ask a question; an exemption request needs
an account (signing in, or a short sign-up for prospective students), so the decision reaches
the student safely. Requesters follow their requests (with the decision term counting down,
Awb 4:13) and read their decisions, with the letter as PDF. The committee works the queue,
asks for more information, answers questions and drafts, completes and makes known the
exemption decision; a decision made known never changes, a correction is a new decision.

Thin function views named `<entity>_<verb>`: objects come through permissions.get_*_for (404
for what a user may not see, 403 for what they may see but not do), every write is one service
call (making a decision known saves the editor's input first, in the same transaction, so a
refusal leaves nothing changed), and a refusal is shown next to its field with each rule and its
source. A full page re-rendered with errors answers 422.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.accounts.services import user_create
from parcours.core import web
from parcours.core.downloads import download, stored_download
from parcours.core.errors import DomainError, RuleViolation
from parcours.core.web import AuthedRequest
from parcours.curriculum.forms import ActionForm
from parcours.curriculum.models import Institution, Programme
from parcours.portfolio import selectors as portfolio_selectors
from parcours.portfolio.services import evidence_storage
from parcours.rules.decisions import DECISION_PARTS, decision_term, missing_decision_parts
from parcours.rules.facts import DecisionTermFacts
from parcours.rules.parameters import parameter
from parcours.studyplans.models import Enrolment
from parcours.studyplans.permissions import get_version_for

from . import letters, permissions, selectors, services
from .forms import (
    DecisionForm,
    ExemptionForm,
    InformationAskForm,
    QuestionAnswerForm,
    QuestionForm,
    ReplyForm,
    SignUpForm,
)
from .models import Decision, DecisionUnit, DeskDocument, DeskRequest

Status = DeskRequest.Status
TERM_RULE = "decision.term"
AWB_RULE = "decision.awb-complete"
WARNING_DAYS = 7  # the rule's default warning period


# --- small helpers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Countdown:
    """The decision term of a request (rule decision.term): days left, or overdue."""

    days: int
    state: str  # "open", "soon", "overdue" or "decided"
    term_end: date

    @property
    def overdue_days(self) -> int:
        return -self.days


def _countdown(request: DeskRequest, on: date) -> Countdown:
    if request.status == Status.DECIDED:
        return Countdown(0, "decided", request.term_end)
    result = decision_term(
        DecisionTermFacts(received=request.received_on, warning_days=WARNING_DAYS), on=on
    )
    days = selectors.days_left(request, on=on)
    state = "overdue" if not result.ok else "soon" if result.warning else "open"
    return Countdown(days, state, request.term_end)


@dataclass
class RequestRow:
    request: DeskRequest
    countdown: Countdown
    decisions: list[Decision]


def _institution(brin: str) -> Institution:
    return get_object_or_404(Institution, brin_code=brin.upper())


def _programmes(institution: Institution) -> list[Programme]:
    """The institution's programmes whose exam committee takes requests at the desk."""
    return list(selectors.public_programmes_with_committee().filter(institution=institution))


# --- the public desk ------------------------------------------------------------------------------


def desk_index(request: HttpRequest) -> HttpResponse:
    """The desks: one per institution with a programme whose committee takes requests."""
    institutions = list(
        Institution.objects.filter(programmes__in=selectors.public_programmes_with_committee())
        .distinct()
        .order_by("name")
    )
    if len(institutions) == 1:
        return redirect("desk:home", institutions[0].brin_code)
    return render(request, "examcommittee/desk_index.html", {"institutions": institutions})


def desk_home(request: HttpRequest, brin: str) -> HttpResponse:
    """What the desk is for, how exemptions work, the decision term; ask or request."""
    institution = _institution(brin)
    on = web.today()
    context = {
        "institution": institution,
        "programmes": _programmes(institution),
        "term_weeks": parameter("decision.term_weeks", on=on).value,
        "appeal_weeks": parameter("decision.appeal_weeks", on=on).value,
        "term_rule": web.rule_note(TERM_RULE),
        "document_kinds": DeskDocument.Kind.choices,
    }
    return render(request, "examcommittee/desk_home.html", context)


def question_create(request: HttpRequest, brin: str) -> HttpResponse:
    """Ask a question: anyone, with a name and an e-mail address to answer."""
    institution = _institution(brin)
    programmes = _programmes(institution)
    user: Any = request.user
    initial = (
        {"contact_name": str(user), "contact_email": user.email} if user.is_authenticated else None
    )
    form = web.bind(QuestionForm, request, "question", programmes=programmes, initial=initial)
    if request.method != "POST":
        return render(
            request, "examcommittee/desk_question.html", {"institution": institution, "form": form}
        )
    ok, created = web.submit(
        form,
        lambda d: services.desk_request_create(
            institution,
            actor=user if user.is_authenticated else None,
            programme=form.programme(),
            kind=DeskRequest.Kind.QUESTION,
            subject=d["subject"],
            message=d["message"],
            contact_name=d["contact_name"],
            contact_email=d["contact_email"],
            on=web.today(),
        ),
    )
    if not ok:
        return render(
            request,
            "examcommittee/desk_question.html",
            {"institution": institution, "form": form},
            status=422,
        )
    messages.success(
        request,
        _(
            "Your question was received on %(received)s. The exam committee answers at "
            "%(email)s, at the latest on %(term_end)s."
        )
        % {
            "received": created.received_on.isoformat(),
            "email": created.contact_email,
            "term_end": created.term_end.isoformat(),
        },
    )
    if user.is_authenticated:
        return redirect("desk:request_detail", created.pk)
    return redirect("desk:home", institution.brin_code)


def _exemption_url(institution: Institution, programme_id: Any = None) -> str:
    url = reverse("desk:exemption_create", args=[institution.brin_code])
    return f"{url}?{urlencode({'programme': programme_id})}" if programme_id else url


def _signin_page(
    request: HttpRequest,
    institution: Institution,
    programme_id: str,
    form: SignUpForm | None = None,
) -> HttpResponse:
    context = {
        "institution": institution,
        "programme_id": programme_id,
        "signup_form": form or SignUpForm(auto_id=web.auto_id("signup")),
        "login_url": reverse("accounts:login")
        + "?"
        + urlencode({"next": _exemption_url(institution, programme_id)}),
    }
    return render(request, "examcommittee/desk_signin.html", context, status=422 if form else 200)


def _chosen_programme(request: HttpRequest, programmes: list[Programme]) -> Programme | None:
    if len(programmes) == 1:
        return programmes[0]
    wanted = request.POST.get("programme") or request.GET.get("programme") or ""
    return next((p for p in programmes if str(p.pk) == wanted), None)


def _exemption_page(
    request: AuthedRequest,
    institution: Institution,
    programmes: list[Programme],
    programme: Programme | None,
    form: ExemptionForm | None,
    *,
    status: int = 200,
) -> HttpResponse:
    context = {
        "institution": institution,
        "programmes": programmes,
        "programme": programme,
        "form": form,
        "portfolio_url": "",
    }
    return render(request, "examcommittee/desk_exemption.html", context, status=status)


def exemption_create(request: HttpRequest, brin: str) -> HttpResponse:
    """Request an exemption: signed in (else sign in or sign up first), the programme, its
    units grouped by OER year, why, documents and portfolio items."""
    institution = _institution(brin)
    programmes = _programmes(institution)
    if not request.user.is_authenticated:
        return _signin_page(request, institution, request.GET.get("programme", ""))
    authed: Any = request
    programme = _chosen_programme(request, programmes)
    if programme is None:
        return _exemption_page(authed, institution, programmes, None, None)
    enrolment = Enrolment.objects.filter(student=request.user, variant__programme=programme).first()
    posted = request.method == "POST"
    form = ExemptionForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        units=list(selectors.units_for_exemption(programme)),
        items=list(portfolio_selectors.items_of(enrolment)) if enrolment else [],
        initial={"programme": programme.pk},
        auto_id=web.auto_id("exemption"),
    )
    if not posted:
        return _exemption_page(authed, institution, programmes, programme, form)
    ok, created = web.submit(
        form,
        lambda d: services.desk_request_create(
            institution,
            actor=authed.user,
            programme=programme,
            kind=DeskRequest.Kind.EXEMPTION,
            subject=_("Exemption for %(units)s")
            % {"units": ", ".join(form.unit_objects[str(pk)].code for pk in d["units"])},
            message=d["message"],
            unit_ids=d["units"],
            item_ids=d["items"],
            documents=form.uploads(),
            on=web.today(),
        ),
    )
    if not ok:
        return _exemption_page(authed, institution, programmes, programme, form, status=422)
    messages.success(
        request,
        _("Your request was received on %(received)s; the committee decides by %(term_end)s.")
        % {"received": created.received_on.isoformat(), "term_end": created.term_end.isoformat()},
    )
    return redirect("desk:request_detail", created.pk)


@require_POST
def signup(request: HttpRequest, brin: str) -> HttpResponse:
    """A short account for a prospective student (name, e-mail, password), signed in at once;
    then on to the exemption request."""
    institution = _institution(brin)
    programme_id = request.POST.get("programme", "")
    if request.user.is_authenticated:
        return redirect(_exemption_url(institution, programme_id))
    form = SignUpForm(request.POST, auto_id=web.auto_id("signup"))
    if not form.is_valid():
        return _signin_page(request, institution, programme_id, form)
    d = form.cleaned_data
    user = user_create(
        actor=None,
        username=d["email"],
        password=d["password"],
        first_name=d["first_name"],
        last_name=d["last_name"],
        email=d["email"],
        preferred_language=(get_language() or "nl")[:2],
    )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(
        request, _("Your account was created; you log in with your e-mail address from now on.")
    )
    return redirect(_exemption_url(institution, programme_id))


# --- the requester's pages ------------------------------------------------------------------------


@login_required
def my_requests(request: AuthedRequest) -> HttpResponse:
    """My requests at the desk: status, received, the decision term counting down."""
    on = web.today()
    rows = [
        RequestRow(r, _countdown(r, on), [d for d in r.decisions.all() if d.is_known])
        for r in selectors.desk_requests_of(request.user)
    ]
    return render(
        request,
        "examcommittee/desk_my_requests.html",
        {"rows": rows, "term_rule": web.rule_note(TERM_RULE)},
    )


def _request_context(request: AuthedRequest, desk_request: DeskRequest) -> dict[str, Any]:
    on = web.today()
    return {
        "req": desk_request,
        "countdown": _countdown(desk_request, on),
        "term_rule": web.rule_note(TERM_RULE),
        "units": list(desk_request.units.select_related("oer").order_by("position", "code")),
        "documents": list(desk_request.documents.all()),
        "items": list(desk_request.portfolio_items.all()),
        "conversation": list(desk_request.messages.select_related("author")),
        "decisions": list(
            desk_request.decisions.select_related("corrects").order_by("created_at", "id")
        ),
    }


def _render_request(
    request: AuthedRequest, desk_request: DeskRequest, reply_form: Any = None
) -> HttpResponse:
    context = _request_context(request, desk_request)
    context["decisions"] = [d for d in context["decisions"] if d.is_known]
    context["can_reply"] = (
        permissions.can_reply_desk_request(request.user, desk_request)
        and desk_request.status == Status.INFO_REQUESTED
    )
    context["reply_form"] = reply_form or ReplyForm(auto_id=web.auto_id("reply"))
    context["is_committee"] = permissions.can_handle_desk_request(request.user, desk_request)
    return render(
        request, "examcommittee/request_detail.html", context, status=422 if reply_form else 200
    )


@login_required
def request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One request as its requester follows it: documents, messages, the answer or decision."""
    return _render_request(request, permissions.get_desk_request_for(request.user, pk))


@login_required
@require_POST
def reply_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """The requester answers the committee's question, with more documents if needed."""
    desk_request = permissions.get_desk_request_for(request.user, pk)
    web.require(permissions.can_reply_desk_request(request.user, desk_request))
    form = ReplyForm(request.POST, request.FILES, auto_id=web.auto_id("reply"))
    ok, _message = web.submit(
        form,
        lambda d: services.desk_reply(
            desk_request, actor=request.user, text=d["text"], documents=form.uploads()
        ),
    )
    if not ok:
        return _render_request(request, desk_request, form)
    messages.success(request, _("Your answer was sent; the committee reviews your request again."))
    return redirect("desk:request_detail", desk_request.pk)


@login_required
def document_download(request: AuthedRequest, pk: int) -> FileResponse:
    """A document of a request, as an attachment (never rendered by the browser)."""
    document = permissions.get_desk_document_for(request.user, pk)
    return stored_download(
        evidence_storage(),
        document.stored_name,
        filename=document.original_name,
        content_type=document.content_type,
    )


@login_required
def my_decisions(request: AuthedRequest) -> HttpResponse:
    """My decisions made known: outcome, units, appeal deadline, the letter as PDF."""
    return render(
        request,
        "examcommittee/decision_mine.html",
        {"decisions": list(selectors.decisions_of(request.user))},
    )


def _decision(user: Any, pk: int) -> Decision:
    decision = permissions.get_decision_for(user, pk)
    # the letter needs the units with their titles and the institution
    return (
        Decision.objects.select_related(
            "programme__institution", "student", "enrolment", "corrects", "desk_request"
        )
        .prefetch_related(
            Prefetch("decision_units", queryset=DecisionUnit.objects.select_related("unit"))
        )
        .get(pk=decision.pk)
    )


@login_required
def decision_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A decision as the student (or their coach) reads it: the letter, the appeal deadline."""
    decision = _decision(request.user, pk)
    return render(
        request,
        "examcommittee/decision_view.html",
        {
            "decision": decision,
            "letter": letters.letter_body(decision),
            "appeal": letters.appeal_term(decision),
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


# --- the committee: the desk queue and one request ------------------------------------------------


@login_required
def desk_queue(request: AuthedRequest) -> HttpResponse:
    """Requests to the committee's programmes, the earliest term end first, with the days left
    (overdue highlighted); filter by status."""
    web.require(permissions.can_use_committee_pages(request.user))
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    on = web.today()
    rows = [
        RequestRow(r, _countdown(r, on), [])
        for r in selectors.desk_queue(request.user, status=status)
    ]
    return render(
        request,
        "examcommittee/desk_queue.html",
        {
            "rows": rows,
            "status": status,
            "statuses": Status.choices,
            "term_rule": web.rule_note(TERM_RULE),
        },
    )


def _render_committee_request(
    request: AuthedRequest, desk_request: DeskRequest, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    context = _request_context(request, desk_request)
    open_request = desk_request.status != Status.DECIDED
    is_exemption = desk_request.kind == DeskRequest.Kind.EXEMPTION
    draft = next((d for d in context["decisions"] if not d.is_known), None)
    context.update(
        {
            "open_request": open_request,
            "is_exemption": is_exemption,
            "draft": draft,
            "review_form": bound.get("review") or ActionForm(),
            "ask_form": bound.get("ask") or InformationAskForm(auto_id=web.auto_id("ask")),
            "answer_form": bound.get("answer") or QuestionAnswerForm(auto_id=web.auto_id("answer")),
            "draft_form": bound.get("draft") or ActionForm(),
        }
    )
    return render(
        request,
        "examcommittee/request_committee.html",
        context,
        status=422 if bound else 200,
    )


def _handled_request(request: AuthedRequest, pk: int) -> DeskRequest:
    desk_request = permissions.get_desk_request_for(request.user, pk)
    web.require(permissions.can_handle_desk_request(request.user, desk_request))
    return desk_request


@login_required
def committee_request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One request as the committee handles it: documents, messages, units and the actions."""
    return _render_committee_request(request, _handled_request(request, pk))


def _request_action(
    request: AuthedRequest,
    desk_request: DeskRequest,
    key: str,
    form: Any,
    action: Any,
    done: str,
) -> HttpResponse:
    ok, result = web.submit(form, action)
    if not ok:
        return _render_committee_request(request, desk_request, {key: form})
    messages.success(request, done)
    if isinstance(result, Decision):
        return redirect("examcommittee:decision_detail", result.pk)
    return redirect("examcommittee:request_detail", desk_request.pk)


@login_required
@require_POST
def request_review(request: AuthedRequest, pk: int) -> HttpResponse:
    desk_request = _handled_request(request, pk)
    return _request_action(
        request,
        desk_request,
        "review",
        ActionForm(request.POST),
        lambda d: services.desk_request_review(desk_request, actor=request.user),
        _("The request is in review."),
    )


@login_required
@require_POST
def information_ask(request: AuthedRequest, pk: int) -> HttpResponse:
    desk_request = _handled_request(request, pk)
    return _request_action(
        request,
        desk_request,
        "ask",
        web.bind(InformationAskForm, request, "ask"),
        lambda d: services.desk_information_ask(desk_request, actor=request.user, text=d["text"]),
        _("Your question was sent to the requester; the request waits for their answer."),
    )


@login_required
@require_POST
def question_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    desk_request = _handled_request(request, pk)
    return _request_action(
        request,
        desk_request,
        "answer",
        web.bind(QuestionAnswerForm, request, "answer"),
        lambda d: services.desk_question_answer(
            desk_request, actor=request.user, answer=d["answer"]
        ),
        _("The question was answered."),
    )


@login_required
@require_POST
def exemption_draft(request: AuthedRequest, pk: int) -> HttpResponse:
    """Start the exemption decision (every requested unit, none granted yet, the documents as
    evidence); an open draft is opened instead of starting a second one."""
    desk_request = _handled_request(request, pk)
    draft = desk_request.decisions.filter(made_known_on__isnull=True).first()
    if draft is not None:
        return redirect("examcommittee:decision_detail", draft.pk)
    return _request_action(
        request,
        desk_request,
        "draft",
        ActionForm(request.POST),
        lambda d: services.exemption_draft(desk_request, actor=request.user),
        _("A draft decision was made; decide per unit and complete every part."),
    )


# --- the committee: decisions ---------------------------------------------------------------------


@login_required
def decision_list(request: AuthedRequest) -> HttpResponse:
    """The committee's decisions: drafts first, then those made known."""
    web.require(permissions.can_use_committee_pages(request.user))
    decisions = list(selectors.committee_decisions(request.user))
    return render(
        request,
        "examcommittee/decision_list.html",
        {
            "drafts": [d for d in decisions if not d.is_known],
            "known": [d for d in decisions if d.is_known],
            "plans": list(selectors.plans_awaiting_decision(request.user)),
        },
    )


@login_required
@require_POST
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
) -> HttpResponse:
    context: dict[str, Any] = {
        "decision": decision,
        "awb_rule": web.rule_note(AWB_RULE),
        "documents": list(decision.desk_request.documents.all()) if decision.desk_request else [],
    }
    if decision.is_known:
        context.update(
            {
                "letter": letters.letter_body(decision),
                "appeal": letters.appeal_term(decision),
                "corrections": list(decision.corrections.order_by("created_at", "id")),
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
@require_POST
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
    for result in exc.results:
        if result.rule_id == AWB_RULE:
            note = _("Needed before the decision is made known (rule %(rule)s; %(source)s).") % {
                "rule": result.rule_id,
                "source": result.source_label,
            }
            form.add_missing_parts(list(result.values_used.get("missing", [])), note)
    return True


@login_required
@require_POST
def decision_make_known(request: AuthedRequest, pk: int) -> HttpResponse:
    """Save the editor's input and make the decision known, in one transaction: refused while
    an Awb part is missing (each named, the input kept, nothing saved); once made known the
    appeal deadline is computed and the decision is frozen."""
    decision = _committee_decision(request, pk)
    form = _draft_form(request, decision)

    def make_known(d: dict[str, Any]) -> Decision:
        with transaction.atomic():
            services.decision_update(
                decision,
                actor=request.user,
                unit_grants=form.unit_grants(),
                **form.decision_fields(),
            )
            return services.decision_make_known(decision, actor=request.user, on=web.today())

    ok, known = web.submit(form, make_known, handle=_missing_parts)
    if not ok:
        return _render_decision(request, decision, form)
    messages.success(
        request,
        _("The decision was made known on %(on)s; an appeal is possible until %(deadline)s.")
        % {"on": known.made_known_on.isoformat(), "deadline": known.appeal_deadline.isoformat()},
    )
    return redirect("examcommittee:decision_detail", decision.pk)


@login_required
@require_POST
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
