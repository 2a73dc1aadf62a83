"""Django's most drawn form templates written in Python, byte for byte as the templates draw them.

A form page draws each field's label and input through Django's form renderer: a template for the label,
one for the input (``text.html`` including ``input.html`` including ``attrs.html``), one more per option of
a list. The template engine interprets each of them again for every field: a quarter of the server's time
on a form page. ``jalon.forms.FormRenderer`` draws the templates named in ``DRAWN`` with the functions below
instead, which write what the template would, escaping and localising each value as the template does
(``render_value_in_context``, ``stringformat:'s'``). Anything a template would treat in a way the functions
do not copy (a value to call, a key the lookup would take for a method) raises ``Unusual``, and the
template draws that widget as before. tests/test_widget_html.py compares both over every widget and kind of
value the pages use; Django's forms templates cannot be overridden (the form renderer reads Django's own
folder first), so those are the templates to match.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.utils import ErrorList
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import escape
from django.utils.safestring import SafeData

# What ``make_context`` gives a form template: autoescaping on, localisation and time zone by the settings.
_TEMPLATE_CONTEXT = Context(autoescape=True)


class Unusual(Exception):
    """A value the template would treat in a way not copied here: let the template draw it."""


def _plain(value: Any) -> Any:
    # The template calls a callable it reaches (or leaves it, by its flags): not copied here.
    if callable(value):
        raise Unusual
    return value


def shown(value: Any) -> str:
    """``{{ value }}``."""
    return str(render_value_in_context(_plain(value), _TEMPLATE_CONTEXT))


def as_string(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: the filter keeps a safe value safe, anything else is escaped."""
    value = _plain(value)
    try:
        text = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        text = ""
    return text if isinstance(value, SafeData) else str(escape(text))


def attrs_html(attrs: Any) -> str:
    """``django/forms/widgets/attrs.html`` (and ``django/forms/attrs.html``) over ``attrs``."""
    if attrs is None:  # ``attrs.items`` found nothing: the loop draws nothing
        return ""
    if type(attrs) is not dict or "items" in attrs:  # the template would look ``items`` up as a key first
        raise Unusual
    drawn = []
    for name, value in attrs.items():
        if value is False:
            continue
        drawn.append(f" {shown(name)}" if value is True else f' {shown(name)}="{as_string(value)}"')
    return "".join(drawn)


def _widget(context: Mapping[str, Any]) -> dict[str, Any]:
    widget = context["widget"]
    if type(widget) is not dict:
        raise Unusual
    return widget


def input_html(context: Mapping[str, Any]) -> str:
    """``django/forms/widgets/input.html``, included by ``text.html``, ``number.html``… (each adds a line)."""
    widget = _widget(context)
    value = _plain(widget["value"])
    shown_value = f' value="{as_string(value)}"' if value != None else ""  # noqa: E711 (the template's test)
    drawn = f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"{shown_value}'
    return drawn + attrs_html(widget["attrs"]) + ">\n\n"


SELECT_OPTION = "django/forms/widgets/select_option.html"


def _option_html(option: Any) -> str:
    """``django/forms/widgets/select_option.html``."""
    if type(option) is not dict or option.get("template_name") != SELECT_OPTION:
        raise Unusual
    return (
        f'<option value="{as_string(option["value"])}"{attrs_html(option["attrs"])}>{shown(option["label"])}'
        "</option>\n"
    )


def select_html(context: Mapping[str, Any]) -> str:
    """``django/forms/widgets/select.html``, each option through ``select_option.html``."""
    widget = _widget(context)
    drawn = [f'<select name="{shown(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in _plain(widget["optgroups"]):
        if _plain(group_name):
            drawn.append(f'\n  <optgroup label="{shown(group_name)}">')
        drawn.extend(f"\n  {_option_html(option)}" for option in group_choices)
        if group_name:
            drawn.append("\n  </optgroup>")
    drawn.append("\n</select>\n")
    return "".join(drawn)


def textarea_html(context: Mapping[str, Any]) -> str:
    """``django/forms/widgets/textarea.html``."""
    widget = _widget(context)
    value = _plain(widget["value"])
    return (
        f'<textarea name="{shown(widget["name"])}"{attrs_html(widget["attrs"])}>\n'
        f"{shown(value) if value else ''}</textarea>\n"
    )


def label_html(context: Mapping[str, Any]) -> str:
    """``django/forms/label.html``: a field's ``<label>`` (``BoundField.label_tag``) or ``<legend>``."""
    label = shown(context["label"])
    if not _plain(context["use_tag"]):
        return label + "\n"
    tag = shown(context["tag"])
    return f"<{tag}{attrs_html(context['attrs'])}>{label}</{tag}>\n"


def errors_html(context: Mapping[str, Any]) -> str:
    """``django/forms/errors/list/default.html`` (``ul.html``): a field's errors, or a form's own."""
    errors = context["errors"]
    if not isinstance(errors, ErrorList):
        raise Unusual
    if not errors:
        return ""
    field_id = _plain(getattr(errors, "field_id", None))
    named = f' id="{shown(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{shown(error)}</li>" for error in errors)
    return f'<ul class="{shown(context["error_class"])}"{named}>{items}</ul>'


INPUTS = ("checkbox", "color", "date", "datetime", "email", "hidden", "number", "password", "search",
          "tel", "text", "time", "url")  # fmt: skip
DRAWN: dict[str, Callable[[Mapping[str, Any]], str]] = {
    **{f"django/forms/widgets/{kind}.html": input_html for kind in INPUTS},
    "django/forms/widgets/select.html": select_html,
    "django/forms/widgets/textarea.html": textarea_html,
    "django/forms/label.html": label_html,
    "django/forms/errors/list/default.html": errors_html,
}
