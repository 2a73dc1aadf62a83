"""French for this part's messages before the lead merges `.i18n-pending/files.po` into the catalogue.

Tests check the French users read. Until the pending entries reach `src/jalon/locale`, they are compiled
into a temporary catalogue placed first in LOCALE_PATHS (Django then prefers it and falls back to the
project's catalogue for everything else). Once merged, this changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib

PENDING = Path(__file__).resolve().parents[2] / ".i18n-pending" / "files.po"


def compile_pending(folder: Path) -> Path | None:
    if not PENDING.exists():
        return None
    target = folder / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    polib.pofile(str(PENDING)).save_as_mofile(str(target / "django.mo"))
    return folder


def use_pending_french(settings: Any, folder: Path | None) -> None:
    if folder is not None:
        settings.LOCALE_PATHS = [str(folder), *settings.LOCALE_PATHS]
