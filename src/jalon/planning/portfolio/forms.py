"""Forms of the portfolio page: the optimiser's rules, and a scenario's name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jalon.fields import LocaleDecimalField
from jalon.planning.models import Theme
from jalon.planning.portfolio.problem import SCORE_LABELS, Plan, Rules, Score, ThemeLimits
from jalon.planning.portfolio.table import Outline


def _money_field(label: Any, **kwargs: Any) -> LocaleDecimalField:
    return LocaleDecimalField(
        label=label, required=False, min_value=0, max_digits=14, decimal_places=2, **kwargs
    )


def amount(value: float | None) -> Decimal | None:
    """A euro amount as a form shows it: whole euros without decimals, else to the cent."""
    if value is None:
        return None
    exact = Decimal(str(round(value, 2)))
    return (
        exact.quantize(Decimal(1)) if exact == exact.to_integral_value() else exact.quantize(Decimal("0.01"))
    )


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class PortfolioForm(forms.Form):
    budget = _money_field(_("overall budget"), help_text=_("Leave empty for no overall limit."))
    maximise = forms.ChoiceField(
        label=_("maximise"), choices=[(score.value, label) for score, label in SCORE_LABELS.items()]
    )
    cover_objectives = forms.BooleanField(
        label=_("every objective gets at least one funded activity"), required=False
    )
    must_do = forms.MultipleChoiceField(label=_("must-do"), required=False)
    must_not = forms.MultipleChoiceField(label=_("ruled out"), required=False)

    def __init__(self, *args: Any, plan: Plan | Outline, **kwargs: Any) -> None:
        """``plan``: the full plan, or for the page's first view only the outline of what it shows."""
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.locked = plan.locked  # neither box is offered for these
        choices = [(a.key, a.title) for a in plan.candidates if a.key not in self.locked]
        self.fields["must_do"].choices = choices  # type: ignore[attr-defined]
        self.fields["must_not"].choices = choices  # type: ignore[attr-defined]
        for theme in plan.themes:
            if theme.is_maintenance:
                self.fields[f"max_{theme.key}"] = _money_field(
                    gettext("Kept aside for maintenance in {theme}").format(theme=theme.name)
                )
            else:
                self.fields[f"min_{theme.key}"] = _money_field(
                    gettext("Minimum for {theme}").format(theme=theme.name)
                )
                self.fields[f"max_{theme.key}"] = _money_field(
                    gettext("Maximum for {theme}").format(theme=theme.name)
                )

    @staticmethod
    def initial_for(plan: Plan | Outline, rules: Rules | None = None) -> dict[str, Any]:
        """The form's starting values: ``rules`` (a scenario's), else the budget of every group."""
        if rules is None:
            rules = Rules(budget_eur=plan.default_budget_eur or None)
        initial: dict[str, Any] = {
            "budget": amount(rules.budget_eur),
            "maximise": rules.maximise.value,
            "cover_objectives": rules.cover_objectives,
            "must_do": sorted(rules.must_do),
            "must_not": sorted(rules.must_not),
        }
        for theme in plan.themes:
            limits = rules.limits(theme)
            initial[f"min_{theme.key}"] = amount(limits.min_eur)
            if theme.is_maintenance and limits.max_eur is None:
                initial[f"max_{theme.key}"] = amount(float(theme.budget))
            else:
                initial[f"max_{theme.key}"] = amount(limits.max_eur)
        return initial

    def theme_rows(self) -> list[tuple[Theme, forms.BoundField | None, forms.BoundField]]:
        return [
            (theme, None if theme.is_maintenance else self[f"min_{theme.key}"], self[f"max_{theme.key}"])
            for theme in self.plan.themes
        ]

    def boxes_at_fault(self) -> set[tuple[str, str]]:
        """The must-do and ruled-out boxes the form's refusal is about, as (field, activity key): both
        boxes of an activity ticked in both columns; else, when a column itself is refused, its boxes
        ticked. The page marks them ``aria-invalid``, naming the column's error."""
        if not self.is_bound or not (self["must_do"].errors or self["must_not"].errors):
            return set()
        both = self.checked("must_do") & self.checked("must_not")
        if both:
            return {(name, key) for name in ("must_do", "must_not") for key in both}
        return {
            (name, key) for name in ("must_do", "must_not") if self[name].errors for key in self.checked(name)
        }

    def checked(self, name: str) -> set[str]:
        """The keys ticked in the must-do or ruled-out column, as the form will show them."""
        return set(self[name].value() or ())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        titles = {a.key: a.title for a in self.plan.candidates}
        both = sorted(set(data.get("must_do") or ()) & set(data.get("must_not") or ()))
        if both:
            self.add_error(
                "must_not",
                gettext("“{activity}” cannot be both a must-do and ruled out.").format(
                    activity=titles[both[0]]
                ),
            )
        for theme in self.plan.themes:
            low, high = data.get(f"min_{theme.key}"), data.get(f"max_{theme.key}")
            if low is not None and high is not None and low > high:
                self.add_error(f"min_{theme.key}", gettext("The minimum is above the maximum."))
        return data

    def rules(self) -> Rules:
        data = self.cleaned_data
        return Rules(
            budget_eur=_float(data.get("budget")),
            maximise=Score(data["maximise"]),
            cover_objectives=bool(data.get("cover_objectives")),
            themes={
                theme.key: ThemeLimits(
                    _float(data.get(f"min_{theme.key}")), _float(data.get(f"max_{theme.key}"))
                )
                for theme in self.plan.themes
            },
            must_do=frozenset(data.get("must_do") or ()),
            must_not=frozenset(data.get("must_not") or ()),
        )


class ScenarioNameForm(forms.Form):
    name = forms.CharField(label=_("scenario name"), max_length=180)
