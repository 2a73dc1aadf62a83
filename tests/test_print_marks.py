"""The words a printed page carries in its margins (templatetags/printing.py → static/jalon/print.css): the
roadmap, the page and the Paris day, in the page's language, as CSS strings no typed title breaks out of."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.utils import translation

from jalon import formatting
from jalon.clock import site_today


class _RootStyle(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.style: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.style = dict(attrs).get("style")


def root_style(roadmap: str, page: str = "") -> str:
    """The style attribute of <html>, as the browser reads it (the HTML escapes undone)."""
    markup = Template("{% load printing %}<html{% print_marks roadmap page %}>").render(
        Context({"roadmap": roadmap, "page": page})
    )
    parser = _RootStyle()
    parser.feed(markup)
    assert parser.style is not None, markup
    return parser.style


@pytest.mark.parametrize(("language", "words"), [("fr", "Imprimé le"), ("en", "Printed on")])
def test_the_margins_say_the_roadmap_the_page_and_the_paris_day_in_the_pages_language(language, words):
    with translation.override(language):
        style = root_style("Cloud Kicks", "Vue direction")
        day = formatting.format_long_date(site_today())
    assert (
        style
        == f'--print-date: "{words} {day}"; --print-roadmap: "Cloud Kicks"; --print-page: "Vue direction"'
    )


def test_a_quote_a_backslash_or_a_line_break_in_a_title_stays_in_its_css_string():
    style = root_style('Plan "A" \\ </html> & co\nsuite', "x")
    roadmap = style.split("; ")[1]
    # A quote ends a CSS string, a backslash escapes what follows, a line break ends the declaration: each is
    # written as its code point, and the HTML around it (« </html> », « & ») comes back as typed.
    assert roadmap == '--print-roadmap: "Plan \\22 A\\22  \\5c  </html> & co\\a suite"'


def test_a_long_name_is_cut_short_as_the_pdf_reports_running_head_is():
    style = root_style("R" * 80, "P " * 40)
    assert '--print-roadmap: "' + "R" * 49 + '…"' in style
    assert '--print-page: "' + "P " * 24 + "P…" + '"' in style


def test_a_page_without_a_roadmap_prints_only_its_day():
    with translation.override("en"):
        style = root_style("")
    assert style.startswith('--print-date: "Printed on ') and "--print-roadmap" not in style
