"""Activities from a CSV file: Jalon's own backlog export, and the CSV exports of Trello, Asana and Jira.

The source is recognised from the header row (or chosen by the user). Every row is read and checked
before anything is written; a file with one bad row writes nothing and lists every bad row with its line
number and the reason, in the user's language. Rows become activities checked as the pages check them,
then are written at once with their history (``jalon.documents.csv_write``). See docs/csv-import.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from jalon import bounds
from jalon.documents.backlog_export import unescape_formula
from jalon.documents.csv_cells import (
    BadCell,
    jalon_status,
    parse_date,
    parse_money,
    parse_number,
    parse_score,
    split_list,
    status_from_name,
    without_note,
)
from jalon.documents.csv_headers import TOOL_COLUMNS, Source, detect_source, header_row, jalon_aliases
from jalon.documents.safe_load import at_most, nul_message
from jalon.documents.tables import UnreadableTable, excerpt, normalise, read_table
from jalon.engines.graph import reaches
from jalon.keys import derive_key
from jalon.planning.models import Person, Status, Theme
from jalon.planning.windows import EARLIEST_DATE, LATEST_DATE, OUT_OF_RANGE, window_problems
from jalon.strategy.models import Objective, Roadmap

SOURCES: tuple[tuple[Source, Any], ...] = (
    ("jalon", gettext_lazy("Jalon (backlog export)")),
    ("trello", "Trello"),
    ("asana", "Asana"),
    ("jira", "Jira"),
)
KEY_MAX = 60
TITLE_MAX = 200
HOURS_PER_DAY = 8  # Jira estimates are in seconds; one person-day is eight hours


class CsvProblems(Exception):
    """Every problem of a CSV file, as (where, message) pairs (the first 200, then a count); nothing was
    written."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = at_most(problems)
        super().__init__("\n".join(f"{where}: {message}" for where, message in self.problems))


# Rows to activities ------------------------------------------------------------------------------


@dataclass
class Row:
    """One CSV row read into activity fields; ``problems`` are its translated reasons to refuse it."""

    line: int
    key: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    owner_name: str = ""
    after: list[tuple[str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """What an import would create: rows become activities, unknown owners may become team members."""

    source: Source
    rows: list[Row]
    new_people: dict[str, str] = field(default_factory=dict)  # normalised name -> name as written
    left_out: list[str] = field(default_factory=list)  # columns ignored, as the file heads them
    total_lines: list[int] = field(default_factory=list)  # rows of totals, left out
    person_keys: set[str] = field(default_factory=set)  # keys already used by the workspace's people
    joining: list[Person] = field(default_factory=list)  # people of the workspace named, not on the team


class Lookup:
    """The roadmap's themes, people (the workspace's), objectives and activity keys, loaded once (five
    queries)."""

    def __init__(self, roadmap: Roadmap) -> None:
        self.themes: dict[str, Theme] = {}
        for theme in roadmap.themes.all():
            self.themes[normalise(theme.key)] = theme  # a key is never empty
            _by_name(self.themes, theme, theme.name)
        self.people: dict[str, Person] = {}
        on_team = list(roadmap.people.all())
        self.on_team: set[int] = {p.pk for p in on_team}
        # the roadmap's team first; then the workspace's people, who join the roadmap's team when named
        for person in [*on_team, *Person.objects.filter(workspace_id=roadmap.workspace_id)]:
            _by_name(self.people, person, person.key, person.name)
        self.objectives: dict[str, Objective] = {o.key: o for o in roadmap.objectives.all()}
        self.activity_keys: set[str] = set(roadmap.activities.values_list("key", flat=True))
        self.person_keys: set[str] = {p.key for p in self.people.values()}

    def person(self, name: str) -> Person | None:
        return self.people.get(normalise(without_note(name)) or "\0")  # an empty name matches no one

    def theme(self, name: str) -> Theme | None:
        return self.themes.get(normalise(name) or "\0")


def _by_name(found: dict[str, Any], item: object, *names: str) -> None:
    """``item`` under each of its normalised ``names`` not already taken (an empty one names nothing)."""
    for name in names:
        if key := normalise(name):
            found.setdefault(key, item)


def new_person_key(name: str) -> str:
    """Owners named alike (``Élodie``, ``elodie``) become one new team member; a name that normalises to
    nothing stands for itself."""
    return normalise(name) or name


def unique_key(base: str, taken: set[str], *, fallback: str) -> str:
    """``derive_key`` from ``base``, then added to ``taken``; the initial of ``fallback`` and a number when
    ``base`` has no ASCII letter or digit (``王伟`` -> ``p-1``, then ``p-2``)."""
    key = derive_key(base, taken, fallback=fallback)
    taken.add(key)
    return key


class Cells:
    """A row's cells by column; ``read`` turns a cell into a value or records the reason it cannot."""

    def __init__(self, row: Row, values: list[str], columns: dict[str, list[int]], header: list[str]) -> None:
        self.row, self.values, self.columns, self.header = row, values, columns, header

    def text(self, column: str) -> str:
        return next((unescape_formula(self.values[i].strip()) for i in self.columns.get(column, [])
                     if i < len(self.values) and self.values[i].strip()), "")  # fmt: skip

    def all(self, column: str) -> list[str]:
        return [self.values[i].strip() for i in self.columns.get(column, []) if i < len(self.values)]

    def read(self, column: str, parser: Callable[[str], Any]) -> Any:
        text = self.text(column)
        try:
            return parser(text)
        except BadCell as error:
            # every problem names its column as the file heads it, as the orders file's and the KPI
            # measurements' do: a line of twenty numbers with "abc is not a number" said which line, not
            # which cell
            names = [self.header[i] for i in self.columns.get(column, []) if i < len(self.header)]
            label = names[0] if names else column
            self.row.problems.append(_("{label}: {value}").format(label=excerpt(label), value=str(error)))
            return None


def _columns(header: list[str], aliases: dict[str, Iterable[str]]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    names = [normalise(cell) for cell in header]
    for column, wanted in aliases.items():
        wanted_set = set(wanted)
        found[column] = [index for index, name in enumerate(names) if name in wanted_set]
    return found


def _common(cells: Cells, lookup: Lookup) -> None:
    """Title, description, dates, owner: read the same way for every source."""
    row = cells.row
    title = cells.text("title")
    if not title:
        row.problems.append(_("The title is empty."))
    elif len(title) > TITLE_MAX:
        row.problems.append(_("The title is longer than {max} characters.").format(max=TITLE_MAX))
    row.fields["title"] = title
    row.fields["description"] = cells.text("description")
    if len(row.fields["description"]) > bounds.TEXT_MAX:
        row.problems.append(str(bounds.TEXT_TOO_LONG))
    start, end = cells.read("start", parse_date), cells.read("end", parse_date)
    if start and end and end < start:
        row.problems.append(_("The end is before the start."))
    row.fields.update(start=start, end=end)
    owner = split_list(cells.text("owner"))[:1]
    if owner:
        person = lookup.person(owner[0])
        if person is None:
            row.owner_name = without_note(owner[0])
        row.fields["owner"] = person


NOT_DONE = frozenset({"false", "faux", "no", "non", "0"})


def _tool_row(source: Source, cells: Cells, lookup: Lookup) -> None:
    row = cells.row
    _common(cells, lookup)
    done = cells.text("done")
    said = normalise(done)
    # Asana's column is a date (Completed At): a filled cell means done, but not a spreadsheet's FALSE
    if source == "asana":
        finished = bool(done) and said not in NOT_DONE
    else:
        finished = said in ("true", "vrai", "yes", "oui")
    if finished:
        row.fields["status"] = Status.DONE
    else:
        row.fields["status"] = status_from_name(cells.text("status") or cells.text("status_category"))
    for label in (part for cell in cells.all("labels") for part in split_list(cell)):
        theme = lookup.theme(without_note(label))
        if theme is not None:
            row.fields["theme"] = theme
            break
    seconds = cells.read("estimate_seconds", parse_number)
    if seconds:
        row.fields["effort_days"] = round(seconds / 3600 / HOURS_PER_DAY, 2)


def _jalon_row(cells: Cells, lookup: Lookup) -> None:
    row = cells.row
    _common(cells, lookup)
    row.key = cells.text("key")
    theme = cells.text("theme")
    if theme:
        row.fields["theme"] = lookup.theme(theme)
        if row.fields["theme"] is None:
            row.problems.append(_("No thematic group is called {name}.").format(name=excerpt(theme)))
    objectives = []
    for key in split_list(cells.text("objectives")):
        if key in lookup.objectives:
            objectives.append(lookup.objectives[key])
        else:
            row.problems.append(_("No objective has the key {key}.").format(key=excerpt(key)))
    row.fields["objectives"] = objectives
    row.fields["status"] = cells.read("status", jalon_status) or Status.IDEA
    _window(cells)
    for column in ("effort_days", "cost", "spent", "value"):
        number = cells.read(column, parse_money if column in ("cost", "spent") else parse_number)
        if number is not None:
            row.fields[column] = Decimal(str(round(number, 2))) if column in ("cost", "spent") else number
    row.fields["impact"] = cells.read("impact", lambda t: parse_score(t, low=1, high=5))
    row.fields["feasibility"] = cells.read("feasibility", lambda t: parse_score(t, low=1, high=5))
    row.fields["confidence"] = cells.read("confidence", lambda t: parse_score(t, low=0, high=100))
    for text in split_list(cells.text("dependencies")):
        match = re.fullmatch(r"([a-z0-9][a-z0-9-]*?)(?:\+(-?\d+))?", text.strip())
        if match is None:
            message = _("{value} is not a dependency (write key or key+days).")
            row.problems.append(message.format(value=excerpt(text)))
        elif match[2] and (len(match[2]) > 5 or abs(int(match[2])) > bounds.MAX_LAG_DAYS):
            row.problems.append(str(bounds.LAG_OUT_OF_RANGE))
        else:
            row.after.append((match[1], int(match[2] or 0)))


def _window(cells: Cells) -> None:
    """The window's two columns: dates from 1900 to 2200, in order, around the activity's dates."""
    row = cells.row
    window = {name: cells.read(name, parse_date) for name in ("not_before", "must_finish_by")}
    if any(day is not None and not EARLIEST_DATE <= day <= LATEST_DATE for day in window.values()):
        row.problems.append(str(OUT_OF_RANGE))
        return
    problems = window_problems(start=row.fields.get("start"), end=row.fields.get("end"), **window)
    row.problems.extend(message for messages in problems.values() for message in messages)
    row.fields.update(window)


def _where(line: int) -> str:
    return _("line {line}").format(line=line)


def _read_rows(
    source: Source,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    lookup: Lookup,
    *,
    other_columns: bool = False,
    totals: list[int],
) -> tuple[list[Row], list[str]]:
    """The rows read, and the columns left out (those Jalon does not know, when ``other_columns``); the
    lines of total rows go to ``totals``."""
    aliases: dict[str, Iterable[str]] = (
        dict(jalon_aliases()) if source == "jalon" else dict(TOOL_COLUMNS[source])
    )
    columns = _columns(header, aliases)
    if not columns["title"]:
        names = ", ".join(sorted(aliases["title"]))
        raise CsvProblems(
            [
                (
                    pgettext("where", "header"),
                    _("No title column (expected one of: {names}).").format(names=names),
                )
            ]
        )
    known = {index for indexes in columns.values() for index in indexes}
    unknown = [name for index, name in enumerate(header) if index not in known and name]
    if source == "jalon" and unknown and not other_columns:  # a misspelt column would lose its values
        message = _(
            "Unknown column {name}: rename it as a column of Jalon's export, or tick “Ignore the other "
            "columns”."
        )
        raise CsvProblems(
            [(pgettext("where", "header"), message.format(name=excerpt(name))) for name in unknown]
        )
    read: list[Row] = []
    for line, values in rows:
        cells = Cells(Row(line), values, columns, header)
        if source == "jalon" and normalise(cells.text("title")) in TOTAL_TITLES:
            # a spreadsheet's sum of the rows above: imported, it counted every cost twice
            totals.append(line)
            continue
        if any("\x00" in value for value in values):  # PostgreSQL cannot store it; a binary file has some
            cells.row.problems.append(nul_message())
        if source == "jalon":
            _jalon_row(cells, lookup)
        else:
            _tool_row(source, cells, lookup)
        read.append(cells.row)
    return read, unknown if source == "jalon" else []  # a tool's export has many columns, never read


# Titles of a spreadsheet's total rows (normalised), left out of an import and named after it.
TOTAL_TITLES = frozenset({"total", "totaux", "sous-total", "sous total", "total general", "grand total",
                          "subtotal", "sub-total", "totals"})  # fmt: skip


def _assign_keys(rows: list[Row], lookup: Lookup) -> None:
    """Given keys must be new and valid; the others come from the title (``Audit SEO`` -> ``audit-seo``)."""
    taken = set(lookup.activity_keys) | bounds.RESERVED_KEYS
    given: dict[str, int] = {}
    for row in rows:
        if not row.key:
            continue
        if not re.match(bounds.KEY_SHAPE, row.key) or len(row.key) > KEY_MAX:
            message = _("The key {key} must use lowercase letters, digits and hyphens (60 at most).")
            row.problems.append(message.format(key=excerpt(row.key)))
        elif row.key in bounds.RESERVED_KEYS:
            row.problems.append(str(bounds.RESERVED_KEY))
        elif row.key in lookup.activity_keys:
            row.problems.append(_("An activity with the key {key} already exists.").format(key=row.key))
        elif row.key in given:
            row.problems.append(_("The key {key} is used more than once.").format(key=row.key))
        given[row.key] = row.line
        taken.add(row.key)
    for row in rows:
        if not row.key:
            row.key = unique_key(row.fields.get("title") or "", taken, fallback="activity")


def _check_dependencies(rows: list[Row], lookup: Lookup) -> None:
    new_keys = {row.key for row in rows}
    successors: dict[str, set[str]] = {key: set() for key in new_keys}
    for row in rows:
        for key, _lag in row.after:
            if key == row.key:
                row.problems.append(_("An activity cannot depend on itself."))
            elif key not in new_keys and key not in lookup.activity_keys:
                row.problems.append(_("No activity has the key {key}.").format(key=excerpt(key)))
            elif key in successors:
                successors[key].add(row.key)
    for row in rows:
        for key, _lag in row.after:
            if key in successors and key != row.key and reaches(successors, row.key, key):
                row.problems.append(_("The dependency on {key} makes a cycle.").format(key=key))


def read_table_or_refuse(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """A CSV file's header and rows (``read_table``), or ``CsvProblems`` when it cannot be read."""
    try:
        return read_table(text)
    except UnreadableTable as error:
        raise CsvProblems([(pgettext("where", "file"), error.describe(_))]) from None


def plan_import(
    text: str,
    *,
    roadmap: Roadmap,
    source: Source | None = None,
    create_people: bool = False,
    other_columns: bool = False,
) -> Plan:
    """Read and check every row; ``CsvProblems`` lists every bad row (line number and reason). Options
    are ``plan_table``'s."""
    header, rows = read_table_or_refuse(text)
    return plan_table(
        header, rows, roadmap=roadmap, source=source, create_people=create_people, other_columns=other_columns
    )


def plan_table(
    header: list[str],
    rows: list[tuple[int, list[str]]],
    *,
    roadmap: Roadmap,
    source: Source | None = None,
    create_people: bool = False,
    other_columns: bool = False,
) -> Plan:
    """``plan_import`` on a table already read: a CSV file's, or an XLSX workbook's first sheet
    (``jalon.documents.tables.workbook_table``), each row with its line or row number. ``create_people``:
    unknown owners become team members; ``other_columns``: columns Jalon does not know are left out
    (else each is a problem)."""
    if not header:
        raise CsvProblems([(pgettext("where", "file"), _("The file is empty."))])
    header, rows = header_row(header, rows, source)
    source = source or detect_source(header)
    if source is None:
        raise CsvProblems(
            [(pgettext("where", "header"), _("These columns are not a Jalon, Trello, Asana or Jira export."))]
        )
    if not rows:
        raise CsvProblems([(pgettext("where", "file"), _("The file has no activity rows."))])
    lookup = Lookup(roadmap)
    totals: list[int] = []
    read, left_out = _read_rows(source, header, rows, lookup, other_columns=other_columns, totals=totals)
    if not read:
        raise CsvProblems([(pgettext("where", "file"), _("The file has no activity rows."))])
    _assign_keys(read, lookup)
    _check_dependencies(read, lookup)
    plan = Plan(source, read, person_keys=lookup.person_keys, left_out=left_out, total_lines=totals)
    owners = (row.fields.get("owner") for row in read)
    plan.joining = list({p.pk: p for p in owners if p is not None and p.pk not in lookup.on_team}.values())
    for row in read:
        if not row.owner_name:
            continue
        if create_people:
            plan.new_people.setdefault(new_person_key(row.owner_name), row.owner_name)
        else:
            row.problems.append(
                _("No team member is called {name}: add them to the team first, or tick “Add missing team "
                  "members”.").format(name=excerpt(row.owner_name))
            )  # fmt: skip
    problems = [(_where(row.line), message) for row in read for message in row.problems]
    if problems:
        raise CsvProblems(problems)
    return plan
