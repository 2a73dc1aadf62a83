"""The experience maps: per persona, the steps as an SVG picture and an editable table."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from jalon.framing.forms import JourneyStepForm
from jalon.framing.journey_svg import journey_svg
from jalon.framing.models import JourneyStep
from jalon.framing.views import _edit_operations, _form, framing_page
from jalon.ignored_filters import ignored_in, said


@login_required
def journeys(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, framing, context = framing_page(request, workspace, roadmap)
    make = partial(JourneyStepForm, framing=framing)
    shown: dict[str, Any] = {}
    if request.method == "POST":
        ok, shown = _edit_operations(request, found, {"step": (make, JourneyStep)})
        if ok:
            posted = request.POST.get("persona", "")
            owner = framing.personas.filter(pk=posted).first() if framing.pk and posted.isdigit() else None
            return redirect(request.path + (f"?persona={owner.key}" if owner else ""))
    personas = list(framing.personas.all()) if framing.pk else []
    chosen = next(
        (p for p in personas if p.key == request.GET.get("persona")), personas[0] if personas else None
    )
    steps = list(chosen.journey_steps.all()) if chosen else []
    form = _form(request, framing, shown, "step", make, JourneyStep)
    if chosen and not form.is_bound and not getattr(form, "editing_item", ""):
        form.initial["persona"] = chosen.pk
    picture = ""
    if chosen and steps:  # ElementTree escapes every text it writes
        picture = mark_safe(journey_svg(steps, title=_("Experience map: {name}").format(name=chosen.name)))
    context |= {
        "personas": personas,
        "persona": chosen,
        "steps": steps,
        "picture": picture,
        "step_form": form,
        "ignored": said(ignored_in(request.GET, {"persona": {p.key for p in personas}})),
    }
    return render(request, "framing/journeys.html", context, status=422 if shown else 200)
