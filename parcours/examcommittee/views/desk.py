"""The validation desk (/loket/): public, one per institution, and the requester's own requests.

Anyone may ask a question; an exemption request needs an account (signing in, or a short sign-up
for prospective students), so the decision reaches the student safely. Requesters follow their
requests (with the decision term counting down, Awb 4:13) and answer the committee's questions.

Thin function views named `<entity>_<verb>`: objects come through permissions.get_*_for (404
for what a user may not see, 403 for what they may see but not do), every write is one service
call, and a refusal is shown next to its field with each rule and its source. A full page
re-rendered with errors answers 422.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parcours.accounts import services as accounts_services
from parcours.accounts.models import Viewer
from parcours.core import web
from parcours.core.downloads import stored_download
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.models import Institution, Programme
from parcours.portfolio import selectors as portfolio_selectors
from parcours.portfolio.services import evidence_storage
from parcours.rules.parameters import parameter

from .. import permissions, selectors, services
from ..forms import (
    ExemptionForm,
    QuestionForm,
    ReplyForm,
    SignUpForm,
)
from ..models import DeskDocument, DeskRequest
from .common import (
    TERM_RULE,
    RequestRow,
    Status,
    request_context,
)


def _institution(brin: str) -> Institution:
    institution = selectors.desk_institution(brin)
    if institution is None:
        raise Http404
    return institution


# --- the public desk ----------------------------------------------------------------------


def desk_index(request: HttpRequest) -> HttpResponse:
    """The desks: one per institution with a programme whose committee takes requests."""
    institutions = selectors.desk_institutions()
    if len(institutions) == 1:
        return redirect("examcommittee:desk_home", institutions[0].brin_code)
    return render(request, "examcommittee/desk_index.html", {"institutions": institutions})


def desk_home(request: HttpRequest, brin: str) -> HttpResponse:
    """What the desk is for, how exemptions work, the decision term; ask or request."""
    institution = _institution(brin)
    on = web.today()
    context = {
        "institution": institution,
        "programmes": selectors.desk_programmes(institution),
        "term_weeks": parameter("decision.term_weeks", on=on).value,
        "appeal_weeks": parameter("decision.appeal_weeks", on=on).value,
        "term_rule": web.rule_note(TERM_RULE),
        "document_kinds": DeskDocument.Kind.choices,
    }
    return render(request, "examcommittee/desk_home.html", context)


def question_create(request: HttpRequest, brin: str) -> HttpResponse:
    """Ask a question: anyone, with a name and an e-mail address to answer."""
    institution = _institution(brin)
    programmes = selectors.desk_programmes(institution)
    user: Viewer = request.user
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
        return redirect("examcommittee:desk_request_detail", created.pk)
    # the private link, shown now and never again: the page it opens says to keep it
    link = reverse("examcommittee:desk_answer_link", args=[created.answer_token])
    return redirect(f"{link}?{urlencode({'nieuw': 1})}")


def desk_answer_link(request: HttpRequest, token: str) -> HttpResponse:
    """An anonymous question and its answer, through the private link shown when it was asked
    (no account; only the hash of the link's token is stored)."""
    desk_request = permissions.get_desk_request_by_link(token)
    context = {
        "desk_request": desk_request,
        "link": request.build_absolute_uri(request.path),
        "just_asked": request.GET.get("nieuw") == "1",
        "asked": selectors.committee_messages(desk_request),
        "term_rule": web.rule_note(TERM_RULE),
    }
    response = render(request, "examcommittee/desk_answer_link.html", context)
    response["Referrer-Policy"] = "no-referrer"  # the link never leaves in a Referer header
    response["Cache-Control"] = "no-store"
    return response


def _exemption_url(institution: Institution, programme_id: Any = None) -> str:
    url = reverse("examcommittee:exemption_create", args=[institution.brin_code])
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
    programmes = selectors.desk_programmes(institution)
    if not request.user.is_authenticated:
        return _signin_page(request, institution, request.GET.get("programme", ""))
    authed: Any = request
    programme = _chosen_programme(request, programmes)
    if programme is None:
        return _exemption_page(authed, institution, programmes, None, None)
    enrolment = selectors.enrolment_in(request.user, programme)
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
            subject=selectors.exemption_subject(programme, d["units"]),
            message=d["message"],
            unit_ids=d["units"],
            item_ids=d["items"],
            documents=form.uploads(),
            on=web.today(),
        ),
    )
    if not ok:
        return _exemption_page(
            authed, institution, programmes, programme, form, status=form.refusal_status
        )
    messages.success(
        request,
        _("Your request was received on %(received)s; the committee decides by %(term_end)s.")
        % {"received": created.received_on.isoformat(), "term_end": created.term_end.isoformat()},
    )
    return redirect("examcommittee:desk_request_detail", created.pk)


@post_only
def signup(request: HttpRequest, brin: str) -> HttpResponse:
    """A short account for a prospective student (name, e-mail, password). It stays inactive
    until the link e-mailed to the address is followed (accounts:signup_confirm), which signs
    it in and comes back to the exemption request."""
    institution = _institution(brin)
    programme_id = request.POST.get("programme", "")
    if request.user.is_authenticated:
        return redirect(_exemption_url(institution, programme_id))
    form = SignUpForm(request.POST, auto_id=web.auto_id("signup"))
    ok, _user = web.submit(
        form,
        lambda d: accounts_services.signup_create(
            email=d["email"],
            password=d["password"],
            first_name=d["first_name"],
            last_name=d["last_name"],
            language=(get_language() or "nl")[:2],
        ),
    )
    if not ok:
        return _signin_page(request, institution, programme_id, form)
    request.session[accounts_services.AFTER_SIGNUP] = _exemption_url(institution, programme_id)
    return redirect("accounts:signup_sent")


# --- the requester's requests -------------------------------------------------------------


@login_required
def my_requests(request: AuthedRequest) -> HttpResponse:
    """My requests at the desk: status, received, the decision term counting down."""
    on = web.today()
    rows = [
        RequestRow(r, selectors.countdown(r, on=on), [d for d in r.decisions.all() if d.is_known])
        for r in selectors.desk_requests_of(request.user)
    ]
    return render(
        request,
        "examcommittee/desk_my_requests.html",
        {"rows": rows, "term_rule": web.rule_note(TERM_RULE)},
    )


def _render_request(
    request: AuthedRequest, desk_request: DeskRequest, reply_form: Any = None
) -> HttpResponse:
    context = request_context(request, desk_request)
    context["decisions"] = [d for d in context["decisions"] if d.is_known]
    context["can_reply"] = (
        permissions.can_reply_desk_request(request.user, desk_request)
        and desk_request.status == Status.INFO_REQUESTED
    )
    context["reply_form"] = reply_form or ReplyForm(auto_id=web.auto_id("reply"))
    context["is_committee"] = permissions.can_handle_desk_request(request.user, desk_request)
    status = reply_form.refusal_status if reply_form else 200  # 422, or 413 for a large file
    return render(request, "examcommittee/request_detail.html", context, status=status)


@login_required
def desk_request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One request as its requester follows it: documents, messages, the answer or decision."""
    return _render_request(request, permissions.get_desk_request_for(request.user, pk))


@login_required
@post_only
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
    return redirect("examcommittee:desk_request_detail", desk_request.pk)


@login_required
def document_download(request: AuthedRequest, pk: int) -> FileResponse:
    """A document of a request, as an attachment (never rendered by the browser)."""
    document = permissions.get_desk_document_for(request.user, pk)
    return stored_download(
        evidence_storage(),
        document.stored_name,
        filename=document.original_name,
        content_type=document.content_type,
        read_of=document,
    )
