"""Template filters for numbers, quantities, long dates and deadline rules in the active language."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

from jalon import formatting, widgets

register = template.Library()


@register.filter
def quantity(value: float | None, unit: str = "") -> str:
    return formatting.format_quantity(value, unit or "")


# A number this long takes a smaller, condensed type in the PDF (report.css ``.number.long``): kept on one
# line, 10^15 € fits the SMART table's measure column.
LONG_NUMBER_CHARS = 12

# A number as the pages write it, with its sign, its currency symbol or its per cent sign:
# « 1 000 000 € », « €1,000,000.50 », « −0,5 », « 12 % », « 12% », « CHF » after it.
# Nothing glued to a letter, ``&`` or ``#`` (« Q4 », the escaped « &#x27; »).
_NUMBER = re.compile(r"(?<![\w&#])[-\u2212+]?[€$£]?\d+(?:[,.\u202f]\d+)*(?:\u00a0?(?:%|€|\$|£|CHF)(?!\w))?")


@register.filter
def whole_numbers(text: str) -> str:
    """``text`` (escaped) with each number in it in a span the PDF never breaks inside: a SMART target read
    « 1 000 000 000 000 0 » / « 00 € », and budgets, workloads and review figures could split alike. The one
    rule for every quantity and amount the PDF prints (``whole_quantity`` writes through it)."""
    shown = conditional_escape(text)
    return mark_safe(_NUMBER.sub(_whole, str(shown)))


def _whole(found: re.Match[str]) -> str:
    number = found.group(0)
    if re.match(r"\u00a0[^\W\d_]", found.string[found.end() :]):
        # A word unit after it (« 1 000 000 abonnements »): WeasyPrint 70 breaks nowhere in a word glued to
        # a span it may not break, and a 30-character unit ran out of its column over the next one. Left
        # as one word, the line is filled before any break inside it, so the number still stays whole.
        return number
    kind = "number long" if len(number) > LONG_NUMBER_CHARS else "number"
    return f'<span class="{kind}">{number}</span>'


@register.filter
def whole_quantity(value: float | None, unit: str = "") -> str:
    """``quantity``, its number never broken inside (``whole_numbers``); a unit that is a word may wrap."""
    return whole_numbers(formatting.format_quantity(value, unit or ""))


@register.filter
def share(value: float | None) -> str:
    """A fraction as a whole percentage in the reader's way, as the report writes it: ``0.987`` -> ``99 %``
    / ``99%``."""
    return formatting.format_quantity(None if value is None else 100 * value, "%", decimals=0)


@register.filter
def long_date(value: date | None, format_name: str = "DATE_FORMAT") -> str:
    """``|date`` that writes ``1er janvier 2027`` in French; empty without a date (for ``|default``)."""
    return formatting.format_long_date(value, format_name) if value else ""


@register.simple_tag
def date_pattern_data(format_name: str = "SHORT_DATE_FORMAT") -> str:
    """`` data-date-format="j M Y" data-months="Jan|Feb|…"``: a date format of the active language and its
    month names, for a script that writes dates as the server does (``timeline.js``): the browser's own
    ``toLocaleDateString("en")`` writes 12/31/2026 where the page writes 31 Dec 2026."""
    return formatting.date_pattern_data(format_name)


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
    current = is_current_page(context["request"].path, url, exact=exact, also=also)
    return format_html(
        '<li><a href="{}"{}>{}</a></li>', url, mark_safe(' aria-current="page"') if current else "", label
    )


def is_current_page(path: str, url: str, *, exact: bool = False, also: str = "") -> bool:
    """Whether the page at ``path`` belongs to the tab at ``url``: its own address, a page under it (unless
    ``exact``) or a page under ``also``."""
    return path == url or (not exact and path.startswith(url)) or bool(also and path.startswith(also))


@register.simple_tag
def file_choice(name: str, input_id: str, **attrs: Any) -> str:
    """An upload in a form written by hand, through the one partial every upload uses:
    ``{% file_choice "file" "import-file" accept=".yaml" required=True %}`` (``aria_describedby=`` names
    a help text)."""
    return widgets.file_choice(name, input_id, **attrs)


@register.filter
def asks_for_a_value(field: Any) -> bool:
    """Whether a form's field must be filled in, as its input says with ``required`` (a list whose first
    choice is already a value never does: nothing to fill in)."""
    return bool(field.build_widget_attrs({}).get("required"))


@register.simple_tag
def field_label(field: Any) -> SafeString:
    """A field's ``<label>`` (a list of boxes or buttons: its ``<legend>``), and for a field that must be
    filled in the words saying so (``forms/_required.html``) between its label and the label's colon:
    « Titre (obligatoire) : », "Title (required):". The label holds the field's name alone, so that its
    accessible name stays « Titre »; the words and the colon after it are for the eye (aria-hidden). A
    legend holds them, hidden, since nothing stands beside a legend on its line."""
    if not asks_for_a_value(field):
        return field.legend_tag() if field.use_fieldset else field.label_tag()  # type: ignore[no-any-return]
    mark = mark_safe(
        render_to_string("forms/_required.html", {"field": field, "suffix": label_suffix(field)}).rstrip()
    )
    if field.use_fieldset:
        return field.legend_tag(contents=format_html("{}{}", field.label, mark), label_suffix="")  # type: ignore[no-any-return]
    return format_html("{}{}", field.label_tag(label_suffix=""), mark)


LABEL_ENDS = ":?.!"  # Django's own, the same in French (its catalogue translates ":?.!" to itself)


def label_suffix(field: Any) -> str:
    """The colon Django puts after a field's label (its form's ``label_suffix``, « : » in French), by
    Django's own rule: none after a label that ends in punctuation (``BoundField.label_tag``)."""
    suffix = field.field.label_suffix if field.field.label_suffix is not None else field.form.label_suffix
    label = str(field.label or "")
    return str(suffix) if suffix and label and label[-1] not in LABEL_ENDS else ""


@register.filter
def refused_form_of(refused_row: Any, key: str) -> Any:
    """The refused form of the row ``key`` of a table of hours (``planning/_assignment_hours.html``), or
    None when the refused row is another or none was."""
    return refused_row.form if getattr(refused_row, "key", None) == key else None
