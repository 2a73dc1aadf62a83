"""What a printed page says in its margins (static/jalon/print.css): the roadmap, the page's name and the day
it was printed, in the page's language.

A page's margin box has no element of its own to take words from, and Chromium has no ``string-set``: the
words travel as CSS custom properties on <html>, which the page context, and so every margin box, inherits. A
style attribute is what the Content-Security-Policy allows (``style-src-attr``), never a <style> element.
"""

from __future__ import annotations

import html
import re

from django import template
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from jalon import formatting
from jalon.filter_words import Applied, filters_said
from jalon.templatetags.jalon import heading_text

register = template.Library()

# A margin box shares its line with the one beside it: a name this long is cut short, as the PDF report's
# running head is (``data-running``), and the box never wraps over the page's first line.
MARK_CHARS = 50

# What could end a CSS string or its declaration, or break its line: each written as its code point.
_UNSAFE_IN_CSS_STRING = re.compile(r'[\\"\x00-\x1f\x7f]')


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: a quote, a backslash or a line break typed in a title stays text."""
    return '"' + _UNSAFE_IN_CSS_STRING.sub(lambda found: f"\\{ord(found.group()):x} ", text) + '"'


@register.simple_tag(takes_context=True)
def print_marks(context: template.Context, roadmap: str = "", page: str = "") -> str:
    """`` style="--print-date: …; --print-roadmap: …; --print-page: …"`` for the page's <html> element.

    ``page`` defaults to the page's ``heading`` block; the day is the site's (Europe/Paris, jalon.clock), the
    one every page counts its days in."""
    # heading_text gives escaped text (« l&#x27;équipe »): it is unescaped once, format_html escapes it again.
    page = page or html.unescape(heading_text(context))
    day = formatting.format_long_date(timezone.localdate())
    marks = {"--print-date": gettext("Printed on %(day)s") % {"day": day}}
    if roadmap:
        marks["--print-roadmap"] = truncatechars(roadmap, MARK_CHARS)
    if page:
        marks["--print-page"] = truncatechars(" ".join(page.split()), MARK_CHARS)
    style = "; ".join(f"{name}: {css_string(words)}" for name, words in marks.items())
    return format_html(' style="{}"', style)


@register.simple_tag
def print_filters(applied: Applied | None = None, **choices: list[tuple[str, str, bool]]) -> str:
    """The filters a page applies, in one line that only paper shows (print.css); nothing when unfiltered.

    ``applied`` as ``filter_words.Applied``, or each filter's choices as its bar lists them, ``theme=[(key,
    name, selected), …]``."""
    chosen = [
        (name, [label for _key, label, selected in options if selected]) for name, options in choices.items()
    ]
    line = filters_said([*(applied or []), *chosen])
    return format_html('<p class="print-only print-filters">{}</p>', line) if line else ""
