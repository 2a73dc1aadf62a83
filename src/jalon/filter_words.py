"""What a filtered page says on paper: « Filtré : groupe thématique Acquisition · responsable Léa Martin ».

On screen a filter bar shows its own choices; print.css leaves the bar off the paper (a form), so the printed
page would read as the whole roadmap. Each page with a filter bar gives the filters it applied — a filter's
name and the names of what it keeps, as the bar shows them — and ``templatetags.printing.print_filters``
writes them in one line that only paper shows. Nothing is said when nothing is filtered.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext, npgettext, pgettext

from jalon import formatting

Applied = list[tuple[str, list[str]]]  # (a filter's name in FILTER_NOUNS, the names of what it keeps)

# A filter's noun before what it keeps, singular or plural as it keeps one or several (in a context of their
# own: "owner" and "status" are words of other messages too). A filter missing here (the backlog's « late
# only ») is said by its choice's own words.
FILTER_NOUNS: dict[str, Callable[[int], str]] = {
    "theme": lambda n: npgettext("printed filter", "thematic group", "thematic groups", n),
    "owner": lambda n: npgettext("printed filter", "owner", "owners", n),
    "status": lambda n: npgettext("printed filter", "status", "statuses", n),
    "objective": lambda n: npgettext("printed filter", "objective", "objectives", n),
    "person": lambda n: npgettext("printed filter", "team member", "team members", n),
    "actor": lambda n: npgettext("printed filter", "person", "people", n),
    "kind": lambda n: npgettext("printed filter", "kind of item", "kinds of item", n),
    "channel": lambda n: npgettext("printed filter", "channel", "channels", n),
    "persona": lambda n: npgettext("printed filter", "persona", "personas", n),
    "since": lambda n: pgettext("printed filter", "from"),
    "until": lambda n: pgettext("printed filter", "until"),
}


def filters_said(applied: Iterable[tuple[str, Sequence[str]]]) -> str:
    """One line naming every filter applied, or "" when none is."""
    parts = []
    for name, values in applied:
        kept = [" ".join(str(value).split()) for value in values if str(value).strip()]
        if not kept:
            continue
        noun = FILTER_NOUNS.get(name)
        names = ", ".join(kept)
        parts.append(f"{noun(len(kept))} {names}" if noun else names)
    return gettext("Filtered: %(filters)s") % {"filters": " · ".join(parts)} if parts else ""


def form_applied(form: forms.Form) -> Applied:
    """The filters a bound, cleaned filter form applies, each by its choices' labels (a date in words)."""
    applied: Applied = []
    for name, value in getattr(form, "cleaned_data", {}).items():
        if name in form.errors or value in (None, "", [], ()):
            continue
        values = value if isinstance(value, list | tuple) else [value]
        labels = {str(key): label for key, label in getattr(form.fields[name], "choices", ())}
        applied.append((name, [_label(each, labels) for each in values]))
    return applied


def _label(value: Any, labels: dict[str, Any]) -> str:
    if isinstance(value, datetime.date):
        return formatting.format_long_date(value)
    return str(labels.get(str(value), value))
