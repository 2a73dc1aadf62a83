"""The SMART table (a sub-objective's title indented, its parent named), the KPIs and the framing's animation
plan as an XLSX workbook: typed cells, a bold frozen header, and every text that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab, carriage return and their full-width cousins) kept as text by the
backlog export's escaping."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jalon.documents.backlog_export import escape_formula
from jalon.reports.framing_model import PlanActionRow
from jalon.reports.model import Report, objective_tree

MAX_WIDTH = 60
ODDS_COLUMN = 12  # the SMART sheet's "Odds of reaching it", after the status


def _cell(value: Any) -> Any:
    return escape_formula(value) if isinstance(value, str) else value


def _sheet(
    sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Any]], dates: Sequence[int]
) -> None:
    sheet.append([_cell(h) for h in headers])
    widths = [len(h) for h in headers]
    for row in rows:
        sheet.append([_cell(value) for value in row])
        for index, value in enumerate(row):
            widths[index] = max(widths[index], min(len(str(value)) if value is not None else 0, MAX_WIDTH))
    bold = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = bold
        sheet[f"{letter}1"].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = width + 2
    for column in dates:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "DD/MM/YYYY" if translation.get_language() == "fr" else "YYYY-MM-DD"
    sheet.freeze_panes = "A2"


def _verdict(ok: bool | None) -> str:
    return _("yes") if ok else _("cannot judge") if ok is None else _("no")


def report_xlsx(report: Report) -> bytes:
    with translation.override(report.options.language):
        workbook = Workbook()
        smart = workbook.active
        smart.title = _("SMART objectives")[:31]
        criteria = [v.label for v in report.objectives[0].verdicts] if report.objectives else []
        headers = [_("Key"), _("Objective"), _("Parent objective"), _("What is specific"), _("Metric"),
                   _("Unit"), _("Baseline"), _("Target"), _("Deadline"), _("Owner"), _("Status"),
                   _("Odds of reaching it"), *criteria]  # fmt: skip
        rows = [
            [o.key, o.title, parent.title if parent else None, o.specific, o.metric, o.unit, o.baseline,
             o.target, o.deadline, o.owner, o.health, o.odds, *(_verdict(v.ok) for v in o.verdicts)]
            for o, parent, _children in objective_tree(report.objectives)
        ]  # fmt: skip
        _sheet(smart, headers, rows, dates=[9])
        for (cell,) in smart.iter_rows(min_row=2, min_col=ODDS_COLUMN, max_col=ODDS_COLUMN):
            cell.number_format = "0%"  # a share, shown as the pages round it (Excel puts its own space)
        for objective, (cell,) in zip(
            report.objectives, smart.iter_rows(min_row=2, min_col=2, max_col=2), strict=True
        ):  # a sub-objective's title set in under its parent's, as the SMART table shows it
            cell.alignment = Alignment(indent=2 * objective.depth, vertical="top")
        kpis = workbook.create_sheet(capfirst(_("KPIs"))[:31])  # « Indicateurs clés (KPI) », as a title
        rows = [
            [kpi.key, kpi.name, o.title, kpi.unit, kpi.frequency, kpi.band or kpi.target, day, value]
            for o in report.objectives
            for kpi in o.kpis
            for day, value in (kpi.points or ((None, None),))
        ]
        headers = [_("Key"), capfirst(_("KPI")), _("Objective"), _("Unit"), _("Tracking frequency"),
                   _("Target"), _("Date"), _("Value")]  # fmt: skip
        _sheet(kpis, headers, rows, dates=[7])
        if report.framing is not None and report.framing.actions:
            _plan_sheet(workbook.create_sheet(_("Animation plan")[:31]), report.framing.actions)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _plan_sheet(sheet: Worksheet, actions: Sequence[PlanActionRow]) -> None:
    """The animation plan as the workshop writes it: one row per action, for whom, on which channel, with
    which content and how often (its window's days are dates, its cost a number)."""
    headers = [capfirst(name) for name in (
        _("action and content"), _("persona"), _("lifecycle stage"), _("channel"), _("how often"),
        _("trigger event"), _("delay after the event (days)"), _("from"), _("to"), _("owner"), _("cost"),
    )]  # fmt: skip
    rows = [
        [a.what, a.persona or _("every persona"), a.stage or _("every stage"), a.channel,
         capfirst(a.frequency), a.trigger, a.delay_days if a.trigger else None, a.start, a.end, a.owner,
         a.cost]
        for a in actions
    ]  # fmt: skip
    _sheet(sheet, headers, rows, dates=[8, 9])
