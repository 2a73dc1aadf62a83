"""Use cases of the dot votes: editors open a vote on proposals and give each participant N points; each
participant (stakeholders included) spreads their points, and may change their ballot until the vote is
closed; editors turn the winners into roadmap objectives (through ``jalon.strategy.services``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.framing.models import Ballot, BallotLine, Framing, Vote, VoteOption, Workshop
from jalon.framing.services.core import open_framing
from jalon.framing.votes import alike_proposal, live_ballots, may_vote, ranking_of, results
from jalon.history.services import record
from jalon.names import namesakes
from jalon.services import save_new
from jalon.strategy import services as strategy
from jalon.strategy.models import Objective, Roadmap
from jalon.workspaces.permissions import require, require_actor

MAX_OPTIONS = 30
MAX_PROPOSAL = 200  # characters (VoteOption.title)


def open_vote(
    *, actor: User | None, framing: Framing, title: str, points: int, proposals: Sequence[str],
    workshop: Workshop | None = None,
) -> Vote:  # fmt: skip
    """Open a vote; the stakeholders of ``workshop`` who are workspace members vote (of the whole framing
    when there is no workshop). Two proposals that read alike (``jalon.names.normalise``) are refused,
    naming the other: merging them would hide that one was typed twice, or meant something else."""
    require_actor(actor, "edit", framing.roadmap)
    titles = [p.strip() for p in proposals if p.strip()]
    too_long = next((n for n, t in enumerate(titles, start=1) if len(t) > MAX_PROPOSAL), None)
    if too_long is not None:  # said, never cut: the end of a proposal may be what it is about
        raise ValidationFailed({"proposals": [_(
            "A proposal has at most 200 characters; proposal {number} has {count}."
        ).format(number=too_long, count=len(titles[too_long - 1]))]})  # fmt: skip
    for _index, text, other in namesakes(titles):
        raise ValidationFailed({"proposals": [alike_proposal(text, other)]})
    if len(titles) < 2:
        raise ValidationFailed({"proposals": [_("Give at least two different proposals, one per line.")]})
    return _open(actor, framing, title, points, workshop, [(text, None) for text in titles])


def open_objectives_vote(
    *, actor: User | None, roadmap: Roadmap, title: str, points: int,
    objectives: Sequence[Objective] | None = None, workshop: Workshop | None = None,
) -> Vote:  # fmt: skip
    """Open a vote whose proposals are objectives of the roadmap (all of them when ``objectives`` is
    None): the stakeholders weigh the SMART table before the plan is fixed. Each proposal keeps its link to
    its objective, so the results show beside it."""
    require_actor(actor, "edit", roadmap)
    chosen = list(roadmap.objectives.order_by("position", "pk")) if objectives is None else list(objectives)
    if any(objective.roadmap_id != roadmap.pk for objective in chosen):
        raise ValidationFailed({"objectives": [_("Choose objectives of this roadmap.")]})
    chosen = list({objective.pk: objective for objective in chosen}.values())
    if len(chosen) < 2:
        raise ValidationFailed({"objectives": [_("Choose at least two objectives to weigh.")]})
    framing = open_framing(actor=actor, roadmap=roadmap)
    return _open(actor, framing, title, points, workshop, [(o.title, o) for o in chosen])


def _open(
    actor: User | None, framing: Framing, title: str, points: int, workshop: Workshop | None,
    options: Sequence[tuple[str, Objective | None]],
) -> Vote:  # fmt: skip
    require_actor(actor, "edit", framing.roadmap)
    if workshop is not None and workshop.framing_id != framing.pk:
        raise ValidationFailed({"workshop": [_("This must belong to the same framing.")]})
    if len(options) > MAX_OPTIONS:
        raise ValidationFailed({"proposals": [_("Give at most 30 proposals.")]})
    with transaction.atomic():
        vote = Vote(
            framing=framing, workshop=workshop, title=title, points=points, position=framing.votes.count()
        )
        save_new(vote, actor=actor)
        VoteOption.objects.bulk_create(
            VoteOption(vote=vote, title=text, position=position, objective=objective)
            for position, (text, objective) in enumerate(options)
        )
    return vote


def cast(*, actor: User, vote: Vote, points: Mapping[int, int]) -> Ballot:
    """Replace ``actor``'s ballot: option id -> points (0 or more, at most the vote's points in all).
    Only the vote's participants vote."""
    require(actor, "view", vote.framing.roadmap.workspace)
    if not may_vote(actor, vote):
        raise ValidationFailed({"__all__": [_("Only the participants of the workshop vote on it.")]})
    if vote.closed:
        raise ValidationFailed({"__all__": [_("This vote is closed.")]})
    options = {option.pk for option in vote.options.all()}
    given = {int(option): int(count) for option, count in points.items() if int(count) != 0}
    if any(option not in options for option in given) or any(count < 0 for count in given.values()):
        raise ValidationFailed({"__all__": [_("Give zero or more points to the proposals of this vote.")]})
    total = sum(given.values())
    if total > vote.points:
        raise ValidationFailed(
            {
                "__all__": [
                    ngettext(
                        "You have {points} point to give; this ballot gives {total}.",
                        "You have {points} points to give; this ballot gives {total}.",
                        vote.points,
                    ).format(points=vote.points, total=total)
                ]
            }
        )
    with transaction.atomic():
        locked = Vote.objects.select_for_update().get(pk=vote.pk)
        if locked.closed:
            raise ValidationFailed({"__all__": [_("This vote is closed.")]})
        ballot, _created = Ballot.objects.get_or_create(vote=vote, voter=actor)
        ballot.lines.all().delete()
        BallotLine.objects.bulk_create(
            BallotLine(ballot=ballot, option_id=option, points=count) for option, count in given.items()
        )
        ballot.save()
    return ballot


def set_closed(*, actor: User, vote: Vote, closed: bool) -> Vote:
    """Close a vote, freezing its result: each ballot keeps whether it counted then (its voter a
    participant), so nobody leaving or coming back afterwards changes it. Reopening, kept in the history
    like closing, counts the ballots again as they stand. Closing a closed vote (a second tab) changes
    nothing."""
    require(actor, "edit", vote.framing.roadmap)
    with transaction.atomic():
        locked = Vote.objects.select_for_update().get(pk=vote.pk)
        if locked.closed != closed:
            locked.version += 1
            record(locked, actor=actor, before={"closed": locked.closed}, after={"closed": closed})
            Vote.objects.filter(pk=vote.pk).update(closed=closed, version=locked.version)
            ballots = Ballot.objects.filter(vote=locked)
            if closed:
                counting = live_ballots(locked).values("pk")
                ballots.filter(pk__in=counting).update(counted=True)
                ballots.exclude(pk__in=counting).update(counted=False)
            else:
                ballots.update(counted=None)
    vote.refresh_from_db()
    return vote


def adopt(*, actor: User, vote: Vote, option_ids: Sequence[int]) -> list[Objective]:
    """Make roadmap objectives of the chosen proposals of a closed vote (each once)."""
    require(actor, "edit", vote.framing.roadmap)
    if not vote.closed:
        raise ValidationFailed({"__all__": [_("Close the vote before adopting its winners.")]})
    if not option_ids:  # the button pressed with no proposal ticked: say what to do, not nothing
        raise ValidationFailed({"__all__": [_("Tick the proposals to make objectives of, then adopt them.")]})
    made: list[Objective] = []
    with transaction.atomic():
        for option in vote.options.filter(pk__in=option_ids, objective__isnull=True):
            objective = strategy.create_objective(
                actor=actor, roadmap=vote.framing.roadmap, title=option.title
            )
            option.objective = objective
            option.save(update_fields=["objective"])
            made.append(objective)
    return made


def adopt_ranking(*, actor: User, vote: Vote) -> list[Objective]:
    """Order the SMART table by a closed vote's results: the objectives its proposals weigh take, among the
    places they held, the order of their points (ties keep the proposals' order); the others stay put."""
    require(actor, "edit", vote.framing.roadmap)
    if not vote.closed:
        raise ValidationFailed({"__all__": [_("Close the vote before adopting its ranking.")]})
    ids = ranking_of(results(vote))
    if len(ids) < 2:
        message = _("This vote weighs fewer than two objectives: no order to adopt.")
        raise ValidationFailed({"__all__": [message]})
    with transaction.atomic():
        found = {o.pk: o for o in Objective.objects.select_for_update().filter(pk__in=ids)}
        ordered = [found[pk] for pk in ids if pk in found]
        places: list[int] = []
        for position in sorted(o.position for o in ordered):  # distinct places, in the order they had
            places.append(max(position, places[-1] + 1) if places else position)
        for objective, place in zip(ordered, places, strict=True):
            if objective.position != place:
                before = {"position": objective.position}
                record(objective, actor=actor, before=before, after={"position": place})
                Objective.objects.filter(pk=objective.pk).update(position=place)
                objective.position = place
    return ordered
