"""A change log, newest first: a roadmap's (every recorded change of the roadmap and of what is in it), or
its workspace's (its team, absences, members and invitations: the changes of no roadmap).

The changes are the ``Change`` rows of the log's scope (``Change.roadmap``, or the workspace's without a
roadmap), filtered by person, kind of object and period, a page at a time; a page costs a fixed number of
queries whatever the log's size: the page, then one query per kind of object on it (their current names and
addresses) and per kind of object its values point to (``wording.Names``), one for the last known names of
the deleted ones, and one for what a copied or restored roadmap came from.
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
from jalon.history.origin import BY_A_PERSON, COPY_OF, RESTORED, Origin
from jalon.history.services import label_of
from jalon.history.wording import FieldLine, Names, Scope, Wording, is_deletion, moment
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Workspace

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


def recorded_in(scope: Scope) -> models.QuerySet[Change]:
    """The changes of a roadmap, or of a workspace outside its roadmaps."""
    if isinstance(scope, Workspace):
        return Change.objects.filter(workspace=scope, roadmap__isnull=True)
    return Change.objects.filter(roadmap=scope, workspace=scope.workspace)


def changes_of(scope: Scope, filters: Filters = Filters()) -> models.QuerySet[Change]:
    """The log's changes that say something, newest first (saving the same values again records an
    empty change: not shown)."""
    found = recorded_in(scope).exclude(Q(fields={}) & Q(version__gt=1))
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
ORIGIN_FILTERS = {
    -1: Origin.CLI_IMPORT, -2: Origin.CLI, -3: Origin.DEMO, -4: Origin.JOB, -5: Origin.UNKNOWN,
    -6: Origin.CLI_COPY,
}  # fmt: skip


def actors_of(scope: Scope) -> list[tuple[int, str]]:
    """The people who changed something in the log, by name, then 0 (someone whose account was
    deleted) and each origin of the changes made without an account (``ORIGIN_FILTERS``)."""
    pairs = set(recorded_in(scope).order_by().values_list("actor_id", "origin").distinct())
    ids = {actor for actor, _origin in pairs if actor is not None}
    people = sorted((str(user), user.pk) for user in User.objects.filter(pk__in=ids))
    found = [(pk, name) for name, pk in people]
    without = {where for actor, where in pairs if actor is None}
    if without & set(BY_A_PERSON):
        found.append((0, someone_deleted()))
    found += [(key, without_account(where)) for key, where in ORIGIN_FILTERS.items() if where in without]
    return found


def kinds_of(scope: Scope) -> list[tuple[int, str]]:
    """The kinds of objects the log's changes are about, by their translated names."""
    ids = recorded_in(scope).order_by().values_list("content_type_id", flat=True).distinct()
    kinds = [(pk, kind_name(ContentType.objects.get_for_id(pk).model_class())) for pk in set(ids)]
    return sorted(kinds, key=lambda kind: kind[1])


def kind_name(model: type[models.Model] | None) -> str:
    return capfirst(str(model._meta.verbose_name)) if model is not None else _("Another kind of item")


def someone_deleted() -> str:
    return _("someone whose account was deleted")


def without_account(where: str, source: str = "") -> str:
    """Who made a change recorded without an account, by where it came from (``source``: the title of
    the roadmap a copy was made of)."""
    if where == Origin.CLI_COPY:
        if source:
            return _("Copy of the roadmap %(title)s (command line)") % {"title": source}
        return _("Copy of a roadmap (command line)")
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


def who(change: Change, source: str = "") -> str:
    """Who made ``change``, in words (``author``)."""
    return author(change.actor, change.origin, source)


def author(actor: User | None, where: str, source: str = "") -> str:
    """A person's name (with « file import » when they imported a file, « background job » when a job
    they started made the change, what roadmap a copy was made of, which version a restore put back:
    ``source``), or where a change made without an account came from. The versions' page says it too."""
    if actor is None:
        return without_account(where, source)
    name = str(actor)
    if where == Origin.IMPORT:
        return _("%(name)s (file import)") % {"name": name}
    if where == Origin.JOB:
        return _("%(name)s (background job)") % {"name": name}
    if where == Origin.COPY:
        if source:
            return _("%(name)s (copy of the roadmap %(title)s)") % {"name": name, "title": source}
        return _("%(name)s (copy of a roadmap)") % {"name": name}
    if where == Origin.RESTORE:
        if source:
            return _("%(name)s (version of %(date)s restored)") % {"name": name, "date": source}
        return _("%(name)s (version restored)") % {"name": name}
    return name


COPIES = (Origin.COPY, Origin.CLI_COPY, Origin.RESTORE)


def source_of(scope: Scope, changes: Sequence[Change]) -> str:
    """What a copied roadmap was copied from (its title), or the date of the version a restore put back:
    recorded on the roadmap beside its creation (``documents.services.import_roadmap``'s ``note``). A
    copy or a restore makes a new roadmap, so a roadmap's log holds at most one of them."""
    if not isinstance(scope, Roadmap) or not any(change.origin in COPIES for change in changes):
        return ""
    roadmaps = ContentType.objects.get_for_model(Roadmap)
    noted = recorded_in(scope).filter(origin__in=COPIES, content_type=roadmaps, object_id=scope.pk, version=1)
    for fields in noted.filter(Q(fields__has_key=COPY_OF) | Q(fields__has_key=RESTORED)).values_list(
        "fields", flat=True
    ):
        if COPY_OF in fields:
            return str(fields[COPY_OF][1])
        return moment(str(fields[RESTORED][1]))
    return ""


def entries(scope: Scope, changes: Sequence[Change], *, links: bool = True) -> list[Entry]:
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
    live = {model: _live(scope, model, ids, links=links) for model, ids in by_kind.items()}
    gone = _last_names(scope, [(kinds[c.content_type_id], c) for c in changes], live)
    names = Names(scope)
    wordings = {model: Wording(model, names, getattr(scope, "currency", "")) for model in by_kind}
    for change in changes:
        model = kinds[change.content_type_id]
        if model is not None and not is_deletion(change.fields):
            wordings[model].want(change.fields)
    names.load()
    source = source_of(scope, changes)
    return [_entry(change, kinds[change.content_type_id], live, gone, wordings, source) for change in changes]


def _entry(
    change: Change,
    model: type[models.Model] | None,
    live: dict[type[models.Model], dict[int, tuple[str, str]]],
    gone: dict[tuple[int, int], str],
    wordings: dict[type[models.Model], Wording],
    source: str,
) -> Entry:
    current = live.get(model, {}).get(change.object_id) if model is not None else None
    name, url = current or (gone.get((change.content_type_id, change.object_id)) or _("(name unknown)"), "")
    entry = Entry(change, who(change, source), kind_name(model), name, url)
    if is_deletion(change.fields):
        entry.event = "deleted"
    elif not change.fields:
        entry.event = "created"
    elif model is not None:
        entry.lines = wordings[model].lines(change.fields)
    return entry


def _live(
    scope: Scope, model: type[models.Model], ids: set[int], *, links: bool
) -> dict[int, tuple[str, str]]:
    """The objects of the log that still exist: id -> (name, address of their page)."""
    spec = (WORKSPACE_PAGES if isinstance(scope, Workspace) else PAGES).get(model._meta.label)
    found: dict[int, tuple[str, str]] = {}
    if spec is None:
        return found
    link, related, url = spec
    objects = model._default_manager.filter(pk__in=ids, **{link: scope.pk}).select_related(*related)
    for obj in objects:
        found[obj.pk] = (label_of(obj), url(obj, scope) if links else "")
    return found


def _last_names(
    scope: Scope,
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
    rows = recorded_in(scope).filter(query).exclude(label="").order_by("id")
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


def _scope_args(scope: Any) -> list[str]:
    return [scope.slug] if isinstance(scope, Workspace) else [scope.workspace.slug, scope.slug]


def _url(name: str, *keys: str) -> Callable[[Any, Any], str]:
    """The page of an object: ``name`` reversed with the roadmap (or the workspace) and the object's
    attributes ``keys`` (``objective.key`` walks a link)."""

    def address(obj: Any, scope: Any) -> str:
        values = []
        for path in keys:
            value = obj
            for part in path.split("."):
                value = getattr(value, part)
            values.append(value)
        return reverse(name, args=[*_scope_args(scope), *values])

    return address


def _register_row(page: str) -> Callable[[Any, Any], str]:
    """A register's item has no page of its own (its address sends the reader to the register's row):
    link to that row directly."""

    def address(obj: Any, scope: Any) -> str:
        return f"{reverse(page, args=_scope_args(scope))}#item-{obj.key}"

    return address


Page = tuple[str, tuple[str, ...], Callable[[Any, Any], str]]

# The workspace's log: model label -> (its link to the workspace, what its name and page need, its page).
WORKSPACE_PAGES: dict[str, Page] = {
    "workspaces.Workspace": ("pk", (), lambda obj, scope: reverse("workspace", args=[scope.slug])),
    "planning.Person": ("workspace", (), _url("workspace_person", "key")),
    "workspaces.Membership": ("workspace", ("user",), _url("members")),
    "workspaces.Invitation": ("workspace", (), _url("members")),
}

IN_ROADMAP, IN_FRAMING = "roadmap", "framing__roadmap"
# model label -> (its link to the roadmap, what its name and page need, its page)
PAGES: dict[str, Page] = {
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
