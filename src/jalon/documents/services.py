"""Roadmaps in and out as ``jalon/1`` files. Import is all-or-nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.documents import copy_once
from jalon.documents.copying import copied_document
from jalon.documents.framing_file import framing_document, indicators_by_objective
from jalon.documents.planning_file import compact, number, planning_document
from jalon.documents.replace import ReplaceNeedsConfirmation, losses_of
from jalon.documents.roadmap_file import FORMAT, FileProblems, Format, RoadmapFile, dump, parse
from jalon.documents.roadmap_write import build
from jalon.errors import ValidationFailed
from jalon.history import origin
from jalon.history.models import RoadmapVersion
from jalon.keys import free_key
from jalon.names import same_title
from jalon.strategy import queries
from jalon.strategy.kpis import forecast_store
from jalon.strategy.models import Objective, Roadmap, RoadmapCopy
from jalon.workspaces.models import Workspace
from jalon.workspaces.permissions import ARCHIVED, require_actor


def _objective(objective: Objective, indicators: dict[int, list[dict[str, Any]]]) -> dict[str, Any]:
    measurable = compact(
        {
            "metric": objective.metric,
            "unit": objective.unit,
            "baseline": number(objective.baseline),
            "target": number(objective.target),
            "direction": objective.direction or None,
            "done_state": objective.done_state,
        }
    )
    return compact(
        {
            "key": objective.key,
            "title": objective.title,
            "impact": objective.impact,
            "specific": objective.specific,
            "measurable": measurable,
            "deadline": objective.deadline,
            "deadline_rule": objective.deadline_rule,
            "term": objective.term,
            "parent": objective.parent.key if objective.parent else None,
            "owner": objective.owner,
            "qualitative_indicators": indicators.get(objective.pk, []),
        },
        keep=("key", "title"),
    )


def roadmap_document(roadmap: Roadmap) -> dict[str, Any]:
    """The roadmap as the ``jalon/1`` tree, in a stable order (export -> import -> export is identical)."""
    indicators = indicators_by_objective(roadmap)
    framing = framing_document(roadmap)
    kpis = [
        compact(
            {
                "key": kpi.key,
                "name": kpi.name,
                "unit": kpi.unit,
                "objective": kpi.objective.key if kpi.objective else None,
                "owner": kpi.owner,
                "frequency": kpi.frequency,
                "direction": kpi.direction,
                "baseline": number(kpi.baseline),
                "baseline_date": kpi.baseline_date,
                "target": number(kpi.target),
                "target_low": number(kpi.target_low),
                "target_high": number(kpi.target_high),
                "target_date": kpi.target_date,
                "benchmark_low": number(kpi.benchmark_low),
                "benchmark_high": number(kpi.benchmark_high),
                "benchmark_source": kpi.benchmark_source,
                "benchmark_metric": kpi.benchmark_metric,
                "lowest_possible": number(kpi.lowest_possible),
                "highest_possible": number(kpi.highest_possible),
                "measurements": [
                    compact(
                        {"date": m.date, "value": number(m.value), "source": m.source},
                        keep=("date", "value"),
                    )
                    for m in kpi.measurements.all()
                ],
            },
            keep=("key", "name", "frequency"),
        )
        for kpi in queries.kpis_with_measurements(roadmap)
    ]
    strategies = [
        {
            "key": strategy.key,
            "objective": strategy.objective.key,
            "title": strategy.title,
            "tactics": [
                compact({"key": t.key, "title": t.title, "description": t.description}, keep=("key", "title"))
                for t in strategy.tactics.all()
            ],
        }
        for strategy in queries.strategies_of(roadmap)
    ]
    return {
        "format": FORMAT,
        "roadmap": compact(
            {
                "slug": roadmap.slug,
                "title": roadmap.title,
                "type": roadmap.type,
                "vision": roadmap.vision,
                "horizon": {"start": roadmap.start, "end": roadmap.end},
                "fiscal_year_start_month": roadmap.fiscal_year_start_month,
                "language": roadmap.language,
                "currency": roadmap.currency,
                "sector": roadmap.sector,
            },
            keep=("slug", "title", "type"),
        ),
        "objectives": [_objective(o, indicators) for o in queries.objectives_of(roadmap)],
        "kpis": kpis,
        "strategies": strategies,
        **planning_document(roadmap),
        **({"framing": framing} if framing is not None else {}),
    }


def export_roadmap(*, actor: User | None, roadmap: Roadmap, fmt: Format) -> str:
    require_actor(actor, "view", roadmap.workspace)
    return dump(roadmap_document(roadmap), fmt)


def import_roadmap(
    *,
    actor: User | None,
    workspace: Workspace,
    text: str,
    fmt: Format,
    replace: bool = False,
    confirmed: bool = False,
    kind: str = "import",
    note: Mapping[str, Any] | None = None,
    day_rules: bool = True,
    recorded: Callable[[Roadmap], None] | None = None,
) -> Roadmap:
    """Create (or with ``replace``, recreate) a roadmap from a file. A bad file writes nothing.

    The file is read and every object built and checked in memory first; the write is one short
    transaction (``jalon.documents.bulk_write``). Replacing an existing roadmap needs ``confirmed``
    (else ``ReplaceNeedsConfirmation`` says what would be lost); the roadmap as it was is kept as a
    ``RoadmapVersion``. ``kind`` (``origin.importing``) is what the change log calls the import: a file's,
    a copy's or a restore's, whose ``note`` (what it was a copy of, which version it restored) is recorded
    on the new roadmap. ``day_rules``: whether the rules on the days the roadmap lived apply (a milestone
    reached, a measurement, a review not after today nor before the start; a pinned activity's dates): all
    but a kept version restored and a copy (what the roadmap held, its start may have moved since) and the
    demo loaded for another day than today (its story is told as of that day). ``recorded`` is called with
    the new roadmap in the write's transaction (a copy's record, ``copy_once``).
    """
    require_actor(actor, "edit", workspace)
    with origin.importing(kind):
        return _import(
            actor, workspace, parse(text, fmt), replace=replace, confirmed=confirmed, note=note,
            day_rules=day_rules, recorded=recorded,
        )  # fmt: skip


def _import(
    actor: User | None,
    workspace: Workspace,
    document: RoadmapFile,
    *,
    replace: bool,
    confirmed: bool,
    note: Mapping[str, Any] | None,
    day_rules: bool = True,
    recorded: Callable[[Roadmap], None] | None = None,
) -> Roadmap:
    slug = document.roadmap.slug
    existing = Roadmap.objects.filter(workspace=workspace, slug=slug).first()
    if existing is not None and not replace:
        raise FileProblems([("roadmap.slug", _already_exists(slug))])
    if existing is not None and existing.is_archived:  # read-only until an owner restores it
        raise FileProblems([("roadmap.slug", str(ARCHIVED))])
    roadmap, batch = build(document, workspace=workspace, actor=actor, day_rules=day_rules)
    if note:
        batch.note(roadmap, dict.fromkeys(note), note)
    if existing is not None and not confirmed:
        raise ReplaceNeedsConfirmation(losses_of(existing))
    batch.prepare()
    kept = _Kept.read(existing) if existing is not None else None
    try:
        with transaction.atomic():
            existing = Roadmap.objects.filter(workspace=workspace, slug=slug).first()
            if existing is not None:
                if not replace:
                    raise FileProblems([("roadmap.slug", _already_exists(slug))])
                if kept is None or not kept.still_current(existing):
                    kept = _Kept.read(existing)
                kept.save(existing, actor=actor)
                existing.delete()
            batch.insert()
            if recorded is not None:
                recorded(roadmap)
            forecast_store.after_commit(roadmap)  # its KPIs' forecasts, before its pages show them
    except IntegrityError as error:  # a rule the checks above missed: still nothing written
        raise FileProblems([_raced(workspace, roadmap, replace=replace)]) from error
    return roadmap


def _raced(workspace: Workspace, roadmap: Roadmap, *, replace: bool) -> tuple[str, str]:
    """Why the write was refused though every check passed: another save landed in between (a roadmap of
    the same title, or of the same slug), now visible, and said as the checks say it; else the rule missed.
    """
    others = Roadmap.objects.filter(workspace=workspace).exclude(slug=roadmap.slug)
    taken = same_title(others, roadmap.title)
    if taken is not None:
        said = _("A roadmap of this workspace is already called {title}.").format(title=taken)
        return "roadmap.title", said
    if not replace and Roadmap.objects.filter(workspace=workspace, slug=roadmap.slug).exists():
        return "roadmap.slug", _already_exists(roadmap.slug)
    return "/", _("The file breaks a rule of the roadmap; nothing was imported.")


def _already_exists(slug: str) -> str:
    return _(
        "A roadmap {slug} already exists in this workspace; import it with replace to overwrite it."
    ).format(slug=slug)


def keep_version(roadmap: Roadmap, *, actor: User | None) -> RoadmapVersion:
    """Keep the roadmap as it is now (its file, and what replacing it loses) in its history."""
    return _Kept.read(roadmap).save(roadmap, actor=actor)


@dataclass(frozen=True)
class _Kept:
    """A roadmap's file and losses, read before the write transaction when SQLite can tell that nobody
    wrote since (a 1,000-activity export takes over a second: not a time to hold the only write lock)."""

    roadmap_id: int
    data_version: int | None
    document: str
    lost: dict[str, int]

    @classmethod
    def read(cls, roadmap: Roadmap) -> _Kept:
        return cls(
            roadmap_id=roadmap.pk,
            data_version=_data_version(),
            document=dump(roadmap_document(roadmap), "json"),
            lost=losses_of(roadmap).lost(),
        )

    def still_current(self, roadmap: Roadmap) -> bool:
        """Whether no other connection committed anything since it was read (SQLite only)."""
        return (
            self.roadmap_id == roadmap.pk
            and self.data_version is not None
            and (self.data_version == _data_version())
        )

    def save(self, roadmap: Roadmap, *, actor: User | None) -> RoadmapVersion:
        return RoadmapVersion.objects.create(
            workspace=roadmap.workspace, slug=roadmap.slug, title=roadmap.title, document=self.document,
            lost=self.lost, actor=actor, origin=_replaced_by(),
        )  # fmt: skip


def _replaced_by() -> str:
    """Where a replacement comes from: an import (from the site, the command line…) or a restore."""
    with origin.importing():
        return origin.current()


def _data_version() -> int | None:
    """SQLite's count of commits by other connections, as this connection sees it (None elsewhere)."""
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA data_version")
        return int(cursor.fetchone()[0])


def restore_version(*, actor: User | None, version: RoadmapVersion, confirmed: bool = False) -> Roadmap:
    """Put a kept version back: a replace-import of its file (the roadmap as it is now is kept in turn)."""
    return import_roadmap(
        actor=actor, workspace=version.workspace, text=version.document, fmt="json", replace=True,
        confirmed=confirmed, kind="restore", note={origin.RESTORED: version.saved_at}, day_rules=False,
    )  # fmt: skip


# How many addresses a copy tries when other roadmaps keep taking the one it made from its title meanwhile.
COPY_SLUG_ATTEMPTS = 5


def copy_roadmap(
    *,
    actor: User | None,
    roadmap: Roadmap,
    title: str,
    months: int = 0,
    measurements: bool = False,
    into: Workspace | None = None,
    once: str = "",
) -> Roadmap:
    """A new roadmap from this one's ``jalon/1`` tree (``documents.copying`` says what changes: dates moved
    by ``months``, activities back to *idea*, no reviews…), imported like a file: all or nothing, under a
    free slug. Editors and owners; the original may be archived. ``into`` another workspace (a consultant
    starting a client's roadmap from another client's) takes an editor or owner of both, and the copy
    carries nothing of the original's workspace: not its team, nor the original's title in the history.
    ``once``, the copy form's token: that form sent again (a second tab, a double click) raises
    :class:`copy_once.MadeAlready` with the copy it made, even when the two requests race."""
    require_actor(actor, "view", roadmap.workspace)
    require_actor(actor, "edit", roadmap.workspace)
    workspace = into or roadmap.workspace
    elsewhere = workspace.pk != roadmap.workspace_id
    if elsewhere:
        require_actor(actor, "edit", workspace)
    title = " ".join(title.split())
    key = copy_once.copy_fingerprint(
        actor=actor, roadmap=roadmap, token=once, title=title, months=months, measurements=measurements,
        into=workspace,
    )  # fmt: skip
    if (made := copy_once.made_by(key)) is not None:  # sent again once its copy was made
        raise copy_once.MadeAlready(made)
    try:
        return _copy(actor, roadmap, workspace, title, months, measurements, key)
    except ValidationFailed:  # its title taken by the copy the same form made meanwhile: that copy
        if (made := copy_once.made_by(key)) is not None:
            raise copy_once.MadeAlready(made) from None
        raise


def _copy_recorder(*, key: str, source: Roadmap, actor: User | None) -> Callable[[Roadmap], None]:
    """What writes the copy's record, in the transaction that writes the copy: :class:`copy_once.MadeAlready`
    (the whole copy rolled back) when another request of the same form wrote its copy first. PostgreSQL makes
    this write wait for that request's commit; SQLite lets one writer in at a time."""

    def record(copy: Roadmap) -> None:
        try:
            with transaction.atomic():
                RoadmapCopy.objects.create(source=source, copy=copy, actor=actor, fingerprint=key)
        except IntegrityError:
            if (made := copy_once.made_by(key)) is None:
                raise
            raise copy_once.MadeAlready(made) from None

    return record


def _copy(
    actor: User | None, roadmap: Roadmap, workspace: Workspace, title: str, months: int, measurements: bool,
    key: str,
) -> Roadmap:  # fmt: skip
    elsewhere = workspace.pk != roadmap.workspace_id
    taken = same_title(workspace.roadmaps.all(), title)
    if not title or taken is not None:
        message = _("A roadmap of this workspace is already called {title}.").format(title=taken)
        raise ValidationFailed({"title": [message if title else _("This field is required.")]})
    source = roadmap_document(roadmap)
    for attempt in range(1, COPY_SLUG_ATTEMPTS + 1):
        slug = free_key(workspace.roadmaps, title, fallback="roadmap", field="slug")
        tree = copied_document(
            source, slug=slug, title=title, months=months, measurements=measurements, team=not elsewhere
        )
        try:
            return import_roadmap(
                actor=actor,
                workspace=workspace,
                text=dump(tree, "json"),
                fmt="json",
                kind="copy",
                note=None if elsewhere else {origin.COPY_OF: roadmap.title},
                day_rules=False,  # the original's facts, as it held them (its plan's dates moved wholesale)
                recorded=_copy_recorder(key=key, source=roadmap, actor=actor),
            )
        except FileProblems as problems:  # the original's tree refused once moved: say where, write nothing
            raced = [message for where, message in problems.problems if where == "roadmap.title"]
            if raced:  # another roadmap of this title saved since the check above: the same words
                raise ValidationFailed({"title": raced}) from problems
            slug_only = {where for where, _m in problems.problems} == {"roadmap.slug"}
            if slug_only and attempt < COPY_SLUG_ATTEMPTS:
                continue  # another roadmap took the address made from the title, not typed: the next free one
            said = [f"{where}: {message}" for where, message in problems.problems]
            raise ValidationFailed({"months": said}) from problems
    raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover
