"""What the framing app draws on the strategy pages (which only load these tags): ``{% qualitative_indicators
objective %}``, an objective's qualitative indicators and their ratings on the objective page;
``{% objective_standing objective %}``, its place in the stakeholders' latest vote, in the SMART table;
``{% objectives_vote_form %}``, the form that opens a vote on the roadmap's objectives, under it; and for the
framing's own pages ``{{ workshop|workshop_label }}``, a workshop with its day, as its forms offer it."""

from __future__ import annotations

from typing import Any

from django import template

from jalon.framing import forms, services, votes
from jalon.framing.views_indicators import shown_context
from jalon.framing.views_votes import ObjectivesVoteForm

register = template.Library()
register.filter("workshop_label", forms.workshop_label)


@register.inclusion_tag("framing/_indicators.html", takes_context=True)
def qualitative_indicators(context: template.Context, objective: Any) -> dict[str, Any]:
    return shown_context({str(k): v for k, v in context.flatten().items()}, objective)


@register.inclusion_tag("framing/_objective_standing.html", takes_context=True)
def objective_standing(context: template.Context, objective: Any) -> dict[str, Any]:
    """Where ``objective`` stands in the latest stakeholder vote that weighed it (nothing when none did);
    the roadmap's standings are read once per page, whatever the number of rows."""
    roadmap = objective.roadmap
    if "_jalon_vote_standings" not in roadmap.__dict__:
        roadmap.__dict__["_jalon_vote_standings"] = votes.standings(roadmap)
    found: dict[int, votes.Standing] = roadmap.__dict__["_jalon_vote_standings"]
    return {"standing": found.get(objective.pk), "workspace": context.get("workspace"), "roadmap": roadmap}


@register.inclusion_tag("framing/_objectives_vote_form.html", takes_context=True)
def objectives_vote_form(context: template.Context) -> dict[str, Any]:
    """The form opening a vote on the roadmap's objectives, drawn under the SMART table; it posts to the
    framing's votes page, which shows the vote (or the form again with its errors)."""
    roadmap = context["roadmap"]
    framing = services.framing_for(roadmap)
    return {
        "form": ObjectivesVoteForm(roadmap=roadmap, framing=framing), "can_edit": context.get("can_edit"),
        "workspace": context.get("workspace"), "roadmap": roadmap, "csrf_token": context.get("csrf_token"),
    }  # fmt: skip
