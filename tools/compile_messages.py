"""Compile the French catalogue (.po -> .mo) with polib, so no system gettext is needed to run Jalon."""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "jalon" / "locale"

for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"compiled {po_path.relative_to(LOCALE.parent.parent.parent)}")
