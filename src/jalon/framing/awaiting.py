"""The open votes awaiting a member: registered in ``jalon.workspaces.awaiting`` from the app's ``ready``, so
the workspace page and each roadmap's page say « A vote is waiting for you » to whoever may vote and has not.

Who may vote is ``jalon.framing.votes.participants``: a stakeholder of the vote's workshop (of the whole
framing when it has none) linked to the member, who is a member of the roadmap's workspace."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jalon.accounts.models import User
from jalon.framing.models import Ballot, Stakeholder, Vote
from jalon.workspaces.awaiting import Awaiting
from jalon.workspaces.models import Membership


def votes_awaiting(user: User, roadmap_ids: Sequence[int]) -> list[Awaiting]:
    """The open votes of these roadmaps' framings that ``user`` may cast and has not: one query."""
    linked = Stakeholder.objects.filter(framing=OuterRef("framing"), member=user)
    attends = linked.filter(workshops=OuterRef("workshop"))
    member = Membership.objects.filter(user=user, workspace=OuterRef("framing__roadmap__workspace"))
    found = (
        Vote.objects.filter(framing__roadmap__in=roadmap_ids, closed=False)
        .filter(Q(Exists(linked), workshop__isnull=True) | Q(Exists(attends)))
        .filter(Exists(member))
        .exclude(Exists(Ballot.objects.filter(vote=OuterRef("pk"), voter=user)))
        .select_related("framing__roadmap__workspace")
        .order_by("framing__roadmap__title", "pk")
    )
    return [
        Awaiting(
            roadmap_id=vote.framing.roadmap_id,
            roadmap_title=vote.framing.roadmap.title,
            text=_("A vote is waiting for you: {question}").format(question=vote.title),
            action=pgettext("cast a ballot", "vote"),
            url=reverse(
                "framing_votes", args=[vote.framing.roadmap.workspace.slug, vote.framing.roadmap.slug]
            )
            + f"#vote-section-{vote.pk}",
        )
        for vote in found
    ]
