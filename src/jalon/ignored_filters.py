"""The filters of an address that a page could not apply, said on the page rather than dropped without a word.

A shared link whose thematic group was deleted since (``?theme=…``), a status mistyped (``?status=xyz``), a
made-up key (``?theme=999999``): the page still answers (200) with the filters it could apply, and one line
names each value it left out, by its filter's name in the reader's language (« Filtre ignoré : statut
« xyz » ») so that nobody reads a list filtered otherwise than the address says. An empty value (``?theme=``,
what a form sends for « all ») is no filter, and is not said.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext, ngettext, pgettext

from jalon.filter_words import FILTER_NOUNS

Asked = tuple[
    tuple[str, str], ...
]  # (a parameter's name, a value the address gives it), in the address's order

# The parameters that are no filter of FILTER_NOUNS, named as the pages' options name them.
OTHER_NOUNS = {
    "late": lambda: pgettext("ignored filter", "lateness"),
    "reach": lambda: pgettext("ignored filter", "timelines"),
    "sort": lambda: pgettext("ignored filter", "sort"),
    "dir": lambda: pgettext("ignored filter", "sort order"),
    "zoom": lambda: pgettext("ignored filter", "zoom"),
    "lanes": lambda: pgettext("ignored filter", "lanes"),
    "month": lambda: pgettext("ignored filter", "month"),
    "week": lambda: pgettext("ignored filter", "week"),
    "view": lambda: pgettext("ignored filter", "view"),
    "rows": lambda: pgettext("ignored filter", "rows"),
    "s": lambda: pgettext("ignored filter", "scenario"),
    "scenario": lambda: pgettext("ignored filter", "scenario"),
}
SHOWN = 60  # a value longer than this is cut when said (an address can hold kilobytes)


def asked_in(query: Any, names: Iterable[str]) -> Asked:
    """Every non-empty value the address gives to ``names`` (``query``: a QueryDict), each once."""
    return tuple(dict.fromkeys((name, value) for name in names for value in query.getlist(name) if value))


def left_out(asked: Asked, known: Mapping[str, Collection[str]]) -> list[tuple[str, str]]:
    """The values asked that none of their parameter's choices (``known``) has."""
    return [(name, value) for name, value in asked if name in known and value not in known[name]]


def ignored_in(query: Any, known: Mapping[str, Collection[str]]) -> list[tuple[str, str]]:
    """The values the address (``query``: a QueryDict) gives to ``known``'s parameters that none of their
    choices has: what a page that reads its filters one by one leaves out."""
    return left_out(asked_in(query, known), known)


def said(ignored: Sequence[tuple[str, str]]) -> str:
    """One line naming each value left out, or "" when none was."""
    if not ignored:
        return ""
    items = []
    for name, value in ignored:
        noun = (
            FILTER_NOUNS[name](1)
            if name in FILTER_NOUNS
            else OTHER_NOUNS[name]()
            if name in OTHER_NOUNS
            else name
        )
        shown = value if len(value) <= SHOWN else value[: SHOWN - 1] + "…"
        items.append(gettext("%(filter)s “%(value)s”") % {"filter": noun, "value": shown})
    return ngettext(
        "This filter of the address names nothing here and was left out: %(items)s.",
        "These filters of the address name nothing here and were left out: %(items)s.",
        len(items),
    ) % {"items": ", ".join(items)}
