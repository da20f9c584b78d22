"""Curriculum pages: thin function views named `<entity>_<verb>`.

Reads go through selectors.py, permission through permissions.py (404 for what a user may not
see, 403 for what they may see but not change), every write through one call to services.py.
A refusal from a service is shown on the page the form lives on, with each rule and its source.

Status codes: a full page re-rendered with errors answers 422; an htmx fragment with errors
answers 200, because htmx swaps only 2xx responses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from parcours.accounts.models import Role, User
from parcours.core import web
from parcours.rules import get_rule

from . import permissions, selectors, services
from .forms import (
    ActionForm,
    ActivityForm,
    AssessmentFormForm,
    ConcentricLevelForm,
    ConsentForm,
    CriterionForm,
    DiffForm,
    GridEntryForm,
    OerCreateForm,
    OutcomeBasedForm,
    OutcomeForm,
    OutcomeTextForm,
    PersonaForm,
    UnitForm,
    VariantSettingsForm,
)
from .models import (
    AssessmentCriterion,
    AssessmentForm,
    LearningActivity,
    LearningOutcome,
    Oer,
    Programme,
    ProgrammeVariant,
    TeacherConsent,
    Unit,
)

# --- small helpers ------------------------------------------------------------------------------


class AuthedRequest(HttpRequest):
    """What a view behind login_required receives (for the type checker)."""

    user: User
    htmx: HtmxDetails


def _error_status(request: AuthedRequest) -> int:
    return 200 if request.htmx else 422


def _grounds(oer: Oer) -> list[web.Check]:
    """The rules a published OER was checked against, as stored when it was published."""
    lang = get_language() or "nl"
    return [
        web.Check(
            g["rule"],
            get_rule(g["rule"]).title(lang),
            g["ok"],
            False,
            "",
            "; ".join(c["label"] for c in g["citations"]),
            str(g["values_used"].get("unit", "")),
        )
        for g in oer.publish_grounds
    ]


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    outcomes: int
    route_complete: bool
    eqf: dict[str, str]


def _unit_row(unit: Unit) -> UnitRow:
    facts = selectors.unit_facts(unit)
    complete = facts.recommended_activity_count > 0 and facts.route_independent_assessment_count > 0
    eqf = selectors.eqf_levels().get(unit.nlqf_level, {})
    return UnitRow(unit, len(facts.outcomes), complete, eqf)


def _current_academic_year(today: date) -> int:
    return today.year if today.month >= 9 else today.year - 1


def _current_published(oers: list[Oer], today: date) -> Oer | None:
    """The published OER in force now: the latest that started, else the first to come."""
    published = sorted((o for o in oers if o.is_published), key=attrgetter("academic_year"))
    started = [o for o in published if o.academic_year <= _current_academic_year(today)]
    return started[-1] if started else (published[0] if published else None)


# --- public catalogue ---------------------------------------------------------------------------


def catalogue_list(request: HttpRequest) -> HttpResponse:
    """Every published OER, by programme and variant (no login)."""
    return render(request, "curriculum/catalogue.html", {"oers": selectors.published_oers()})


def catalogue_oer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A published OER as a prospective student sees it; a draft is not found."""
    oer = get_object_or_404(selectors.published_oers(), pk=pk)
    rows = [_unit_row(u) for u in selectors.oer_units(oer)]
    return render(
        request,
        "curriculum/catalogue_oer.html",
        {
            "oer": oer,
            "programme": oer.variant.programme,
            "rows": rows,
            "total_ec": sum(r.unit.ec for r in rows),
        },
    )


# --- start page and programmes ------------------------------------------------------------------


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


@login_required
def programme_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "curriculum/programme_list.html",
        {"programmes": selectors.programmes_for(request.user)},
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


def _variants_of(programme: Programme) -> QuerySet[ProgrammeVariant]:
    return programme.variants.prefetch_related(
        Prefetch("consents", queryset=TeacherConsent.objects.select_related("recorded_by")),
        Prefetch("oers", queryset=Oer.objects.order_by("-academic_year")),
    )


def _variant_panel(variant: ProgrammeVariant, bound: dict[str, Any], today: date) -> VariantPanel:
    oers = list(variant.oers.all())
    years = {o.academic_year for o in oers}
    next_year = oers[0].academic_year + 1 if oers else _current_academic_year(today)
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
        "panels": [_variant_panel(v, bound, today) for v in _variants_of(programme)],
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


# --- OER editor ---------------------------------------------------------------------------------


def _oer_summary(oer: Oer, units: list[Unit]) -> dict[str, Any]:
    checks = (
        []
        if oer.is_published
        else web.checks(selectors.oer_check(oer, on=web.today(), units=units))
    )
    total = sum(u.ec for u in units)
    return {
        "total_ec": total,
        "nominal_ec": oer.variant.programme.nominal_ec,
        "ec_ok": total == oer.variant.programme.nominal_ec,
        "refused": [c for c in checks if not c.ok],
        "allowed": [c for c in checks if c.ok],
    }


def _top_violations(bound: dict[str, Any], forms_shown: bool) -> list[dict[str, Any]]:
    """Refusals shown at the top of a page: the page's own (publish, delete …), and those of
    forms the page does not show (a stale page posting into a published OER)."""
    top = list(bound["page"].violations) if "page" in bound else []
    if not forms_shown:
        top += [v for key, form in bound.items() if key != "page" for v in form.violations]
    return top


def _next_year_of(oer: Oer) -> Oer | None:
    return (
        Oer.objects.filter(variant=oer.variant, academic_year=oer.academic_year + 1)
        .only("pk", "status", "academic_year")
        .first()
    )


def _render_oer(
    request: AuthedRequest, oer: Oer, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    units = list(selectors.oer_units(oer))
    manages = permissions.can_edit_oer(request.user, oer)
    editable = manages and not oer.is_published
    context = {
        "oer": oer,
        "programme": oer.variant.programme,
        "rows": [_unit_row(u) for u in units],
        "summary": _oer_summary(oer, units),
        "can_manage": manages,
        "can_edit": editable,
        "grounds": _grounds(oer) if oer.is_published else [],
        "next_year": _next_year_of(oer) if oer.is_published else None,
        "unit_form": bound.get("unit") or UnitForm(auto_id=web.auto_id("new-unit")),
        "top_violations": _top_violations(bound, editable),
    }
    return render(request, "curriculum/oer_detail.html", context, status=422 if bound else 200)


@login_required
def oer_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_oer(request, permissions.get_oer_for(request.user, pk))


def _managed_oer(request: AuthedRequest, pk: int) -> Oer:
    oer = permissions.get_oer_for(request.user, pk)
    web.require(permissions.can_edit_oer(request.user, oer))
    return oer


@login_required
@require_POST
def oer_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    oer = _managed_oer(request, pk)
    form = ActionForm(request.POST)
    if web.submit(form, lambda d: services.oer_publish(oer, actor=request.user))[0]:
        messages.success(request, _("The OER was published."))
        return redirect("curriculum:oer_detail", oer.pk)
    return _render_oer(request, oer, {"page": form})


@login_required
@require_POST
def oer_copy(request: AuthedRequest, pk: int) -> HttpResponse:
    oer = _managed_oer(request, pk)
    form = ActionForm(request.POST)
    ok, copy = web.submit(form, lambda d: services.oer_copy_to_next_year(oer, actor=request.user))
    if ok:
        messages.success(request, _("Next year's OER was made as an editable copy."))
        return redirect("curriculum:oer_detail", copy.pk)
    return _render_oer(request, oer, {"page": form})


def _comparable_oers(user: Any, oer: Oer) -> QuerySet[Oer]:
    """The other OER years of the same programme this user may see."""
    programme = oer.variant.programme
    qs = Oer.objects.filter(variant__programme=programme).exclude(pk=oer.pk)
    if not permissions.can_see_drafts(user, programme.pk):
        qs = qs.filter(status=Oer.Status.PUBLISHED)
    return qs.select_related("variant").order_by("-academic_year", "variant__form")


@login_required
def oer_diff(request: AuthedRequest, pk: int) -> HttpResponse:
    oer = permissions.get_oer_for(request.user, pk)
    form = DiffForm(
        request.GET if "met" in request.GET else None,
        choices=_comparable_oers(request.user, oer),
        initial={"met": oer.copied_from_id},
    )
    old = new = None
    diffs: list[selectors.UnitDiff] = []
    if form.is_bound and form.is_valid():
        old, new = sorted([oer, form.cleaned_data["met"]], key=attrgetter("academic_year", "pk"))
        diffs = selectors.oer_diff(old, new)
    context = {
        "oer": oer,
        "programme": oer.variant.programme,
        "form": form,
        "old": old,
        "new": new,
        "diffs": diffs,
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "curriculum/oer_diff.html", context, status=status)


# --- units in the OER editor --------------------------------------------------------------------


@login_required
@require_POST
def unit_create(request: AuthedRequest, pk: int) -> HttpResponse:
    oer = _managed_oer(request, pk)
    form = web.bind(UnitForm, request, "new-unit")
    if web.submit(form, lambda d: services.unit_create(oer, actor=request.user, **d))[0]:
        messages.success(request, _("Unit %(code)s added.") % {"code": form.cleaned_data["code"]})
        return redirect("curriculum:oer_detail", oer.pk)
    return _render_oer(request, oer, {"unit": form})


def _editable_unit(request: AuthedRequest, pk: int) -> Unit:
    unit = permissions.get_unit_for(request.user, pk)
    web.require(permissions.can_edit_unit(request.user, unit))
    return unit


def _unit_initial(unit: Unit) -> dict[str, Any]:
    return {name: getattr(unit, name) for name in UnitForm.Meta.fields}


def _render_row(request: AuthedRequest, unit: Unit, *, after_save: bool = False) -> HttpResponse:
    """The unit's table row; after a save also the EC total and checks (out of band)."""
    units = list(selectors.oer_units(unit.oer))
    row = _unit_row(next(u for u in units if u.pk == unit.pk))
    context = {
        "row": row,
        "oer": unit.oer,
        "can_edit": True,
        "oob": after_save,
        "summary": _oer_summary(unit.oer, units) if after_save else None,
    }
    return render(request, "curriculum/_unit_row_swap.html", context)


@login_required
def unit_row(request: AuthedRequest, pk: int) -> HttpResponse:
    """The read view of a unit's row (the inline editor's Cancel)."""
    unit = _editable_unit(request, pk)
    if not request.htmx:
        return redirect("curriculum:oer_detail", unit.oer_id)
    return _render_row(request, unit)


@login_required
def unit_row_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Inline editing of a unit's row: GET the form fragment, POST saves and swaps the row back."""
    unit = _editable_unit(request, pk)
    if request.method == "GET" and not request.htmx:
        return redirect("curriculum:unit_detail", unit.pk)
    form = web.bind(UnitForm, request, f"unit-{pk}", initial=_unit_initial(unit))
    if (
        request.method == "POST"
        and web.submit(form, lambda d: services.unit_update(unit, actor=request.user, **d))[0]
    ):
        if not request.htmx:
            return redirect("curriculum:oer_detail", unit.oer_id)
        return _render_row(request, unit, after_save=True)
    if not request.htmx:  # a plain POST (no JavaScript): the unit editor shows the errors
        return _render_unit(request, unit, {"unit": form})
    return render(request, "curriculum/oer_detail.html#unit-row-form", {"unit": unit, "form": form})


@login_required
def unit_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes the unit and goes back to the OER editor."""
    unit = _editable_unit(request, pk)
    form = ActionForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and web.submit(form, lambda d: services.unit_delete(unit, actor=request.user))[0]
    ):
        messages.success(request, _("Unit %(code)s deleted.") % {"code": unit.code})
        return redirect("curriculum:oer_detail", unit.oer_id)
    context = {"unit": unit, "form": form}
    status = 422 if form.is_bound else 200
    return render(request, "curriculum/unit_delete.html", context, status=status)


# --- unit editor --------------------------------------------------------------------------------


@dataclass
class OutcomePanel:
    outcome: LearningOutcome
    text_form: Any
    criterion_form: Any
    grid_form: Any
    levels: list[tuple[int, Any, Any]]  # (level, ConcentricLevel or None, form)


def _outcome_panel(outcome: LearningOutcome, form: Callable[..., Any]) -> OutcomePanel:
    pk = outcome.pk
    levels = {lvl.level: lvl for lvl in outcome.levels.all()}
    return OutcomePanel(
        outcome,
        form(OutcomeTextForm, f"outcome-{pk}", text_nl=outcome.text_nl, text_en=outcome.text_en),
        form(CriterionForm, f"criterion-{pk}"),
        form(GridEntryForm, f"grid-{pk}"),
        [
            (
                n,
                levels.get(n),
                form(
                    ConcentricLevelForm,
                    f"level-{pk}-{n}",
                    text_nl=getattr(levels.get(n), "text_nl", ""),
                    text_en=getattr(levels.get(n), "text_en", ""),
                ),
            )
            for n in (1, 2, 3)
        ],
    )


def _render_unit(
    request: AuthedRequest, unit: Unit, bound: dict[str, Any] | None = None, notice: str = ""
) -> HttpResponse:
    bound = bound or {}

    def form(form_class: Any, key: str, **initial: Any) -> Any:
        return bound.get(key) or form_class(initial=initial or None, auto_id=web.auto_id(key))

    unit = selectors.oer_units(unit.oer).get(pk=unit.pk)
    editable = permissions.can_edit_unit(request.user, unit) and not unit.oer.is_published
    context = {
        "unit": unit,
        "oer": unit.oer,
        "programme": unit.oer.variant.programme,
        "can_edit": editable,
        "checks": web.checks(selectors.unit_check(unit, on=web.today())),
        "eqf": selectors.eqf_levels().get(unit.nlqf_level, {}),
        "outcomes": [_outcome_panel(o, form) for o in unit.outcomes.all()],
        "unit_form": form(UnitForm, "unit", **_unit_initial(unit)),
        "outcome_form": form(OutcomeForm, "outcome"),
        "activity_form": form(ActivityForm, "activity"),
        "assessment_form_form": form(AssessmentFormForm, "assessment-form"),
        "top_violations": _top_violations(bound, editable),
        "notice": notice,
    }
    template = "curriculum/unit_detail.html"
    if request.htmx:
        template += "#editor"
    return render(request, template, context, status=_error_status(request) if bound else 200)


@login_required
def unit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The unit editor; POST saves the unit's own fields."""
    if request.method != "POST":
        return _render_unit(request, permissions.get_unit_for(request.user, pk))
    unit = _editable_unit(request, pk)
    form = web.bind(UnitForm, request, "unit")
    return _unit_action(
        request,
        unit,
        "unit",
        form,
        lambda d: services.unit_update(unit, actor=request.user, **d),
        _("Unit saved."),
    )


def _unit_action(
    request: AuthedRequest,
    unit: Unit,
    key: str,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Run one service call for the unit editor and answer it: the refreshed editor (htmx) or
    a redirect back to it; on a refusal the editor with the form as it was sent."""
    if not web.submit(form, action)[0]:
        return _render_unit(request, unit, {key: form})
    if request.htmx:
        return _render_unit(request, unit, notice=done)
    messages.success(request, done)
    return redirect("curriculum:unit_detail", unit.pk)


def _editable_child(request: AuthedRequest, model: type[Model], pk: int, to_unit: str) -> Any:
    """A unit's part the user may edit: 404 when not visible to them, 403 when not theirs."""
    obj = permissions.get_unit_part_for(request.user, model, pk, to_unit)
    unit = obj.unit if to_unit == "unit" else obj.outcome.unit
    web.require(permissions.can_edit_unit(request.user, unit))
    return obj


@login_required
@require_POST
def outcome_create(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = _editable_unit(request, pk)
    return _unit_action(
        request,
        unit,
        "outcome",
        web.bind(OutcomeForm, request, "outcome"),
        lambda d: services.outcome_create(unit, actor=request.user, **d),
        _("Learning outcome added."),
    )


@login_required
@require_POST
def outcome_update(request: AuthedRequest, pk: int) -> HttpResponse:
    outcome = _editable_child(request, LearningOutcome, pk, "unit")
    key = f"outcome-{pk}"
    return _unit_action(
        request,
        outcome.unit,
        key,
        web.bind(OutcomeTextForm, request, key),
        lambda d: services.outcome_update(outcome, actor=request.user, **d),
        _("Learning outcome saved."),
    )


@login_required
@require_POST
def outcome_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    outcome = _editable_child(request, LearningOutcome, pk, "unit")
    return _unit_action(
        request,
        outcome.unit,
        "page",
        ActionForm(request.POST),
        lambda d: services.outcome_delete(outcome, actor=request.user),
        _("Learning outcome deleted."),
    )


@login_required
@require_POST
def criterion_create(request: AuthedRequest, pk: int) -> HttpResponse:
    outcome = _editable_child(request, LearningOutcome, pk, "unit")
    key = f"criterion-{pk}"
    return _unit_action(
        request,
        outcome.unit,
        key,
        web.bind(CriterionForm, request, key),
        lambda d: services.criterion_create(outcome, actor=request.user, **d),
        _("Assessment criterion added."),
    )


@login_required
@require_POST
def criterion_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    criterion = _editable_child(request, AssessmentCriterion, pk, "outcome__unit")
    return _unit_action(
        request,
        criterion.outcome.unit,
        "page",
        ActionForm(request.POST),
        lambda d: services.criterion_delete(criterion, actor=request.user),
        _("Assessment criterion deleted."),
    )


@login_required
@require_POST
def concentric_level_set(request: AuthedRequest, pk: int, level: int) -> HttpResponse:
    outcome = _editable_child(request, LearningOutcome, pk, "unit")
    if level not in (1, 2, 3):
        raise Http404
    key = f"level-{pk}-{level}"
    return _unit_action(
        request,
        outcome.unit,
        key,
        web.bind(ConcentricLevelForm, request, key),
        lambda d: services.concentric_level_set(outcome, actor=request.user, level=level, **d),
        _("Level %(level)s saved.") % {"level": level},
    )


@login_required
@require_POST
def grid_entry_create(request: AuthedRequest, pk: int) -> HttpResponse:
    outcome = _editable_child(request, LearningOutcome, pk, "unit")
    key = f"grid-{pk}"
    return _unit_action(
        request,
        outcome.unit,
        key,
        web.bind(GridEntryForm, request, key),
        lambda d: services.grid_entry_create(outcome, actor=request.user, **d),
        _("Validation grid entry added."),
    )


@login_required
@require_POST
def activity_create(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = _editable_unit(request, pk)
    return _unit_action(
        request,
        unit,
        "activity",
        web.bind(ActivityForm, request, "activity"),
        lambda d: services.activity_create(unit, actor=request.user, **d),
        _("Learning activity added."),
    )


@login_required
@require_POST
def activity_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = _editable_child(request, LearningActivity, pk, "unit")
    return _unit_action(
        request,
        activity.unit,
        "page",
        ActionForm(request.POST),
        lambda d: services.activity_delete(activity, actor=request.user),
        _("Learning activity deleted."),
    )


@login_required
@require_POST
def assessment_form_create(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = _editable_unit(request, pk)
    return _unit_action(
        request,
        unit,
        "assessment-form",
        web.bind(AssessmentFormForm, request, "assessment-form"),
        lambda d: services.assessment_form_create(unit, actor=request.user, **d),
        _("Assessment form added."),
    )


@login_required
@require_POST
def assessment_form_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    form = _editable_child(request, AssessmentForm, pk, "unit")
    return _unit_action(
        request,
        form.unit,
        "page",
        ActionForm(request.POST),
        lambda d: services.assessment_form_delete(form, actor=request.user),
        _("Assessment form deleted."),
    )
