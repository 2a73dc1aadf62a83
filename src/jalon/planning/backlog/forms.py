"""Forms of the activity backlog: an activity (create, edit), its dependencies and its assignments, and
the backlog's filters. Every choice is limited to the roadmap being edited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from jalon.fields import KeyField, LocaleDecimalField, as_typed
from jalon.forms import VersionedForm, date_widget
from jalon.ignored_filters import ignored_in
from jalon.keys import free_key
from jalon.markup import escape
from jalon.planning.models import Activity, Person, Status
from jalon.planning.windows import window_problems
from jalon.strategy.models import Roadmap, Tactic

DATE = date_widget()
DECIMAL = forms.TextInput(attrs={"inputmode": "decimal"})
ONE_TO_FIVE = [("", "—"), *[(n, str(n)) for n in range(1, 6)]]


class FastSelect(forms.Select):
    """A select that writes its options in Python. Django renders every option through a template
    (about half a millisecond each): too slow for the 1,000 activities a predecessor may be chosen from."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            text = "" if option_value is None else str(option_value)
            selected = " selected" if text in chosen else ""
            options.append(f'<option value="{escape(text)}"{selected}>{escape(str(label))}</option>')
        opening = format_html('<select name="{}"{}>', name, flatatt(self.build_attrs(self.attrs, attrs)))
        return mark_safe(opening + "".join(options) + "</select>")  # every text is escaped


class TacticChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.strategy.title} › {obj.title}"


def _one_to_five(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=ONE_TO_FIVE, coerce=int, empty_value=None, required=False
    )


class ActivityForm(VersionedForm):
    """Every editable field of an activity; the end may be given as a duration in days instead."""

    duration_days = LocaleDecimalField(
        kind="integer",
        label=capfirst(_("duration (days)")),
        min_value=1,
        max_value=3660,
        required=False,
        help_text=_("Instead of an end date: calendar days, the start day included."),
    )
    impact = _one_to_five(capfirst(_("impact")))
    feasibility = _one_to_five(capfirst(_("feasibility")))

    field_order = (
        "title", "description", "theme", "objectives", "tactic", "audience", "channel", "owner",
        "status", "start", "end", "duration_days", "pinned", "not_before", "must_finish_by",
    )  # fmt: skip

    class Meta:
        model = Activity
        fields = (
            "title", "description", "theme", "objectives", "tactic", "audience", "channel", "owner", "status",
            "start", "end", "pinned", "not_before", "must_finish_by", "effort_days", "cost", "spent", "value",
            "impact", "feasibility", "confidence",
        )  # fmt: skip
        localized_fields = ("effort_days", "cost", "spent", "value")
        formfield_callback = as_typed
        field_classes = {"tactic": TacticChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.CheckboxSelectMultiple,
            "start": DATE,
            "end": DATE,
            "not_before": DATE,
            "must_finish_by": DATE,
            "effort_days": DECIMAL,
            "cost": DECIMAL,
            "spent": DECIMAL,
            "value": DECIMAL,
            "confidence": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        fields: dict[str, Any] = self.fields
        fields["theme"].queryset = roadmap.themes.all()
        fields["objectives"].queryset = roadmap.objectives.all()
        tactics = Tactic.objects.filter(strategy__roadmap=roadmap).select_related("strategy")
        fields["tactic"].queryset = tactics
        fields["owner"].queryset = roadmap.people.all()

    def extra_kwargs(self) -> dict[str, Any]:
        return {"roadmap": self.roadmap}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, duration = data.get("start"), data.get("end"), data.get("duration_days")
        if start and end and end < start:
            self.add_error("end", _("The end must not be before the start."))
        if duration:
            if not start:
                self.add_error("duration_days", _("Give a start date with the duration."))
            elif end and (end - start).days + 1 != duration:
                self.add_error("duration_days", _("Give either an end date or a duration, not both."))
            elif not end:
                end = start + timedelta(days=duration - 1)
        window = {"not_before": data.get("not_before"), "must_finish_by": data.get("must_finish_by")}
        for field, messages in window_problems(start=start, end=end, **window).items():
            if field not in self.errors:
                self.add_error(field if field in self.fields else None, messages)
        return data

    def changes(self) -> dict[str, Any]:
        changes = super().changes()
        duration = self.cleaned_data.get("duration_days")
        if duration:
            changes.pop("end")
            changes["duration_days"] = duration
        return changes


class NewActivityForm(ActivityForm):
    key = KeyField(label=capfirst(_("key")))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_key(self) -> str:
        key: str = self.cleaned_data.get("key", "")
        if key and self.roadmap.activities.filter(key=key).exists():
            raise forms.ValidationError(_("This key is already used in this roadmap."))
        return key

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("key") and data.get("title") and "key" not in self.errors:
            data["key"] = free_key(self.roadmap.activities, data["title"], fallback="activity")
        return data


class DependencyForm(forms.Form):
    """``activity`` comes after the chosen predecessor, ``lag_days`` later (negative: it may overlap).

    The choices are plain (key, title) pairs: a roadmap may hold 1,000 activities to choose from."""

    predecessor = forms.ChoiceField(label=_("Comes after"), widget=FastSelect)
    lag_days = LocaleDecimalField(
        kind="integer", label=_("lag (days)"), initial=0, min_value=-365, max_value=365
    )

    def __init__(self, *args: Any, activity: Activity, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "dependency_%s")
        super().__init__(*args, **kwargs)
        self.others = activity.roadmap.activities.exclude(pk=activity.pk)
        choices = [("", "---------"), *self.others.values_list("key", "title")]
        self.fields["predecessor"].choices = choices  # type: ignore[attr-defined]

    def clean_predecessor(self) -> Activity:
        return self.others.get(key=self.cleaned_data["predecessor"])


class AssignmentForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("team member"), queryset=Person.objects.none(), to_field_name="key"
    )
    hours_per_week = LocaleDecimalField(
        kind="float", label=_("hours per week"), min_value=0, max_value=168, widget=DECIMAL
    )

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "assignment_%s")
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = roadmap.people.all()  # type: ignore[attr-defined]


class BacklogFilters(forms.Form):
    """The backlog's filters, read from the address (repeatable: ``?theme=a&theme=b``).

    A key that no longer exists (a deleted theme in a shared link) is dropped rather than refused.
    """

    theme = forms.MultipleChoiceField(
        label=_("thematic group"), required=False, widget=forms.CheckboxSelectMultiple
    )
    owner = forms.MultipleChoiceField(label=_("owner"), required=False, widget=forms.CheckboxSelectMultiple)
    status = forms.MultipleChoiceField(
        label=_("status"), required=False, widget=forms.CheckboxSelectMultiple, choices=Status.choices
    )
    objective = forms.MultipleChoiceField(
        label=_("objective"), required=False, widget=forms.CheckboxSelectMultiple
    )
    late = forms.MultipleChoiceField(label=_("lateness"), required=False, widget=forms.CheckboxSelectMultiple)
    reach = forms.MultipleChoiceField(
        label=_("timelines"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        query: Any,
        *,
        themes: list[tuple[str, str]],
        people: list[tuple[str, str]],
        objectives: list[tuple[str, str]],
    ) -> None:
        choices: dict[str, list[tuple[str, Any]]] = {
            "theme": themes,
            "owner": people,
            "status": list(Status.choices),
            "objective": objectives,
            "late": [("1", _("late only: past their end, not done"))],
            "reach": [("beyond", _("out of reach only: too far from the horizon to be drawn"))],
        }
        known = {name: {key for key, _label in options} for name, options in choices.items()}
        data = {name: [v for v in query.getlist(name) if v in known[name]] for name in choices}
        self.ignored = ignored_in(query, known)  # said on the page, not dropped without a word
        super().__init__(data, auto_id="filter_%s")
        for name, options in choices.items():
            self.fields[name].choices = options  # type: ignore[attr-defined]
        self.is_valid()

    @property
    def selected(self) -> dict[str, list[str]]:
        return {name: values for name, values in self.cleaned_data.items() if values}
