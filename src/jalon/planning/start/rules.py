"""The 7 steps of building a marketing roadmap (guide 001), ticked from what a roadmap really contains.

Pure: :func:`seven_steps` reads :class:`RoadmapFacts` (plain counts, gathered by the view) and says, for
each step, whether it is done, what shows it, and which pages do it. No database, no request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class RoadmapFacts:
    """What the checklist looks at, counted once."""

    objectives: int = 0
    smart_objectives: int = 0
    audiences: int = 0  # activities with a target audience (personas, segments)
    communication_audiences: int = 0  # distinct audiences of the communication plan
    stakeholders: int = 0  # workspace members with the stakeholder role
    activities: int = 0  # the backlog's ideas, whatever their status
    scored_activities: int = 0  # impact and feasibility both given
    applied_scenarios: int = 0  # portfolio scenarios applied to the roadmap
    dated_activities: int = 0  # start and end both set: on the timeline
    themes: int = 0
    owned_activities: int = 0  # an owner, or at least one person assigned
    communication_items: int = 0
    reviews: int = 0


@dataclass(frozen=True)
class Link:
    """A page that does (part of) a step: a URL name under the roadmap, and its label. ``creates``: a form
    that only people who may edit can open (the page leaves it out for readers)."""

    url_name: str
    label: str | Promise
    creates: bool = False


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str | Promise
    why: str | Promise
    done: bool
    evidence: str  # what the roadmap contains for this step, in the reader's language ("" when nothing)
    links: tuple[Link, ...]


def _objectives(facts: RoadmapFacts) -> tuple[bool, str]:
    if not facts.objectives:
        return False, ""
    text = ngettext(  # the verb agrees with the SMART ones: "1 of 2 objectives is SMART"
        "%(smart)d of %(count)d objectives is SMART",
        "%(smart)d of %(count)d objectives are SMART",
        facts.smart_objectives,
    ) % {"smart": facts.smart_objectives, "count": facts.objectives}
    return facts.smart_objectives == facts.objectives, text


def _audience(facts: RoadmapFacts) -> tuple[bool, str]:
    parts = []
    if facts.audiences:
        parts.append(
            ngettext(
                "%(count)d activity has an audience", "%(count)d activities have an audience", facts.audiences
            )
            % {"count": facts.audiences}
        )
    if facts.communication_audiences:
        parts.append(
            ngettext(
                "%(count)d audience in the communication plan",
                "%(count)d audiences in the communication plan",
                facts.communication_audiences,
            )
            % {"count": facts.communication_audiences}
        )
    if facts.stakeholders:
        parts.append(
            ngettext("%(count)d stakeholder", "%(count)d stakeholders", facts.stakeholders)
            % {"count": facts.stakeholders}
        )
    return bool(parts), ", ".join(parts)


def _ideas(facts: RoadmapFacts) -> tuple[bool, str]:
    if not facts.activities:
        return False, ""
    return True, ngettext(
        "%(count)d activity in the backlog", "%(count)d activities in the backlog", facts.activities
    ) % {"count": facts.activities}


def _prioritisation(facts: RoadmapFacts) -> tuple[bool, str]:
    parts = []
    if facts.scored_activities:
        parts.append(
            ngettext("%(count)d activity scored", "%(count)d activities scored", facts.scored_activities)
            % {"count": facts.scored_activities}
        )
    if facts.applied_scenarios:
        parts.append(
            ngettext("%(count)d scenario applied", "%(count)d scenarios applied", facts.applied_scenarios)
            % {"count": facts.applied_scenarios}
        )
    return bool(parts), ", ".join(parts)


def _visual_map(facts: RoadmapFacts) -> tuple[bool, str]:
    parts = []
    if facts.dated_activities:
        parts.append(
            ngettext("%(count)d dated activity", "%(count)d dated activities", facts.dated_activities)
            % {"count": facts.dated_activities}
        )
    if facts.themes:
        parts.append(
            ngettext("%(count)d thematic group", "%(count)d thematic groups", facts.themes)
            % {"count": facts.themes}
        )
    return facts.dated_activities > 0, ", ".join(parts)


def _responsibilities(facts: RoadmapFacts) -> tuple[bool, str]:
    if not facts.owned_activities:
        return False, ""
    return True, ngettext(
        "%(count)d activity has an owner", "%(count)d activities have an owner", facts.owned_activities
    ) % {"count": facts.owned_activities}


def _communication(facts: RoadmapFacts) -> tuple[bool, str]:
    parts = []
    if facts.communication_items:
        parts.append(
            ngettext(
                "%(count)d communication plan entry",
                "%(count)d communication plan entries",
                facts.communication_items,
            )
            % {"count": facts.communication_items}
        )
    if facts.reviews:
        parts.append(
            ngettext("%(count)d quarterly review", "%(count)d quarterly reviews", facts.reviews)
            % {"count": facts.reviews}
        )
    return facts.communication_items > 0 and facts.reviews > 0, ", ".join(parts)


_STEPS = (
    (
        "objectives",
        _("Goals and objectives"),
        _("Set clear objectives aligned with the company's goals; the SMART coach checks each one."),
        _objectives,
        (Link("roadmap", _("SMART objectives")), Link("objective_new", _("New objective"), creates=True)),
    ),
    (
        "audience",
        _("Audience"),
        _("Say who each activity speaks to, and who must hear about the roadmap."),
        _audience,
        (Link("backlog", _("Backlog")), Link("communications", _("Communication plan"))),
    ),
    (
        "ideas",
        _("Ideas"),
        _("Gather the team's campaign and activity ideas in the backlog."),
        _ideas,
        (Link("backlog", _("Backlog")), Link("activity_new", _("New activity"), creates=True)),
    ),
    (
        "prioritisation",
        _("Prioritisation"),
        _(
            "Score ideas by impact and feasibility, or let the optimiser choose a portfolio "
            "within the budget."
        ),
        _prioritisation,
        (Link("backlog", _("Backlog")), Link("portfolio", _("Optimise the portfolio"))),
    ),
    (
        "visual_map",
        _("The visual map"),
        _("Give activities start and end dates, grouped by theme, to see them on the timeline."),
        _visual_map,
        (Link("timeline", _("Operational view")), Link("budget", _("Budget"))),
    ),
    (
        "responsibilities",
        _("Responsibilities"),
        _("Give each activity an owner and assign the team without overloading anyone."),
        _responsibilities,
        (Link("people", _("Team")), Link("workload", _("Workload"))),
    ),
    (
        "communication",
        _("Communication and review"),
        _("Plan who hears about the roadmap and when, then hold a quarterly review."),
        _communication,
        (Link("communications", _("Communication plan")), Link("reviews", _("Quarterly reviews"))),
    ),
)


def seven_steps(facts: RoadmapFacts) -> list[Step]:
    """The 7 steps in the method's order, each ticked from ``facts``."""
    steps = []
    for number, (key, title, why, rule, links) in enumerate(_STEPS, start=1):
        done, evidence = rule(facts)
        steps.append(Step(number, key, title, why, done, evidence, links))
    return steps
