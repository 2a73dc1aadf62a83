"""Who a change is said to be by, for the tests of the history's migrations."""

from __future__ import annotations

from django.utils import translation

from jalon.history import journal
from jalon.strategy.models import Roadmap


def whos(roadmap: Roadmap, language: str) -> set[str]:
    with translation.override(language):
        return {entry.who for entry in journal.entries(roadmap, list(journal.changes_of(roadmap)))}


class SchemaEditor:
    class connection:  # what RunPython's schema editor offers
        alias = "default"
