"""Date and file inputs that speak the page's language, never the browser's.

Chromium draws ``<input type="date">`` and ``<input type="file">`` in the *browser's* language: a French
page in an English Chromium shows "mm/dd/yyyy", "Choose File" and "No file chosen". A date is therefore
typed as text in the page's format with a visible hint (the GOV.UK design system's advice for known dates),
and a file is chosen through a label styled as a button, with its status written by Jalon
(``static/jalon/file-choice.js`` puts the chosen file's name in it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import pgettext

from jalon.parsing import NotADate, date_example, parse_date


def date_hint() -> str:
    """The format a date field reads in the page's language, as its hint shows it."""
    # Translators: the fields read dates day first in every language, as the pages write them (jj/mm/aaaa).
    return pgettext("date field", "Format: dd/mm/yyyy")


def described_by(attrs: dict[str, Any], first: str) -> str:
    """``first`` and the ids ``attrs`` already names in ``aria-describedby`` (help text, error)."""
    return " ".join(dict.fromkeys([first, *str(attrs.get("aria-describedby") or "").split()]))


class DateText(forms.DateInput):
    """A date typed as text in the pages' format (``31/03/2027``, day first in French and in English), its
    format hinted beside it and tied to it by ``aria-describedby``. A saved date, or one typed in any format
    the field reads (``2027-03-31``), shows in that format; text that is no date stays as it was typed."""

    input_type = "text"
    template_name = "forms/widgets/date_text.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        given = dict(attrs or {})
        given.pop("type", None)
        classes = " ".join(dict.fromkeys(["date-input", *str(given.pop("class", "")).split()]))
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "class": classes, **given})

    def format_value(self, value: Any) -> str | None:
        day: date | None = value if isinstance(value, date) else None
        if isinstance(value, str):
            try:
                day = parse_date(value)
            except NotADate:
                return value
            if day is None:
                return value
        if day is not None:
            return date_example(day)
        return None if value is None else str(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        hint_id = f"{widget['attrs'].get('id') or name}_format"
        widget["attrs"]["aria-describedby"] = described_by(widget["attrs"], hint_id)
        widget["hint"], widget["hint_id"] = date_hint(), hint_id
        return context


class FileChoice(forms.FileInput):
    """A file input hidden from sight but not from keyboards and screen readers, chosen through a label
    styled as a button, with a status that says which file is chosen, all in the page's language
    (``forms/_file_choice.html``: every upload of Jalon renders through it)."""

    template_name = "forms/widgets/file_choice.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["attrs"].pop("class", None)
        widget["input_id"] = widget["attrs"].pop("id", None) or f"id_{name}"
        widget["described_by"] = str(widget["attrs"].pop("aria-describedby", "") or "")
        return context


def file_choice(name: str, input_id: str, **attrs: Any) -> str:
    """A :class:`FileChoice` for a template that writes its form by hand (``{% file_choice %}``)."""
    given = {key.replace("_", "-"): value for key, value in attrs.items() if value not in (None, False, "")}
    return FileChoice().render(name, None, attrs={"id": input_id, **given})
