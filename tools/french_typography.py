"""Apply French typography to every French message of the catalogue, then compile it.

A non-breaking space (U+00A0) before « : ; ! ? » and inside « guillemets », and ’ in « l’équipe », as
jalon.typography.french puts it; URLs, times, placeholders, HTML tags and code samples are left as they are.
`make messages` runs it after extracting the messages (run `make messages` again after completing the French
of new ones); tests/test_translations.py fails on any French message that breaks the rule. Prints the number
of messages changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib

from jalon.typography import french

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "src" / "jalon" / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def main() -> int:
    catalogue = polib.pofile(str(CATALOGUE), wrapwidth=79)
    changed = 0
    for entry in catalogue:
        before = (entry.msgstr, dict(entry.msgstr_plural))
        entry.msgstr = french(entry.msgstr)
        entry.msgstr_plural = {form: french(text) for form, text in entry.msgstr_plural.items()}
        changed += (entry.msgstr, dict(entry.msgstr_plural)) != before
    catalogue.save()
    if shutil.which("msgcat"):  # wrap the lines as `make messages` (gettext) does, so that diffs stay small
        subprocess.run(["msgcat", "--output-file", str(CATALOGUE), str(CATALOGUE)], check=True)
    subprocess.run([sys.executable, str(ROOT / "tools" / "compile_messages.py")], check=True)
    print(f"{changed} French messages changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
