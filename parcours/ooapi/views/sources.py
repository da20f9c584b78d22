"""/beheer/catalogi/: the administrator registers partners' OOAPI endpoints, removes them and
syncs one now ("Synchroniseer nu"); the last sync's report shows per source."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import web
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms import SourceForm


def _manager(request: AuthedRequest) -> None:
    web.require(permissions.can_manage_catalogue_sources(request.user))


def _render(
    request: AuthedRequest, form: SourceForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "sources": selectors.catalogue_sources(),
        "form": form or SourceForm(auto_id=web.auto_id("source")),
    }
    return render(request, "ooapi/source_list.html", context, status=status)


@login_required
def source_list(request: AuthedRequest) -> HttpResponse:
    _manager(request)
    return _render(request)


@login_required
@post_only
def source_create(request: AuthedRequest) -> HttpResponse:
    _manager(request)
    form = SourceForm(request.POST, auto_id=web.auto_id("source"))
    ok, source = web.submit(form, lambda d: services.source_create(actor=request.user, **d))
    if not ok:
        return _render(
            request, form, status=400 if form.refusal_status == 422 else form.refusal_status
        )
    messages.success(
        request, _("The catalogue source was registered: %(name)s.") % {"name": source.name}
    )
    return redirect("ooapi_sources:source_list")


@login_required
@post_only
def source_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    source = permissions.get_source_for(request.user, pk)
    services.source_remove(source, actor=request.user)
    messages.success(
        request, _("The catalogue source was removed: %(name)s.") % {"name": source.name}
    )
    return redirect("ooapi_sources:source_list")


@login_required
@post_only
def source_sync(request: AuthedRequest, pk: int) -> HttpResponse:
    source = permissions.get_source_for(request.user, pk)
    report = services.catalogue_sync(source, actor=request.user)
    counts = {
        "name": source.name,
        "added": report.added,
        "changed": report.changed,
        "withdrawn": report.withdrawn,
        "skipped": len(report.skipped),
    }
    if report.error:
        messages.error(
            request,
            _("%(name)s could not be read; what was there is kept: %(error)s")
            % {"name": source.name, "error": report.error},
        )
    else:
        messages.success(
            request,
            _(
                "%(name)s synced: %(added)s added, %(changed)s changed, %(withdrawn)s withdrawn, "
                "%(skipped)s skipped."
            )
            % counts,
        )
    return redirect("ooapi_sources:source_list")
