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
from jalon.framing.votes import may_vote
from jalon.history.services import record
from jalon.services import save_new
from jalon.strategy import services as strategy
from jalon.strategy.models import Objective
from jalon.workspaces.permissions import require, require_actor

MAX_OPTIONS = 30
MAX_PROPOSAL = 200  # characters (VoteOption.title)


def open_vote(
    *, actor: User | None, framing: Framing, title: str, points: int, proposals: Sequence[str],
    workshop: Workshop | None = None,
) -> Vote:  # fmt: skip
    """Open a vote; the stakeholders of ``workshop`` who are workspace members vote (of the whole framing
    when there is no workshop)."""
    require_actor(actor, "edit", framing.roadmap)
    if workshop is not None and workshop.framing_id != framing.pk:
        raise ValidationFailed({"workshop": [_("This must belong to the same framing.")]})
    titles = [p.strip() for p in proposals if p.strip()]
    too_long = next((n for n, t in enumerate(titles, start=1) if len(t) > MAX_PROPOSAL), None)
    if too_long is not None:  # said, never cut: the end of a proposal may be what it is about
        raise ValidationFailed({"proposals": [_(
            "A proposal has at most 200 characters; proposal {number} has {count}."
        ).format(number=too_long, count=len(titles[too_long - 1]))]})  # fmt: skip
    if len(set(titles)) < 2:
        raise ValidationFailed({"proposals": [_("Give at least two different proposals, one per line.")]})
    if len(titles) > MAX_OPTIONS:
        raise ValidationFailed({"proposals": [_("Give at most 30 proposals.")]})
    with transaction.atomic():
        vote = Vote(
            framing=framing, workshop=workshop, title=title, points=points, position=framing.votes.count()
        )
        save_new(vote, actor=actor)
        for position, text in enumerate(dict.fromkeys(titles)):
            VoteOption.objects.create(vote=vote, title=text, position=position)
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
    require(actor, "edit", vote.framing.roadmap)
    with transaction.atomic():
        record(vote, actor=actor, before={"closed": vote.closed}, after={"closed": closed})
        Vote.objects.filter(pk=vote.pk).update(closed=closed, version=vote.version + 1)
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
