"""The framing in the deck, as native shapes and tables: the kick-off, the personas as cards with their RFM
figures, each experience map drawn with shapes (a circle per step on the emotion band, joined by lines),
the animation plan's actions and its calendar as a month × channel table, the marketing-pressure check
(``slides_pressure``), and the vote results. The texts that do not fit go to the speaker notes."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide
from pptx.util import Inches, Pt

from jalon.formatting import format_long_date, format_quantity, labelled
from jalon.reports.framing_model import (
    AnimationCalendar,
    FramingBlock,
    JourneyMap,
    PersonaCard,
    PlanActionRow,
    PrototypeRow,
    VoteResult,
    WorkshopRow,
    persona_figures,
)
from jalon.reports.model import Report
from jalon.reports.slide_parts import (
    ACCENT,
    GRID,
    INK,
    MARGIN,
    MUTED,
    WIDTH,
    paged,
    short,
    table,
    text_box,
    titled_slide,
)
from jalon.reports.slides_pressure import pressure_slides

PERSONAS_PER_SLIDE = 3
ACTIONS_PER_SLIDE = 10
CARD_FILL = RGBColor(0xEE, 0xF2, 0xFF)
FEELS = {1: RGBColor(0x16, 0xA3, 0x4A), 0: RGBColor(0x6B, 0x72, 0x80), -1: RGBColor(0xDC, 0x26, 0x26)}


# The longest persona name a card's heading (two lines of 18 pt) and a slide's title (one line) show whole.
CARD_NAME, TITLE_NAME = 44, 60


def framing_slides(deck: Presentation, report: Report, framing: FramingBlock) -> None:
    _kickoff(deck, framing)
    if framing.workshops:
        _workshops(deck, framing.workshops)
    # a section over several slides numbers them, *Personae (1/2)*, as the timeline's and the pressure's do
    for cards, title in paged(framing.personas, PERSONAS_PER_SLIDE, _("Personas")):
        _personas(deck, report, cards, title)
    for journey in framing.journeys:
        _journey(deck, journey)
    if framing.prototypes:
        _prototypes(deck, framing.prototypes)
    for actions, title in paged(framing.actions, ACTIONS_PER_SLIDE, _("Animation plan")):
        _plan(deck, report, actions, title)
    if framing.calendar is not None:
        _calendar(deck, framing.calendar)
        if framing.calendar.pressure is not None:
            pressure_slides(deck, framing.calendar.pressure)
    for vote in framing.votes:
        _vote(deck, vote)


def _kickoff(deck: Presentation, framing: FramingBlock) -> None:
    parts = [
        (_("Stakes"), framing.stakes),
        (_("Scope"), framing.scope),
        (_("Objectives"), framing.objectives),
    ]
    lines: list[tuple[str, int, bool]] = []
    for label, text in parts:
        if text:
            lines += [(label, 16, True), (text, 16, False)]
    if framing.orders_file and framing.orders_as_of:
        lines.append((ngettext("Figures from {file}: {customers} customer, recency counted to {day}.",
                               "Figures from {file}: {customers} customers, recency counted to {day}.",
                               framing.orders_customers).format(
            file=framing.orders_file, customers=framing.orders_customers,
            day=format_long_date(framing.orders_as_of)), 12, False))  # fmt: skip
    slide = titled_slide(deck, _("Framing"))
    if not lines:  # the kick-off is not written; the personas, if any, follow on their own slides
        empty = _("No persona yet.") if not framing.personas else _("The kick-off is not written yet.")
        lines = [(empty, 16, False)]
    text_box(slide, lines, left=MARGIN, top=Inches(1.4), width=WIDTH - 2 * MARGIN, height=Inches(5.6))


def _personas(deck: Presentation, report: Report, cards: Sequence[PersonaCard], title: str) -> None:
    notes = []
    for card in cards:
        notes.append(card.name)
        notes += [labelled(label, text) for label, text in (
            (_("Needs"), card.needs), (_("Expectations"), card.expectations),
            (_("Frustrations"), card.frustrations), (_("Strengths and levers"), card.levers),
        ) if text]  # fmt: skip
    slide = titled_slide(deck, title, notes="\n".join(notes))
    gap = Inches(0.3)
    width = (WIDTH - 2 * MARGIN - gap * (PERSONAS_PER_SLIDE - 1)) // PERSONAS_PER_SLIDE
    for index, card in enumerate(cards):
        left = MARGIN + index * (width + gap)
        _card(slide, report, card, left=left, width=width)


def _card(slide: Slide, report: Report, card: PersonaCard, *, left: int, width: int) -> None:
    top, inner = Inches(1.4), Inches(0.15)
    figures = persona_figures(card, report.currency)
    words = [
        (f"«\u00a0{card.quote}\u00a0»" if report.options.language == "fr" else f"“{card.quote}”", 11, False)
    ]
    words = words if card.quote else []
    words += [(short(text, 160), 10, False) for text in (card.needs, card.frustrations) if text]
    figures_height = Inches(0.32) * len(figures) + Inches(0.2) if figures else 0
    height = Inches(5.7) if words else Inches(1.1) + figures_height
    box = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, height)
    box.name = labelled(_("Persona"), card.name)[:250]  # the selection pane's name
    box.adjustments[0] = 0.04
    box.fill.solid()
    box.fill.fore_color.rgb = CARD_FILL
    box.line.color.rgb = GRID
    heading = [(short(card.name, CARD_NAME), 18, True)]  # two lines at most; the notes hold it whole
    if card.segment and card.segment != card.name:
        heading.append((short(card.segment, 50), 11, False))
    text_box(slide, heading, left=left + inner, top=top + inner, width=width - 2 * inner, height=Inches(0.8))
    y = top + Inches(1.0)
    if figures:
        widths = ((width - 2 * inner) / Inches(1) * 0.58, (width - 2 * inner) / Inches(1) * 0.42)
        table(slide, figures, left=left + inner, top=y, widths=widths, row_height=0.32, size=10, header=False)
        y += figures_height
    if words:
        text_box(
            slide, words, left=left + inner, top=y, width=width - 2 * inner, height=top + Inches(5.6) - y
        )


def _journey(deck: Presentation, journey: JourneyMap) -> None:
    notes = [
        labelled(f"{step.name} ({step.touchpoint or '—'} · {step.kind})", f"{step.feels:+d}")
        + "".join(f" — {text}" for text in (step.pains, step.opportunities) if text)
        for step in journey.steps
    ]
    title = _("Experience map: {name}").format(name=short(journey.persona, TITLE_NAME))
    slide = titled_slide(deck, title, notes="\n".join([journey.persona, *notes]))
    left, right = MARGIN + Inches(0.6), WIDTH - MARGIN
    band_top, band = Inches(2.6), Inches(2.6)
    for score in (2, 0, -2):
        y = band_top + int(band * (2 - score) / 4)
        line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, left, y, right, y)
        line.line.color.rgb = GRID
        text_box(slide, [(f"{score:+d}" if score else "0", 10, False)], left=MARGIN, top=y - Inches(0.2),
                 width=Inches(0.5), height=Inches(0.3))  # fmt: skip
    column = (right - left) // max(len(journey.steps), 1)
    size = Inches(0.26)
    centres: list[tuple[int, int]] = []
    for index, step in enumerate(journey.steps):
        x = left + column * index + column // 2
        y = band_top + int(band * (2 - step.feels) / 4)
        centres.append((x, y))
        heading = [(short(step.name, 40), 12, True), (short(step.touchpoint or step.kind, 40), 9, False)]
        text_box(slide, heading, left=x - column // 2, top=Inches(1.35), width=column, height=Inches(0.9))
        below = [(("⚠ " + short(step.pains.splitlines()[0], 60)), 9, False)] if step.pains else []
        if step.opportunities:
            below.append(("→ " + short(step.opportunities.splitlines()[0], 60), 9, False))
        if below:
            text_box(slide, below, left=x - column // 2, top=band_top + band + Inches(0.3), width=column,
                     height=Inches(1.4))  # fmt: skip
    for (x1, y1), (x2, y2) in pairwise(centres):
        link = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x1, y1, x2, y2)
        link.line.color.rgb, link.line.width = ACCENT, Pt(2)
    for (x, y), step in zip(centres, journey.steps, strict=True):
        dot = slide.shapes.add_shape(MSO_SHAPE.OVAL, x - size // 2, y - size // 2, size, size)
        dot.fill.solid()
        dot.fill.fore_color.rgb = FEELS[(step.feels > 0) - (step.feels < 0)]
        dot.line.fill.background()


def _calendar(deck: Presentation, calendar: AnimationCalendar) -> None:
    ceiling = calendar.ceiling_per_week
    notes = [
        ngettext(
            "Ceiling: {ceiling} contact per customer per week.",
            "Ceiling: {ceiling} contacts per customer per week.",
            ceiling,
        ).format(ceiling=ceiling)
    ]
    if calendar.on_event:
        notes += [_("Sent on an event, without a date of their own:"), *calendar.on_event]
    slide = titled_slide(deck, _("Animation calendar"), notes="\n".join(notes))
    rows = calendar.table_rows()  # the PDF's and the Markdown's words
    first = 2.2
    rest = ((WIDTH - 2 * MARGIN) / Inches(1) - first) / (len(calendar.channels) + 2)
    table(slide, rows, left=MARGIN, top=Inches(1.3), widths=(first, *[rest] * (len(calendar.channels) + 2)),
          row_height=0.36, size=10)  # fmt: skip
    for line, month in enumerate(calendar.months, start=1):
        if month.overloaded_weeks:
            _mark_row(slide, line)


def _mark_row(slide: Slide, line: int) -> None:
    """The month's row of the calendar table in red: a week in it sends more than the ceiling."""
    grid = next(shape for shape in slide.shapes if shape.has_table).table
    for cell in grid.rows[line].cells:
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor(0xFE, 0xE2, 0xE2)
        for paragraph in cell.text_frame.paragraphs:
            paragraph.font.color.rgb = RGBColor(0x99, 0x1B, 0x1B)


def _workshops(deck: Presentation, workshops: Sequence[WorkshopRow]) -> None:
    """The workshop calendar as a native table, with the PDF's and the Markdown's columns: when, where, who
    attends, its status, with what deliverable (the place was left out); a cut place whole in the notes."""
    notes = [labelled(capfirst(w.kind), w.place) for w in workshops[:12] if len(w.place) > 60]
    slide = titled_slide(deck, _("Workshop calendar"), notes="\n".join(notes))
    rows = [(_("Workshop"), _("Date"), _("Place or link"), _("Participants"), _("Status"), _("Deliverable"))]
    for w in workshops[:12]:
        day = date_format(w.day, "SHORT_DATE_FORMAT") if w.day else "—"  # a table's cell: short, as the PDF
        rows.append((capfirst(w.kind), day, short(w.place, 60) or "—", short(w.participants, 60) or "—",
                     w.status, short(w.deliverable, 50) or "—"))  # fmt: skip
    table(slide, rows, left=MARGIN, top=Inches(1.3), widths=(2.2, 1.6, 2.5, 2.6, 1.5, 1.93), size=11)


def _plan(deck: Presentation, report: Report, actions: Sequence[PlanActionRow], title: str) -> None:
    """The animation plan's actions as a native table: what, for whom, on which channel, when and how often,
    by whom; each whole, with its cost, in the speaker notes."""
    notes = "\n".join(
        f"{a.what} · {a.audience} · {a.channel} · {a.when} · {a.owner or '—'} · "
        f"{format_quantity(a.cost, report.currency, decimals=0)}"
        for a in actions
    )
    slide = titled_slide(deck, title, notes=notes)
    rows = [(_("Action"), _("For"), _("Channel"), _("When and how often"), _("Owner"))]
    rows += [
        (short(a.what, 80), short(a.audience, 60), a.channel, short(a.when, 70), short(a.owner, 30) or "—")
        for a in actions
    ]
    table(slide, rows, left=MARGIN, top=Inches(1.3), widths=(3.8, 2.7, 1.4, 3.0, 1.43), size=11)


def _prototypes(deck: Presentation, prototypes: Sequence[PrototypeRow]) -> None:
    """The prototypes shown at the workshops as a native table; every comment in the speaker notes."""
    notes = "\n".join(f"{p.title} ({p.file_name}): {p.comments}" for p in prototypes if p.comments)
    slide = titled_slide(deck, _("Prototypes"), notes=notes)
    rows = [(_("Title"), _("Workshop"), _("Status"), _("Comments"))]
    rows += [
        (p.title, capfirst(p.workshop) or "—", p.status, short(p.comments, 90) or "—")
        for p in prototypes[:12]
    ]
    table(slide, rows, left=MARGIN, top=Inches(1.3), widths=(3.6, 2.6, 1.6, 4.53), size=12)


def _vote(deck: Presentation, vote: VoteResult) -> None:
    state = pgettext("vote", "Closed") if vote.closed else pgettext("vote", "Open")
    ballots = ngettext("{count} ballot", "{count} ballots", vote.ballots).format(count=vote.ballots)
    points = ngettext("{count} point per person", "{count} points per person", vote.points_per_person)
    summary = f"{state[:1].upper()}{state[1:]} · {ballots} · {points.format(count=vote.points_per_person)}"
    notes = "\n".join(labelled(line.title, f"{line.points} ({line.voters})") for line in vote.lines)
    slide = titled_slide(deck, _("Vote: {question}").format(question=short(vote.title, 70)), notes=notes)
    box = slide.shapes.add_textbox(MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(0.4))
    box.text_frame.text = summary
    box.text_frame.paragraphs[0].font.size, box.text_frame.paragraphs[0].font.color.rgb = Pt(12), MUTED
    rows = [(_("Proposal"), _("Points"), _("Voters"), _("Became the objective"))]
    rows += [
        (line.title, str(line.points), str(line.voters), line.objective or "—") for line in vote.lines[:12]
    ]
    table(slide, rows, left=MARGIN, top=Inches(1.8), widths=(5.6, 1.3, 1.3, 4.13), size=12)
    leader = slide.shapes.add_textbox(MARGIN, Inches(1.8) + Inches(0.4) * len(rows) + Inches(0.2),
                                      WIDTH - 2 * MARGIN, Inches(0.4))  # fmt: skip
    if vote.lines and vote.lines[0].points:
        leader.text_frame.text = _("Most points: {title}").format(title=vote.lines[0].title)
        paragraph = leader.text_frame.paragraphs[0]
        paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(14), True, INK
        paragraph.alignment = PP_ALIGN.LEFT
