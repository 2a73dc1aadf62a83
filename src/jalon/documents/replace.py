"""What replacing a roadmap by a file replaces and what it loses for good, said before anything happens.

A roadmap file holds the plan, not what was done with it: the portfolio scenarios saved, the history of
changes and the background runs (schedule proposals, portfolio runs) go with the roadmap they belong to.
The CLI (``--yes``) and the pages ask for confirmation with these counts; the roadmap as it was is kept as
a ``RoadmapVersion``, from which its history page restores it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jalon.history.models import Change
from jalon.jobs.models import Job
from jalon.planning.models import (
    Activity,
    CommunicationItem,
    Milestone,
    Review,
    Risk,
    Scenario,
    Theme,
)
from jalon.strategy.models import KPI, Objective, Roadmap, Strategy, Tactic


@dataclass(frozen=True)
class ReplaceLosses:
    slug: str
    title: str
    objectives: int
    activities: int
    scenarios: int
    history_entries: int
    proposals: int

    def lost(self) -> dict[str, int]:
        return {"scenarios": self.scenarios, "history": self.history_entries, "proposals": self.proposals}

    def lines(self) -> list[str]:
        """The warning, in the user's language, one sentence a line."""
        replaced = _("The roadmap {slug} ({title}) is replaced by the file: {objectives} and {activities}.")
        lost = [
            ngettext("%(count)d saved scenario", "%(count)d saved scenarios", self.scenarios)
            % {"count": self.scenarios},
            ngettext("%(count)d history entry", "%(count)d history entries", self.history_entries)
            % {"count": self.history_entries},
            ngettext(
                "%(count)d schedule proposal or portfolio run",
                "%(count)d schedule proposals or portfolio runs",
                self.proposals,
            )
            % {"count": self.proposals},
        ]
        return [
            replaced.format(
                slug=self.slug,
                title=self.title,
                objectives=ngettext("%(count)d objective", "%(count)d objectives", self.objectives)
                % {"count": self.objectives},
                activities=ngettext("%(count)d activity", "%(count)d activities", self.activities)
                % {"count": self.activities},
            ),
            _("Lost for good: {lost}.").format(lost=", ".join(lost)),
            _("The roadmap as it is now is kept in its history, from where it can be restored."),
        ]


class ReplaceNeedsConfirmation(Exception):
    """A replace-import (or a restore) asked without confirmation: nothing was written."""

    def __init__(self, losses: ReplaceLosses) -> None:
        self.losses = losses
        super().__init__(" ".join(losses.lines()))


def _history_of(roadmap: Roadmap) -> Q:
    """The history entries of the roadmap and of everything in it."""
    in_roadmap = {
        Roadmap: Roadmap.objects.filter(pk=roadmap.pk),
        Objective: roadmap.objectives.all(),
        KPI: roadmap.kpis.all(),
        Strategy: roadmap.strategies.all(),
        Tactic: Tactic.objects.filter(strategy__roadmap=roadmap),
        Theme: roadmap.themes.all(),
        Activity: roadmap.activities.all(),
        Milestone: roadmap.milestones.all(),
        Risk: roadmap.risks.all(),
        CommunicationItem: roadmap.communications.all(),
        Review: roadmap.reviews.all(),
    }
    types = ContentType.objects.get_for_models(*in_roadmap)
    query = Q(pk__in=[])
    for model, objects in in_roadmap.items():
        query |= Q(content_type=types[model], object_id__in=objects.values("pk"))
    return query


def losses_of(roadmap: Roadmap) -> ReplaceLosses:
    return ReplaceLosses(
        slug=roadmap.slug,
        title=roadmap.title,
        objectives=roadmap.objectives.count(),
        activities=roadmap.activities.count(),
        scenarios=Scenario.objects.filter(roadmap=roadmap).count(),
        history_entries=Change.objects.filter(_history_of(roadmap), workspace=roadmap.workspace).count(),
        proposals=Job.objects.filter(roadmap=roadmap).count(),
    )
