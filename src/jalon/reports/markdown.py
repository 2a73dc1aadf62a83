"""The report as Markdown, for wikis and pull requests.

User texts are escaped: Markdown and HTML marks in a title stay visible characters (a ``|`` does not split
a table cell, a ``<script>`` is not a tag once a wiki renders the page).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jalon.formatting import format_long_date, format_number, format_quantity, labelled
from jalon.reports import pressure_words as words
from jalon.reports.framing_model import AnimationCalendar, PressureCheck, persona_figures
from jalon.reports.model import MilestoneRow, Report

# The marks that mean something wherever they stand: emphasis, code, links, HTML, table cells, strikethrough.
SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# "&" only matters where it starts a character reference (``&amp;``, ``&#38;``): "R&D" is left alone.
REFERENCE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)")
# "#" opens a heading at the start of a line and closes one after a space; "C#" is left alone.
HASH = re.compile(r"(?:^|(?<=\s))#")
# A list item at the start of a line ("- ", "+ ", "1. ", "1) ").
LIST_MARK = re.compile(r"^([-+]|[0-9]+[.)])(?=\s|$)")
# White space folded onto one line; the no-break spaces (U+00A0, U+202F) are typography and stay.
BREAKING_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def md(text: str) -> str:
    """``text`` on one line, escaped where Markdown or HTML would read a mark, and only there (``R&D`` stays
    ``R&D``)."""
    text = SPECIAL.sub(r"\\\1", BREAKING_SPACES.sub(" ", text).strip())
    text = HASH.sub(r"\\#", REFERENCE.sub(r"\\&", text))
    return LIST_MARK.sub(lambda mark: mark[1][:-1] + "\\" + mark[1][-1], text)


def _day(day: date | None) -> str:
    """A date in a sentence: long (« 31 janvier 2027 »)."""
    return format_long_date(day) if day else "—"


def _cell_day(day: date | None) -> str:
    """A date in a table's cell: short (« 31/01/2027 », « 31 Jan 2027 »), as the PDF writes it."""
    return date_format(day, "SHORT_DATE_FORMAT") if day else "—"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str = "") -> list[str]:
    """A table of ``rows``; with none, the sentence ``empty`` (as the PDF says it), not headers alone."""
    if not rows and empty:
        return [empty, ""]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def report_markdown(report: Report) -> str:
    with translation.override(report.options.language):
        out = [f"# {md(report.title)}", ""]
        out.append(
            _("{workspace} · from {start} to {end} · version {version} · issued on {day}").format(
                workspace=md(report.workspace), start=_day(report.start), end=_day(report.end),
                version=report.version, day=_day(report.generated_on),
            )
        )  # fmt: skip
        if report.archived_on:
            archived = _("archived on %(day)s") % {"day": _day(report.archived_on)}
            out += ["", f"**{_('Archived roadmap')}** · {archived}"]
        out.append("")
        for key, title in report.sections:
            out += [f"## {md(title)}", ""]
            out += SECTION_WRITERS[key](report)
        return "\n".join(out).rstrip() + "\n"


def _vision(report: Report) -> list[str]:
    return [f"> {md(report.vision)}" if report.vision else _("No vision statement yet."), ""]


def _smart(report: Report) -> list[str]:
    rows = [
        (
            ("↳ " if o.depth else "") + md(o.title),
            md(o.metric) + (f" → {format_quantity(o.target, o.unit)}" if o.target is not None else ""),
            _cell_day(o.deadline),
            " ".join(
                [f"{'✓' if v.ok else '?' if v.ok is None else '✗'} {v.label}" for v in o.verdicts]
                + [f"⚠ {md(warning)}" for warning in o.warnings]
            ),
        )
        for o in report.objectives
    ]
    headers = (_("Objective"), _("Measure"), _("Deadline"), _("Coach's verdicts"))
    return _table(headers, rows, _("No objective yet."))


def _objectives(report: Report) -> list[str]:
    out: list[str] = []
    for o in report.objectives:
        out += [f"### {md(o.title)}", "", _("Status: {health}").format(health=o.health), ""]
        for kpi in o.kpis:
            last = kpi.points[-1] if kpi.points else None
            value = (
                _("{value} on {day}").format(value=format_quantity(last[1], kpi.unit), day=_day(last[0]))
                if last else _("No measurement yet.")
            )  # fmt: skip
            target = format_quantity(kpi.target, kpi.unit) if kpi.target is not None else (kpi.band or "—")
            out.append("- " + labelled(md(kpi.name), f"{value} ({_('target')} {target})"))
        if not o.kpis:
            out.append(_("No KPI tracks this objective yet."))
        out.append("")
    return out or [_("No objective yet."), ""]


def _chains(report: Report) -> list[str]:
    out: list[str] = []
    for o in report.objectives:
        if o.chains:
            out.append(f"- {md(o.title)}")
            for chain in o.chains:
                out.append(f"  - {md(chain.strategy)}")
                out += [f"    - {md(tactic)}" for tactic in chain.tactics]
    return [*out, ""] if out else [_("No strategy yet."), ""]


def _timeline(report: Report) -> list[str]:
    rows = [(md(b.name), _cell_day(b.start), _cell_day(b.end), md(b.note)) for b in report.bands]
    table = _table(
        (_("Thematic group"), _("Start"), _("End"), _("Activities")), rows, _("No dated activity yet.")
    )
    # The months without activity, in the PDF's words where its timeline leaves them out (``report.quiet``)
    quiet = [f"*{md(stretch.note)}*" for stretch in report.quiet]
    notes = [md(note) for note in (report.late_note, report.undated_note, report.out_of_reach_note) if note]
    return [*table, *(line for note in (*quiet, *notes) for line in (note, ""))]


def _budget(report: Report) -> list[str]:
    def money(amount: Decimal) -> str:
        return format_quantity(float(amount), report.currency)

    rows = [
        (
            report.over_by(md(line.name), line.overrun),
            money(line.planned),
            money(line.committed),
            money(line.spent),
        )
        for line in report.budget
    ]
    rows.append((report.over_by(_("Total"), report.overrun), money(report.planned), money(report.committed),
                 money(report.spent)))  # fmt: skip
    return _table((_("Thematic group"), _("Planned"), _("Committed"), _("Spent")), rows)


def _milestones(report: Report) -> list[str]:
    """The PDF's table: each milestone's day, title and status (reached on its day, missed, to come)."""
    rows = [(_cell_day(m.date), md(m.title), _milestone_status(m)) for m in report.milestones]
    return _table((_("Date"), _("Milestone"), _("Status")), rows, _("No milestone yet."))


def _milestone_status(milestone: MilestoneRow) -> str:
    if milestone.reached_on:
        return _("reached on %(day)s") % {"day": _cell_day(milestone.reached_on)}
    return _("missed") if milestone.missed else _("to come")


def _activities(report: Report) -> list[str]:
    rows = [
        (
            md(a.title),
            md(a.theme) or "—",
            md(a.owner) or "—",
            f"{a.status_label} ({_('late')})" if a.late else a.status_label,
            _cell_day(a.start),
            _cell_day(a.end),
        )
        for a in report.activities
    ]
    headers = (_("Activity"), _("Thematic group"), _("Owner"), _("Status"), _("Start"), _("End"))
    return _table(headers, rows, _("No activity yet."))


def _workload(report: Report) -> list[str]:
    rows = [
        (md(w.name), format_number(w.capacity_hours_per_week), format_number(w.overloaded_weeks),
         format_number(w.excess_hours))
        for w in report.workload
    ]  # fmt: skip
    headers = (
        _("Team member"),
        _("Capacity (hours per week)"),
        _("Overloaded weeks"),
        _("Hours over capacity"),
    )
    return _table(headers, rows, _("No team member yet."))


def _risks(report: Report) -> list[str]:
    rows = [
        (str(r.number), md(r.title), f"{r.level_label} ({r.probability} × {r.impact})", md(r.owner) or "—",
         md(r.contingency) or r.missing_plan, md(r.status))
        for r in report.risks
    ]  # fmt: skip
    headers = ("#", _("Risk"), _("Level"), _("Owner"), _("Contingency plan"), _("Status"))
    return _table(headers, rows, _("No risk yet."))


def _communication(report: Report) -> list[str]:
    rows = [
        (c.audience, md(c.message), md(c.channel), c.frequency, md(c.owner) or "—", _cell_day(c.next_date))
        for c in report.communications
    ]
    headers = (_("Audience"), _("Message"), _("Channel"), _("Frequency"), _("Owner"), _("Next date"))
    return _table(headers, rows, _("No communication planned yet."))


def _review(report: Report) -> list[str]:
    review = report.review
    if review is None:
        return [_("No quarterly review yet."), ""]
    out = [f"### {md(review.title)} — {_day(review.held_on)}", ""]
    if review.objectives:
        rows = [[md(cell) for cell in row] for row in review.objectives]
        out += _table((_("Objective"), _("Target"), _("Latest value"), _("Odds of reaching it")), rows)
    if review.decisions:
        out += [
            f"**{_('Decisions')}**",
            "",
            *(f"- {md(line)}" for line in review.decisions.splitlines() if line.strip()),
            "",
        ]
    return out


def _framing(report: Report) -> list[str]:
    framing = report.framing
    if framing is None:
        return []
    out: list[str] = []
    kickoff = (
        (_("Stakes"), framing.stakes),
        (_("Scope"), framing.scope),
        (_("Objectives"), framing.objectives),
    )
    for label, text in kickoff:
        if text:  # « **Enjeux** : … », as the PDF sets the label apart from its text
            out += [labelled(f"**{label}**", md(text)), ""]
    if framing.workshops:
        out += [f"### {_('Workshop calendar')}", ""]
        rows = [
            [md(capfirst(w.kind)), _cell_day(w.day), md(w.place) or "—", md(w.participants) or "—",
             md(w.status), md(w.deliverable) or "—"]
            for w in framing.workshops
        ]  # fmt: skip
        named = (
            _("Workshop"),
            _("Date"),
            _("Place or link"),
            _("Participants"),
            _("Status"),
            _("Deliverable"),
        )
        out += _table(named, rows)
    out += [f"### {_('Personas')}", ""]
    headers = [_("Persona"), _("Customers"), _("Share of revenue"), _("Average basket"),
               _("Orders per customer"), _("Mean recency")]  # fmt: skip
    rows = []
    for card in framing.personas:
        figures = [value for _label, value in persona_figures(card, report.currency)]
        rows.append([md(card.name), *(figures or ["—"] * (len(headers) - 1))])
    out += _table(headers, rows, _("No persona yet."))
    if framing.journeys:
        out += [f"### {_('Experience maps')}", ""]
    for journey in framing.journeys:
        out += [f"#### {md(journey.persona)}", ""]
        rows = [
            [
                md(s.name),
                md(s.touchpoint) or "—",
                f"{s.feels:+d}",
                md(s.pains) or "—",
                md(s.opportunities) or "—",
            ]
            for s in journey.steps
        ]
        out += _table((_("Step"), _("Touchpoint"), _("Feels"), _("Pain points"), _("Opportunities")), rows)
    if framing.prototypes:
        out += [f"### {_('Prototypes')}", ""]
        rows = [
            [f"{md(p.title)} ({md(p.file_name)})", md(capfirst(p.workshop)) or "—", md(p.status),
             md(p.comments) or "—"]
            for p in framing.prototypes
        ]  # fmt: skip
        out += _table((_("Title"), _("Workshop"), _("Status"), _("Comments")), rows)
    if framing.actions:
        out += [f"### {_('Animation plan')}", ""]
        rows = [
            [md(a.what), md(a.audience), a.channel, md(a.when), md(a.owner) or "—",
             format_quantity(a.cost, report.currency, decimals=0)]
            for a in framing.actions
        ]  # fmt: skip
        plan_headers = (_("Action"), _("For"), _("Channel"), _("When and how often"), _("Owner"), _("Cost"))
        out += _table(plan_headers, rows)
    calendar = framing.calendar
    if calendar is not None:
        out += [f"### {_('Animation calendar')}", "", _calendar_words(calendar), ""]
        table = calendar.table_rows()  # the PDF's and the deck's words, their totals row too
        out += _table(table[0], [[md(cell) for cell in row] for row in table[1:]])
        if calendar.on_event:
            out += [_("Sent on an event, without a date of their own:"), ""]
            out += [*(f"- {md(action)}" for action in calendar.on_event), ""]
        if calendar.pressure is not None:
            out += _pressure(calendar.pressure)
    for vote in framing.votes:
        out += [f"### {_('Vote: {question}').format(question=md(vote.title))}", ""]
        rows = [[md(v.title), str(v.points), str(v.voters), md(v.objective) or "—"] for v in vote.lines]
        out += _table((_("Proposal"), _("Points"), _("Voters"), _("Became the objective")), rows)
    return out


def _calendar_words(calendar: AnimationCalendar) -> str:
    """The line above the calendar's table, as the PDF words it: its contacts and the ceiling."""
    contacts = ngettext(
        "%(contacts)s dated contact over the plan year, per month and channel.",
        "%(contacts)s dated contacts over the plan year, per month and channel.",
        calendar.total,
    ) % {"contacts": format_number(calendar.total, decimals=0)}
    ceiling = ngettext(
        "Ceiling: %(ceiling)s contact per customer per week.",
        "Ceiling: %(ceiling)s contacts per customer per week.",
        calendar.ceiling_per_week,
    ) % {"ceiling": format_number(calendar.ceiling_per_week, decimals=0)}
    return f"{contacts} {ceiling}"


def _pressure(pressure: PressureCheck) -> list[str]:
    """The marketing-pressure check as the PDF prints it: the summary lines, then the worst weeks (at most
    ``collect_framing.PRESSURE_WEEKS_PRINTED``) under their personas, each named once, and how many more the
    animation plan's page holds, their actions cited by their keys (``A1, A3 ×2``), then the key, which names
    each action once."""
    numbered = enumerate(pressure.lines, start=1)
    lines = [
        [md(cell) for cell in words.line_cells(n, line, _cell_day, keyed=pressure)] for n, line in numbered
    ]
    out = [f"#### {_('Segments over the ceiling')}", "", *_table(words.line_headers(pressure), lines)]
    out += [f"#### {words.weeks_heading(pressure)}", ""]
    for persona, weeks in words.by_persona(pressure.weeks):  # the persona once, above its weeks
        rows = [[md(cell) for cell in words.week_cells(week, _cell_day, keyed=pressure)] for week in weeks]
        out += [f"**{words.persona_words(md(persona))}**", "", *_table(words.week_headers(), rows)]
    if pressure.more:
        out += [f"*{md(words.more_words(pressure))}*", ""]
    key = [[key, md(action)] for key, action in pressure.keyed_actions]
    return [*out, f"#### {words.key_heading()}", "", *_table(words.key_headers(), key)]


SECTION_WRITERS = {
    "vision": _vision, "smart": _smart, "objectives": _objectives, "chains": _chains, "timeline": _timeline,
    "budget": _budget, "milestones": _milestones, "activities": _activities, "workload": _workload,
    "risks": _risks, "communication": _communication, "review": _review, "framing": _framing,
}  # fmt: skip
