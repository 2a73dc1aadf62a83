"""The French catalogue is complete, and the compiled .mo that Django and the CLI read matches the .po."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

import jalon
from jalon.typography import french

MESSAGES = Path(jalon.__file__).resolve().parent / "locale" / "fr" / "LC_MESSAGES"
PO = MESSAGES / "django.po"
MO = MESSAGES / "django.mo"


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO))


@pytest.fixture(scope="module")
def compiled() -> gettext.GNUTranslations:
    with MO.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def live(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in catalogue if not entry.obsolete]


def test_the_french_catalogue_has_entries(catalogue: polib.POFile) -> None:
    assert len(live(catalogue)) > 100


def test_the_french_catalogue_has_no_untranslated_entry(catalogue: polib.POFile) -> None:
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert missing == []


def test_the_french_catalogue_has_no_fuzzy_entry(catalogue: polib.POFile) -> None:
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert fuzzy == []


def test_plural_entries_translate_every_form(catalogue: polib.POFile) -> None:
    incomplete = [e.msgid for e in live(catalogue) if e.msgid_plural and not all(e.msgstr_plural.values())]
    assert incomplete == []


def test_translations_keep_their_placeholders(catalogue: polib.POFile) -> None:
    """A placeholder lost in translation would print a raw brace or raise KeyError at run time."""
    pattern = re.compile(r"\{[a-z_]*[!:]?[^{}]*\}|%\([a-z_]+\)[sd]|%[sd]")
    broken = []
    for entry in live(catalogue):
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if (
                sorted(pattern.findall(entry.msgid)) != sorted(pattern.findall(text))
                and not entry.msgid_plural
            ):
                broken.append(entry.msgid)
    assert broken == []


def test_every_french_message_follows_french_typography(catalogue: polib.POFile) -> None:
    """U+00A0 before « : ; ! ? » and inside « », ’ in « l’équipe », everywhere (tools/french_typography.py
    fixes it)."""
    wrong = [
        (entry.msgid, text)
        for entry in live(catalogue)
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if french(text) != text
    ]
    assert wrong == []


def test_the_compiled_catalogue_matches_the_po_file(
    catalogue: polib.POFile, compiled: gettext.GNUTranslations
) -> None:
    stale = []
    for entry in live(catalogue):
        if entry.fuzzy or not entry.translated():
            continue
        context = entry.msgctxt
        if entry.msgid_plural:
            for index, expected in entry.msgstr_plural.items():
                n = 1 if int(index) == 0 else 2
                got = (
                    compiled.npgettext(context, entry.msgid, entry.msgid_plural, n)
                    if context
                    else compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                )
                if got != expected:
                    stale.append((entry.msgid, expected, got))
        else:
            got = compiled.pgettext(context, entry.msgid) if context else compiled.gettext(entry.msgid)
            if got != entry.msgstr:
                stale.append((entry.msgid, entry.msgstr, got))
    assert stale == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_gnu_msgfmt_compiles_the_catalogue_without_error() -> None:
    """Django's ``compilemessages`` runs GNU msgfmt with format checks: a message xgettext wrongly flags
    ``python-format`` (a "% i" in plain text) would stop it."""
    run = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(PO)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


def test_django_serves_the_french_translations(db) -> None:
    from django.utils import translation

    with translation.override("fr"):
        assert translation.gettext("Log in") == "Se connecter"
        assert translation.gettext("Time-bound") == "Délimités dans le temps"
