"""Translations for code that runs without Django's settings (the command line).

The command line reads the same French catalogue as the web pages (``locale/fr/LC_MESSAGES/django.mo``)
through the standard library, so `jalon --help` is translated without configuring Django first.
Strings are marked with ``_()`` so that ``make messages`` extracts them with the rest.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from jalon.scoped import holding

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
# A command's own --lang option, for the time it runs (see ``language``).
_CHOSEN: ContextVar[str | None] = ContextVar("jalon_cli_language", default=None)


def cli_language() -> str:
    chosen = _CHOSEN.get()
    if chosen in LANGUAGES:
        return chosen
    language = os.environ.get("JALON_LANGUAGE", DEFAULT_LANGUAGE).strip().lower() or DEFAULT_LANGUAGE
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


@cache
def _translations(language: str) -> _gettext.NullTranslations:
    return _gettext.translation("django", localedir=LOCALE_DIR, languages=[language], fallback=True)


def gettext(message: str) -> str:
    return _translations(cli_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations(cli_language()).ngettext(singular, plural, count)


@contextmanager
def language(code: str) -> Iterator[None]:
    """Translate into ``code`` ("fr" or "en") inside the ``with`` block, whatever JALON_LANGUAGE says."""
    with holding(_CHOSEN, code):
        yield
