"""The qualitative indicators of an objective: shown on the objective page (``{% qualitative_indicators
objective %}``) and edited here; each change goes back to the objective page, a refused one is shown again
on this page with its message."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jalon.accounts.auth import current_user
from jalon.errors import ValidationFailed
from jalon.fields import LocaleDateField
from jalon.framing import indicators, services
from jalon.framing.models import QualitativeIndicator, RatingPeriod
from jalon.strategy import queries
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.permissions import require


class IndicatorForm(forms.Form):
    statement = forms.CharField(label=_("statement"), max_length=300)
    period = forms.ChoiceField(label=_("rated"), choices=RatingPeriod.choices, initial=RatingPeriod.QUARTER)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RatingForm(forms.Form):
    period = LocaleDateField(label=_("period"))
    rating = forms.TypedChoiceField(
        label=_("rating (1 to 5)"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)]
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)


def _indicator(objective_pk: int, pk: str) -> QualitativeIndicator:
    found = (
        QualitativeIndicator.objects.filter(objective_id=objective_pk, pk=pk).first()
        if pk.isdigit()
        else None
    )
    if found is None:
        raise ValidationFailed({"__all__": [str(_("This item no longer exists."))]})
    return found


@login_required
def indicators_page(request: HttpRequest, workspace: str, roadmap: str, objective: str) -> HttpResponse:
    user = current_user(request)
    found, context = roadmap_page(request, workspace, roadmap)
    target = queries.objective_for(found, objective)
    back = reverse("objective", args=[found.workspace.slug, found.slug, target.key]) + "#indicators"
    errors: list[str] = []
    form: forms.Form = IndicatorForm()
    if request.method == "POST":
        require(user, "edit", found)
        op = request.POST.get("op", "")
        try:
            if op == "add":
                form = IndicatorForm(request.POST)
                if form.is_valid():
                    services.add_indicator(
                        actor=user, objective=target, statement=form.cleaned_data["statement"],
                        period=form.cleaned_data["period"],
                    )  # fmt: skip
                    return redirect(back)
            elif op == "edit":
                item = _indicator(target.pk, request.POST.get("item", ""))
                form = IndicatorForm(request.POST)
                if form.is_valid():
                    services.update_indicator(
                        actor=user, indicator=item,
                        expected_version=form.cleaned_data["version"] or item.version,
                        changes={k: form.cleaned_data[k] for k in ("statement", "period")},
                    )  # fmt: skip
                    return redirect(back)
            elif op == "delete":
                services.delete_indicator(
                    actor=user, indicator=_indicator(target.pk, request.POST.get("item", ""))
                )
                return redirect(back)
            elif op == "rate":
                item = _indicator(target.pk, request.POST.get("item", ""))
                rating = RatingForm(request.POST)
                if rating.is_valid():
                    day: date = rating.cleaned_data["period"]
                    services.rate(
                        actor=user, indicator=item, day=day, rating=rating.cleaned_data["rating"],
                        note=rating.cleaned_data["note"],
                    )  # fmt: skip
                    return redirect(back)
                errors += [str(m) for ms in rating.errors.values() for m in ms]
        except ValidationFailed as error:
            errors += [m for ms in error.errors.values() for m in ms]
    context |= {
        "objective": target, "indicators": indicators.of_objective(target), "form": form, "errors": errors,
        "back": back,
    }  # fmt: skip
    status = 422 if request.method == "POST" else 200
    return render(request, "framing/indicators.html", context, status=status)


def shown_context(context: dict[str, Any], objective: Any) -> dict[str, Any]:
    """What ``{% qualitative_indicators %}`` draws on the objective page."""
    return {
        "objective": objective, "indicators": indicators.of_objective(objective),
        "can_edit": context.get("can_edit", False), "workspace": context.get("workspace"),
        "roadmap": context.get("roadmap"), "csrf_token": context.get("csrf_token"),
    }  # fmt: skip
