"""Forms of the framing pages (plain POST forms; the services validate and save)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jalon.accounts.models import User
from jalon.documents.orders_file import ROLES
from jalon.fields import LocaleDecimalField, as_typed
from jalon.framing.models import (
    Channel,
    Framing,
    JourneyStep,
    LifecycleStage,
    Persona,
    PlanAction,
    Prototype,
    Stakeholder,
    Workshop,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 2})


class ItemForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}

    def offer_framing_items(self, name: str, framing: Framing) -> forms.ModelChoiceField:  # type: ignore[type-arg]
        """Field ``name`` (a link to workshops, personas…) offers the framing's own items only (none before
        the framing is saved)."""
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None
        items = field.queryset.model._default_manager
        field.queryset = items.filter(framing=framing) if framing.pk else items.none()
        return field


class KickoffForm(ItemForm):
    class Meta:
        model = Framing
        fields = ("stakes", "scope", "objectives")
        formfield_callback = as_typed
        widgets = {"stakes": TEXT, "scope": TEXT, "objectives": TEXT}


class WorkshopForm(ItemForm):
    class Meta:
        model = Workshop
        fields = ("kind", "day", "place", "status", "deliverable")
        formfield_callback = as_typed
        widgets = {"day": DATE}


class StakeholderForm(ItemForm):
    def __init__(self, *args: Any, framing: Framing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.offer_framing_items("workshops", framing)
        field.widget = forms.CheckboxSelectMultiple()
        field.widget.choices = field.choices
        field.label = _("workshops attended")
        if field.queryset is None or not field.queryset.exists():
            field.help_text = _("Plan the workshops first: they are listed here to tick.")
        member = self.fields["member"]
        member.queryset = User.objects.filter(memberships__workspace=framing.roadmap.workspace)  # type: ignore[attr-defined]
        member.help_text = _(
            "A stakeholder who is a member of the workspace votes at the workshops they attend."
        )

    class Meta:
        model = Stakeholder
        fields = ("name", "role", "workshops", "member")
        formfield_callback = as_typed


class PersonaForm(ItemForm):
    class Meta:
        model = Persona
        fields = ("name", "segment", "needs", "expectations", "frustrations", "journeys", "levers", "quote")
        formfield_callback = as_typed
        widgets = {
            name: TEXT for name in ("needs", "expectations", "frustrations", "journeys", "levers", "quote")
        }


class StageForm(ItemForm):
    class Meta:
        model = LifecycleStage
        fields = ("name", "definition")
        formfield_callback = as_typed


class OrdersUploadForm(forms.Form):
    file = forms.FileField(label=_("orders file (CSV or XLSX)"))


class MappingForm(forms.Form):
    """The columns to read as customer id, date and amount, asked when the headers differ."""

    def __init__(self, *args: Any, columns: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "customer": _("customer id column"),
            "date": _("order date column"),
            "amount": _("amount column"),
        }
        for role in ROLES:
            self.fields[role] = forms.ChoiceField(label=labels[role], choices=[(c, c) for c in columns])


class ActionForm(ItemForm):
    def __init__(self, *args: Any, framing: Framing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        personas = self.offer_framing_items("persona", framing)
        stages = self.offer_framing_items("stage", framing)
        personas.empty_label = stages.empty_label = _("all")

    class Meta:
        model = PlanAction
        fields = (
            "what", "persona", "stage", "channel", "frequency", "trigger", "delay_days", "start", "end",
            "owner", "cost",
        )  # fmt: skip
        formfield_callback = as_typed
        widgets = {"start": DATE, "end": DATE}


class CeilingForm(ItemForm):
    """The all-channels ceiling, the default per-channel one, each channel's own (blank: the default)
    and the plan year's first day."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = self.instance.channel_ceilings or {}
        for value, label in Channel.choices:
            self.fields[f"ceiling_{value}"] = LocaleDecimalField(
                label=label, kind="integer", min_value=0, max_value=50, required=False,
                initial=own.get(value),
            )  # fmt: skip

    def channel_fields(self) -> list[forms.BoundField]:
        return [self[f"ceiling_{value}"] for value in Channel.values]

    def changes(self) -> dict[str, Any]:
        found = super().changes()
        found["channel_ceilings"] = {
            value: int(self.cleaned_data[f"ceiling_{value}"])
            for value in Channel.values
            if self.cleaned_data.get(f"ceiling_{value}") is not None
        }
        return found

    class Meta:
        model = Framing
        fields = ("ceiling_per_week", "channel_ceiling", "plan_start")
        formfield_callback = as_typed
        widgets = {"plan_start": DATE}


class JourneyStepForm(ItemForm):
    def __init__(self, *args: Any, framing: Framing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_framing_items("persona", framing)

    class Meta:
        model = JourneyStep
        fields = (
            "persona",
            "name",
            "touchpoint",
            "kind",
            "does",
            "thinks",
            "feels",
            "pains",
            "opportunities",
        )
        formfield_callback = as_typed
        widgets = {name: TEXT for name in ("does", "thinks", "pains", "opportunities")}


class PrototypeForm(ItemForm):
    """The prototype's details; on creation, the file too."""

    file = forms.FileField(label=_("image or PDF (at most 10 MB)"), required=False)

    def __init__(self, *args: Any, framing: Framing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_framing_items("workshop", framing)

    class Meta:
        model = Prototype
        fields = ("title", "workshop", "status", "comments")
        formfield_callback = as_typed
        widgets = {"comments": TEXT}
