"""The dot votes read: who may vote (the participants of the vote's workshop) and the results ranked by
points. The writes are in ``jalon.framing.services``."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet, Sum

from jalon.accounts.models import User
from jalon.framing.models import BallotLine, Stakeholder, Vote, VoteOption


@dataclass
class Ranked:
    option: VoteOption
    points: int
    voters: int


def results(vote: Vote) -> list[Ranked]:
    """The proposals, most points first (then in their order)."""
    totals = {
        row["option"]: (row["total"], row["voters"])
        for row in BallotLine.objects.filter(option__vote=vote)
        .values("option")
        .annotate(total=Sum("points"), voters=Count("ballot"))
    }
    ranked = [Ranked(o, *totals.get(o.pk, (0, 0))) for o in vote.options.select_related("objective")]
    return sorted(ranked, key=lambda r: -r.points)


def participants(vote: Vote) -> QuerySet[Stakeholder]:
    """Who may vote: the stakeholders of the vote's workshop (of the whole framing when it has none)
    who are workspace members."""
    found = vote.framing.stakeholders.filter(member__isnull=False)
    return found.filter(workshops=vote.workshop_id) if vote.workshop_id else found


def may_vote(user: User | AnonymousUser, vote: Vote) -> bool:
    return user.is_authenticated and participants(vote).filter(member=user).exists()
