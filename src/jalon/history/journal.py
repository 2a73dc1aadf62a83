"""A roadmap's change log: every recorded change of the roadmap and of what is in it, newest first.

The changes are the ``Change`` rows of the roadmap (``Change.roadmap``), filtered by person, kind of object
and period, a page at a time; a page costs a fixed number of queries whatever the roadmap's size: the page,
then one query per kind of object on it (their current names and addresses) and per kind of object its
values point to (``wording.Names``), and one for the last known names of the deleted ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.history.models import Change
from jalon.history.origin import BY_A_PERSON, Origin
from jalon.history.wording import FieldLine, Names, Wording, is_deletion
from jalon.strategy.models import Roadmap

PAGE_SIZE = 50


@dataclass(frozen=True)
class Filters:
    """Who (a user's id; 0: people whose account was deleted; below 0: changes made without an account,
    ``ORIGIN_FILTERS``), what kind (a content type's id), when."""

    actor: int | None = None
    kind: int | None = None
    since: date | None = None
    until: date | None = None


@dataclass
class Entry:
    change: Change
    who: str
    kind: str
    name: str
    url: str = ""
    event: str = "changed"  # created, deleted, changed
    lines: list[FieldLine] = field(default_factory=list)

    @property
    def at(self) -> datetime:
        return timezone.localtime(self.change.at)


def changes_of(roadmap: Roadmap, filters: Filters = Filters()) -> models.QuerySet[Change]:
    """The roadmap's changes that say something, newest first (saving the same values again records an
    empty change: not shown)."""
    found = Change.objects.filter(roadmap=roadmap, workspace=roadmap.workspace).exclude(
        Q(fields={}) & Q(version__gt=1)
    )
    if filters.actor == 0:
        found = found.filter(actor__isnull=True, origin__in=BY_A_PERSON)
    elif filters.actor is not None and filters.actor < 0:
        found = found.filter(actor__isnull=True, origin=ORIGIN_FILTERS.get(filters.actor, ""))
    elif filters.actor is not None:
        found = found.filter(actor_id=filters.actor)
    if filters.kind is not None:
        found = found.filter(content_type_id=filters.kind)
    if filters.since is not None:
        found = found.filter(at__gte=_start_of(filters.since))
    if filters.until is not None:
        found = found.filter(at__lt=_start_of(filters.until + timedelta(days=1)))
    return found.order_by("-at", "-id")


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# The journal's "who" filter for the changes made without an account, by where they came from.
ORIGIN_FILTERS = {-1: Origin.CLI_IMPORT, -2: Origin.CLI, -3: Origin.DEMO, -4: Origin.JOB, -5: Origin.UNKNOWN}


def actors_of(roadmap: Roadmap) -> list[tuple[int, str]]:
    """The people who changed something in the roadmap, by name, then 0 (someone whose account was
    deleted) and each origin of the changes made without an account (``ORIGIN_FILTERS``)."""
    pairs = set(
        Change.objects.filter(roadmap=roadmap).order_by().values_list("actor_id", "origin").distinct()
    )
    ids = {actor for actor, _origin in pairs if actor is not None}
    people = sorted((str(user), user.pk) for user in User.objects.filter(pk__in=ids))
    found = [(pk, name) for name, pk in people]
    without = {where for actor, where in pairs if actor is None}
    if without & set(BY_A_PERSON):
        found.append((0, someone_deleted()))
    found += [(key, without_account(where)) for key, where in ORIGIN_FILTERS.items() if where in without]
    return found


def kinds_of(roadmap: Roadmap) -> list[tuple[int, str]]:
    """The kinds of objects the roadmap's changes are about, by their translated names."""
    ids = (
        Change.objects.filter(roadmap=roadmap).order_by().values_list("content_type_id", flat=True).distinct()
    )
    kinds = [(pk, kind_name(ContentType.objects.get_for_id(pk).model_class())) for pk in set(ids)]
    return sorted(kinds, key=lambda kind: kind[1])


def kind_name(model: type[models.Model] | None) -> str:
    return capfirst(str(model._meta.verbose_name)) if model is not None else _("Another kind of item")


def someone_deleted() -> str:
    return _("someone whose account was deleted")


def without_account(where: str) -> str:
    """Who made a change recorded without an account, by where it came from."""
    words: dict[str, str] = {
        Origin.CLI_IMPORT: _("File import (command line)"),
        Origin.CLI: _("Command line"),
        Origin.DEMO: _("Demo"),
        Origin.JOB: _("Background job"),
        Origin.UNKNOWN: _("Unknown"),
    }
    if where in BY_A_PERSON:
        return someone_deleted()
    return words.get(where, _("Unknown"))


def who(change: Change) -> str:
    """A person's name (with « file import » when they imported a file, « background job » when a job
    they started made the change), or where a change made without an account came from."""
    if change.actor is None:
        return without_account(change.origin)
    if change.origin == Origin.IMPORT:
        return _("%(name)s (file import)") % {"name": change.actor}
    if change.origin == Origin.JOB:
        return _("%(name)s (background job)") % {"name": change.actor}
    return str(change.actor)


def entries(roadmap: Roadmap, changes: Sequence[Change], *, links: bool = True) -> list[Entry]:
    """The changes in words: who, what object (its current name and page, or its last known name), what
    (``links``: the address of each object's page; an export needs none)."""
    by_kind: dict[type[models.Model], set[int]] = defaultdict(set)
    kinds: dict[int, type[models.Model] | None] = {}
    for change in changes:
        model = kinds.setdefault(
            change.content_type_id, ContentType.objects.get_for_id(change.content_type_id).model_class()
        )
        if model is not None:
            by_kind[model].add(change.object_id)
    live = {model: _live(roadmap, model, ids, links=links) for model, ids in by_kind.items()}
    gone = _last_names(roadmap, [(kinds[c.content_type_id], c) for c in changes], live)
    names = Names(roadmap)
    wordings = {model: Wording(model, names, roadmap.currency) for model in by_kind}
    for change in changes:
        model = kinds[change.content_type_id]
        if model is not None and not is_deletion(change.fields):
            wordings[model].want(change.fields)
    names.load()
    return [_entry(change, kinds[change.content_type_id], live, gone, wordings) for change in changes]


def _entry(
    change: Change,
    model: type[models.Model] | None,
    live: dict[type[models.Model], dict[int, tuple[str, str]]],
    gone: dict[tuple[int, int], str],
    wordings: dict[type[models.Model], Wording],
) -> Entry:
    current = live.get(model, {}).get(change.object_id) if model is not None else None
    name, url = current or (gone.get((change.content_type_id, change.object_id)) or _("(name unknown)"), "")
    entry = Entry(change, who(change), kind_name(model), name, url)
    if is_deletion(change.fields):
        entry.event = "deleted"
    elif not change.fields:
        entry.event = "created"
    elif model is not None:
        entry.lines = wordings[model].lines(change.fields)
    return entry


def _live(
    roadmap: Roadmap, model: type[models.Model], ids: set[int], *, links: bool
) -> dict[int, tuple[str, str]]:
    """The objects of the roadmap that still exist: id -> (name, address of their page)."""
    spec = PAGES.get(model._meta.label)
    found: dict[int, tuple[str, str]] = {}
    if spec is None:
        return found
    scope, related, url = spec
    within = {scope: roadmap.pk}
    objects = model._default_manager.filter(pk__in=ids, **within).select_related(*related)
    for obj in objects:
        found[obj.pk] = (str(obj), url(obj, roadmap) if links else "")
    return found


def _last_names(
    roadmap: Roadmap,
    changes: list[tuple[type[models.Model] | None, Change]],
    live: dict[type[models.Model], dict[int, tuple[str, str]]],
) -> dict[tuple[int, int], str]:
    """The last name each deleted object was known by (the label of its latest change)."""
    missing = {
        (change.content_type_id, change.object_id)
        for model, change in changes
        if model is None or change.object_id not in live.get(model, {})
    }
    if not missing:
        return {}
    query = Q(pk__in=[])
    by_type: dict[int, list[int]] = defaultdict(list)
    for content_type, object_id in missing:
        by_type[content_type].append(object_id)
    for content_type, ids in by_type.items():
        query |= Q(content_type_id=content_type, object_id__in=ids)
    labels: dict[tuple[int, int], str] = {}
    rows = Change.objects.filter(query, roadmap=roadmap).exclude(label="").order_by("id")
    for content_type, object_id, label in rows.values_list("content_type_id", "object_id", "label"):
        labels[(content_type, object_id)] = label
    return labels


def by_day(found: Sequence[Entry]) -> Iterator[tuple[date, list[Entry]]]:
    day: date | None = None
    group: list[Entry] = []
    for entry in found:
        if entry.at.date() != day:
            if group and day is not None:
                yield day, group
            day, group = entry.at.date(), []
        group.append(entry)
    if group and day is not None:
        yield day, group


def _url(name: str, *keys: str) -> Callable[[Any, Roadmap], str]:
    """The page of an object: ``name`` reversed with the roadmap and the object's attributes ``keys``
    (``objective.key`` walks a link)."""

    def address(obj: Any, roadmap: Roadmap) -> str:
        values = []
        for path in keys:
            value = obj
            for part in path.split("."):
                value = getattr(value, part)
            values.append(value)
        return reverse(name, args=[roadmap.workspace.slug, roadmap.slug, *values])

    return address


def _register_row(page: str) -> Callable[[Any, Roadmap], str]:
    """A register's item has no page of its own (its address sends the reader to the register's row):
    link to that row directly."""

    def address(obj: Any, roadmap: Roadmap) -> str:
        return f"{reverse(page, args=[roadmap.workspace.slug, roadmap.slug])}#item-{obj.key}"

    return address


IN_ROADMAP, IN_FRAMING = "roadmap", "framing__roadmap"
# model label -> (its link to the roadmap, what its name and page need, its page)
PAGES: dict[str, tuple[str, tuple[str, ...], Callable[[Any, Roadmap], str]]] = {
    "strategy.Roadmap": ("pk", (), _url("roadmap")),
    "strategy.Objective": (IN_ROADMAP, (), _url("objective", "key")),
    "strategy.KPI": (IN_ROADMAP, (), _url("kpi", "key")),
    "strategy.Strategy": (IN_ROADMAP, ("objective",), _url("objective", "objective.key")),
    "strategy.Tactic": (
        "strategy__roadmap",
        ("strategy__objective",),
        _url("objective", "strategy.objective.key"),
    ),
    "strategy.KPISource": ("kpi__roadmap", ("kpi",), _url("kpi", "kpi.key")),
    "planning.Theme": (IN_ROADMAP, (), _register_row("budget")),
    "planning.Activity": (IN_ROADMAP, (), _url("activity", "key")),
    "planning.Milestone": (IN_ROADMAP, (), _register_row("milestones")),
    "planning.Risk": (IN_ROADMAP, (), _register_row("risks")),
    "planning.CommunicationItem": (IN_ROADMAP, (), _register_row("communications")),
    "planning.Review": (IN_ROADMAP, (), _url("review", "key")),
    "framing.Framing": (IN_ROADMAP, ("roadmap",), _url("framing")),
    "framing.Workshop": (IN_FRAMING, (), _url("framing")),
    "framing.Stakeholder": (IN_FRAMING, (), _url("framing")),
    "framing.Persona": (IN_FRAMING, (), _url("framing_personas")),
    "framing.LifecycleStage": (IN_FRAMING, (), _url("framing_personas")),
    "framing.JourneyStep": (IN_FRAMING, (), _url("framing_journeys")),
    "framing.PlanAction": (IN_FRAMING, (), _url("framing_plan")),
    "framing.Vote": (IN_FRAMING, (), _url("framing_votes")),
    "framing.Prototype": (IN_FRAMING, (), _url("framing_prototypes")),
    "framing.QualitativeIndicator": (
        "objective__roadmap",
        ("objective",),
        _url("framing_indicators", "objective.key"),
    ),
}
