"""Forms of the budget, milestone, risk and communication plan pages.

One form per kind serves both adding (with an optional key) and editing in place (with the version it
was read at). Element ids carry the item's key, so the add form and an edit form share a page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jalon.fields import KeyField, as_typed
from jalon.forms import VersionedForm, date_widget
from jalon.planning.models import CommunicationItem, Milestone, Risk, Theme
from jalon.strategy.models import Roadmap

DATE = date_widget()
SCALE_CHOICES = [
    (1, _("1 — very low")),
    (2, _("2 — low")),
    (3, _("3 — medium")),
    (4, _("4 — high")),
    (5, _("5 — very high")),
]


class RegisterForm(VersionedForm):
    """Adds (no instance yet: an optional key, no version) or edits one item of a roadmap register."""

    key_source = "title"  # the field a missing key is derived from

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        self.is_new = instance is None or instance.pk is None
        kwargs.setdefault("auto_id", f"id_{instance.key}_%s" if instance and instance.pk else "id_new_%s")
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        if self.is_new:
            self.fields["version"].required = False
            self.fields["key"] = KeyField()
        else:
            self.fields[self.model_field_names()[0]].widget.attrs["autofocus"] = True
        self.limit_choices(roadmap)

    def limit_choices(self, roadmap: Roadmap) -> None:
        """Links may only point inside the roadmap (the services check it again)."""

    def clean_key(self) -> str:
        """A taken key is an error on the key field (the model's own check would put it above the form)."""
        key: str = self.cleaned_data.get("key") or ""
        if key and self._meta.model._default_manager.filter(roadmap=self.roadmap, key=key).exists():
            raise forms.ValidationError(_("This key is already used in this roadmap."))
        return key

    def extra_kwargs(self) -> dict[str, Any]:
        return {"roadmap": self.roadmap}


class ThemeForm(RegisterForm):
    """A thematic group. A new one is offered the first colour no group has (``Theme.next_colour``); the
    form keeps the colour it offered (``offered``), so that a group saved with it after another group took
    it meanwhile (a second form open in another tab, a form left open while a colleague added one) gets the
    next free colour instead: groups added side by side stand apart. A colour the person chose is kept."""

    key_source = "name"
    offered = forms.CharField(required=False, widget=forms.HiddenInput, max_length=7)

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, roadmap=roadmap, **kwargs)
        if self.is_new and roadmap.pk is not None:  # each new group offered a colour of its own
            self.initial["colour"] = self.initial["offered"] = Theme.next_colour(roadmap)
        else:
            del self.fields["offered"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        colour = str(cleaned.get("colour") or "").lower()
        as_offered = self.is_new and colour and colour == str(cleaned.get("offered") or "").lower()
        if as_offered and self.roadmap.themes.filter(colour__iexact=colour).exists():
            cleaned["colour"] = Theme.next_colour(self.roadmap)
        return cleaned

    class Meta:
        model = Theme
        fields = ("name", "colour", "budget", "is_maintenance")
        formfield_callback = as_typed
        localized_fields = ("budget",)
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}
        help_texts = {
            "budget": _("In the roadmap's currency."),
            "is_maintenance": _("Money kept for running what exists: upgrades, bug fixes, security updates."),
        }


class MilestoneForm(RegisterForm):
    class Meta:
        model = Milestone
        fields = ("title", "date", "reached_on", "objectives", "activities")
        formfield_callback = as_typed
        widgets = {
            "date": DATE,
            "reached_on": DATE,
            "objectives": forms.SelectMultiple(attrs={"size": 4}),
            "activities": forms.SelectMultiple(attrs={"size": 4}),
        }
        help_texts = {
            "reached_on": _("Leave empty until it is reached."),
            "objectives": _("Hold Ctrl (⌘ on a Mac) to choose several."),
            "activities": _("Hold Ctrl (⌘ on a Mac) to choose several."),
        }

    def limit_choices(self, roadmap: Roadmap) -> None:
        self.fields["objectives"].queryset = roadmap.objectives.all()  # type: ignore[attr-defined]
        self.fields["activities"].queryset = roadmap.activities.all()  # type: ignore[attr-defined]


class RiskForm(RegisterForm):
    probability = forms.TypedChoiceField(label=_("probability"), choices=SCALE_CHOICES, coerce=int, initial=3)
    impact = forms.TypedChoiceField(label=_("impact"), choices=SCALE_CHOICES, coerce=int, initial=3)

    class Meta:
        model = Risk
        fields = ("title", "description", "probability", "impact", "owner", "contingency", "status")
        formfield_callback = as_typed
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "contingency": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"contingency": _("What you will do if it happens.")}


class CommunicationForm(RegisterForm):
    key_source = "channel"

    class Meta:
        model = CommunicationItem
        fields = ("audience", "message", "channel", "frequency", "owner", "next_date")
        formfield_callback = as_typed
        widgets = {"message": forms.Textarea(attrs={"rows": 2}), "next_date": DATE}
