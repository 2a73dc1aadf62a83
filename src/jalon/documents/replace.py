"""What replacing a roadmap by a file replaces and what it loses for good, said before anything happens.

A replace-import (``jalon import --replace``, the web import's replace page, restoring a kept version)
deletes the roadmap row, and with it everything in it, then writes the file's roadmap in its place. What
comes back is what the ``jalon/1`` file carries; the rest is lost for good:

- **Replaced by the file** (and brought back by restoring the kept version): the roadmap's head,
  objectives with their qualitative indicators and ratings, KPIs and measurements, strategies and
  tactics, themes, the team's staffing, activities and their links, milestones, risks, the
  communication plan, reviews with their snapshots, and the framing — kick-off, workshops, stakeholders
  (name, role, workshops attended), personas with their RFM figures, their experience maps (journey
  steps), lifecycle stages, the animation plan (each action's persona, stage and backlog activity), the
  votes with their proposals (and the objective each was adopted as) and whether they are closed, and
  the orders file's name, date and customer count. The orders file itself is never stored (it is read
  when uploaded and, while its columns are asked for, held in the session only): nothing of it is lost.
- **Lost for good** (counted in the warning and in the kept version's ``lost``): the saved portfolio
  scenarios, the history of changes (of the roadmap and of its framing), the schedule proposals and
  portfolio runs, the ballots cast on the votes (the results are counted again from the new ballots),
  the prototypes (title, status, comments, and their uploaded file and thumbnail, removed from storage
  once the replacement commits: ``jalon.framing.services.prototypes``) and which workspace member each
  stakeholder is (the member then no longer votes as that stakeholder). People of the workspace's team
  are not the roadmap's: they stay.

The CLI (``--yes``) and the pages ask for confirmation with these counts; the roadmap as it was is kept as
a ``RoadmapVersion``, from which its history page restores it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jalon.framing.models import (
    Ballot,
    Framing,
)
from jalon.history.models import Change
from jalon.jobs.models import Job
from jalon.planning.models import (
    Scenario,
)
from jalon.strategy.models import Roadmap


@dataclass(frozen=True)
class FramingCounts:
    """The roadmap's framing: what the file replaces (counted) and what it cannot carry."""

    personas: int
    journey_steps: int
    actions: int
    votes: int
    prototypes: int
    ballots: int
    members: int  # stakeholders who are a workspace member


@dataclass(frozen=True)
class ReplaceLosses:
    slug: str
    title: str
    objectives: int
    activities: int
    scenarios: int
    history_entries: int
    proposals: int
    framing: FramingCounts | None = None

    def lost(self) -> dict[str, int]:
        framing = self.framing
        return {
            "scenarios": self.scenarios,
            "history": self.history_entries,
            "proposals": self.proposals,
            "prototypes": framing.prototypes if framing else 0,
            "ballots": framing.ballots if framing else 0,
            "members": framing.members if framing else 0,
        }

    def lines(self) -> list[str]:
        """The warning, in the user's language, one sentence a line."""
        replaced = _("The roadmap {slug} ({title}) is replaced by the file: {objectives} and {activities}.")
        n = self.objectives, self.activities
        lines = [
            replaced.format(
                slug=self.slug,
                title=self.title,
                objectives=ngettext("%(count)d objective", "%(count)d objectives", n[0]) % {"count": n[0]},
                activities=ngettext("%(count)d activity", "%(count)d activities", n[1]) % {"count": n[1]},
            )
        ]
        if self.framing is not None:
            f = self.framing
            lines.append(
                _(
                    "Its framing (kick-off, workshops, stakeholders, lifecycle stages) is replaced by the "
                    "file's: {personas} with {steps}, {actions} and {votes}."
                ).format(
                    personas=ngettext("%(count)d persona", "%(count)d personas", f.personas)
                    % {"count": f.personas},
                    steps=ngettext("%(count)d journey step", "%(count)d journey steps", f.journey_steps)
                    % {"count": f.journey_steps},
                    actions=ngettext("%(count)d plan action", "%(count)d plan actions", f.actions)
                    % {"count": f.actions},
                    votes=ngettext("%(count)d vote", "%(count)d votes", f.votes) % {"count": f.votes},
                )
            )
        lines += [
            _("Lost for good: {lost}.").format(lost=", ".join(lost_phrases(self.lost()))),
            _("The roadmap as it is now is kept in its history, from where it can be restored."),
        ]
        return lines


def lost_phrases(lost: Mapping[str, int]) -> list[str]:
    """What a replacement lost (``ReplaceLosses.lost``, or a kept version's ``lost``), one phrase each; the
    framing's losses only when there are some."""
    scenarios, history, proposals = (lost.get(key, 0) for key in ("scenarios", "history", "proposals"))
    prototypes, ballots, members = (lost.get(key, 0) for key in ("prototypes", "ballots", "members"))
    phrases = [
        ngettext("%(count)d saved scenario", "%(count)d saved scenarios", scenarios) % {"count": scenarios},
        ngettext("%(count)d history entry", "%(count)d history entries", history) % {"count": history},
        ngettext(
            "%(count)d schedule proposal or portfolio run",
            "%(count)d schedule proposals or portfolio runs",
            proposals,
        )
        % {"count": proposals},
    ]
    if prototypes:
        phrases.append(
            ngettext(
                "%(count)d prototype with its uploaded file",
                "%(count)d prototypes with their uploaded files",
                prototypes,
            )
            % {"count": prototypes}
        )
    if ballots:
        phrases.append(
            ngettext("%(count)d ballot cast", "%(count)d ballots cast", ballots) % {"count": ballots}
        )
    if members:
        phrases.append(
            ngettext(
                "%(count)d stakeholder's link to a workspace member",
                "%(count)d stakeholders' links to workspace members",
                members,
            )
            % {"count": members}
        )
    return phrases


class ReplaceNeedsConfirmation(Exception):
    """A replace-import (or a restore) asked without confirmation: nothing was written."""

    def __init__(self, losses: ReplaceLosses) -> None:
        self.losses = losses
        super().__init__(" ".join(losses.lines()))


def _framing_counts(roadmap: Roadmap) -> FramingCounts | None:
    framing = Framing.objects.filter(roadmap=roadmap).first()
    if framing is None:
        return None
    return FramingCounts(
        personas=framing.personas.count(),
        journey_steps=framing.journey_steps.count(),
        actions=framing.actions.count(),
        votes=framing.votes.count(),
        prototypes=framing.prototypes.count(),
        ballots=Ballot.objects.filter(vote__framing=framing).count(),
        members=framing.stakeholders.filter(member__isnull=False).count(),
    )


def losses_of(roadmap: Roadmap) -> ReplaceLosses:
    return ReplaceLosses(
        slug=roadmap.slug,
        title=roadmap.title,
        objectives=roadmap.objectives.count(),
        activities=roadmap.activities.count(),
        scenarios=Scenario.objects.filter(roadmap=roadmap).count(),
        history_entries=Change.objects.filter(roadmap=roadmap).count(),
        proposals=Job.objects.filter(roadmap=roadmap).count(),
        framing=_framing_counts(roadmap),
    )
