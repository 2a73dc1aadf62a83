"""How far from a roadmap's horizon its timelines reach, on the pages and in the documents alike.

An activity or a milestone may be dated from 1900 to 2200 (the forms accept that range): a typo's 1900 would
widen a timeline to three centuries and squeeze the plan to a line. Every timeline drawn from activity dates
shows the horizon and up to ``REACH_MONTHS`` either side of it (``reach_of``), draws what lies within it
(``in_sight``, ``in_reach``) and names the rest beside it (``out_of_reach_note``), so that nobody thinks it
forgotten.

An activity that runs past an edge of the reach (social media kept up from 2024 to 2028 on a 2026 plan) is
in sight: it is drawn, clipped at the edge of the chart, which it does not widen (the horizon, widened to
what lies wholly within the reach, ``within``), and the weeks of its part within the reach count on the
workload pages (``people.elsewhere.loaded``). Only an activity wholly beyond the reach is left out and
named.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import NamedTuple, Protocol

from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jalon import formatting
from jalon.engines.calendar import add_months
from jalon.planning.timeline.model import Bar, Chart, MilestoneMark
from jalon.strategy.models import Roadmap

REACH_MONTHS = 12
"""The timelines show the horizon and up to this many months either side of it (widened to the dated
activities and milestones within that reach); what lies farther is named beside them."""
NAMED_FAR = 10
"""The note names at most this many dates out of reach, then counts the others."""

BEYOND_FILTER = "reach=beyond"
"""The backlog's filter on the activities out of reach (``beyond``), as a query string."""

Reach = tuple[date, date]


class Horizon(Protocol):
    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


class Far(NamedTuple):
    """A milestone or an activity dated out of reach: its name, its (start) date and, on a page, where to
    fix it."""

    title: str
    day: date
    url: str = ""


def reach_of(roadmap: Horizon) -> Reach:
    """The dates the timelines may show: the horizon and up to ``REACH_MONTHS`` either side of it."""
    return add_months(roadmap.start, -REACH_MONTHS), add_months(roadmap.end, REACH_MONTHS)


def in_sight(start: date | None, end: date | None, reach: Reach) -> bool:
    """Whether an activity from ``start`` to ``end`` may be drawn: undated (it is listed as not scheduled,
    never drawn) or with at least one day within ``reach`` (the part beyond it is clipped); an activity
    wholly beyond ``reach`` is named instead."""
    return start is None or end is None or (start <= reach[1] and end >= reach[0])


def within(start: date, end: date, reach: Reach) -> bool:
    """Whether ``start..end`` lies wholly within ``reach``: what widens a chart (one running past the
    reach is clipped to the chart instead)."""
    return reach[0] <= start <= end <= reach[1]


def widening(bars: Iterable[Bar], reach: Reach) -> list[tuple[date, date]]:
    """The dates of the ``bars`` wholly ``within`` ``reach``: those that widen a chart beyond the horizon. A
    bar running past the reach (social media kept up for years) widens nothing, so that it does not stretch
    a six-month plan over the whole reach: the chart's edge clips it."""
    return [(b.start, b.end) for b in bars if b.start and b.end and within(b.start, b.end, reach)]


def clipped(start: date, end: date, reach: Reach) -> tuple[date, date]:
    """The part of ``start..end`` within ``reach`` (an activity ``in_sight``)."""
    return max(start, reach[0]), min(end, reach[1])


def beyond(reach: Reach) -> Q:
    """The activities ``in_sight`` does not let through, wholly beyond ``reach``, as a query filter
    (``start`` and ``end`` fields)."""
    return Q(start__isnull=False, end__isnull=False) & (Q(start__gt=reach[1]) | Q(end__lt=reach[0]))


def in_reach(chart: Chart, reach: Reach) -> Chart:
    """``chart`` with only the bars in sight of ``reach`` (``in_sight``: a bar running past its edge keeps
    its dates, the chart's frame clips it), the milestones within it, and the arrows between its bars."""
    low, high = reach
    bars = tuple(bar for bar in chart.bars if in_sight(bar.start, bar.end, reach))
    keys = {bar.key for bar in bars}
    return replace(
        chart,
        bars=bars,
        milestones=tuple(mark for mark in chart.milestones if low <= mark.date <= high),
        dependencies=tuple(link for link in chart.dependencies if link[0] in keys and link[1] in keys),
    )


def out_of_reach_note(
    far: Sequence[Far], *, links: bool = False, every: Sequence[tuple[str, str]] = (), weeks: bool = False
) -> str:
    """The sentence naming the milestones and activities in ``far`` (the first ``NAMED_FAR``, then how many
    more), empty when there is none. With ``links`` (a page), safe HTML where each name links to its
    ``url``, and when some are only counted, the ``every`` links (url, words) to pages listing them all;
    else plain text (a document). With ``weeks`` (a page counting weeks: the workload, a person's), it says
    they count in no week, rather than that they are not drawn."""
    if not far:
        return ""
    said = _("Too far from the horizon to be drawn on the timelines: {names}.")
    if weeks:
        said = _("Too far from the horizon to be counted in any week: {names}.")
    shown = [(f.url, f.title, formatting.format_long_date(f.day)) for f in far[:NAMED_FAR]]
    if links:
        said = format_html(said, names=format_html_join("; ", '<a href="{}">{}</a> ({})', shown))
    else:
        said = said.format(names="; ".join(f"{title} ({day})" for _url, title, day in shown))
    more = len(far) - NAMED_FAR
    if more > 0:
        counted = ngettext("And {count} more.", "And {count} more.", more).format(count=more)
        if links:
            said = format_html("{} {}", said, counted)
            for url, words in every:
                said = format_html('{} <a href="{}">{}</a>', said, url, words)
        else:
            said = f"{said} {counted}"
    return said


def far_note(roadmap: Roadmap, reach: Reach, marks: Iterable[MilestoneMark],
             activities: Iterable[tuple[str, str, date]], *, filters: str = "",
             weeks: bool = False) -> str:  # fmt: skip
    """The page's note naming the milestones and the activities (key, title, start) dated out of ``reach``,
    each linked to where its date can be corrected; empty when everything is within reach. Past the first
    ``NAMED_FAR``, the others are counted and reached through the backlog filtered on the activities out of
    reach (and on ``filters``, the page's own, as a query string), and the milestones' list when some
    milestones are among them: a link or two, whatever their number."""
    args = [roadmap.workspace.slug, roadmap.slug]
    listed = reverse("milestones", args=args)
    low, high = reach
    far = [Far(m.title, m.date, f"{listed}#item-{m.key}") for m in marks if not low <= m.date <= high]
    milestones = len(far)
    far += [Far(title, start, reverse("activity", args=[*args, key])) for key, title, start in activities]
    every = []
    if len(far) > milestones and len(far) > NAMED_FAR:
        backlog = f"{reverse('backlog', args=args)}?{BEYOND_FILTER}" + (f"&{filters}" if filters else "")
        every.append((backlog, _("See every activity out of reach in the backlog.")))
    if milestones > NAMED_FAR:
        every.append((listed, _("See every milestone in their list.")))
    return out_of_reach_note(far, links=True, every=every, weeks=weeks)
