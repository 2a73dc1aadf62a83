"""Applying a schedule proposal, and undoing it: every move through the planning services in one
transaction, with history; *Annuler le planning* puts every moved activity back on the dates the history
recorded before the plan was applied, all or nothing, and only if nobody changed them since."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.errors import Conflict, ValidationFailed
from jalon.history.models import Change
from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.planning import services
from jalon.planning.models import Activity
from jalon.planning.schedule.proposal import Proposal, Stamp
from jalon.planning.schedule.run import JOB_KIND
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require_actor


def _check_job(roadmap: Roadmap, job: Job) -> Proposal:
    if job.kind != JOB_KIND or job.roadmap_id != roadmap.pk or job.status != JobStatus.DONE:
        raise ValidationFailed({"__all__": [_("This proposal is not finished.")]})
    proposal = Proposal.from_json(job.result_data)
    if not proposal.has_schedule:
        raise ValidationFailed({"__all__": [_("This proposal has no schedule to apply.")]})
    return proposal


def _stamp(actor: User | None) -> Stamp:
    """Now, by ``actor``."""
    name = (actor.display_name or actor.email) if actor else ""
    return Stamp(timezone.now(), actor.pk if actor else None, name)


def apply_job(*, actor: User | None, roadmap: Roadmap, job: Job) -> int:
    """Move every activity as the proposal says, all or nothing; how many moved.

    An activity changed or deleted since the proposal was computed is a ``Conflict``: nothing moves. The
    versions the moves produce are kept with the proposal, so that it can show the plan as applied and be
    undone while nobody changed those activities again.
    """
    require_actor(actor, "edit", roadmap)
    proposal = _check_job(roadmap, job)
    if proposal.applied is not None:
        raise ValidationFailed({"__all__": [_("This proposal was already applied.")]})
    moves = proposal.moves
    applied: dict[str, int] = {}
    with transaction.atomic():
        found = {a.key: a for a in Activity.objects.filter(roadmap=roadmap, key__in=[m.key for m in moves])}
        for move in moves:
            activity = found.get(move.key)
            if activity is None:
                raise Conflict(current_version=0, changes={"key": (None, move.key)})
            moved = services.move_activity(
                actor=actor,
                activity=activity,
                expected_version=move.version,
                start=move.new_start,
                end=move.new_end,
                confirm=True,  # the whole plan respects every dependency once all moves are saved
            )
            applied[moved.key] = moved.version
        jobs.merge_result(job, {**_stamp(actor).as_json("applied"), "applied_versions": applied})
    return len(moves)


def undo_job(*, actor: User | None, roadmap: Roadmap, job: Job) -> int:
    """Put every activity the applied proposal moved back on its dates before, from the history, in one
    transaction; how many moved back. One of them moved since (its dates are not those applied) or deleted
    is a ``Conflict``: nothing changes. An edit that left its dates alone (a title, a cost) does not stand
    in the way: the undo puts back the dates only, and keeps that edit."""
    require_actor(actor, "edit", roadmap)
    proposal = _check_job(roadmap, job)
    if not proposal.can_undo or proposal.applied_versions is None:
        raise ValidationFailed({"__all__": [_("This proposal is not applied: there is nothing to undo.")]})
    applied = dict(proposal.applied_versions)
    with transaction.atomic():
        found = {
            a.key: a
            for a in Activity.objects.select_for_update().filter(roadmap=roadmap, key__in=list(applied))
        }
        dates = proposal.applied_dates()
        for key in applied:
            activity = found.get(key)
            if activity is None:
                raise Conflict(current_version=0, changes={"key": (key, None)})
            if (activity.start, activity.end) != dates.get(key):
                raise Conflict(current_version=activity.version, changes={"start": (None, None)})
        before = _dates_before(list(found.values()), applied)
        for key in applied:
            activity = found[key]
            start, end = before[activity.pk]
            services.update(
                activity, actor=actor, expected_version=activity.version, changes={"start": start, "end": end}
            )
        jobs.merge_result(job, _stamp(actor).as_json("undone"))
    return len(applied)


def _dates_before(activities: list[Activity], versions: dict[str, int]) -> dict[int, tuple[Any, Any]]:
    """Each activity's start and end before the change that made ``versions[key]``, read from the history
    (one query): a date the plan did not change is its date now."""
    changes = Change.objects.filter(
        content_type=ContentType.objects.get_for_model(Activity),
        object_id__in=[a.pk for a in activities],
        version__in=set(versions.values()),
    )
    recorded = {(c.object_id, c.version): c.fields for c in changes}
    dates: dict[int, tuple[Any, Any]] = {}
    for activity in activities:
        fields = recorded.get((activity.pk, versions[activity.key]))
        if fields is None:
            raise Conflict(current_version=activity.version, changes={"history": (None, None)})
        start = fields["start"][0] if "start" in fields else activity.start
        end = fields["end"][0] if "end" in fields else activity.end
        dates[activity.pk] = (_day(start), _day(end))
    return dates


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
