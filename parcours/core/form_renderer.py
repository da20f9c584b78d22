"""A form renderer that writes Django's built-in form and widget templates in Python.

Django renders every form, field, label, error list, widget and *each option of a select*
through its template engine: a `<select>` of 300 activities is 300 template includes (each with
its own include of `attrs.html`), and a plan page with a dozen small forms spends most of its
time there. `FastFormRenderer` (the `FORM_RENDERER` setting) renders the same built-in templates
with plain Python that writes the same characters, and hands every other template (a form's own
`template_name`, formsets, dict error lists, multi-widgets, clearable file inputs) to Django's
`DjangoTemplates` renderer unchanged.

Each function below mirrors one template of `django/forms/templates/django/forms/` character
for character, whitespace included (a `{% include %}` keeps its trailing newline; only the
outermost render is stripped, as `BaseRenderer.render` does), and prints values the way the
template engine does (`render_value_in_context`: localised, then escaped unless safe). The
Python path is used only while those templates are Django's own: an app that overrides one of
them (a `templates/django/forms/...` file) gets the template for that name. A value the engine
would call (a callable) also goes to the template. tests/core/test_form_renderer.py renders the
forms of the plan and portfolio pages and a gallery of widgets through both and compares."""

from __future__ import annotations

import operator
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

_CONTEXT = Context()  # the engine's defaults: autoescape on, USE_L10N/USE_TZ from settings
_BUILT_IN = Path(forms.__file__).resolve().parent / "templates"


class _Fallback(Exception):
    """This context holds something only the template engine renders exactly."""


def _v(value: Any) -> str:
    """`{{ value }}`."""
    if type(value) is str or type(value) is SafeString:
        return conditional_escape(value)
    if callable(value):
        raise _Fallback
    return render_value_in_context(value, _CONTEXT)


def _s(value: Any) -> str:
    """`{{ value|stringformat:'s' }}` (an is_safe filter: safe in, safe out)."""
    if callable(value):
        raise _Fallback
    try:
        text = str(value) if isinstance(value, tuple) else "%s" % value  # noqa: UP031
    except (ValueError, TypeError):
        text = ""
    # the filter keeps a safe value safe (is_safe=True), as the engine does
    return _v(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308


def _attrs(attrs: dict[str, Any] | None) -> str:
    """widgets/attrs.html and attrs.html."""
    if not attrs:  # a label's attrs may be None
        return ""
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(" " + _v(name))
            if value is not True:
                out.append('="' + _s(value) + '"')
    return "".join(out)


def _input(ctx: dict[str, Any]) -> str:
    w = ctx["widget"]
    value = w["value"]
    shown = ' value="' + _s(value) + '"' if operator.ne(value, None) else ""
    return (
        ('<input type="' + _v(w["type"]) + '" name="' + _v(w["name"]) + '"' + shown)
        + _attrs(w["attrs"])
        + ">\n"
    )


def _option(ctx: dict[str, Any]) -> str:
    w = ctx["widget"]
    return (
        '<option value="'
        + _s(w["value"])
        + '"'
        + _attrs(w["attrs"])
        + ">"
        + _v(w["label"])
        + "</option>\n"
    )


def _include(option: dict[str, Any]) -> str:
    """`{% include option.template_name with widget=option %}`."""
    render = _INCLUDED.get(option["template_name"])
    if render is None:
        raise _Fallback
    return render({"widget": option})


def _select(ctx: dict[str, Any]) -> str:
    w = ctx["widget"]
    out = ['<select name="', _v(w["name"]), '"', _attrs(w["attrs"]), ">"]
    for group_name, group_choices, _index in w["optgroups"]:
        if group_name:
            out += ['\n  <optgroup label="', _v(group_name), '">']
        for option in group_choices:
            out += ["\n  ", _include(option)]
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _textarea(ctx: dict[str, Any]) -> str:
    w = ctx["widget"]
    value = w["value"]
    return (
        '<textarea name="'
        + _v(w["name"])
        + '"'
        + _attrs(w["attrs"])
        + ">\n"
        + (_v(value) if value else "")
        + "</textarea>\n"
    )


def _input_option(ctx: dict[str, Any]) -> str:
    w = ctx["widget"]
    wrap, option_id = w["wrap_label"], w["attrs"].get("id")
    out = []
    if wrap:
        out.append("<label" + (' for="' + _v(option_id) + '"' if option_id else "") + ">")
    out.append(_input(ctx))
    if wrap:
        out.append(" " + _v(w["label"]) + "</label>")
    out.append("\n")
    return "".join(out)


def _wrapped_option(ctx: dict[str, Any]) -> str:
    """checkbox_option.html and radio_option.html: input_option.html and a newline."""
    return _input_option(ctx) + "\n"


def _multiple_input(ctx: dict[str, Any]) -> str:
    w = ctx["widget"]
    attrs = w["attrs"]
    box_id, box_class = attrs.get("id"), attrs.get("class")
    out = ["<div"]
    if box_id:
        out.append(' id="' + _v(box_id) + '"')
    if box_class:
        out.append(' class="' + _v(box_class) + '"')
    out.append(">")
    for group, options, _index in w["optgroups"]:
        if group:
            out.append("\n  <div><label>" + _v(group) + "</label>")
        for option in options:
            out += ["<div>\n    ", _include(option), "</div>"]
        if group:
            out.append("\n  </div>")
    out.append("\n</div>\n")
    return "".join(out)


def _label(ctx: dict[str, Any]) -> str:
    if ctx["use_tag"]:
        tag = _v(ctx["tag"])
        text = "<" + tag + _attrs(ctx["attrs"]) + ">" + _v(ctx["label"]) + "</" + tag + ">"
    else:
        text = _v(ctx["label"])
    return text + "\n"


def _error_list(ctx: dict[str, Any]) -> str:
    errors = ctx["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    out = ['<ul class="', _v(ctx["error_class"]), '"']
    if field_id:
        out += [' id="', _v(field_id), '_error"']
    out.append(">")
    out += ["<li>" + _v(error) + "</li>" for error in errors]
    out.append("</ul>")
    return "".join(out)


def _field(ctx: dict[str, Any]) -> str:
    field = ctx["field"]
    out = []
    if field.use_fieldset:
        described = field.aria_describedby
        out.append("\n  <fieldset")
        if described:
            out.append(' aria-describedby="' + _v(described) + '"')
        out.append(">\n  ")
        if field.label:
            out.append(_v(field.legend_tag()))
        out.append("\n")
    else:
        out.append("\n  ")
        if field.label:
            out.append(_v(field.label_tag()))
        out.append("\n")
    out.append("\n")
    if field.help_text:
        out.append('<div class="helptext"')
        if field.auto_id:
            out.append(' id="' + _v(field.auto_id) + '_helptext"')
        # `{{ field.help_text|safe }}`: Django prints help text unescaped
        out.append(">" + _v(mark_safe(field.help_text)) + "</div>")  # noqa: S308
    out += ["\n", _v(field.errors), "\n", _v(field)]
    if field.use_fieldset:
        out.append("</fieldset>")
    out.append("\n")
    return "".join(out)


def _div(ctx: dict[str, Any]) -> str:
    errors, fields, hidden = ctx["errors"], ctx["fields"], ctx["hidden_fields"]
    out = [_v(errors), "\n"]
    if errors and not fields:
        out += ["\n  <div>", *(_v(f) for f in hidden), "</div>\n"]
    out.append("\n")
    last = len(fields) - 1
    for i, (field, _errors) in enumerate(fields):
        classes = field.css_classes()
        out.append("\n  <div" + (' class="' + _v(classes) + '"' if classes else "") + ">")
        out += ["\n    ", _v(field.as_field_group()), "\n    "]
        if i == last:
            out += ["\n      ", *(_v(f) for f in hidden), "\n    "]
        out.append("\n</div>\n")
    out.append("\n")
    if not fields and not errors:
        out += ["\n  ", *(_v(f) for f in hidden), "\n"]
    out.append("\n")
    return "".join(out)


_W = "django/forms/widgets/"
_INPUTS = (
    "checkbox color date datetime email file hidden input number password search tel text time url"
)
_INCLUDED: dict[str, Callable[[dict[str, Any]], str]] = {
    _W + "select_option.html": _option,
    _W + "input_option.html": _input_option,
    _W + "checkbox_option.html": _wrapped_option,
    _W + "radio_option.html": _wrapped_option,
}
_RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    **{_W + name + ".html": _input for name in _INPUTS.split()},
    **_INCLUDED,
    _W + "select.html": _select,
    _W + "textarea.html": _textarea,
    _W + "multiple_input.html": _multiple_input,
    _W + "checkbox_select.html": _multiple_input,
    _W + "radio.html": _multiple_input,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _error_list,
    "django/forms/errors/list/ul.html": _error_list,
    "django/forms/field.html": _field,
    "django/forms/div.html": _div,
}
# the templates the functions above stand for, including those they include
_MIRRORED = [*_RENDERERS, _W + "attrs.html", "django/forms/attrs.html"]


class FastFormRenderer(DjangoTemplates):
    """Django's DjangoTemplates form renderer, with the built-in templates written in Python."""

    _python: dict[str, Callable[[dict[str, Any]], str]] | None = None

    def python_renderers(self) -> dict[str, Callable[[dict[str, Any]], str]]:
        """The Python renderers, or none when an app overrides any of the mirrored templates
        (the functions include one another, so one override switches them all off)."""
        if self._python is None:
            own = all(
                Path(self.get_template(name).origin.name).resolve().is_relative_to(_BUILT_IN)
                for name in _MIRRORED
            )
            self._python = dict(_RENDERERS) if own else {}
        return self._python

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        render = self.python_renderers().get(template_name)
        if render is not None:
            try:
                return render(context).strip()
            except _Fallback:
                pass
        return super().render(template_name, context, request=request)
