"""What every page's forms share: the version a form was read at, and the one way a page saves a form
(a service call whose refusal or stale version comes back on the form)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.forms.renderers import DjangoTemplates

from jalon import widget_html
from jalon.errors import Conflict, ValidationFailed
from jalon.fields import KeyField
from jalon.widgets import DateText


class FormRenderer(DjangoTemplates):
    """Django's own form rendering (each field in error says ``aria-invalid`` and names its error and help
    text in ``aria-describedby``), with two things more (``settings.FORM_RENDERER``): a form's errors that
    belong to no field are an alert the page moves the focus to (``keyboard.js``), and a required field says
    so in words beside its label."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        """Labels, inputs, lists and text areas drawn in Python as their templates draw them
        (``jalon.widget_html``: a form page's most repeated templates); anything else by its template."""
        draw = widget_html.DRAWN.get(template_name)
        if draw is not None and request is None:
            try:
                return draw(context).strip()
            except (widget_html.Unusual, KeyError):
                pass  # a value the template treats its own way: the template draws it
        return str(super().render(template_name, context, request))


def date_widget() -> DateText:
    """A date typed as text in the page's format, its format hinted (never the browser's date picker,
    which Chromium draws in the browser's language)."""
    return DateText()


class DeleteForm(forms.Form):
    """Deleting asks for the version the user saw: deleting something changed meanwhile is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionedForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput)

    def extra_kwargs(self) -> dict[str, Any]:
        """Keyword arguments (beyond data and instance) needed to build this form again."""
        return {}

    def model_field_names(self) -> list[str]:
        return list(self._meta.fields or ())

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.model_field_names()}


class Creating(forms.Form):
    """Mixed into an edit form (``class NewKPIForm(Creating, KPIForm)``), makes it the creation form: an
    optional key, made from the title when left empty, and no version to be stale against."""

    key = KeyField()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


F = TypeVar("F", bound=forms.BaseForm)
ConflictRows = list[tuple[str, Any, Any]]


@dataclass(frozen=True)
class Submission(Generic[F]):
    """How a submitted form fared: saved (200), refused as stale (409) or invalid (422)."""

    form: F
    status: int
    result: Any = None
    conflict: ConflictRows | None = None

    @property
    def saved(self) -> bool:
        return self.status == 200


def submit(form: F, save: Callable[[F], Any]) -> Submission[F]:
    """Validate ``form`` and call ``save`` with it, the one way every page saves.

    A service's refusal lands on the form as errors (422). A stale version (409) comes back with what the
    others changed, and the form rebuilt on the newer version so that saving again keeps this user's values.
    """
    if not form.is_valid():
        return Submission(form, 422)
    try:
        result = save(form)
    except ValidationFailed as error:
        error.add_to_form(form)
        return Submission(form, 422)
    except Conflict as error:
        assert isinstance(form, VersionedForm)
        return Submission(
            _with_version(form, error.current_version), 409, conflict=_conflict_rows(form, error)
        )
    return Submission(form, 200, result=result)


def _conflict_rows(form: VersionedForm, conflict: Conflict) -> ConflictRows:
    labels = {f.name: f.verbose_name for f in form._meta.model._meta.fields}
    return [(str(labels.get(name, name)), theirs, mine) for name, (theirs, mine) in conflict.changes.items()]


V = TypeVar("V", bound=VersionedForm)


def _with_version(form: V, version: int) -> V:
    """The same submitted values, now based on the newer version, so saving again keeps them."""
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(version)
    rebound = type(form)(data, instance=form.instance, **form.extra_kwargs())
    rebound.is_valid()
    return rebound
