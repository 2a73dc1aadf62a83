"""HTML escaping for the pages that write their big tables and charts in Python rather than in templates."""

from __future__ import annotations

import html
import re

_SPECIAL = re.compile(r"[&<>\"']").search


def escape(text: str) -> str:
    """``html.escape(text)``, without its five passes over the text when nothing needs escaping (most
    titles, keys, dates and numbers): a chart of 1,000 activities escapes some 12,000 strings."""
    return html.escape(text) if _SPECIAL(text) else text
