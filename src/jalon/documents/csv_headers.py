"""The header row of an activities file: which tool wrote it (Jalon's export, Trello, Asana, Jira, or a
marketer's own spreadsheet headed like Jalon's export), where it is (below a title row or an empty row),
and which column holds what. See docs/csv-import.md."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from django.utils import translation
from django.utils.translation import gettext as _

from jalon.documents.backlog_export import COLUMNS
from jalon.documents.tables import LINES_ABOVE_HEADER, normalise

Source = Literal["jalon", "trello", "asana", "jira"]
Table = tuple[list[str], list[tuple[int, list[str]]]]  # a header and its rows, each with its line

# Header aliases of each tool's export (normalised: lowercase, no accents, single spaces).
TOOL_COLUMNS: dict[Source, dict[str, tuple[str, ...]]] = {
    "trello": {
        "title": ("card name", "name"),
        "description": ("card description", "description"),
        "status": ("list name", "list"),
        "done": ("due complete",),
        "labels": ("labels",),
        "owner": ("members",),
        "start": ("start date",),
        "end": ("due date",),
    },
    "asana": {
        "title": ("name", "task name"),
        "description": ("notes",),
        "status": ("section/column", "section", "column"),
        "done": ("completed at",),
        "labels": ("tags",),
        "owner": ("assignee",),
        "start": ("start date",),
        "end": ("due date",),
    },
    "jira": {
        "title": ("summary",),
        "description": ("description",),
        "status": ("status",),
        "status_category": ("status category",),
        "labels": ("labels",),
        "owner": ("assignee",),
        "start": ("start date", "custom field (start date)", "target start", "custom field (target start)"),
        "end": ("due date", "due"),
        "estimate_seconds": ("original estimate", "original estimate (seconds)", "σ original estimate"),
    },
}


# Headers a marketer's own spreadsheet gives Jalon's columns (normalised), beside the export's own.
OWN_HEADERS: dict[str, tuple[str, ...]] = {
    "title": ("action", "activite", "intitule", "nom", "name", "tache", "task"),
    "owner": ("pilote", "porteur", "assignee"),
    "status": ("etat", "state"),
    "start": ("date de debut", "date debut", "start date"),
    "end": ("date de fin", "date fin", "echeance", "end date", "due date"),
    "cost": ("budget",),
}


def jalon_aliases() -> dict[str, set[str]]:
    """Each Jalon column by its name and its header in English and French."""
    aliases = {column: {normalise(column)} for column, _header in COLUMNS}
    aliases["description"] = {"description"}
    for language in ("en", "fr"):
        with translation.override(language):
            for column, header in COLUMNS:
                aliases[column].add(normalise(str(header)))
            aliases["description"].add(normalise(_("Description")))
    for column, names in OWN_HEADERS.items():
        aliases[column].update(names)
    return aliases


def detect_source(header: Iterable[str]) -> Source | None:
    names = {normalise(cell) for cell in header}
    if "card name" in names:
        return "trello"
    if "summary" in names and ({"issue key", "issue id", "status"} & names):
        return "jira"
    if "task id" in names or "section/column" in names:
        return "asana"
    jalon = jalon_aliases()
    if jalon["title"] & names:
        return "jalon"
    return None


HEADER_SEARCH = LINES_ABOVE_HEADER  # rows above the header a spreadsheet may have: a title, merged groups


def _recognised(cells: list[str], source: Source | None) -> bool:
    if source is None:
        return detect_source(cells) is not None
    aliases = jalon_aliases()["title"] if source == "jalon" else set(TOOL_COLUMNS[source]["title"])
    return any(normalise(cell) in aliases for cell in cells)


def header_row(header: list[str], rows: list[tuple[int, list[str]]], source: Source | None = None) -> Table:
    """The header and the rows below it: the first row when it names the columns, else the first of the
    next ``HEADER_SEARCH`` rows that does. A spreadsheet often has a title (« Plan marketing 2026 »), an
    empty row or a row of merged group names above its header, and the file was refused as "not an
    export" for it."""
    if _recognised(header, source):
        return header, rows
    for index, (_line, cells) in enumerate(rows[:HEADER_SEARCH]):
        if _recognised(cells, source):
            return [cell.strip() for cell in cells], rows[index + 1 :]
    return header, rows
