"""Translations for code that runs without Django's settings (the command line).

The command line reads the same French catalogue as the web pages (``locale/fr/LC_MESSAGES/django.mo``)
through the standard library, so `jalon --help` is translated without configuring Django first.
Strings are marked with ``_()`` so that ``make messages`` extracts them with the rest.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


def cli_language() -> str:
    language = os.environ.get("JALON_LANGUAGE", DEFAULT_LANGUAGE).strip().lower() or DEFAULT_LANGUAGE
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


@cache
def _translations(language: str) -> _gettext.NullTranslations:
    return _gettext.translation("django", localedir=LOCALE_DIR, languages=[language], fallback=True)


def gettext(message: str) -> str:
    return _translations(cli_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations(cli_language()).ngettext(singular, plural, count)
