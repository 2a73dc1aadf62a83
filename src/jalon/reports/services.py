"""Use case: a roadmap as a document file, for anyone who may read the roadmap."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from jalon.accounts.models import User
from jalon.reports.collect import collect_report
from jalon.reports.model import Report
from jalon.reports.options import Format, ReportOptions
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require_actor

CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "md": "text/markdown; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

FORMAT_SECTIONS: dict[str, tuple[str, ...]] = {
    "ics": ("milestones", "activities", "framing"),  # the framing for its workshops
    "xlsx": ("smart", "framing"),  # the framing for its animation plan's sheet
}


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    content_type: str
    filename: str


def render_report(
    *, actor: User | None, roadmap: Roadmap, fmt: Format, options: ReportOptions, today: date | None = None
) -> ReportFile:
    """The roadmap as a ``fmt`` file with ``options``; a viewer or stakeholder may export what they read."""
    require_actor(actor, "view", roadmap.workspace)
    if fmt in FORMAT_SECTIONS:  # a calendar or a workbook holds the same sections whatever the choice
        options = replace(options, sections=FORMAT_SECTIONS[fmt])
    report = collect_report(roadmap, options, today=today)
    return ReportFile(write(report, fmt), CONTENT_TYPES[fmt], f"{roadmap.slug}-{options.language}.{fmt}")


def write(report: Report, fmt: Format) -> bytes:
    """The collected ``report`` as a ``fmt`` file."""
    if fmt == "pdf":
        from jalon.reports.pdf import report_pdf

        return report_pdf(report)
    if fmt == "pptx":
        from jalon.reports.slides import report_pptx

        return report_pptx(report)
    if fmt == "md":
        from jalon.reports.markdown import report_markdown

        return report_markdown(report).encode("utf-8")
    if fmt == "ics":
        from jalon.reports.calendar_file import report_ics

        return report_ics(report)
    from jalon.reports.workbook import report_xlsx

    return report_xlsx(report)
