"""The labels, inputs, lists, text areas and error lists that ``jalon.forms.FormRenderer`` draws in Python
(``jalon.widget_html``) are byte for byte what Django's templates draw, whatever the values: markup and
quotes to escape, safe text, lazy translations, numbers and dates to localise, groups of options, boolean
attributes; and a value the template treats its own way is left to the template."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from jalon import widget_html
from jalon.forms import FormRenderer

HOSTILE = "<b>\"Q&A\"</b> 'quoted' 🚀 مرحبا\u200b {{ 7*7 }}"


KIND_CHOICES: list[Any] = [
    ("", "---------"), ("a", HOSTILE), (3, 1234.5), ("d", datetime.date(2026, 11, 2)),
    (gettext_lazy("Follow-up"), [("x", gettext_lazy("Risks")), ("y", mark_safe("<b>y</b>"))]),
    ("", [("z", "in an unnamed group")]),
]  # fmt: skip
FLAGS = {"disabled": True, "hidden": False, "data-n": 12.5, "data-x": HOSTILE, "data-safe": mark_safe("<ok>"),
         "data-tuple": (1, 2)}  # fmt: skip


class TemplatesOnly(DjangoTemplates):
    """The same templates as jalon's renderer, every one of them drawn by the template engine."""

    form_template_name = FormRenderer.form_template_name
    field_template_name = FormRenderer.field_template_name


class EveryWidget(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, help_text="<i>help</i>")
    note = forms.CharField(label=mark_safe("<em>Note</em>"), required=False, widget=forms.Textarea)
    empty_note = forms.CharField(label="Empty: ", required=False, widget=forms.Textarea)
    amount = forms.DecimalField(label="Amount?", required=False, localize=True)
    share = forms.FloatField(label="Share", required=False)
    count = forms.IntegerField(label="Count", required=False, widget=forms.NumberInput(attrs={"step": 1}))
    email = forms.EmailField(label="E-mail", required=False)
    day = forms.DateField(label="Day", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    secret = forms.CharField(label="Secret", required=False, widget=forms.PasswordInput(render_value=True))
    agree = forms.BooleanField(label="Agree", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label="Kind",
        choices=KIND_CHOICES,
    )
    kinds = forms.MultipleChoiceField(label="Kinds", required=False, choices=[("a", "A"), ("b", HOSTILE)])
    flags = forms.CharField(
        label="Flags",
        required=False,
        widget=forms.TextInput(attrs=FLAGS),
    )

    def clean(self) -> dict[str, Any]:
        if self.cleaned_data.get("title") == HOSTILE:
            raise forms.ValidationError(HOSTILE)  # the form's own error, escaped like the fields'
        return self.cleaned_data


VALUES: list[dict[str, Any]] = [
    {},  # a new form
    {"title": HOSTILE, "note": HOSTILE, "amount": "1234.5", "share": "0.25", "count": "7", "email": "a@b.c",
     "day": "2026-11-02", "secret": HOSTILE, "agree": "on", "version": "3", "kind": "y", "kinds": ["a", "b"],
     "flags": mark_safe("<safe>")},
    {"title": "", "amount": "NaN", "count": "1e400", "day": "2024-02-30", "kind": "nowhere", "version": "x"},
]  # fmt: skip


def drawn(values: dict[str, Any] | None, renderer: DjangoTemplates, *, auto_id: str | bool) -> str:
    form = EveryWidget(values, renderer=renderer, auto_id=auto_id, initial={"amount": Decimal("9876.5")})
    if values is not None:
        form.is_valid()  # errors drawn too
    field = form["kind"]
    return "\n".join(
        [str(form), field.legend_tag(), field.label_tag(attrs={"class": "x", "data-q": '"'}), str(field)]
    )


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("auto_id", ["id_%s", False])
@pytest.mark.parametrize("values", range(len(VALUES)))
def test_the_renderer_draws_every_widget_and_label_as_the_templates_do(
    language: str, auto_id: str | bool, values: int
) -> None:
    data = VALUES[values] or None
    with override(language):
        assert drawn(data, FormRenderer(), auto_id=auto_id) == drawn(data, TemplatesOnly(), auto_id=auto_id)


def test_the_common_widgets_are_drawn_without_their_templates() -> None:
    form = EveryWidget(VALUES[1], renderer=FormRenderer())
    for name in ("title", "note", "amount", "day", "agree", "version", "kind", "flags"):
        widget = form[name].field.widget
        context = widget.get_context(name, form[name].value(), form[name].build_widget_attrs({}))
        assert widget_html.DRAWN[widget.template_name](context).strip().startswith("<")


@pytest.mark.parametrize(
    "attrs", [{"onclick": lambda: "called"}, {"items": [("data-read", "as the method")]}, ["a"]]
)
def test_a_value_the_template_treats_its_own_way_is_left_to_the_template(attrs: Any) -> None:
    context = {"widget": {"type": "text", "name": "title", "value": "x", "attrs": attrs}}
    with pytest.raises(widget_html.Unusual):
        widget_html.input_html(context)
    templates = TemplatesOnly().render("django/forms/widgets/text.html", context)
    assert FormRenderer().render("django/forms/widgets/text.html", context) == templates
