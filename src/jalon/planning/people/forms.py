"""Forms of the team, workload and quarterly-review pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jalon.fields import KeyField, LocaleDateField, LocaleDecimalField, as_typed
from jalon.planning.models import Activity, Person, Review
from jalon.strategy.forms import VersionedForm

DATE_INPUT = {"type": "date"}


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d")


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = ("name", "kind", "role", "capacity_hours_per_week")
        localized_fields = ("capacity_hours_per_week",)
        formfield_callback = as_typed


class NewPersonForm(PersonForm):
    key = KeyField()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ("name", "kind", "role", "capacity_hours_per_week", "key")


class DeleteForm(forms.Form):
    """Deleting asks for the version the user saw: deleting something changed meanwhile is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class AbsenceForm(forms.Form):
    start = LocaleDateField(label=_("start"), widget=_date_widget())
    end = LocaleDateField(label=_("end"), widget=_date_widget())
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must not be before the start."))
        return data


class AssignmentForm(forms.Form):
    """Put a person on an activity for some hours each week (again on the same activity: new hours)."""

    activity = forms.ModelChoiceField(
        label=_("activity"), queryset=Activity.objects.none(), to_field_name="key"
    )
    hours_per_week = LocaleDecimalField(kind="float", label=_("hours per week"), min_value=0, max_value=168)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, activities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["activity"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = activities


class ReviewForm(VersionedForm):
    """Decisions and notes stay editable after the review; the snapshot never is."""

    class Meta:
        model = Review
        fields = ("title", "held_on", "decisions", "notes")
        formfield_callback = as_typed
        widgets = {
            "held_on": _date_widget(),
            "decisions": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }


class NewReviewForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    held_on = LocaleDateField(label=_("held on"), widget=_date_widget())
    decisions = forms.CharField(
        label=_("decisions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
