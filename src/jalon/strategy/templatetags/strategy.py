"""Strategy's pieces on other apps' pages, so that those apps need not import strategy."""

from __future__ import annotations

from typing import Any

from django import template

from jalon.strategy.forms import NewRoadmapForm

register = template.Library()


@register.inclusion_tag("strategy/_new_roadmap.html", takes_context=True)
def new_roadmap_form(context: template.Context) -> dict[str, Any]:
    """The workspace page's "New roadmap" form: the refused one when it comes back, else a blank one."""
    form = context.get("new_roadmap_form") or NewRoadmapForm()
    return {"form": form, "workspace": context["workspace"], "csrf_token": context.get("csrf_token")}
