"""A KPI source's error as what it is, said in each reader's language when shown.

``jalon worker`` refreshes sources in its own language (JALON_LANGUAGE) and the KPI's page shows the
error to every reader: the error is therefore kept as background jobs keep their messages (``Job.message``
and ``message_params``), an English message id and its parameters, and worded when shown. A parameter is a
text written as is (a column's name, a value of the file), a number or a day written the reader's way, a
nested message (the kind of value a column should hold), or words already said in each language (the
KPI's refusal of rows, worded by the model's rules). An error kept before (plain text, no parameters) is
shown as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from jalon.formatting import format_number
from jalon.jobs.models import said_param, said_text

__all__ = ["Day", "Number", "Said", "Words", "said_in_each_language", "shown", "without_paths"]

# A place on a server within a text: a POSIX path of two parts or more (``/tmp/jalon-source-x/spill``, which
# ``current_setting('temp_directory')`` returns) or a Windows one (``C:\Users\…``), not a date (12/05/2026)
_PATH = re.compile(r"(?<![\w/.])/(?:[\w.@+-]+/)+[\w.@+-]*|\b[A-Za-z]:\\[^\s\"'“”]*")


@dataclass(frozen=True)
class Number:
    """A number, written with the reader's digits (``1 000`` or ``1,000``)."""

    value: int | float


@dataclass(frozen=True)
class Day:
    """A day, written in the reader's short date format."""

    value: date


@dataclass(frozen=True)
class Said:
    """Words already said in each of the site's languages (by code), for the reader's to be picked."""

    texts: Mapping[str, str]


@dataclass(frozen=True)
class Words:
    """An English message id (marked with ``gettext_noop``) and its parameters, worded when shown."""

    message: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """In the active language."""
        worded = {name: _param_text(value) for name, value in self.params.items()}
        translated = gettext(self.message)
        try:
            return translated.format(**worded) if worded else translated
        except (KeyError, IndexError, ValueError):
            return translated

    def format(self, **params: Any) -> Words:
        """These words with ``params`` (as ``str.format`` would fill them, when shown)."""
        return Words(self.message, {**self.params, **params})

    def params_data(self) -> dict[str, Any]:
        """The parameters as JSON keeps them (``KPISource.error_params``)."""
        return {name: _param_data(value) for name, value in self.params.items()}

    @classmethod
    def from_data(cls, message: str, params: Mapping[str, Any]) -> Words:
        return cls(message, {str(name): _param_from(value) for name, value in params.items()})


def shown(message: str, params: object) -> str:
    """A kept error in the active language: ``message`` with its ``params`` (a dict), or ``message`` as it
    was written when it has none (None: an error kept as text before errors were kept as message ids)."""
    if not isinstance(params, dict):
        return message
    return Words.from_data(message, params).text()


def said_in_each_language(say: Callable[[], str]) -> Said:
    """What ``say`` says under each of the site's languages."""
    texts: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = say()
    return Said(texts)


def _param_text(value: Any) -> str:
    if isinstance(value, Number):
        return format_number(value.value)
    if isinstance(value, Day):
        return date_format(value.value, "SHORT_DATE_FORMAT")
    if isinstance(value, Words):
        return value.text()
    if isinstance(value, Said):
        return said_text(value.texts)
    return str(value)


def _param_data(value: Any) -> Any:
    if isinstance(value, Number):
        return {"number": value.value}
    if isinstance(value, Day):
        return {"day": value.value.isoformat()}
    if isinstance(value, Words):
        return {"message": value.message, "params": value.params_data()}
    if isinstance(value, Said):
        return said_param(value.texts)
    return value


def _param_from(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    try:
        if "number" in value:
            return Number(value["number"])
        if "day" in value:
            return Day(date.fromisoformat(str(value["day"])))
        if "said" in value:
            return Said({str(code): str(text) for code, text in dict(value["said"]).items()})
        if "message" in value:
            return Words.from_data(str(value["message"]), dict(value.get("params") or {}))
    except (TypeError, ValueError):
        pass
    return str(value)


def without_paths(words: Words) -> Words:
    """``words`` with every place on the server its texts name written "…": a query can return a setting
    (``current_setting('temp_directory')``, the query's own temporary folder) as a value an error quotes."""
    return Words(words.message, {name: _scrubbed(value) for name, value in words.params.items()})


def _scrubbed(value: Any) -> Any:
    if isinstance(value, str):
        return _PATH.sub("…", value)
    if isinstance(value, Words):
        return without_paths(value)
    return value
