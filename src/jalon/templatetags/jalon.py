"""Template filters for numbers, quantities and deadline rules in the active language."""

from __future__ import annotations

from django import template

from jalon import formatting

register = template.Library()


@register.filter
def quantity(value: float | None, unit: str = "") -> str:
    return formatting.format_quantity(value, unit or "")


@register.filter
def number(value: float | None) -> str:
    return formatting.format_number(value)


@register.filter
def rule_label(rule: str) -> str:
    return formatting.describe_rule(rule or "")
