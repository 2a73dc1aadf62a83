"""The dot votes read: who may vote (the participants of the vote's workshop who are members of the
workspace) and the results ranked by points. The writes are in ``jalon.framing.services``.

A ballot counts while its voter may vote: someone taken out of the workshop's participants, unlinked
from their stakeholder line or removed from the workspace no longer weighs on the results, but their
ballot is kept and counts again if they come back (the page says how many ballots are set aside).
Every workspace role may vote: being a participant is what matters, not the role. Once the vote is
closed its result is final: the ballots that counted at closing count, whoever leaves or comes back
(``Ballot.counted``, set by ``jalon.framing.services.set_closed``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.framing.models import Ballot, BallotLine, Stakeholder, Vote, VoteOption
from jalon.strategy.models import Roadmap


@dataclass
class Ranked:
    option: VoteOption
    points: int
    voters: int
    rank: int = 0  # 1 for the most points; proposals with the same points share a rank


@dataclass
class Tally:
    """A vote's results as they stand: the proposals ranked, the ballots that count and those set aside
    (their voters may no longer vote)."""

    ranked: list[Ranked]
    ballots: int
    set_aside: int


def participants(vote: Vote) -> QuerySet[Stakeholder]:
    """Who may vote: the stakeholders of the vote's workshop (of the whole framing when it has none)
    linked to someone who is a member of the workspace now."""
    found = vote.framing.stakeholders.filter(
        member__isnull=False, member__memberships__workspace__roadmaps__framing=vote.framing_id
    )
    return found.filter(workshops=vote.workshop_id) if vote.workshop_id else found


def counted_ballots(vote: Vote) -> QuerySet[Ballot]:
    """The ballots that weigh on the results: those of the voters who may vote now while the vote is open,
    those that counted at closing once it is closed."""
    if vote.closed:
        return vote.ballots.filter(counted=True)
    return live_ballots(vote)


def live_ballots(vote: Vote) -> QuerySet[Ballot]:
    """The ballots whose voters may vote now (what closing the vote freezes)."""
    return vote.ballots.filter(voter__in=participants(vote).values("member"))


def counted_voters(vote: Vote) -> list[str]:
    """Whose ballots counted when a closed vote was closed, by the name of their stakeholder line in the
    framing (their account's name once unlinked from it), in alphabetical order."""
    users = User.objects.filter(pk__in=vote.ballots.filter(counted=True).values("voter"))
    named = {s.member_id: s.name for s in vote.framing.stakeholders.filter(member__in=users)}
    return sorted((named.get(user.pk, str(user)) for user in users), key=str.casefold)


def results(vote: Vote) -> list[Ranked]:
    """The proposals, most points first (then in their order), from the ballots that count."""
    totals = {
        row["option"]: (row["total"], row["voters"])
        for row in BallotLine.objects.filter(ballot__in=counted_ballots(vote))
        .values("option")
        .annotate(total=Sum("points"), voters=Count("ballot"))
    }
    ranked = [Ranked(o, *totals.get(o.pk, (0, 0))) for o in vote.options.select_related("objective")]
    ranked.sort(key=lambda r: -r.points)
    for place, row in enumerate(ranked):
        row.rank = ranked[place - 1].rank if place and ranked[place - 1].points == row.points else place + 1
    return ranked


def tally(vote: Vote) -> Tally:
    counted = counted_ballots(vote).count()
    return Tally(results(vote), counted, vote.ballots.count() - counted)


def alike_proposal(proposal: str, other: str) -> str:
    """Why a proposal that reads like an earlier one of its vote is refused (the form's and the file's
    words); one typed again as it was is said to be already proposed, not to read like itself."""
    if proposal == other:
        return _("“{proposal}” is already proposed: give each proposal once.").format(proposal=proposal)
    return _("“{proposal}” reads like “{other}”, already proposed: give each proposal once.").format(
        proposal=proposal, other=other
    )


def may_vote(user: User | AnonymousUser, vote: Vote) -> bool:
    return user.is_authenticated and participants(vote).filter(member=user).exists()


@dataclass
class Standing:
    """Where an objective stands in the latest vote that weighed it."""

    vote: Vote
    points: int
    rank: int
    voters: int
    of: int  # proposals in that vote


def standings(roadmap: Roadmap) -> dict[int, Standing]:
    """Objective id -> its standing in the latest vote (of the roadmap's framing) with a proposal linked
    to it; a query per such vote, none per objective."""
    found: dict[int, Standing] = {}
    voted = Vote.objects.filter(framing__roadmap=roadmap, options__objective__isnull=False).distinct()
    for vote in voted.select_related("framing").order_by("pk"):
        ranked = results(vote)
        for row in ranked:
            if row.option.objective_id is not None:
                found[row.option.objective_id] = Standing(vote, row.points, row.rank, row.voters, len(ranked))
    return found


def ranking_of(ranked: Iterable[Ranked]) -> list[int]:
    """The objective ids of ranked proposals, most points first (ties in the proposals' order)."""
    return [r.option.objective_id for r in ranked if r.option.objective_id is not None]
