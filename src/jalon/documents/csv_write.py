"""Writing a checked CSV import: the rows' activities, new team members, objective links and dependencies
are built and checked in memory, then written in one short transaction (``jalon.documents.bulk_write``),
so other people's saves do not wait while a file is read. Reading and checking the rows is
``jalon.documents.csv_import``.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jalon.accounts.models import User
from jalon.bounds import RESERVED_KEYS
from jalon.documents.backlog_export import COLUMNS
from jalon.documents.bulk_write import Batch, problems_in_memory
from jalon.documents.csv_headers import Source
from jalon.documents.csv_import import (
    CsvProblems,
    Plan,
    new_person_key,
    plan_table,
    read_table_or_refuse,
    unique_key,
)
from jalon.planning.models import Activity, Dependency, Person, Staffing
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require_actor

HEADERS = dict(COLUMNS)  # a field's column, named as the backlog's export names it


class Imported(list[Activity]):
    """The activities created, the file's columns left out (``other_columns``) and the lines of its total
    rows, for the page to say."""

    left_out: tuple[str, ...] = ()
    total_lines: tuple[int, ...] = ()


def import_activities(
    *,
    actor: User | None,
    roadmap: Roadmap,
    text: str = "",
    table: tuple[list[str], list[tuple[int, list[str]]]] | None = None,
    source: Source | None = None,
    create_people: bool = False,
    other_columns: bool = False,
) -> Imported:
    """Create one activity per row of a CSV file's ``text`` or of a workbook's ``table``
    (``jalon.documents.tables.workbook_table``), all or nothing (see ``plan_import``).

    Rows are read, checked and turned into activities in memory; the write is one short transaction of
    bulk inserts (``jalon.documents.bulk_write``), so other people's saves do not wait for the reading.
    """
    require_actor(actor, "edit", roadmap)
    header, rows = read_table_or_refuse(text) if table is None else table
    plan = plan_table(
        header, rows, roadmap=roadmap, source=source, create_people=create_people, other_columns=other_columns
    )
    batch, people, created = _build(plan, roadmap=roadmap, actor=actor)
    first_person = Person.objects.filter(workspace_id=roadmap.workspace_id).count()  # new ones go last
    first_activity = roadmap.activities.count()
    for offset, person in enumerate(people):
        person.position = first_person + offset
    for offset, activity in enumerate(created):
        activity.position = first_activity + offset
    batch.prepare()
    try:
        with transaction.atomic():
            batch.insert()
    except IntegrityError as error:  # another change meanwhile (a key taken, a predecessor deleted)
        raise CsvProblems(
            [(pgettext("where", "file"), _("The roadmap changed during the import; nothing was imported. "
                                           "Import the file again."))]
        ) from error  # fmt: skip
    imported = Imported(created)
    imported.left_out, imported.total_lines = tuple(plan.left_out), tuple(plan.total_lines)
    return imported


def _build(plan: Plan, *, roadmap: Roadmap, actor: User | None) -> tuple[Batch, list[Person], list[Activity]]:
    """The plan's new team members, activities, objective links and dependencies, checked, not saved."""
    batch = Batch(workspace=roadmap.workspace, actor=actor)
    taken = set(plan.person_keys) | RESERVED_KEYS  # a person named “New” is not /people/new/
    people = {
        normalised: Person(
            workspace_id=roadmap.workspace_id, key=unique_key(name, taken, fallback="person"), name=name[:200]
        )
        for normalised, name in plan.new_people.items()
    }
    problems: list[tuple[str, str]] = []
    created: dict[str, Activity] = {}
    links: list[Any] = []
    for row in plan.rows:
        fields = dict(row.fields)
        objectives = fields.pop("objectives", [])
        if row.owner_name:
            fields["owner"] = people[new_person_key(row.owner_name)]
        activity = Activity(roadmap=roadmap, key=row.key, **fields)
        problems += [
            (
                _("line {line}").format(line=row.line),
                _("{label}: {value}").format(label=HEADERS.get(name, name), value=m),
            )
            for name, m in problems_in_memory(activity)
        ]
        created[row.key] = activity
        links += [Activity.objectives.through(activity=activity, objective=o) for o in objectives]
        if objectives:
            batch.note(activity, {"objectives": []}, {"objectives": sorted(o.key for o in objectives)})
    if problems:
        raise CsvProblems(problems)
    wanted = {key for row in plan.rows for key, _lag in row.after if key not in created}
    existing = {a.key: a for a in roadmap.activities.filter(key__in=wanted)}
    dependencies = []
    for row in plan.rows:
        for key, lag in row.after:
            predecessor = created.get(key) or existing[key]
            dependencies.append(Dependency(predecessor=predecessor, successor=created[row.key], lag_days=lag))
            batch.note(created[row.key], {"after": None}, {"after": f"{key}+{lag}"})
    batch.add(list(people.values()))
    batch.add([Staffing(roadmap=roadmap, person=p) for p in [*plan.joining, *people.values()]])
    batch.add(list(created.values()))
    batch.add(links)
    batch.add(dependencies)
    return batch, list(people.values()), list(created.values())
