"""The framing section of a report: ``collect_framing(roadmap)``, None when the roadmap has no framing.

It reads through the framing app's own functions (``jalon.reports.sources``): the framing as stored, the
animation plan expanded into dated contacts, the marketing-pressure check, the vote results and the
experience map's SVG picture the journeys page draws. Call it under the report's language.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from jalon.reports import sources
from jalon.reports.framing_model import (
    AnimationCalendar,
    CalendarMonth,
    FramingBlock,
    JourneyMap,
    JourneyStepRow,
    PersonaCard,
    PlanActionRow,
    PressureCheck,
    PressureLine,
    PressureWeek,
    PrototypeRow,
    VoteLine,
    VoteResult,
    WorkshopRow,
)
from jalon.strategy.models import Roadmap


def collect_framing(roadmap: Roadmap, today: date | None = None) -> FramingBlock | None:
    """The framing as the report of ``today`` (by default the day in Paris) shows it: a workshop still
    planned for a day before it says so."""
    framing = sources.framing_for(roadmap)
    if framing.pk is None:
        return None
    personas = list(framing.personas.all())
    return FramingBlock(
        stakes=framing.stakes,
        scope=framing.scope,
        objectives=framing.objectives,
        orders_file=framing.orders_file,
        orders_as_of=framing.orders_as_of,
        orders_customers=framing.orders_customers,
        personas=tuple(_persona(p) for p in personas),
        journeys=_journeys(framing, personas),
        calendar=_calendar(framing),
        votes=_votes(framing),
        prototypes=_prototypes(framing),
        workshops=_workshops(framing, today or timezone.localdate()),
        actions=_actions(framing),
    )


def _actions(framing: sources.Framing) -> tuple[PlanActionRow, ...]:
    return tuple(_action(a) for a in framing.actions.select_related("persona", "stage"))


def _action(a: sources.PlanAction) -> PlanActionRow:
    return PlanActionRow(
        what=a.what, persona=a.persona.name if a.persona else "", stage=str(a.stage) if a.stage else "",
        channel=str(a.get_channel_display()), frequency=str(a.get_frequency_display()),
        trigger=a.trigger if a.frequency == "on_event" else "", delay_days=a.delay_days, start=a.start,
        end=a.end, owner=a.owner, cost=a.cost, once=a.frequency == "one_off",
    )  # fmt: skip


def _workshops(framing: sources.Framing, today: date) -> tuple[WorkshopRow, ...]:
    """The workshops with their status; one still *planned* for a day before ``today`` says that its date
    has passed (« prévu (date passée) »): nobody marked it held or cancelled, and the client reading the
    calendar must not take a past workshop for one to come."""
    rows = []
    workshops = list(framing.workshops.prefetch_related("participants"))
    keys = sources.workshop_keys(workshops)
    for w in workshops:
        names = ", ".join(person.name for person in w.participants.all())
        said, cancelled = w.status_said(today), w.status == sources.WorkshopStatus.CANCELLED
        kind = str(w.get_kind_display())
        rows.append(WorkshopRow(kind, w.day, w.place, said, w.deliverable, names, keys[w.pk], cancelled))
    return tuple(rows)


def _prototypes(framing: sources.Framing) -> tuple[PrototypeRow, ...]:
    rows = []
    for p in framing.prototypes.select_related("workshop"):
        workshop = sources.workshop_label(p.workshop) if p.workshop else ""  # with its day, as the page
        rows.append(PrototypeRow(p.title, workshop, str(p.get_status_display()), p.comments, p.file_name))
    return tuple(rows)


def _persona(persona: sources.Persona) -> PersonaCard:
    return PersonaCard(
        key=persona.key, name=persona.name, segment=persona.segment, quote=persona.quote, needs=persona.needs,
        expectations=persona.expectations, frustrations=persona.frustrations, levers=persona.levers,
        customers=persona.customers, revenue_share=persona.revenue_share,
        average_basket=persona.average_basket, orders_per_customer=persona.orders_per_customer,
        recency_days=persona.recency_days,
    )  # fmt: skip


def _journeys(framing: sources.Framing, personas: list[sources.Persona]) -> tuple[JourneyMap, ...]:
    steps: dict[int, list[sources.JourneyStep]] = {}
    for step in framing.journey_steps.all():
        steps.setdefault(step.persona_id, []).append(step)
    maps = []
    for persona in personas:
        own = steps.get(persona.pk, [])
        if not own:
            continue
        title = _("Experience map: {name}").format(name=persona.name)
        rows = tuple(
            JourneyStepRow(s.name, s.touchpoint, str(s.get_kind_display()), s.feels, s.pains, s.opportunities)
            for s in own
        )
        maps.append(JourneyMap(persona.key, persona.name, rows, sources.journey_svg(own, title=title)))
    return tuple(maps)


def _calendar(framing: sources.Framing) -> AnimationCalendar | None:
    actions = list(framing.actions.select_related("persona", "stage"))
    if not actions:
        return None
    contacts = sources.dated_contacts(framing, actions)
    labels = dict(sources.Channel.choices)
    used = {action.channel for action in actions}
    channels = [key for key in labels if key in used]
    counted = Counter((c.day.year, c.day.month, c.action.channel) for c in contacts)
    overloads = sources.pressure(framing, actions)
    overloaded = Counter((week.year, week.month) for week in {o.week for o in overloads})
    months = tuple(
        CalendarMonth(
            first,
            tuple(counted[(first.year, first.month, channel)] for channel in channels),
            overloaded[(first.year, first.month)],
        )
        for first in sources.months_of(framing)
    )
    on_event = tuple(
        f"{action.what} — {action.trigger}" for action in actions if action.frequency == "on_event"
    )
    return AnimationCalendar(
        channels=tuple(str(labels[key]) for key in channels),
        months=months,
        ceiling_per_week=framing.ceiling_per_week,
        on_event=on_event,
        pressure=_pressure(overloads),
    )


# The weeks over the ceiling the PDF prints, the worst first: a big plan has thousands (2,752 rows in one
# walk, some 60 pages); the page keeps them all, folded.
PRESSURE_WEEKS_PRINTED = 50


def _pressure(overloads: list[sources.Overload]) -> PressureCheck | None:
    if not overloads:
        return None
    lines = sources.pressure_lines(sources.by_segment(overloads))
    weeks = sorted(
        (
            PressureWeek(row.week, number, line.persona, row.channel, row.contacts, row.ceiling,
                         tuple(row.actions))
            for number, line in enumerate(lines, start=1)
            for row in line.segment.rows
        ),
        key=lambda w: (w.ceiling - w.contacts, -w.contacts, w.week, w.persona.casefold(), w.channel),
    )  # fmt: skip
    return PressureCheck(
        lines=tuple(_line(line) for line in lines),
        weeks=tuple(weeks[:PRESSURE_WEEKS_PRINTED]),
        more=max(0, len(weeks) - PRESSURE_WEEKS_PRINTED),
    )


def _line(line: sources.PressureLine) -> PressureLine:
    segment, worst = line.segment, line.segment.worst
    return PressureLine(
        persona=line.persona, stages=tuple(line.stages), weeks=segment.weeks, first=segment.first,
        last=segment.last, contacts=worst.contacts, ceiling=worst.ceiling, channel=worst.channel,
        worst_week=worst.week, actions=tuple(segment.actions),
    )  # fmt: skip


def _votes(framing: sources.Framing) -> tuple[VoteResult, ...]:
    results = []
    for vote in framing.votes.all():
        tally = sources.vote_tally(vote)  # the ballots that count: their voters may still vote
        lines = tuple(
            VoteLine(
                r.option.wording, r.points, r.voters, r.option.objective.title if r.option.objective else ""
            )
            for r in tally.ranked
        )
        results.append(VoteResult(vote.title, vote.closed, vote.points, tally.ballots, lines))
    return tuple(results)
