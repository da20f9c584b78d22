"""The Python form renderer writes exactly what Django's template renderer writes: every
built-in template it mirrors, for plain, bound, invalid, grouped, hidden, safe, lazy, localised
and hostile values, compared character for character (pages: tests/studyplans and
tests/portfolio compare whole pages under both renderers)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from parcours.core.form_renderer import FastFormRenderer

HOSTILE = "<b>\"Tom\" & 'Jerry'</b>"


def test_the_setting_names_the_python_renderer():
    assert settings.FORM_RENDERER == "parcours.core.form_renderer.FastFormRenderer"


class Gallery(forms.Form):
    text = forms.CharField(label=HOSTILE, help_text=HOSTILE, max_length=20, initial=HOSTILE)
    safe_help = forms.CharField(required=False, help_text=mark_safe("<em>mine</em>"))
    lazy = forms.CharField(label=gettext_lazy("Text"), required=False)
    number = forms.IntegerField(initial=1234567, min_value=0)
    amount = forms.DecimalField(initial=Decimal("1234.50"), required=False)
    day = forms.DateField(initial=datetime.date(2026, 9, 1), widget=forms.DateInput)
    moment = forms.DateTimeField(required=False)
    mail = forms.EmailField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    search = forms.CharField(widget=forms.SearchInput, required=False, initial="a&b")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial=HOSTILE)
    empty_notes = forms.CharField(widget=forms.Textarea, required=False)
    flag = forms.BooleanField(required=False, initial=True)
    choice = forms.ChoiceField(
        choices=[("", "---"), ("a", HOSTILE), (1, 1), ("s", mark_safe("<i>safe</i>"))],
        initial=1,
    )
    grouped = forms.ChoiceField(
        choices=[
            ("First <group>", [("1", "one"), ("2", "two")]),
            ("3", "three"),
            (gettext_lazy("Text"), [("4", gettext_lazy("Text"))]),
        ],
        initial="2",
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y&")], initial=["y"])
    radio = forms.ChoiceField(
        widget=forms.RadioSelect, choices=[("r", "R"), ("s", HOSTILE)], initial="s"
    )
    radio_grouped = forms.ChoiceField(
        widget=forms.RadioSelect(attrs={"class": "stack"}),
        choices=[("Group", [("g1", "G1"), ("g2", "G2")]), ("g3", "G3")],
        required=False,
    )
    boxes = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        choices=[("c", "C"), ("d", "D")],
        initial=["c", "d"],
        label="",
    )
    attrs = forms.CharField(
        widget=forms.TextInput(attrs={"disabled": True, "hidden": False, "data-x": HOSTILE}),
        required=False,
    )
    dates = forms.DateField(widget=forms.SelectDateWidget, required=False)
    upload = forms.FileField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, initial=HOSTILE)
    hidden_too = forms.IntegerField(widget=forms.HiddenInput, initial=7)

    def clean(self):
        raise forms.ValidationError(["Whole <form> wrong", "and again & again"])


class Hidden(forms.Form):
    a = forms.CharField(widget=forms.HiddenInput, initial="1")
    b = forms.CharField(widget=forms.HiddenInput)


class Plain(forms.Form):
    only = forms.CharField()


BOUND = {
    "text": "x" * 30,
    "number": "-5",
    "day": "not a day",
    "notes": "",
    "choice": "zz",
    "grouped": "4",
    "many": ["x", "nope"],
    "radio": "r",
    "boxes": ["d"],
    "hidden": "",
    "hidden_too": "seven",
}


def forms_to_compare(renderer):
    """Forms in every state, each built with `renderer`."""
    yield Gallery(renderer=renderer)
    yield Gallery(renderer=renderer, auto_id=False)
    yield Gallery(renderer=renderer, auto_id="g-%s", prefix="p")
    bound = Gallery(BOUND, renderer=renderer)
    bound.is_valid()
    yield bound
    yield Hidden(renderer=renderer)
    hidden = Hidden({"a": "1"}, renderer=renderer)
    hidden.is_valid()
    yield hidden
    yield Plain(renderer=renderer)
    invalid = Plain({}, renderer=renderer)
    invalid.is_valid()
    yield invalid


def renders(form):
    """Everything a template can ask of a form: the form, each field's group, widget, label,
    legend and errors."""
    out = [str(form), str(form.non_field_errors())]
    for field in form:
        out += [field.as_field_group(), str(field), field.label_tag(), field.legend_tag()]
        out += [str(field.errors), field.label_tag(attrs={"class": "c", "x": True})]
    return out


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_form_renders_the_same_as_through_the_templates(language):
    with override(language):
        fast = [renders(f) for f in forms_to_compare(FastFormRenderer())]
        slow = [renders(f) for f in forms_to_compare(DjangoTemplates())]
    assert len(fast) == 8
    for fast_form, slow_form in zip(fast, slow, strict=True):
        for fast_html, slow_html in zip(fast_form, slow_form, strict=True):
            assert fast_html == slow_html


def test_the_python_path_is_taken_and_escapes():
    renderer = FastFormRenderer()
    assert "django/forms/widgets/select.html" in renderer.python_renderers()
    html = str(Gallery(renderer=renderer)["choice"])
    hostile = "&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;"
    assert f'<option value="a">{hostile}</option>' in html
    assert '<option value="s"><i>safe</i></option>' in html
    assert '<option value="1" selected>1</option>' in html


def test_an_overridden_template_switches_the_python_path_off(tmp_path, settings):
    """An app overriding a mirrored template gets its template, not the Python copy."""
    renderer = FastFormRenderer()
    own = tmp_path / "django" / "forms" / "widgets"
    own.mkdir(parents=True)
    (own / "select_option.html").write_text("<option>{{ widget.label }} (mine)</option>")
    renderer.engine.engine.dirs = [tmp_path, *renderer.engine.engine.dirs]
    renderer.engine.engine.template_loaders[0].reset()
    assert renderer.python_renderers() == {}
    assert "<option>1 (mine)</option>" in str(Gallery(renderer=renderer)["choice"])


def test_a_custom_option_template_is_rendered_by_the_engine():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class WithCustom(forms.Form):
        pick = forms.ChoiceField(widget=Custom, choices=[("a", "A")])

    class Unknown(forms.Select):
        option_template_name = "django/forms/widgets/checkbox.html"

    class WithUnknown(forms.Form):
        pick = forms.ChoiceField(widget=Unknown, choices=[("a", "A")])

    for form_class in (WithCustom, WithUnknown):
        fast = str(form_class(renderer=FastFormRenderer()))
        assert fast == str(form_class(renderer=DjangoTemplates()))
        assert 'value="a"' in fast
