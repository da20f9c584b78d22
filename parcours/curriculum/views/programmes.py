"""The start page per role, the programmes and, on a programme's page, its variants: the
teachers' consent, the way of working, the study-plan settings, personas and a new OER year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.accounts.models import Role
from parcours.core import exports, paging, web
from parcours.core.dates import academic_year_of
from parcours.core.web import AuthedRequest

from .. import permissions, selectors, services
from ..forms import (
    ConsentForm,
    ListFilterForm,
    OerCreateForm,
    OutcomeBasedForm,
    PersonaForm,
    VariantSettingsForm,
)
from ..models import Oer, Programme, ProgrammeVariant, TeacherConsent


def _current_published(oers: list[Oer], today: date) -> Oer | None:
    """The published OER in force now: the latest that started, else the first to come."""
    published = sorted((o for o in oers if o.is_published), key=attrgetter("academic_year"))
    started = [o for o in published if o.academic_year <= academic_year_of(today)]
    return started[-1] if started else (published[0] if published else None)


@dataclass(frozen=True)
class HomeEntry:
    programme: Programme
    roles: list[str]
    can_manage: bool
    variants: list[tuple[ProgrammeVariant, Oer | None, Oer | None]]  # (variant, latest, in force)


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """A start page per role: the user's programmes, what each role can open there now."""
    roles = permissions.roles_by_programme(request.user)
    today = web.today()
    entries = [
        HomeEntry(
            p,
            sorted(str(Role(r).label) for r in roles.get(p.pk, set())),
            permissions.can_manage_programme(request.user, p),
            [
                (v, next(iter(v.oers.all()), None), _current_published(list(v.oers.all()), today))
                for v in p.variants.all()
            ],
        )
        for p in selectors.programmes_for(request.user)
    ]
    return render(
        request,
        "curriculum/home.html",
        {"entries": entries, "is_administrator": permissions.is_administrator(request.user)},
    )


PROGRAMME_SORTS = {
    "name": ("name_nl",),
    "croho": ("croho_code",),
    "institution": ("institution__name", "name_nl"),
    "level": ("level", "name_nl"),
}


def _programme_cells(p: Programme) -> list[Any]:
    variants = "; ".join(
        f"{v.get_form_display()}: {', '.join(o.year_label for o in v.oers.all()) or '-'}"
        for v in p.variants.all()
    )
    return [
        str(p),
        p.croho_code,
        str(p.institution),
        p.get_level_display(),
        p.sector,
        p.nominal_ec,
        variants,
    ]


@login_required
def programme_list(request: AuthedRequest) -> HttpResponseBase:
    """The user's programmes, 50 a page, sorted by a column, searched by name or CROHO code
    and filtered by variant; `?export=csv|xlsx` downloads the whole filtered list."""
    form = ListFilterForm(request.GET, cohort=False)
    programmes = selectors.programmes_for(request.user, form.filters())
    kind = paging.export_kind(request)
    if kind:
        rows = paging.sorted_list(request, programmes, sorts=PROGRAMME_SORTS, default="name")
        return exports.download(
            kind,
            "opleidingen",
            [
                _("Programme"),
                "CROHO",
                _("Institution"),
                _("Level"),
                _("Sector"),
                "EC",
                _("Variants and OER years"),
            ],
            (_programme_cells(p) for p in rows.iterator(chunk_size=exports.CHUNK)),
        )
    listing = paging.list_page(request, programmes, sorts=PROGRAMME_SORTS, default="name")
    return render(
        request,
        "curriculum/programme_list.html",
        {"listing": listing, "form": form},
    )


@dataclass
class VariantPanel:
    variant: ProgrammeVariant
    consents: list[TeacherConsent]
    oers: list[tuple[Oer, bool]]  # (oer, may be copied to next year: that year is still free)
    consent_form: Any
    oer_form: Any
    switch_form: Any
    settings_form: Any
    compare: tuple[Oer, Oer] | None


def _variant_panel(variant: ProgrammeVariant, bound: dict[str, Any], today: date) -> VariantPanel:
    oers = list(variant.oers.all())
    years = {o.academic_year for o in oers}
    next_year = oers[0].academic_year + 1 if oers else academic_year_of(today)
    pk = variant.pk
    return VariantPanel(
        variant,
        list(variant.consents.all()),
        [(o, o.academic_year + 1 not in years) for o in oers],
        bound.get(f"consent-{pk}") or ConsentForm(auto_id=web.auto_id(f"consent-{pk}")),
        bound.get(f"oer-{pk}")
        or OerCreateForm(initial={"academic_year": next_year}, auto_id=web.auto_id(f"oer-{pk}")),
        bound.get(f"switch-{pk}") or OutcomeBasedForm(),
        bound.get(f"settings-{pk}")
        or VariantSettingsForm(
            initial={name: getattr(variant, name) for name in VariantSettingsForm.Meta.fields},
            auto_id=web.auto_id(f"settings-{pk}"),
        ),
        (oers[0], oers[1]) if len(oers) > 1 else None,
    )


def _render_programme(
    request: AuthedRequest, programme: Programme, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    today = web.today()
    context = {
        "programme": programme,
        "croho": selectors.croho_programmes().get(programme.croho_code),
        "panels": [
            _variant_panel(v, bound, today)
            for v in selectors.variants_with_oers(programme, request.user)
        ],
        "personas": list(programme.personas.all()),
        "persona_form": bound.get("persona") or PersonaForm(auto_id=web.auto_id("persona")),
        "can_manage": permissions.can_manage_programme(request.user, programme),
    }
    return render(
        request,
        "curriculum/programme_detail.html",
        context,
        status=422 if bound else 200,
    )


@login_required
def programme_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_programme(request, permissions.get_programme_for(request.user, pk))


def _managed_variant(request: AuthedRequest, pk: int) -> ProgrammeVariant:
    variant = permissions.get_variant_for(request.user, pk)
    web.require(permissions.can_manage_variant(request.user, variant))
    return variant


def _programme_action(
    request: AuthedRequest,
    programme: Programme,
    key: str,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    if web.submit(form, action)[0]:
        messages.success(request, done)
        return redirect("curriculum:programme_detail", programme.pk)
    return _render_programme(request, programme, {key: form})


@login_required
@require_POST
def variant_consent_record(request: AuthedRequest, pk: int) -> HttpResponse:
    variant = _managed_variant(request, pk)
    key = f"consent-{pk}"
    return _programme_action(
        request,
        variant.programme,
        key,
        web.bind(ConsentForm, request, key),
        lambda d: services.consent_record(variant, actor=request.user, **d),
        _("The teachers' consent was recorded."),
    )


@login_required
@require_POST
def variant_outcome_based_set(request: AuthedRequest, pk: int) -> HttpResponse:
    variant = _managed_variant(request, pk)
    return _programme_action(
        request,
        variant.programme,
        f"switch-{pk}",
        OutcomeBasedForm(request.POST),
        lambda d: services.variant_set_outcome_based(
            variant, actor=request.user, outcome_based=d["outcome_based"]
        ),
        _("The variant's way of working was changed."),
    )


@login_required
@require_POST
def variant_settings_update(request: AuthedRequest, pk: int) -> HttpResponse:
    variant = _managed_variant(request, pk)
    key = f"settings-{pk}"
    return _programme_action(
        request,
        variant.programme,
        key,
        web.bind(VariantSettingsForm, request, key),
        lambda d: services.variant_settings_update(variant, actor=request.user, **d),
        _("The study-plan settings were saved."),
    )


@login_required
@require_POST
def persona_create(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for(request.user, pk)
    web.require(permissions.can_manage_programme(request.user, programme))
    return _programme_action(
        request,
        programme,
        "persona",
        web.bind(PersonaForm, request, "persona"),
        lambda d: services.persona_create(programme, actor=request.user, **d),
        _("Persona added."),
    )


@login_required
@require_POST
def oer_create(request: AuthedRequest, pk: int) -> HttpResponse:
    variant = _managed_variant(request, pk)
    form = web.bind(OerCreateForm, request, f"oer-{pk}")
    ok, created = web.submit(form, lambda d: services.oer_create(variant, actor=request.user, **d))
    if ok:
        messages.success(request, _("A new OER year was created."))
        return redirect("curriculum:oer_detail", created.pk)
    return _render_programme(request, variant.programme, {f"oer-{pk}": form})
