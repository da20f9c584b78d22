"""The student's evidence and what is done on one item: add an item (a file, checked by its
content, or a link), its page with its versions, mapping, VRAAK judgements and workplace
confirmations, the student's edits (details, a new version, the mapping, asking the
supervisor), the coach's VRAAK judgement, and the permission-checked download of a version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from parcours.accounts.models import User
from parcours.core import web
from parcours.core.downloads import INLINE_TYPES
from parcours.core.web import AuthedRequest, post_only
from parcours.curriculum.forms import ActionForm
from parcours.curriculum.models import Unit
from parcours.studyplans import permissions as studyplan_permissions

from .. import permissions, selectors, services
from ..forms import (
    InviteForm,
    ItemCreateForm,
    ItemUpdateForm,
    MappingForm,
    VersionUploadForm,
    VraakForm,
)
from ..models import EvidenceItem, StoredFile
from ..navigation import site_url
from .common import (
    ConfirmationRow,
    attachment,
    confirmation_state,
    inline_view,
    keeps_sent_file_names,
    own_enrolments,
    upload,
)


@keeps_sent_file_names
@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: AuthedRequest) -> HttpResponse:
    """Add an item: a file (checked by its content) or a link, with what it is and where it
    comes from. Students only; anyone else is told where their own pages are."""
    enrolments = own_enrolments(request)
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
                **upload(request, d.get("file")),
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
        request,
        "portfolio/item_create.html",
        context,
        status=form.refusal_status if form.is_bound else 200,  # 413: an upload too large
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
    item = selectors.item_detail(found)
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
    versions = list(item.versions.all())  # newest first, each with its file's `scan`
    usable = [v for v in versions if selectors.scan_of(v) in StoredFile.USABLE]
    previewable = [v for v in usable if v.content_type in INLINE_TYPES]
    context: dict[str, Any] = {
        "item": item,
        "enrolment": enrolment,
        "versions": versions,
        "previewable": {v.pk for v in previewable},
        "usable": {v.pk for v in usable},
        "preview": previewable[0] if previewable else None,
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
        "group": selectors.group_members(item.group_project) if item.group_project else None,
        "share_form": form("share", ActionForm) if can_edit else None,
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
    status = next((f.refusal_status for f in bound.values()), 200)  # 422, or 413
    return render(request, "portfolio/item_detail.html", context, status=status)


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


def _item_for(
    request: AuthedRequest, pk: int, may: Callable[[User, EvidenceItem], bool]
) -> EvidenceItem:
    """The item (404 unless the user may see it), 403 unless the user `may` act on it."""
    item = permissions.get_item_for(request.user, pk)
    web.require(may(request.user, item))
    return item


@login_required
@post_only
def item_update(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item_for(request, pk, permissions.can_edit_item)

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
@post_only
def version_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    """A new upload of an item: a new version; the earlier versions stay."""
    item = _item_for(request, pk, permissions.can_edit_item)
    form = VersionUploadForm(request.POST, request.FILES, auto_id=web.auto_id("version"))
    return _item_action(
        request,
        item,
        "version",
        form,
        lambda d: services.version_upload(item, actor=request.user, **upload(request, d["file"])),
        lambda v: _("Version %(number)s was uploaded.") % {"number": v.number},
        "versions",
    )


@login_required
@post_only
def item_map(request: AuthedRequest, pk: int) -> HttpResponse:
    """The criteria (of one or more units) this item shows."""
    item = _item_for(request, pk, permissions.can_edit_item)
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
@post_only
def confirmation_invite(request: AuthedRequest, pk: int) -> HttpResponse:
    """E-mail the workplace supervisor a single-use link to confirm this item."""
    item = _item_for(request, pk, permissions.can_invite_supervisor)
    form = InviteForm(request.POST, auto_id=web.auto_id("invite"))
    return _item_action(
        request,
        item,
        "invite",
        form,
        lambda d: services.confirmation_invite(
            item,
            actor=request.user,
            site_url=site_url(request),
            **d,
        ),
        lambda c: (
            _("An e-mail with a single-use link was sent to %(email)s.")
            % {"email": c.supervisor_email}
        ),
        "confirmations",
    )


@login_required
@post_only
def vraak_record(request: AuthedRequest, pk: int) -> HttpResponse:
    """The coach's (or an assigned assessor's) VRAAK judgement of the item."""
    item = _item_for(request, pk, permissions.can_judge_item)
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
    return attachment(permissions.get_version_for(request.user, pk))


@login_required
@require_GET
def version_preview(request: AuthedRequest, pk: int) -> FileResponse:
    """One version's file shown in the browser, for whoever may download it (404 for anyone
    else, and for a type that is not previewed: PDF, PNG and JPEG are)."""
    return inline_view(permissions.get_version_for(request.user, pk))
