"""Portfolio pages: the student's evidence (list, add, an item with its versions, mapping and
workplace confirmations, coverage per unit), the coach's read-only view with the VRAAK form,
permission-checked downloads, and the workplace supervisor's single-use confirmation page.

Objects come through permissions.get_*_for (404 for what a user may not see, 403 for what they
may see but not change); every write is one call to services.py. A refusal comes back on the
page the form lives on (status 422), next to its field, with everything else the user typed
kept (a browser never keeps a chosen file: the page says so).

Uploads: Django's multipart parser quietly strips folders and invisible characters from a file
name. The upload views keep the name the browser sent, so `check_upload` refuses a misleading
name (`..\\`, a right-to-left override) instead of the file being stored under a name the
student never saw (see `keeps_sent_file_names`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParser
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import ImmutableList
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parcours.core import web
from parcours.core.downloads import stored_download
from parcours.core.errors import DomainError
from parcours.curriculum.models import Oer, Unit
from parcours.curriculum.views import AuthedRequest
from parcours.studyplans import permissions as studyplan_permissions
from parcours.studyplans.models import Enrolment
from parcours.studyplans.selectors import enrolments_of_student

from . import permissions, selectors, services
from .forms import (
    ConfirmationAnswerForm,
    InviteForm,
    ItemCreateForm,
    ItemUpdateForm,
    MappingForm,
    VersionUploadForm,
    VraakForm,
)
from .models import EvidenceItem, EvidenceVersion, VraakJudgement, WorkplaceConfirmation
from .uploads import clean_name

# --- uploads keep the name the browser sent -----------------------------------------------------


class _SentNamesParser(MultiPartParser):
    """Records each file name as sent next to what Django made of it."""

    def __init__(self, *args: Any, sent: list[tuple[str, str | None]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent = sent

    def sanitize_file_name(self, file_name: str) -> str | None:
        cleaned = super().sanitize_file_name(file_name)
        self.sent.append((html.unescape(file_name), cleaned))
        return cleaned


def keeps_sent_file_names(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Parse this view's uploads with `_SentNamesParser`. The request body is parsed by the
    CSRF check, so the check runs inside (csrf_protect) once the parser is in place: CSRF
    stays on."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        sent: list[tuple[str, str | None]] = []

        def parse_file_upload(meta: Any, post_data: Any) -> Any:
            request.upload_handlers = ImmutableList(request.upload_handlers)
            return _SentNamesParser(
                meta, post_data, request.upload_handlers, request.encoding, sent=sent
            ).parse()

        setattr(request, "parse_file_upload", parse_file_upload)  # noqa: B010  (per request)
        setattr(request, "sent_file_names", sent)  # noqa: B010
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def _upload(request: HttpRequest, file: UploadedFile | None) -> dict[str, Any]:
    """The service's file arguments. A name Django had to change goes to the check as it was
    sent (and is refused there); a file Django dropped for its name is refused here."""
    changed = [s for s, cleaned in getattr(request, "sent_file_names", []) if s != cleaned]
    if file is None:
        for name in changed:
            clean_name(name)  # raises DomainError(field="file")
        return {}
    # A TemporaryUploadedFile (over FILE_UPLOAD_MAX_MEMORY_SIZE) is a seekable file too.
    return {"file_name": changed[0] if changed else file.name, "file": file, "file_size": file.size}


def _attachment(version: EvidenceVersion) -> FileResponse:
    """A stored upload, always as a download with the type detected at upload."""
    return stored_download(
        services.evidence_storage(),
        version.stored_name,
        filename=version.original_name,
        content_type=version.content_type,
    )


# --- what the pages show of items and units -----------------------------------------------------


def confirmation_state(confirmation: WorkplaceConfirmation, now: datetime) -> str:
    if confirmation.answer:
        return confirmation.answer
    return "expired" if confirmation.expires_at <= now else "open"


CONFIRMATION_LABELS = {
    "confirmed": gettext_lazy("confirmed"),
    "declined": gettext_lazy("declined"),
    "expired": gettext_lazy("link expired"),
    "open": gettext_lazy("asked, no answer yet"),
}


@dataclass
class ConfirmationRow:
    confirmation: WorkplaceConfirmation
    state: str

    @property
    def label(self) -> str:
        return str(CONFIRMATION_LABELS[self.state])


@dataclass
class ItemRow:
    item: EvidenceItem
    latest: EvidenceVersion | None
    units: list[Unit]
    judgement: VraakJudgement | None
    confirmation: ConfirmationRow | None


def _units_of(item: EvidenceItem) -> list[Unit]:
    units = {m.criterion.outcome.unit.pk: m.criterion.outcome.unit for m in item.mappings.all()}
    return sorted(units.values(), key=lambda u: (u.code, u.pk))


def _item_row(item: EvidenceItem, now: datetime) -> ItemRow:
    versions = list(item.versions.all())  # newest first (prefetched)
    judgements = list(item.judgements.all())
    confirmations = list(item.confirmations.all())
    return ItemRow(
        item,
        versions[0] if versions else None,
        _units_of(item),
        judgements[0] if judgements else None,
        ConfirmationRow(confirmations[0], confirmation_state(confirmations[0], now))
        if confirmations
        else None,
    )


@dataclass
class UnitSummary:
    unit: Unit
    total: int
    covered: int
    url: str

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.total) if self.total else 0


@dataclass
class Panel:
    """One enrolment's portfolio: the items, storage used and the coverage per unit."""

    enrolment: Enrolment
    rows: list[ItemRow]
    used: int
    quota: int
    units: list[UnitSummary] = field(default_factory=list)

    @property
    def used_percent(self) -> int:
        return min(100, round(100 * self.used / self.quota)) if self.quota else 0

    @property
    def nearly_full(self) -> int:
        return self.quota * 9 // 10


def _panel(enrolment: Enrolment, *, coverage_url: Callable[[Unit], str]) -> Panel:
    """In a fixed number of queries, however many items and units."""
    now = timezone.now()
    items = list(selectors.items_of(enrolment))
    mapped = {m.criterion_id for item in items for m in item.mappings.all()}
    units = []
    for unit in selectors.mappable_units(enrolment):
        ids = [c.pk for o in unit.outcomes.all() for c in o.criteria.all()]
        units.append(
            UnitSummary(unit, len(ids), len([i for i in ids if i in mapped]), coverage_url(unit))
        )
    return Panel(
        enrolment,
        [_item_row(item, now) for item in items],
        selectors.used_bytes(enrolment),
        enrolment.variant.evidence_quota_mb * 1024 * 1024,
        units,
    )


def _own_coverage_url(unit: Unit) -> str:
    return reverse("portfolio:coverage", args=[unit.pk])


def _enrolments(request: AuthedRequest) -> list[Enrolment]:
    return list(enrolments_of_student(request.user).order_by("start_date", "pk"))


# --- the student's portfolio --------------------------------------------------------------------


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """My portfolio: per enrolment my items, storage used and how far each unit is covered."""
    panels = [_panel(e, coverage_url=_own_coverage_url) for e in _enrolments(request)]
    return render(request, "portfolio/home.html", {"panels": panels})


@keeps_sent_file_names
@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: AuthedRequest) -> HttpResponse:
    """Add an item: a file (checked by its content) or a link, with what it is and where it
    comes from. Students only; anyone else is told where their own pages are."""
    enrolments = _enrolments(request)
    if not enrolments:
        web.require(request.method == "GET")
        return render(request, "portfolio/item_create.html", {"form": None})
    form = ItemCreateForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        enrolments=enrolments,
        initial={"evidence_date": web.today()},
        auto_id=web.auto_id("item"),
    )
    if request.method == "POST":

        def create(d: dict[str, Any]) -> EvidenceItem:
            return services.item_create(
                form.chosen_enrolment(),
                actor=request.user,
                **form.item_fields(),
                **_upload(request, d.get("file")),
            )

        ok, item = web.submit(form, create)
        if ok:
            messages.success(request, _("Your evidence was added."))
            return redirect("portfolio:item_detail", item.pk)
    context = {
        "form": form,
        "file_sent": bool(request.FILES),
        "max_mb": settings.EVIDENCE_MAX_UPLOAD_MB,
    }
    return render(
        request, "portfolio/item_create.html", context, status=422 if form.is_bound else 200
    )


def _mapping_editor(
    form: MappingForm, units: list[Unit]
) -> list[tuple[Unit, list[tuple[Any, list[tuple[Any, bool]]]]]]:
    """Per unit, per outcome, each criterion with whether it is ticked."""
    ticked = form.ticked()
    return [
        (
            unit,
            [
                (outcome, [(c, str(c.pk) in ticked) for c in outcome.criteria.all()])
                for outcome in unit.outcomes.all()
            ],
        )
        for unit in units
    ]


def _render_item(
    request: AuthedRequest, found: EvidenceItem, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    user = request.user
    item = selectors.items_of(found.enrolment).get(pk=found.pk)
    item.enrolment = found.enrolment  # student, coach and programme already loaded
    enrolment = item.enrolment
    now = timezone.now()
    can_edit = permissions.can_edit_item(user, item)

    def form(key: str, form_class: Any, **kwargs: Any) -> Any:
        return bound.get(key) or form_class(auto_id=web.auto_id(key), **kwargs)

    mappings = sorted(
        item.mappings.all(),
        key=lambda m: (
            m.criterion.outcome.unit.code,
            m.criterion.outcome.unit_id,
            m.criterion.outcome.code,
            m.criterion.pk,
        ),
    )
    context: dict[str, Any] = {
        "item": item,
        "enrolment": enrolment,
        "versions": list(item.versions.all()),
        "mappings": mappings,
        "judgements": list(item.judgements.all()),
        "confirmations": [
            ConfirmationRow(c, confirmation_state(c, now)) for c in item.confirmations.all()
        ],
        "can_edit": can_edit,
        "can_judge": permissions.can_judge_item(user, item),
        "is_student": studyplan_permissions.is_student_of(user, enrolment),
        "can_view_portfolio": permissions.can_view_portfolio(user, enrolment),
        "vraak_form": form("vraak", VraakForm),
        "file_sent": bool(request.FILES),
        "max_mb": settings.EVIDENCE_MAX_UPLOAD_MB,
        "link_days": settings.WORKPLACE_LINK_DAYS,
    }
    if can_edit:
        units = list(selectors.mappable_units(enrolment))
        criteria = [c for u in units for o in u.outcomes.all() for c in o.criteria.all()]
        initial_fields = {name: getattr(item, name) for name in ItemUpdateForm.ITEM_FIELDS}
        map_form = form(
            "map",
            MappingForm,
            criteria=criteria,
            initial={"criteria": [str(m.criterion_id) for m in mappings]},
        )
        context.update(
            {
                "edit_form": form("edit", ItemUpdateForm, initial=initial_fields),
                "version_form": form("version", VersionUploadForm),
                "map_form": map_form,
                "mapping_units": _mapping_editor(map_form, units),
                "invite_form": form("invite", InviteForm),
            }
        )
    return render(request, "portfolio/item_detail.html", context, status=422 if bound else 200)


@login_required
def item_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One item: its versions, what it is mapped to, VRAAK judgements and confirmations; the
    student edits it here, the coach judges it here."""
    return _render_item(request, permissions.get_item_for(request.user, pk))


def _item_action(
    request: AuthedRequest,
    item: EvidenceItem,
    key: str,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    done: str | Callable[[Any], str],
    anchor: str,
) -> HttpResponse:
    """Run one service call for the item page: back to the page on success, the page with the
    form as it was sent (and the refusal next to its field) otherwise."""
    ok, result = web.submit(form, action)
    if not ok:
        return _render_item(request, item, {key: form})
    messages.success(request, done(result) if callable(done) else done)
    return redirect(reverse("portfolio:item_detail", args=[item.pk]) + f"#{anchor}")


def _editable_item(request: AuthedRequest, pk: int) -> EvidenceItem:
    item = permissions.get_item_for(request.user, pk)
    web.require(permissions.can_edit_item(request.user, item))
    return item


@login_required
@require_POST
def item_update(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _editable_item(request, pk)

    def update(d: dict[str, Any]) -> list[str]:
        changes = {k: v for k, v in d.items() if getattr(item, k) != v}
        if changes:
            services.item_update(item, actor=request.user, **changes)
        return sorted(changes)

    def done(changed: list[str]) -> str:
        return _("Your changes were saved.") if changed else _("Nothing was changed.")

    form = ItemUpdateForm(request.POST, auto_id=web.auto_id("edit"))
    return _item_action(request, item, "edit", form, update, done, "details")


@keeps_sent_file_names
@login_required
@require_POST
def version_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    """A new upload of an item: a new version; the earlier versions stay."""
    item = _editable_item(request, pk)
    form = VersionUploadForm(request.POST, request.FILES, auto_id=web.auto_id("version"))
    return _item_action(
        request,
        item,
        "version",
        form,
        lambda d: services.version_upload(item, actor=request.user, **_upload(request, d["file"])),
        lambda v: _("Version %(number)s was uploaded.") % {"number": v.number},
        "versions",
    )


@login_required
@require_POST
def item_map(request: AuthedRequest, pk: int) -> HttpResponse:
    """The criteria (of one or more units) this item shows."""
    item = _editable_item(request, pk)
    form = MappingForm(request.POST, auto_id=web.auto_id("map"))
    return _item_action(
        request,
        item,
        "map",
        form,
        lambda d: services.item_map(item, actor=request.user, criterion_ids=d["criteria"]),
        _("The mapping was saved."),
        "mapping",
    )


@login_required
@require_POST
def confirmation_invite(request: AuthedRequest, pk: int) -> HttpResponse:
    """E-mail the workplace supervisor a single-use link to confirm this item."""
    item = permissions.get_item_for(request.user, pk)
    web.require(permissions.can_invite_supervisor(request.user, item))
    form = InviteForm(request.POST, auto_id=web.auto_id("invite"))
    return _item_action(
        request,
        item,
        "invite",
        form,
        lambda d: services.confirmation_invite(
            item,
            actor=request.user,
            link_for=lambda token: request.build_absolute_uri(
                reverse("workplace:open", args=[token])
            ),
            **d,
        ),
        lambda c: (
            _("An e-mail with a single-use link was sent to %(email)s.")
            % {"email": c.supervisor_email}
        ),
        "confirmations",
    )


@login_required
@require_POST
def vraak_record(request: AuthedRequest, pk: int) -> HttpResponse:
    """The coach's (or an assigned assessor's) VRAAK judgement of the item."""
    item = permissions.get_item_for(request.user, pk)
    web.require(permissions.can_judge_item(request.user, item))
    form = VraakForm(request.POST, auto_id=web.auto_id("vraak"))
    return _item_action(
        request,
        item,
        "vraak",
        form,
        lambda d: services.vraak_record(item, actor=request.user, **d),
        _("Your VRAAK judgement was recorded."),
        "vraak",
    )


@login_required
@require_GET
def version_download(request: AuthedRequest, pk: int) -> FileResponse:
    """One version's file, for whoever may see the item (404 for anyone else)."""
    return _attachment(permissions.get_version_for(request.user, pk))


def _unit_of(enrolment: Enrolment, pk: int) -> Unit:
    """A unit of a published OER of the enrolment's programme variant, or 404."""
    unit = (
        Unit.objects.select_related("oer")
        .filter(pk=pk, oer__variant_id=enrolment.variant_id, oer__status=Oer.Status.PUBLISHED)
        .first()
    )
    if unit is None:
        raise Http404
    return unit


def _render_coverage(
    request: AuthedRequest, enrolment: Enrolment, unit: Unit, back_url: str
) -> HttpResponse:
    report = selectors.coverage(enrolment, unit)
    rows = [(row, [item in row.items for item in report.items]) for row in report.rows]
    context = {
        "enrolment": enrolment,
        "unit": unit,
        "coverage": report,
        "rows": rows,
        "covered": len(report.rows) - len(report.gaps),
        "percent": round(100 * report.share_covered),
        "back_url": back_url,
        "is_student": studyplan_permissions.is_student_of(request.user, enrolment),
    }
    return render(request, "portfolio/coverage.html", context)


@login_required
def coverage(request: AuthedRequest, pk: int) -> HttpResponse:
    """For one unit of my programme: every criterion × my evidence, and the gaps."""
    unit = (
        Unit.objects.select_related("oer")
        .filter(
            pk=pk, oer__status=Oer.Status.PUBLISHED, oer__variant__enrolments__student=request.user
        )
        .first()
    )
    if unit is None:
        raise Http404
    enrolment = next(e for e in _enrolments(request) if e.variant_id == unit.oer.variant_id)
    return _render_coverage(request, enrolment, unit, reverse("portfolio:home"))


# --- a student's portfolio as the coach and the exam committee see it --------------------------


def _portfolio_enrolment(request: AuthedRequest, pk: int) -> Enrolment:
    """404 unless the user may see the enrolment, 403 unless also its portfolio."""
    enrolment = studyplan_permissions.get_enrolment_for(request.user, pk)
    web.require(permissions.can_view_portfolio(request.user, enrolment))
    return enrolment


@login_required
def student_portfolio(request: AuthedRequest, pk: int) -> HttpResponse:
    """A student's portfolio, read-only (the coach judges items on their pages)."""
    enrolment = _portfolio_enrolment(request, pk)
    if studyplan_permissions.is_student_of(request.user, enrolment):
        return redirect("portfolio:home")

    def coverage_url(unit: Unit) -> str:
        return reverse("portfolio:student_coverage", args=[enrolment.pk, unit.pk])

    context = {
        "enrolment": enrolment,
        "panel": _panel(enrolment, coverage_url=coverage_url),
        "is_coach": studyplan_permissions.is_coach_of(request.user, enrolment),
    }
    return render(request, "portfolio/student_portfolio.html", context)


@login_required
def student_coverage(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    enrolment = _portfolio_enrolment(request, pk)
    unit = _unit_of(enrolment, unit_pk)
    if studyplan_permissions.is_student_of(request.user, enrolment):
        return redirect("portfolio:coverage", unit.pk)
    back = reverse("portfolio:student_portfolio", args=[enrolment.pk])
    return _render_coverage(request, enrolment, unit, back)


# --- the workplace supervisor's link (no account) -----------------------------------------------

SESSION_TOKEN = "portfolio.workplace_token"
SESSION_ANSWERED = "portfolio.workplace_answered"


def _private(response: HttpResponse) -> HttpResponse:
    """Pages behind a supervisor's link: never cached, never sent to another site as a
    referrer. (Not "no-referrer": a form on such a page would post "Origin: null", which the
    CSRF check refuses.)"""
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _closed(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The link cannot be used: say why, show nothing of the item (and thank the supervisor
    who has just answered through it)."""
    answered = status == 410 and request.session.get(SESSION_ANSWERED, False)
    context = {"message": message, "status": status, "answered": answered}
    return _private(render(request, "portfolio/workplace_closed.html", context, status=status))


def _open_confirmation(request: HttpRequest) -> WorkplaceConfirmation | HttpResponse:
    token = request.session.get(SESSION_TOKEN)
    if not token:
        return _closed(
            request,
            404,
            _("No confirmation link is open. Open the link from the e-mail you received."),
        )
    try:
        confirmation = services.confirmation_by_token(token)
    except services.LinkUnusable as exc:
        return _closed(request, 410, exc.message)
    if confirmation is None:
        return _closed(
            request,
            404,
            _("This link does not exist. Check that you opened the whole link from the e-mail."),
        )
    return confirmation


@require_GET
def workplace_open(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: keep the token in the session and move on to an address
    without it, so it stays out of the address bar, the history and any referrer."""
    request.session[SESSION_TOKEN] = token
    request.session.pop(SESSION_ANSWERED, None)
    return _private(redirect("workplace:confirm"))


@require_http_methods(["GET", "POST"])
def workplace_confirm(request: HttpRequest) -> HttpResponse:
    """The one item the supervisor was asked about, and their answer (once)."""
    found = _open_confirmation(request)
    if isinstance(found, HttpResponse):
        return found
    confirmation = found
    item = confirmation.item
    form = ConfirmationAnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"name": confirmation.supervisor_name, "organisation": item.organisation},
        auto_id=web.auto_id("answer"),
    )
    if request.method == "POST":
        closed: list[DomainError] = []

        def unusable(_form: Any, exc: DomainError) -> bool:
            if isinstance(exc, services.LinkUnusable):
                closed.append(exc)
                return True
            return False

        ok, _answer = web.submit(
            form,
            lambda d: services.confirmation_answer(request.session[SESSION_TOKEN], **d),
            handle=unusable,
        )
        if closed:
            return _closed(request, 410, closed[0].message)
        if ok:
            request.session[SESSION_ANSWERED] = True
            return _private(redirect("workplace:confirm"))
    context = {
        "confirmation": confirmation,
        "item": item,
        "student": item.enrolment.student,
        "form": form,
    }
    status = 422 if form.is_bound else 200
    return _private(render(request, "portfolio/workplace_confirm.html", context, status=status))


@require_GET
def workplace_download(request: HttpRequest) -> HttpResponseBase:
    """The version the supervisor was asked about, through the same single-use link."""
    found = _open_confirmation(request)
    if isinstance(found, HttpResponse):
        return found
    if found.version is None:
        raise Http404
    return _attachment(found.version)
