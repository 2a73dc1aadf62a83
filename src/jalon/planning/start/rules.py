"""The 7 steps of building a marketing roadmap (guide 001), ticked from what a roadmap really contains.

Pure: :func:`seven_steps` reads :class:`RoadmapFacts` (plain counts, gathered by the view) and says, for
each step, whether it is done, what shows it, and which pages do it. No database, no request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy


@dataclass(frozen=True)
class RoadmapFacts:
    """What the checklist looks at, counted once."""

    objectives: int = 0
    passing_objectives: int = 0  # SMART with nothing to check (``Verdict.passes_check``)
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
    # the SMART check's own words, and its verdict: the verb agrees with the passing ones ("1 of 2 passes")
    text = ngettext(
        "%(passed)d of %(count)d objectives passes the SMART check",
        "%(passed)d of %(count)d objectives pass the SMART check",
        facts.passing_objectives,
    ) % {"passed": facts.passing_objectives, "count": facts.objectives}
    return facts.passing_objectives == facts.objectives, text


def _counts(*counted: tuple[int, Promise]) -> str:
    """The counts that are not zero, each in its words (``ngettext_lazy(singular, plural, "count")``, which
    agree with the count), joined by commas; "" when all are zero."""
    return ", ".join(words % {"count": count} for count, words in counted if count)


def _any(*counted: tuple[int, Promise]) -> tuple[bool, str]:
    """A step done as soon as one of the counts is not zero, and what they count."""
    text = _counts(*counted)
    return bool(text), text


def _audience(facts: RoadmapFacts) -> tuple[bool, str]:
    return _any(
        (
            facts.audiences,
            ngettext_lazy(
                "%(count)d activity has an audience", "%(count)d activities have an audience", "count"
            ),
        ),
        (
            facts.communication_audiences,
            ngettext_lazy(
                "%(count)d audience in the communication plan",
                "%(count)d audiences in the communication plan",
                "count",
            ),
        ),
        (facts.stakeholders, ngettext_lazy("%(count)d stakeholder", "%(count)d stakeholders", "count")),
    )


def _ideas(facts: RoadmapFacts) -> tuple[bool, str]:
    return _any(
        (
            facts.activities,
            ngettext_lazy(
                "%(count)d activity in the backlog", "%(count)d activities in the backlog", "count"
            ),
        )
    )


def _prioritisation(facts: RoadmapFacts) -> tuple[bool, str]:
    return _any(
        (
            facts.scored_activities,
            ngettext_lazy("%(count)d activity scored", "%(count)d activities scored", "count"),
        ),
        (
            facts.applied_scenarios,
            ngettext_lazy("%(count)d scenario applied", "%(count)d scenarios applied", "count"),
        ),
    )


def _visual_map(facts: RoadmapFacts) -> tuple[bool, str]:
    text = _counts(
        (
            facts.dated_activities,
            ngettext_lazy("%(count)d dated activity", "%(count)d dated activities", "count"),
        ),
        (facts.themes, ngettext_lazy("%(count)d thematic group", "%(count)d thematic groups", "count")),
    )
    return facts.dated_activities > 0, text


def _responsibilities(facts: RoadmapFacts) -> tuple[bool, str]:
    return _any(
        (
            facts.owned_activities,
            ngettext_lazy("%(count)d activity has an owner", "%(count)d activities have an owner", "count"),
        )
    )


def _communication(facts: RoadmapFacts) -> tuple[bool, str]:
    text = _counts(
        (
            facts.communication_items,
            ngettext_lazy(
                "%(count)d communication plan entry", "%(count)d communication plan entries", "count"
            ),
        ),
        (facts.reviews, ngettext_lazy("%(count)d quarterly review", "%(count)d quarterly reviews", "count")),
    )
    return facts.communication_items > 0 and facts.reviews > 0, text


_STEPS = (
    (
        "objectives",
        _("Goals and objectives"),
        _("Set clear objectives aligned with the company's goals; the SMART coach checks each one."),
        _objectives,
        (
            Link("roadmap", _("SMART objectives")),
            Link("smart_check", _("SMART check")),  # which objectives do not pass it, and why
            Link("objective_new", _("New objective"), creates=True),
        ),
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
