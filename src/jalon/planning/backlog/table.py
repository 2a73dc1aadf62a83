"""The backlog table: its rows read as plain values in a fixed number of queries, its columns and sorting,
its scores (cost-benefit, impact × feasibility), and every row written once in Python (and memoised), so
that a 1,000-row table stays a light template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.formats import date_format, get_format
from django.utils.translation import get_language, gettext_lazy

from jalon.engines import scoring
from jalon.engines.memo import Memo
from jalon.formatting import format_number, format_quantity
from jalon.markup import escape
from jalon.planning import queries
from jalon.planning.models import Activity, Status, is_late, late_filter
from jalon.planning.timeline.reach import beyond, reach_of
from jalon.strategy.models import Roadmap

STATUS_ORDER = {status.value: n for n, status in enumerate(Status)}
LATE = gettext_lazy("late")
"""The badge of an activity past its planned end (``is_late``)."""

# Scores --------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def cost_benefit(cost: Decimal | float, value: float) -> float | None:
    """Expected value per unit of cost (the engine's convention: free with value is infinite);
    nothing to compare when neither is known."""
    if not cost and not value:
        return None
    return scoring.cost_benefit_ratio(value_eur=float(value), cost_eur=float(cost))


@lru_cache(maxsize=64)
def impact_feasibility(impact: int | None, feasibility: int | None) -> float | None:
    if impact is None or feasibility is None:
        return None
    return scoring.impact_feasibility_score(scoring.ImpactFeasibility(impact, feasibility))


QUADRANTS = {
    scoring.Quadrant.QUICK_WIN: gettext_lazy("quick win"),
    scoring.Quadrant.MAJOR_PROJECT: gettext_lazy("major project"),
    scoring.Quadrant.FILL_IN: gettext_lazy("fill-in"),
    scoring.Quadrant.MONEY_PIT: gettext_lazy("money pit"),
}


def quadrant_label(activity: Activity) -> str:
    if activity.impact is None or activity.feasibility is None:
        return ""
    return str(QUADRANTS[scoring.quadrant(scoring.ImpactFeasibility(activity.impact, activity.feasibility))])


def format_ratio(ratio: float | None) -> str:
    if ratio is None:
        return "—"
    return "∞" if ratio == float("inf") else format_number(ratio, decimals=2)


# The backlog table ---------------------------------------------------------------------------------

# What a row shows, read as plain values: no model instance per row.
ROW_FIELDS = (
    "id", "key", "title", "status", "start", "end", "not_before", "must_finish_by", "effort_days", "cost",
    "value", "impact", "feasibility", "confidence", "theme__name", "theme__colour", "owner__name",
)  # fmt: skip


class Row(NamedTuple):
    """One activity of the backlog as the table shows it, with its scores. Immutable and hashable: the
    row is its own key among the rows already written (``Cells.html``)."""

    id: int
    key: str
    title: str
    status: str
    start: date | None
    end: date | None
    not_before: date | None
    must_finish_by: date | None
    effort_days: float
    cost: Decimal
    value: float
    impact: int | None
    feasibility: int | None
    confidence: int | None
    theme: str | None
    colour: str | None
    owner: str | None
    objectives: str = ""
    cost_benefit: float | None = None
    impact_feasibility: float | None = None
    late: bool = False  # on the day the table is read: part of the row's memo key


@dataclass(frozen=True)
class Column:
    name: str
    label: Any
    key: Callable[[Row], Any]
    numeric: bool = False


def _text(value: str | None) -> str | None:
    return value.casefold() if value else None


def _window_order(row: Row) -> tuple[date, date] | None:
    """Windows by the day they close, then by the day they open; rows without one last."""
    if row.not_before is None and row.must_finish_by is None:
        return None
    return (row.must_finish_by or date.max, row.not_before or date.min)


COLUMNS = (
    Column("title", gettext_lazy("title"), lambda r: r.title.casefold()),
    Column("theme", gettext_lazy("thematic group"), lambda r: _text(r.theme)),
    Column("objectives", gettext_lazy("objectives"), lambda r: _text(r.objectives)),
    Column("owner", gettext_lazy("owner"), lambda r: _text(r.owner)),
    Column("status", gettext_lazy("status"), lambda r: STATUS_ORDER.get(r.status)),
    Column("start", gettext_lazy("start"), lambda r: r.start),
    Column("end", gettext_lazy("end"), lambda r: r.end),
    Column("window", gettext_lazy("window"), _window_order),
    Column("effort", gettext_lazy("effort (person-days)"), lambda r: r.effort_days, True),
    Column("cost", gettext_lazy("cost"), lambda r: r.cost, True),
    Column("value", gettext_lazy("expected value"), lambda r: r.value, True),
    Column("impact", gettext_lazy("impact"), lambda r: r.impact, True),
    Column("feasibility", gettext_lazy("feasibility"), lambda r: r.feasibility, True),
    Column("confidence", gettext_lazy("confidence (%)"), lambda r: r.confidence, True),
    Column("cost_benefit", gettext_lazy("cost-benefit"), lambda r: r.cost_benefit, True),
    Column("impact_feasibility", gettext_lazy("impact × feasibility"), lambda r: r.impact_feasibility, True),
)  # fmt: skip
BY_NAME = {column.name: column for column in COLUMNS}


def sort_rows(rows: list[Row], column: Column, *, descending: bool) -> list[Row]:
    """Sorted on ``column``; empty cells always last; equal cells keep the backlog's order."""
    keyed = [(column.key(row), row) for row in rows]
    present = [pair for pair in keyed if pair[0] is not None]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [row for _key, row in present] + [row for key, row in keyed if key is None]


def filtered_rows(roadmap: Roadmap, selected: dict[str, list[str]], today: date) -> Any:
    # The backlog shows neither assignments, links nor tactics: plain values of what it shows.
    activities = queries.activities_of(roadmap).prefetch_related(None)
    if "theme" in selected:
        activities = activities.filter(theme__key__in=selected["theme"])
    if "owner" in selected:
        activities = activities.filter(owner__key__in=selected["owner"])
    if "status" in selected:
        activities = activities.filter(status__in=selected["status"])
    if "late" in selected:
        activities = activities.filter(late_filter(today))
    if "reach" in selected:
        activities = activities.filter(beyond(reach_of(roadmap)))
    if "objective" in selected:
        links = Activity.objectives.through.objects.filter(
            objective__roadmap=roadmap, objective__key__in=selected["objective"]
        )
        activities = activities.filter(pk__in=links.values("activity_id"))
    return activities.values_list(*ROW_FIELDS)


def rows_of(roadmap: Roadmap, activities: Any, objective_titles: dict[int, str], today: date) -> list[Row]:
    links = Activity.objectives.through.objects.filter(activity__roadmap=roadmap).values_list(
        "activity_id", "objective_id"
    )
    titles: dict[int, list[str]] = {}
    for activity_id, objective_id in links:
        titles.setdefault(activity_id, []).append(objective_titles[objective_id])
    rows = []
    for values in activities:
        row = Row(*values)
        rows.append(
            row._replace(
                objectives=", ".join(titles.get(row.id, ())),
                cost_benefit=cost_benefit(row.cost, row.value),
                impact_feasibility=impact_feasibility(row.impact, row.feasibility),
                late=is_late(row.status, row.end, today),
            )
        )
    return rows


STRFTIME = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y"}
SIMPLE_DATE = set("dmYy/.- ")


ROW_CACHE_SIZE = 8192
"""Table rows kept written per roadmap and language (about 0.6 kB each)."""


@lru_cache(maxsize=64)
def _cells(url: str, currency: str, language: str) -> Cells:
    """One writer per roadmap (its activity URLs and currency) and language, kept between requests so that
    its written rows serve the next view."""
    return Cells(url, currency)


class Cells:
    """Writes the table rows in Python: at 1,000 activities a template would spend most of the page's
    time resolving 15,000 variables. Every text from users goes through ``escape``. Numbers follow
    ``format_number``/``format_quantity``, whose separators and currency layout are read once (in the
    language active when the writer is made) rather than asking for it in each of 5,000 cells.

    Rows are memoised on everything they show, so a backlog viewed again after a few changes writes only
    the rows that changed."""

    @classmethod
    def for_amounts(cls, currency: str) -> Cells:
        """A writer of numbers, amounts and statuses only (no activity links), for other tables."""
        return _cells("", currency, get_language() or "")

    @classmethod
    def of(cls, roadmap: Roadmap) -> Cells:
        url = reverse("activity", args=[roadmap.workspace.slug, roadmap.slug, "KEY"])[: -len("KEY/")]
        return _cells(url, roadmap.currency, get_language() or "")

    def __init__(self, url: str, currency: str) -> None:
        self.url = url
        self.written: Memo[Row, str] = Memo(ROW_CACHE_SIZE)
        self.statuses = {value: escape(str(label)) for value, label in Status.choices}
        self.late = f' <span class="badge late">{escape(str(LATE))}</span>'
        self.dates: dict[date, str] = {}  # a roadmap's activities share few distinct dates
        short = str(get_format("SHORT_DATE_FORMAT"))
        # Django's date formatting costs ~0.1 ms a date; the usual numeric formats map onto strftime.
        self.strftime = "".join(STRFTIME.get(c, c) for c in short) if set(short) <= SIMPLE_DATE else ""
        sample = format_number(1234.5)  # "1 234,5" or "1,234.5"
        self.separators = str.maketrans({",": sample[1], ".": sample[5]})
        self.before_amount, self.after_amount = format_quantity(1, currency).split("1", 1)

    def number(self, value: float | Decimal, decimals: int = 2, cents: bool = False) -> str:
        text = f"{value:,.{decimals}f}"
        if "." in text:
            text = text.rstrip("0")
            if cents and not text.endswith("."):
                text = text.ljust(text.index(".") + 3, "0")
            text = text.rstrip(".")
        return text.translate(self.separators)

    def amount(self, value: float | Decimal) -> str:
        return f"{self.before_amount}{self.number(value, cents=True)}{self.after_amount}"

    def date(self, day: date | None) -> str:
        if day is None:
            return "—"
        if day not in self.dates:
            fast = self.strftime and day.strftime(self.strftime)
            self.dates[day] = fast or date_format(day, "SHORT_DATE_FORMAT")
        return self.dates[day]

    def window(self, row: Row) -> str:
        if row.not_before is None and row.must_finish_by is None:
            return "—"
        first = self.date(row.not_before) if row.not_before else "…"
        last = self.date(row.must_finish_by) if row.must_finish_by else "…"
        return f"{first} – {last}"

    def ratio(self, ratio: float | None) -> str:
        if ratio is None:
            return "—"
        return "∞" if ratio == float("inf") else self.number(ratio)

    def html(self, row: Row) -> str:
        text = self.written.get(row)
        return self.written.remember(row, self._write(row)) if text is None else text

    def _write(self, row: Row) -> str:
        key, none = escape(row.key), "—"
        swatch = f'<span class="swatch" style="background-color:{escape(row.colour or "")}"></span>'
        theme = f"{swatch} {escape(row.theme)}" if row.theme else none
        numbers = (
            self.number(row.effort_days, 1), self.amount(row.cost), self.amount(row.value),
            none if row.impact is None else row.impact, none if row.feasibility is None else row.feasibility,
            none if row.confidence is None else row.confidence, self.ratio(row.cost_benefit),
            self.ratio(row.impact_feasibility),
        )  # fmt: skip
        return (
            f'<tr id="activity-{key}"><th scope="row"><a href="{self.url}{key}/">{escape(row.title)}</a></th>'
            f"<td>{theme}</td><td>{escape(row.objectives) or none}</td>"
            f"<td>{escape(row.owner or none)}</td>"
            f'<td><span class="status status-{escape(row.status)}">{self.statuses.get(row.status, "")}'
            f"</span>{self.late if row.late else ''}</td>"
            f"<td>{self.date(row.start)}</td><td>{self.date(row.end)}</td>"
            f'<td class="window">{self.window(row)}</td>'
            + "".join(f"<td>{cell}</td>" for cell in numbers)  # styled by their place (backlog.css)
            + "</tr>"
        )


def column_headers(query: QueryDict, sort: str, descending: bool) -> list[dict[str, Any]]:
    """Each column's label, its aria-sort state and the address that sorts on it (filters kept)."""
    kept = [(k, v) for k, values in query.lists() if k not in ("sort", "dir") for v in values]
    headers = []
    for column in COLUMNS:
        current = column.name == sort
        # A first click shows scores and amounts best first, text and dates A→Z.
        to_descending = (not descending) if current else column.numeric
        direction = "desc" if to_descending else "asc"
        headers.append({
            "column": column,
            "query": urlencode([*kept, ("sort", column.name), ("dir", direction)]),
            "aria_sort": ("descending" if descending else "ascending") if current else "none",
        })  # fmt: skip
    return headers
