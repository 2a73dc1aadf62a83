"""The backlog as a spreadsheet: one row per activity, as CSV or XLSX.

CSV follows the reader's language so that a double click opens it right in their spreadsheet: French gets
``;`` between columns and a decimal comma (what Excel expects in France), English gets ``,`` and a decimal
point. Both start with a UTF-8 byte-order mark (Excel otherwise guesses the wrong encoding) and write dates
as ISO ``YYYY-MM-DD``, which every spreadsheet reads as a date. XLSX cells are typed: dates are dates,
amounts and scores are numbers. The same columns are what ``csv_import`` reads back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from jalon.accounts.models import User
from jalon.planning.models import Activity, Status, late_filter
from jalon.planning.queries import predecessors_in_order
from jalon.planning.timeline.reach import beyond, reach_of
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require_actor

# (column, header): the columns of the backlog, in order. Headers are translated; the importer accepts
# the column name and the header in either language.
COLUMNS: tuple[tuple[str, Promise], ...] = (
    ("key", gettext_lazy("Key")),
    ("title", gettext_lazy("Title")),
    ("theme", gettext_lazy("Thematic group")),
    ("objectives", gettext_lazy("Objectives")),
    ("owner", gettext_lazy("Owner")),
    ("status", gettext_lazy("Status")),
    ("start", gettext_lazy("Start")),
    ("end", gettext_lazy("End")),
    ("not_before", gettext_lazy("Not before")),
    ("must_finish_by", gettext_lazy("Must finish by")),
    ("effort_days", gettext_lazy("Effort (person-days)")),
    ("cost", gettext_lazy("Cost")),
    ("spent", gettext_lazy("Spent")),
    ("value", gettext_lazy("Expected value")),
    ("impact", gettext_lazy("Impact (1–5)")),
    ("feasibility", gettext_lazy("Feasibility (1–5)")),
    ("confidence", gettext_lazy("Confidence (%)")),
    ("dependencies", gettext_lazy("Dependencies")),
)
STATUS_LABELS: dict[str, Promise] = {
    Status.IDEA: pgettext_lazy("activity status", "Idea"),
    Status.PLANNED: pgettext_lazy("activity status", "Planned"),
    Status.IN_PROGRESS: pgettext_lazy("activity status", "In progress"),
    Status.DONE: pgettext_lazy("activity status", "Done"),
    Status.DROPPED: pgettext_lazy("activity status", "Dropped"),
}
MONEY_COLUMNS = frozenset({"cost", "spent"})
DATE_COLUMNS = frozenset({"start", "end", "not_before", "must_finish_by"})
NUMBER_COLUMNS = frozenset({"effort_days", "value", "impact", "feasibility", "confidence"}) | MONEY_COLUMNS
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
MAX_COLUMN_WIDTH = 60
# What makes a spreadsheet read a cell as a formula, and the full-width forms that some (Excel with an
# East Asian input method, LibreOffice) read the same way.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


Filters = Mapping[
    str, Sequence[str]
]  # the backlog page's filters (theme, owner, status, objective, late, reach)


def backlog_activities(roadmap: Roadmap, filters: Filters | None = None) -> QuerySet[Activity]:
    """The activities the backlog shows (with its filters), with what a row needs, in three queries
    whatever their number."""
    activities = roadmap.activities.select_related("theme", "owner").prefetch_related(
        "objectives",
        predecessors_in_order(),
    )
    filters = filters or {}
    if filters.get("theme"):
        activities = activities.filter(theme__key__in=filters["theme"])
    if filters.get("owner"):
        activities = activities.filter(owner__key__in=filters["owner"])
    if filters.get("status"):
        activities = activities.filter(status__in=filters["status"])
    if filters.get("objective"):
        activities = activities.filter(objectives__key__in=filters["objective"]).distinct()
    if filters.get("late"):  # the backlog's "late only": past their planned end today, not done
        activities = activities.filter(late_filter(timezone.localdate()))
    if filters.get("reach"):  # the backlog's "out of reach only"
        activities = activities.filter(beyond(reach_of(roadmap)))
    return activities


def dependency_text(key: str, lag_days: int) -> str:
    """``key`` when the successor may start the day after; ``key+3`` with a lag (``key+-2`` a lead)."""
    return key if lag_days == 0 else f"{key}+{lag_days}"


@dataclass(frozen=True)
class BacklogRow:
    """One activity as typed cells, keyed by column."""

    cells: dict[str, Any]


def backlog_rows(roadmap: Roadmap, filters: Filters | None = None) -> list[BacklogRow]:
    rows = []
    for activity in backlog_activities(roadmap, filters):
        rows.append(
            BacklogRow(
                {
                    "key": activity.key,
                    "title": activity.title,
                    "theme": activity.theme.name if activity.theme else "",
                    "objectives": ", ".join(o.key for o in activity.objectives.all()),
                    "owner": activity.owner.name if activity.owner else "",
                    "status": str(STATUS_LABELS.get(activity.status, activity.status)),
                    "start": activity.start,
                    "end": activity.end,
                    "not_before": activity.not_before,
                    "must_finish_by": activity.must_finish_by,
                    "effort_days": activity.effort_days,
                    "cost": activity.cost,
                    "spent": activity.spent,
                    "value": activity.value,
                    "impact": activity.impact,
                    "feasibility": activity.feasibility,
                    "confidence": activity.confidence,
                    "dependencies": ", ".join(
                        dependency_text(link.predecessor.key, link.lag_days)
                        for link in activity.predecessor_links.all()
                    ),
                }
            )
        )
    return rows


def _is_french() -> bool:
    return (get_language() or "fr").startswith("fr")


def _csv_number(value: float | Decimal, *, decimal_comma: bool) -> str:
    number = float(value)
    text = str(int(number)) if number.is_integer() else repr(round(number, 6))
    return text.replace(".", ",") if decimal_comma else text


def _csv_cell(column: str, value: Any, *, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if column in NUMBER_COLUMNS:
        return _csv_number(value, decimal_comma=decimal_comma)
    return escape_formula(str(value))


def escape_formula(text: str) -> str:
    """A text a spreadsheet would run as a formula (``=HYPERLINK(…)``) gets a leading apostrophe, which
    spreadsheets show as text; the importer removes it again. A text that already starts with
    apostrophes before a formula sign (a title typed ``'=1+1``) gets one more, so it comes back whole."""
    return f"'{text}" if text.lstrip("'")[:1] in FORMULA_STARTS else text


def unescape_formula(text: str) -> str:
    """The text ``escape_formula`` was given (exactly: ``unescape_formula(escape_formula(t)) == t``)."""
    return text[1:] if text[:1] == "'" and text[1:].lstrip("'")[:1] in FORMULA_STARTS else text


def backlog_csv(*, actor: User | None, roadmap: Roadmap, filters: Filters | None = None) -> bytes:
    """The backlog as CSV in the active language's conventions (see the module's docstring)."""
    require_actor(actor, "view", roadmap.workspace)
    french = _is_french()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow([str(header) for _column, header in COLUMNS])
    for row in backlog_rows(roadmap, filters):
        writer.writerow(
            [_csv_cell(column, row.cells[column], decimal_comma=french) for column, _header in COLUMNS]
        )
    return buffer.getvalue().encode("utf-8-sig")


def _number_format(column: str, currency: str) -> str | None:
    if column in MONEY_COLUMNS:
        return f'#,##0.00 "{CURRENCY_SYMBOLS.get(currency, currency)}"'
    if column in DATE_COLUMNS:
        return "DD/MM/YYYY" if _is_french() else "YYYY-MM-DD"
    if column == "effort_days":
        return "0.0"
    return None


def _xlsx_value(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


def backlog_xlsx(*, actor: User | None, roadmap: Roadmap, filters: Filters | None = None) -> bytes:
    """The backlog as an XLSX workbook: a bold frozen header, typed cells, readable column widths."""
    require_actor(actor, "view", roadmap.workspace)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Backlog")[:31]
    headers = [str(header) for _column, header in COLUMNS]
    sheet.append(headers)
    widths = [len(header) for header in headers]
    for row in backlog_rows(roadmap, filters):
        values = [_xlsx_value(row.cells[column]) for column, _header in COLUMNS]
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl stores "=…" text as a formula: keep it text
                cell.data_type = "s"
        for index, value in enumerate(values):
            shown = 10 if isinstance(value, date) else len(str(value)) if value is not None else 0
            widths[index] = max(widths[index], shown)
    bold = Font(bold=True)
    for index, (column, _header) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = bold
        sheet[f"{letter}1"].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = min(MAX_COLUMN_WIDTH, widths[index - 1] + 2)
        number_format = _number_format(column, roadmap.currency)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
