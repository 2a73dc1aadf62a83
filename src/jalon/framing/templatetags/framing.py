"""``{% qualitative_indicators objective %}``: an objective's qualitative indicators and their ratings,
drawn on the objective page (the framing app owns them; the strategy templates only load this tag)."""

from __future__ import annotations

from typing import Any

from django import template

from jalon.framing.views_indicators import shown_context

register = template.Library()


@register.inclusion_tag("framing/_indicators.html", takes_context=True)
def qualitative_indicators(context: template.Context, objective: Any) -> dict[str, Any]:
    return shown_context({str(k): v for k, v in context.flatten().items()}, objective)
