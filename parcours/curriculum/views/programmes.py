"""The programmes and, on a programme's page, its variants: the
teachers' consent, the way of working, the study-plan settings, personas and a new OER year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parcours.core import exports, paging, web
from parcours.core.dates import academic_year_of
from parcours.core.web import AuthedRequest, post_only

from .. import permissions, selectors, services
from ..forms import (
    AdmissionRequirementsForm,
    ConsentForm,
    OerCreateForm,
    OutcomeBasedForm,
    PersonaForm,
    ProgrammeFilterForm,
    VariantSettingsForm,
)
from ..forms.administration import VariantCreateForm
from ..models import Oer, Programme, ProgrammeVariant, TeacherConsent

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
    and filtered by variant and CROHO code; `?export=csv|xlsx` downloads the whole filtered
    list."""
    form = ProgrammeFilterForm(request.GET)
    programmes = selectors.programmes_for(
        request.user, form.filters(), croho_code=form.croho_code()
    )
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
        {
            "listing": listing,
            "form": form,
            "can_create": permissions.can_create_programme(request.user),
        },
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
    admission_form: Any
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
        bound.get(f"admission-{pk}")
        or AdmissionRequirementsForm(
            initial={
                name: getattr(variant, name) for name in AdmissionRequirementsForm.Meta.fields
            },
            auto_id=web.auto_id(f"admission-{pk}"),
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
        "croho": selectors.croho_registration_of(programme),
        "panels": [
            _variant_panel(v, bound, today)
            for v in selectors.variants_with_oers(programme, request.user)
        ],
        "personas": list(programme.personas.all()),
        "persona_form": bound.get("persona") or PersonaForm(auto_id=web.auto_id("persona")),
        "variant_form": bound.get("variant")
        or VariantCreateForm(auto_id=web.auto_id("variant-new")),
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
@post_only
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
@post_only
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
@post_only
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
@post_only
def variant_admission_requirements_update(request: AuthedRequest, pk: int) -> HttpResponse:
    variant = _managed_variant(request, pk)
    key = f"admission-{pk}"
    return _programme_action(
        request,
        variant.programme,
        key,
        web.bind(AdmissionRequirementsForm, request, key),
        lambda d: services.variant_admission_requirements_update(variant, actor=request.user, **d),
        _("The admission requirements were saved."),
    )


@login_required
@post_only
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
@post_only
def oer_create(request: AuthedRequest, pk: int) -> HttpResponse:
    variant = _managed_variant(request, pk)
    form = web.bind(OerCreateForm, request, f"oer-{pk}")
    ok, created = web.submit(form, lambda d: services.oer_create(variant, actor=request.user, **d))
    if ok:
        messages.success(request, _("A new OER year was created."))
        return redirect("curriculum:oer_detail", created.pk)
    return _render_programme(request, variant.programme, {f"oer-{pk}": form})


@login_required
@post_only
def variant_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """A new variant of the programme (its managers and the administrator)."""
    programme = permissions.get_programme_for(request.user, pk)
    web.require(permissions.can_manage_programme(request.user, programme))
    form = VariantCreateForm(request.POST, auto_id=web.auto_id("variant-new"))
    return _programme_action(
        request,
        programme,
        "variant",
        form,
        lambda d: services.variant_create(programme, actor=request.user, **d),
        _("The variant was added."),
    )
