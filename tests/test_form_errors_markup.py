"""Every field of every form class of Jalon, refused, tells a screen reader so: rendered as the pages render
it — Django's way (``{{ form }}``, ``as_field_group``: ``jalon.forms.FormRenderer``) or a hand-written
template's (the field, then ``forms/_field_error.html``) — it says ``aria-invalid="true"`` and its
``aria-describedby`` names its error and its help text, both in the page. A form's error of no field is an
alert the page focuses; a field that must be filled in says so in words beside its label."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from jalon.fields import KeyField
from tests.forms_found import form_classes
from tests.refused_markup import faults, read

MESSAGE = "Refused for the test."
REQUIRED = {"fr": "(obligatoire)", "en": "(required)"}
# A label followed by its words saying the field is required: (field, words).
MARKED = r'<label for="id_(\w+)">[^<]*</label>\s*<span class="required-mark"[^>]*>([^<]*)<'


def visible_fields() -> list[tuple[str, str, forms.Field]]:
    return [
        (f"{form.__module__}.{form.__qualname__}", name, field)
        for form in form_classes()
        for name, field in form.base_fields.items()
        if not field.widget.is_hidden
    ]


def refused(name: str, field: forms.Field) -> forms.Form:
    """A form of this one field, bound and refused on it (the field's own form may need a roadmap, and
    gives a list its choices, which a list without any gets here)."""
    field = copy.deepcopy(field)
    choices: Any = getattr(field, "choices", None)
    if choices is not None and not [value for value, _ in choices if value]:
        field.choices = [("one", "One"), ("two", "Two")]  # type: ignore[attr-defined]
    probe: Any = type("Probe", (forms.Form,), {name: field})({})
    probe.full_clean()
    probe._errors = {}
    probe.add_error(name, MESSAGE)
    return probe  # type: ignore[no-any-return]


# A form's template written by hand, as the pages write theirs: a list of boxes or buttons in a fieldset
# that names the error and help, any other field under its label; the help text, then the error partial.
HAND_WRITTEN = Template(
    "{% for item in form %}{% if item.use_fieldset %}"
    '<fieldset aria-describedby="{{ item.aria_describedby }}"><legend>{{ item.label }}</legend>'
    "{% else %}"
    '<label for="{{ item.id_for_label }}">{{ item.label }}</label>{% endif %}'
    '{% include "forms/_required.html" with field=item %}{{ item }}'
    '{% if item.help_text %}<div class="help" id="{{ item.auto_id }}_helptext">{{ item.help_text }}</div>'
    '{% endif %}{% include "forms/_field_error.html" with field=item %}'
    "{% if item.use_fieldset %}</fieldset>{% endif %}{% endfor %}"
)


def invalid_controls(html: str) -> list[str]:
    return [
        e.attrs.get("name", "")
        for e in read(html).elements
        if e.tag in ("input", "select", "textarea") and e.attrs.get("aria-invalid") == "true"
    ]


@pytest.mark.django_db  # a list of a model's rows reads them
def test_every_field_of_every_form_refused_is_marked_invalid_and_names_its_error_and_help() -> None:
    fields = visible_fields()
    assert len(fields) >= 300
    wrong = []
    for where, name, field in fields:
        form = refused(name, field)
        by_hand = HAND_WRITTEN.render(Context({"form": form}))
        for how, html in (("{{ form }}", str(form)), ("by hand", by_hand)):
            said = [*faults(html)]
            if name not in invalid_controls(html):
                said.append("not aria-invalid")
            if MESSAGE not in html:
                said.append("its error not shown")
            wrong += [f"{where}.{name} ({how}): {fault}" for fault in said]
    assert wrong == []


def test_a_field_in_error_names_its_error_by_the_id_the_error_carries() -> None:
    form = refused("title", forms.CharField(help_text="Shown to the team."))
    html = str(form)
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'id="id_title_error"' in html and 'id="id_title_helptext"' in html


def test_a_forms_error_of_no_field_is_an_alert_the_page_focuses() -> None:
    form: Any = type("Probe", (forms.Form,), {"title": forms.CharField(required=False)})({})
    form.full_clean()
    form.add_error(None, "Two roadmaps cannot have the same key.")
    summary = re.search(r"<div[^>]*data-refused[^>]*>.*?</div>", str(form), re.S)
    assert summary is not None
    assert 'role="alert"' in summary.group(0) and "Two roadmaps cannot have the same key." in summary.group(0)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_field_that_must_be_filled_in_says_so_in_words_and_an_optional_one_does_not(language: str) -> None:
    form: Any = type(
        "Probe",
        (forms.Form,),
        {
            "title": forms.CharField(),
            "notes": forms.CharField(required=False),
            "status": forms.ChoiceField(choices=[("idea", "Idea"), ("done", "Done")]),
        },
    )()
    with translation.override(language):
        html, by_hand = str(form), HAND_WRITTEN.render(Context({"form": form}))
    for rendered in (html, by_hand):
        marks = re.findall(MARKED, rendered)
        # The list whose first choice is a value asks for nothing: it is never empty.
        assert marks == [("title", REQUIRED[language])]
        assert 'name="title" required' in rendered or re.search(r'name="title"[^>]* required', rendered)


# The words a person sees from a field's label to its input, and what its label alone holds (its name).
SEEN = {"fr": "Titre (obligatoire)\u00a0:", "en": "Title (required):"}
NAMES = {"fr": "Titre", "en": "Title"}


def seen_before(html: str, control: str) -> str:
    """The text shown before the input ``control`` (an id), from the label or legend that names it."""
    start = re.search(rf'<(label for="{control}"|legend)', html)
    assert start is not None, html
    end = html.rindex("<", 0, html.index(f'id="{control}"', start.start()))  # the control's own tag
    text = re.sub(r"<[^>]+>", "", html[start.start() : end])
    return re.sub(r"[ \t\n]+", " ", text).strip()


def label_of(html: str, control: str) -> str:
    found = re.search(rf'<label for="{control}">([^<]*)</label>', html)
    assert found is not None, html
    return found.group(1)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    "field",
    [
        forms.CharField(),
        forms.BooleanField(),
        forms.DateField(widget=forms.DateInput),
        forms.ChoiceField(choices=[("", "—"), ("one", "One")]),
        KeyField(required=True),  # folded under « Avancé » (forms/advanced_field.html)
    ],
    ids=["text", "checkbox", "date", "list", "advanced"],
)
def test_the_required_words_stand_between_the_label_and_its_colon_outside_the_label(
    language: str, field: forms.Field
) -> None:
    field = copy.deepcopy(field)
    field.label = NAMES[language]
    notes = forms.CharField(required=False, label="Notes")
    with translation.override(language):  # a form takes its colon in the language it is made in
        html = str(type("Probe", (forms.Form,), {"title": field, "notes": notes})())
    assert seen_before(html, "id_title") == SEEN[language]
    assert seen_before(html, "id_notes") == {"fr": "Notes\u00a0:", "en": "Notes:"}[language]  # no words
    assert label_of(html, "id_title") == NAMES[language]  # the accessible name: the field's name alone
    assert re.search(r'<span class="required-mark" aria-hidden="true">', html)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_required_list_of_buttons_says_so_in_its_legend_before_the_colon_hidden_from_its_name(
    language: str,
) -> None:
    field = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, label=NAMES[language]
    )
    with translation.override(language):  # a form takes its colon in the language it is made in
        html = str(type("Probe", (forms.Form,), {"title": field})())
    legend = re.search(r"<legend>(.*?)</legend>", html, re.S)
    assert legend is not None, html
    assert re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", "", legend.group(1))).strip() == SEEN[language]
    named = re.sub(r'<span class="required-mark" aria-hidden="true">.*?</span></span>', "", legend.group(1))
    assert named.strip() == NAMES[language]
