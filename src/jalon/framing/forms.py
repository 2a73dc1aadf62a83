"""Forms of the framing pages (plain POST forms; the services validate and save)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jalon.accounts.models import User
from jalon.documents.orders_file import ROLES
from jalon.fields import LocaleDecimalField, as_typed
from jalon.formatting import format_long_date
from jalon.forms import VersionedForm, date_widget
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
from jalon.widgets import FileChoice

DATE = date_widget()
TEXT = forms.Textarea(attrs={"rows": 2})


class ItemForm(VersionedForm):
    """A framing item's form: the version it was read at (none for a new item), numbers and dates as people
    type them (``Meta(ItemForm.Meta)``)."""

    # No id: a page holds several of these forms, and an id must be unique (no label names this field).
    version = forms.IntegerField(widget=forms.HiddenInput(attrs={"id": False}), required=False)

    class Meta:
        formfield_callback = as_typed

    def offer_framing_items(self, name: str, framing: Framing) -> forms.ModelChoiceField:  # type: ignore[type-arg]
        """Field ``name`` (a link to workshops, personas…) offers the framing's own items only (none before
        the framing is saved)."""
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None
        items = field.queryset.model._default_manager
        field.queryset = items.filter(framing=framing) if framing.pk else items.none()
        if field.queryset.model is Workshop:
            field.label_from_instance = workshop_label  # type: ignore[method-assign,assignment]
        return field


def workshop_label(workshop: Workshop) -> str:
    """A workshop as a form offers it: its kind and its day, so that two of one kind are told apart."""
    day = format_long_date(workshop.day, "DATE_FORMAT") if workshop.day else gettext("no date")
    return gettext("{workshop} ({day})").format(workshop=capfirst(workshop.get_kind_display()), day=day)


def workshop_keys(workshops: Iterable[Workshop]) -> dict[int, str]:
    """Workshop id -> its key, as a ``jalon/1`` file and the calendar's UIDs name it: its kind, then
    ``kind-2``, ``kind-3``… for the next ones of that kind, in the calendar's order."""
    seen: Counter[str] = Counter()
    keys: dict[int, str] = {}
    for workshop in workshops:
        seen[workshop.kind] += 1
        keys[workshop.pk] = (
            workshop.kind if seen[workshop.kind] == 1 else f"{workshop.kind}-{seen[workshop.kind]}"
        )
    return keys


class KickoffForm(ItemForm):
    class Meta(ItemForm.Meta):
        model = Framing
        fields = ("stakes", "scope", "objectives")
        widgets = {"stakes": TEXT, "scope": TEXT, "objectives": TEXT}


class WorkshopForm(ItemForm):
    class Meta(ItemForm.Meta):
        model = Workshop
        fields = ("kind", "day", "place", "status", "deliverable")
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

    class Meta(ItemForm.Meta):
        model = Stakeholder
        fields = ("name", "role", "workshops", "member")


class PersonaForm(ItemForm):
    class Meta(ItemForm.Meta):
        model = Persona
        fields = ("name", "segment", "needs", "expectations", "frustrations", "journeys", "levers", "quote")
        widgets = {
            name: TEXT for name in ("needs", "expectations", "frustrations", "journeys", "levers", "quote")
        }


class StageForm(ItemForm):
    """A lifecycle stage; its fields' ids are its own (the persona form on the same page also has a name)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_stage_%s")
        super().__init__(*args, **kwargs)

    class Meta(ItemForm.Meta):
        model = LifecycleStage
        fields = ("name", "definition")


class OrdersUploadForm(forms.Form):
    """The orders file; its help names every format :func:`jalon.documents.orders_file.read_orders`
    reads and the three columns it needs (the reader's docstring is the reference: keep them alike)."""

    file = forms.FileField(
        label=_("orders file"),
        help_text=_(
            "CSV separated by commas, semicolons or tabs, text with columns aligned by spaces (as some "
            "shop systems export it), or an Excel XLSX workbook (its first sheet). One line per order "
            "with three columns: customer id, order date and amount (any other column is ignored). The "
            "columns are found by their headers (“client”, “date”, “montant”, “customer”, “amount”…) or "
            "their content; when they cannot be told, Jalon asks which is which."
        ),
        allow_empty_file=True,
        widget=FileChoice,
    )  # refused in words


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

    class Meta(ItemForm.Meta):
        model = PlanAction
        fields = (
            "what", "persona", "stage", "channel", "frequency", "trigger", "delay_days", "start", "end",
            "owner", "cost",
        )  # fmt: skip
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

    class Meta(ItemForm.Meta):
        model = Framing
        fields = ("ceiling_per_week", "channel_ceiling", "plan_start")
        widgets = {"plan_start": DATE}


class JourneyStepForm(ItemForm):
    def __init__(self, *args: Any, framing: Framing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_framing_items("persona", framing)

    class Meta(ItemForm.Meta):
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
        widgets = {name: TEXT for name in ("does", "thinks", "pains", "opportunities")}


class PrototypeForm(ItemForm):
    """The prototype's details; on creation, the file too."""

    file = forms.FileField(label=_("image or PDF (at most 10 MB)"), required=False, widget=FileChoice)

    def __init__(self, *args: Any, framing: Framing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_framing_items("workshop", framing)

    class Meta(ItemForm.Meta):
        model = Prototype
        fields = ("title", "workshop", "status", "comments")
        widgets = {"comments": TEXT}
