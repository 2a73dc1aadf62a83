"""Forms of the KPI pages: a KPI (new or edited, versioned), a measurement, a pasted table, a file."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from jalon.errors import ValidationFailed
from jalon.fields import as_typed
from jalon.formatting import format_number
from jalon.forms import Creating, VersionedForm, date_widget
from jalon.parsing import date_example
from jalon.strategy.kpis.targets import check_first_target
from jalon.strategy.models import KPI, Frequency, KPIDirection, Objective, Roadmap
from jalon.widgets import FileChoice

DATE = date_widget()
FREQUENCIES = (Frequency.WEEKLY, Frequency.MONTHLY, Frequency.QUARTERLY)


class KPIForm(VersionedForm):
    owner = forms.ChoiceField(label=capfirst(_("owner")), required=False)

    class Meta:
        model = KPI
        fields = (
            "name", "objective", "unit", "direction", "baseline", "baseline_date", "target", "target_low",
            "target_high", "target_date", "frequency", "owner", "benchmark_low", "benchmark_high",
            "benchmark_source", "lowest_possible", "highest_possible",
        )  # fmt: skip
        formfield_callback = as_typed
        widgets = {"baseline_date": DATE, "target_date": DATE}
        help_texts = {
            "target": _("For an increase or a decrease. The main KPI's target is its objective's target."),
            "target_low": _("For a band: the lowest acceptable value."),
            "target_date": _("Empty: the objective's deadline."),
            "benchmark_source": _("Where the benchmark band comes from (study, year)."),
            "lowest_possible": _(
                "For the forecast. Empty: 0 for a count or an amount, 0 to 100 for a rate in %, as long as"
                " the measurements and the target stay inside."
            ),
        }

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        self.fields["objective"].queryset = roadmap.objectives.all()  # type: ignore[attr-defined]
        names = list(roadmap.people.values_list("name", flat=True))
        current = self.instance.owner if self.instance.pk else ""
        if current and current not in names:
            names.append(current)  # an owner from an older file stays choosable
        self.fields["owner"].choices = [("", "—"), *((name, name) for name in names)]  # type: ignore[attr-defined]
        # Weekly, monthly or quarterly; a KPI imported with another frequency keeps it.
        kept = {*FREQUENCIES, self.instance.frequency}
        frequency = self.fields["frequency"]
        frequency.choices = [c for c in frequency.choices if c[0] in kept]  # type: ignore[attr-defined]

    def extra_kwargs(self) -> dict[str, Any]:
        return {"roadmap": self.roadmap}


class NewKPIForm(Creating, KPIForm):
    @staticmethod
    def initial_from(objective: Objective) -> dict[str, Any]:
        """What a KPI added from its objective's page starts with: the objective's own metric (its name, when
        no KPI of the roadmap has it yet), unit, baseline, target, direction and owner, typed once."""
        initial: dict[str, Any] = {"objective": objective, "target": objective.target, "unit": objective.unit}
        initial["direction"] = "decrease" if objective.direction == "decrease" else "increase"
        name = capfirst(objective.metric.strip())
        if name and not objective.roadmap.kpis.filter(name__iexact=name).exists():
            initial["name"] = name
        if objective.baseline is not None:
            initial["baseline"] = objective.baseline
        if objective.owner:
            initial["owner"] = objective.owner
        return initial

    def clean(self) -> dict[str, Any]:
        """The first KPI of an objective shares its target (``targets.check_first_target``, the rule every
        door meets): said beside the target, before the service is called."""
        super().clean()
        data = self.cleaned_data
        objective, target = data.get("objective"), data.get("target")
        if not self.has_error("target") and objective is not None and target is not None:
            typed = KPI(target=target, direction=data.get("direction") or KPIDirection.INCREASE)
            try:
                check_first_target(objective, typed)
            except ValidationFailed as error:
                for message in error.errors["target"]:
                    self.add_error("target", message)
        return data


class PasteForm(forms.Form):
    table = forms.CharField(
        label=_("Two columns copied from a spreadsheet: date, value"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2_000_000,
    )
    # The KPI page holds three forms with a source (one measurement, a paste, a file): one id each.
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"id": "id_paste_source"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The example is written the way the page's language types a date and a number; its day (15) cannot
        # be a month, so the table reads it as shown whatever order a pasted column takes (kpis.table).
        example = f"{date_example(date(2026, 1, 15))}\t{format_number(1234.5)}"
        self.fields["table"].widget.attrs["placeholder"] = example


MAX_FILE_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file (date, value)"), widget=FileChoice)
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Empty: the file's name."),
        widget=forms.TextInput(attrs={"id": "id_import_source"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Choose a CSV or XLSX file."))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
