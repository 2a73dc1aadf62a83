"""Forms for the strategy pages. Each in-place cell of the SMART table edits one group of fields."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from jalon.engines.number_text import CURRENCY_SYMBOLS
from jalon.fields import KeyField, LocaleDateField, LocaleDecimalField, as_typed
from jalon.forms import Creating, VersionedForm, date_widget
from jalon.strategy.advising import sector_choices
from jalon.strategy.models import HORIZON_MONTHS, KPI, Objective, Roadmap, RoadmapType, Strategy, Tactic
from jalon.workspaces.models import Workspace

DEADLINE_RULE_CHOICES = [
    ("", _("explicit date")),
    ("fiscal_year_end", _("end of the fiscal year")),
    ("fiscal_half_end:1", _("end of fiscal H1")),
    ("fiscal_half_end:2", _("end of fiscal H2")),
    ("fiscal_quarter_end:1", _("end of fiscal Q1")),
    ("fiscal_quarter_end:2", _("end of fiscal Q2")),
    ("fiscal_quarter_end:3", _("end of fiscal Q3")),
    ("fiscal_quarter_end:4", _("end of fiscal Q4")),
    ("calendar_year_end", _("end of the year")),
]
MONTH_CHOICES = [
    (1, _("January")), (2, _("February")), (3, _("March")), (4, _("April")), (5, _("May")), (6, _("June")),
    (7, _("July")), (8, _("August")), (9, _("September")), (10, _("October")), (11, _("November")),
    (12, _("December")),
]  # fmt: skip

# The currency signs people type for a code: « € » is EUR, « $ » USD, « £ » GBP.
CURRENCY_CODES = {sign: code for code, sign in CURRENCY_SYMBOLS.items() if code.isupper() and sign != code}


class CellForm(VersionedForm):
    """A form shown in place of a SMART-table cell: keyboard focus goes to its first field.

    Several rows can be in edit mode at once (htmx), so element ids carry the objective's key.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and instance.key and "auto_id" not in kwargs:
            kwargs["auto_id"] = f"id_{instance.key}_%s"
        super().__init__(*args, **kwargs)
        first = self.model_field_names()[0]
        self.fields[first].widget.attrs["autofocus"] = True


class ImpactForm(CellForm):
    class Meta:
        model = Objective
        fields = ("impact",)
        widgets = {"impact": forms.Textarea(attrs={"rows": 3})}


class SpecificForm(CellForm):
    class Meta:
        model = Objective
        fields = ("title", "specific")
        widgets = {"specific": forms.Textarea(attrs={"rows": 3})}


class MeasurableForm(CellForm):
    class Meta:
        model = Objective
        fields = ("metric", "unit", "baseline", "target", "direction", "done_state")
        formfield_callback = as_typed
        localized_fields = ("baseline", "target")
        widgets = {"done_state": forms.Textarea(attrs={"rows": 2})}


class DeadlineRuleForm(VersionedForm):
    """An objective's deadline given by a rule (the end of the fiscal year…) or as a date: with a rule, the
    date is the rule's (the service computes it), so the one typed is not saved."""

    deadline_rule = forms.ChoiceField(
        label=capfirst(_("deadline rule")), choices=DEADLINE_RULE_CHOICES, required=False
    )

    def changes(self) -> dict[str, Any]:
        changes = super().changes()
        if changes.get("deadline_rule"):
            changes.pop("deadline")
        return changes


class DeadlineForm(DeadlineRuleForm, CellForm):
    class Meta:
        model = Objective
        fields = ("deadline_rule", "deadline", "term")
        formfield_callback = as_typed
        widgets = {"deadline": date_widget()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("deadline_rule") and not data.get("deadline"):
            self.add_error("deadline", _("Choose a rule or give a date."))
        return data


CELL_FORMS: dict[str, type[CellForm]] = {
    "impact": ImpactForm,
    "specific": SpecificForm,
    "measurable": MeasurableForm,
    "deadline": DeadlineForm,
}


class ObjectiveForm(DeadlineRuleForm):
    class Meta:
        model = Objective
        fields = (
            "title", "impact", "specific", "metric", "unit", "baseline", "target", "direction", "done_state",
            "deadline_rule", "deadline", "term", "parent", "owner",
        )  # fmt: skip
        formfield_callback = as_typed
        localized_fields = ("baseline", "target")
        widgets = {
            "impact": forms.Textarea(attrs={"rows": 2}),
            "specific": forms.Textarea(attrs={"rows": 2}),
            "done_state": forms.Textarea(attrs={"rows": 2}),
            "deadline": date_widget(),
        }

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        parents = roadmap.objectives.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def extra_kwargs(self) -> dict[str, Any]:
        return {"roadmap": self.roadmap}


class NewObjectiveForm(Creating, ObjectiveForm):
    pass


def _months(count: int) -> str:
    """« 36 months » in the language of the page that shows it (a horizon's choice)."""
    return ngettext("%(n)d month", "%(n)d months", count) % {"n": count}


class RoadmapForm(VersionedForm):
    horizon = forms.TypedChoiceField(
        label=capfirst(_("horizon")),
        coerce=int,
        choices=[
            (0, _("explicit start and end dates")),
            *[(m, lazy(_months, str)(m)) for m in HORIZON_MONTHS],
        ],
    )
    fiscal_year_start_month = forms.TypedChoiceField(
        label=capfirst(_("fiscal year start month")), coerce=int, choices=MONTH_CHOICES
    )
    sector = forms.ChoiceField(
        label=capfirst(_("sector")),
        required=False,
        help_text=_(
            "Benchmark bands and the SMART coach use this sector's figures when a source gives them."
        ),
    )

    # The horizon next to the start it counts from; the end date is only needed without one.
    field_order = (
        "title",
        "type",
        "vision",
        "start",
        "horizon",
        "end",
        "fiscal_year_start_month",
        "currency",
    )

    class Meta:
        model = Roadmap
        fields = ("title", "type", "vision", "start", "end", "fiscal_year_start_month", "currency", "sector")
        formfield_callback = as_typed
        widgets = {
            "vision": forms.Textarea(attrs={"rows": 3}),
            "start": date_widget(),
            "end": date_widget(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end"].required = False
        lang = "en" if (get_language() or "fr").startswith("en") else "fr"
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ChoiceField)
        choices = sector_choices(lang)
        if self.instance.sector and self.instance.sector not in dict(choices):
            choices.append((self.instance.sector, self.instance.sector))  # from a file: kept as it is
        sector.choices = [("", _("All sectors")), *choices]
        # Every roadmap has a type and a new one opens on « strategic »: no blank « --------- » to choose.
        kind = self.fields["type"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = RoadmapType.choices
        if self.instance.pk:
            self.initial.setdefault("horizon", self.instance.horizon_months or 0)

    def clean_currency(self) -> str:
        """The currency as people type it: « € », « usd » are EUR and USD (the model wants the code)."""
        typed = str(self.cleaned_data.get("currency") or "").strip()
        return CURRENCY_CODES.get(typed, typed.upper())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        months, start, typed_end = data.get("horizon"), data.get("start"), data.get("end")
        typed = "end" in self.changed_data and typed_end
        if months and start and typed and typed_end != Roadmap.end_for(start, months):
            if "horizon" in self.changed_data:  # both chosen, and they disagree: neither wins unsaid
                self.add_error("end", _(
                    "This end date is not the end of the chosen horizon: clear it, or choose “explicit "
                    "start and end dates” as the horizon."
                ))  # fmt: skip
                return data
            months = 0  # the horizon left as it was: the end typed is the one meant
        if months and start:
            data["end"] = Roadmap.end_for(start, months)
        elif months and "start" in self.errors:
            pass  # the start's own message says what to fix; the horizon is chosen
        elif not data.get("end"):
            self.add_error("end", _("Give an end date or choose a horizon."))
        elif start and data["end"] < start:
            self.add_error("end", _("The horizon ends before it starts."))
        return data


class KPIForm(VersionedForm):
    class Meta:
        model = KPI
        fields = ("name", "unit", "owner", "frequency", "target")
        formfield_callback = as_typed
        localized_fields = ("target",)


class MeasurementForm(forms.Form):
    date = LocaleDateField(label=_("date"))
    value = LocaleDecimalField(label=_("value"), kind="float")
    source = forms.CharField(label=_("source"), max_length=200, required=False)


class TitleEditForm(VersionedForm):
    class Meta:
        model = Strategy
        fields = ("title",)


class TacticEditForm(VersionedForm):
    class Meta:
        model = Tactic
        fields = ("title", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class StrategyForm(forms.ModelForm):  # type: ignore[type-arg]
    """A new strategy: what its edit form asks, and maybe a key."""

    key = KeyField()

    class Meta(TitleEditForm.Meta):
        pass


class TacticForm(forms.ModelForm):  # type: ignore[type-arg]
    """A new tactic: what its edit form asks, and maybe a key."""

    key = KeyField()

    class Meta(TacticEditForm.Meta):
        pass


class EditRoadmapForm(RoadmapForm):
    """The roadmap's own form, with the language its content is written in (a new roadmap takes its page's:
    a consultant reading French who writes an English client's roadmap says so here)."""

    language = forms.ChoiceField(
        label=capfirst(_("language of the content")), required=False,
        choices=(("fr", _("French")), ("en", _("English"))),
        help_text=_("The language the objectives are written in: the SMART coach reads them in it, the "
                    "framing names its lifecycle stages in it and jalon report writes its documents in it."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("language", self.instance.language)

    def changes(self) -> dict[str, Any]:
        """A form posted without the language (a script's) leaves it as it was."""
        language = self.cleaned_data.get("language")
        return {**super().changes(), **({"language": language} if language else {})}


class NewRoadmapForm(RoadmapForm):
    slug = KeyField(label=_("identifier"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # What the blank form opens with; the posted form compares with it to tell the horizon someone chose
    # from the one left as it opened (an end date typed beside it is then the end they mean).
    INITIAL: ClassVar[dict[str, Any]] = {
        "version": 1,
        "type": "strategic",
        "horizon": 6,
        "fiscal_year_start_month": 1,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", dict(self.INITIAL))
        super().__init__(*args, **kwargs)


class CopyRoadmapForm(forms.Form):
    """A copy of a roadmap: its title, how many months every date moves, whether measurements come too."""

    title = forms.CharField(label=capfirst(_("title of the copy")), max_length=200)
    months = LocaleDecimalField(
        kind="integer", label=capfirst(_("move every date by (months)")), initial=0, min_value=-1200,
        max_value=1200,
        help_text=_("0 keeps the dates; 12 makes next year's roadmap; a negative number moves them back."),
    )  # fmt: skip
    measurements = forms.BooleanField(
        label=capfirst(_("also copy the KPI measurements")), required=False,
        help_text=_("They keep their dates: they are what was measured. Leave unticked to start afresh."),
    )  # fmt: skip
    into = forms.ModelChoiceField(
        queryset=Workspace.objects.none(), label=capfirst(_("into the workspace")), required=False,
        empty_label=None,
        help_text=_("Another workspace of yours (another client's, say) gets the copy without this one's "
                    "team: no person, owner or assignment, no stakeholder of the framing."),
    )  # fmt: skip
    # the form's token (documents.copy_once.form_token): the same form sent twice makes one copy
    once = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    def __init__(self, *args: Any, workspaces: QuerySet[Workspace], here: Workspace, **kwargs: Any) -> None:
        """``workspaces``: where the user may copy to; the field shows only when there is more than ``here``,
        which a form posted without it (a script's) copies into."""
        kwargs.setdefault("initial", {})["into"] = here.pk
        super().__init__(*args, **kwargs)
        self.here = here
        into = self.fields["into"]
        assert isinstance(into, forms.ModelChoiceField)
        into.queryset = workspaces
        if workspaces.count() < 2:
            into.widget = forms.HiddenInput()

    def clean_into(self) -> Workspace:
        return self.cleaned_data.get("into") or self.here


class DeleteRoadmapForm(forms.Form):
    """Deleting a roadmap asks for its title, typed back."""

    title = forms.CharField(label=capfirst(_("the roadmap's title")), max_length=200)
