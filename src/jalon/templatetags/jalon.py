"""Template filters for numbers, quantities, long dates and deadline rules in the active language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

from jalon import formatting, widgets

register = template.Library()


@register.filter
def quantity(value: float | None, unit: str = "") -> str:
    return formatting.format_quantity(value, unit or "")


# A number this long takes a smaller, condensed type in the PDF (report.css ``.number.long``): kept on one
# line, 10^15 € fits the SMART table's measure column.
LONG_NUMBER_CHARS = 12


@register.filter
def whole_quantity(value: float | None, unit: str = "") -> str:
    """``quantity`` in a span the PDF never breaks inside (« 1 000 000 000 000 0 » / « 00 € » was read)."""
    text = formatting.format_quantity(value, unit or "")
    kind = "number long" if len(text) > LONG_NUMBER_CHARS else "number"
    return format_html('<span class="{}">{}</span>', kind, text)


@register.filter
def share(value: float | None) -> str:
    """A fraction as a whole percentage in the reader's way, as the report writes it: ``0.987`` -> ``99 %``
    / ``99%``."""
    return formatting.format_quantity(None if value is None else 100 * value, "%", decimals=0)


@register.filter
def long_date(value: date | None, format_name: str = "DATE_FORMAT") -> str:
    """``|date`` that writes ``1er janvier 2027`` in French; empty without a date (for ``|default``)."""
    return formatting.format_long_date(value, format_name) if value else ""


@register.filter
def number(value: float | None) -> str:
    return formatting.format_number(value)


@register.filter
def rule_label(rule: str) -> str:
    return formatting.describe_rule(rule or "")


@register.simple_tag(takes_context=True)
def heading_text(context: template.Context) -> str:
    """The page's ``heading`` block as plain text, for its <title>: a page names itself once, and the page
    templates it extends put that name both in the <h1> and in the title of the browser's tab."""
    blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
    heading = blocks.get_block("heading") if blocks else None
    # The block's output is already escaped: stripping its tags leaves safe text.
    return mark_safe(strip_tags(heading.nodelist.render(context))) if heading else ""


@register.simple_tag(takes_context=True)
def nav_link(context: template.Context, url: str, label: str, *, exact: bool = False, also: str = "") -> str:
    """A roadmap tab, marked as the current page on its own address and on the pages under it (and
    under ``also``: an activity's pages belong to the backlog)."""
    path = context["request"].path
    current = path == url or (not exact and path.startswith(url)) or bool(also and path.startswith(also))
    return format_html(
        '<li><a href="{}"{}>{}</a></li>', url, mark_safe(' aria-current="page"') if current else "", label
    )


@register.simple_tag
def file_choice(name: str, input_id: str, **attrs: Any) -> str:
    """An upload in a form written by hand, through the one partial every upload uses:
    ``{% file_choice "file" "import-file" accept=".yaml" required=True %}`` (``aria_describedby=`` names
    a help text)."""
    return widgets.file_choice(name, input_id, **attrs)
