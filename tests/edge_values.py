"""One roadmap whose every framing item, vote, KPI, activity, absence and budget holds the values at the
edge of what its form accepts: texts at their maximum length, one unbroken 300-character word, emoji,
combining marks, right-to-left text, markup and quotes, the largest and smallest numbers, the earliest and
latest dates (1900 and 2200), and many rows. Built through the services the forms call, once per test."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from jalon.bounds import MONEY_HIGHEST, NUMBER_LIMIT
from jalon.framing import services as framing_services
from jalon.framing.models import (
    JourneyStep,
    LifecycleStage,
    Persona,
    PlanAction,
    Stakeholder,
    Workshop,
)
from jalon.planning import services as planning
from jalon.planning.models import Activity, Milestone, Person, Theme
from jalon.strategy import services as strategy
from jalon.strategy.kpis import services as kpis_services
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap

EARLIEST, LATEST = date(1900, 1, 1), date(2200, 12, 31)
# A hashtag typed as one word, no place to break it.
WORD = ("#RéactivationDesClientsDormants" * 12)[:300]
# Emoji (one with a skin tone and a joiner), combining marks, right-to-left text, markup and quotes.
MIXED = (
    "🚀👩🏽‍💻 Z\u0351\u0352\u0353a\u0301lgo e\u0308 مرحبا بالعالم שלום <script>alert('x')</script> "
    '"guillemets" «\u00a0français\u00a0» & {{ 7*7 }} '
)


def text(length: int, *, word: bool = False) -> str:
    """A text of exactly ``length`` characters: one unbroken word (300 characters at most, then words of
    300), or the mixed text followed by it."""
    if length > len(WORD):
        return ((MIXED if not word else "") + (WORD + " ") * (length // len(WORD) + 1))[:length]
    return (WORD * 2)[:length] if word else (MIXED + WORD)[:length]


def make_edge_roadmap(team: Team) -> Roadmap:
    owner = team.owner
    roadmap = make_roadmap(team.workspace, owner, slug="edges", title=text(200))
    framing = framing_services.open_framing(actor=owner, roadmap=roadmap)
    framing_services.update_framing(
        actor=owner, framing=framing, expected_version=framing.version,
        changes={"stakes": text(20_000), "scope": text(20_000, word=True), "objectives": MIXED,
                 "plan_start": date(2026, 1, 1)},
    )  # fmt: skip
    early = framing_services.create(
        Workshop, actor=owner, framing=framing, kind="plan", day=EARLIEST, place=text(300, word=True),
        deliverable=text(300),
    )  # fmt: skip
    late = framing_services.create(
        Workshop, actor=owner, framing=framing, kind="personas", day=LATEST, place=text(300),
        deliverable=text(300, word=True), status="held",
    )  # fmt: skip
    for role in ("owner", "stakeholder", "viewer"):
        framing_services.create(
            Stakeholder, actor=owner, framing=framing, name=text(200, word=role == "owner"),
            role=text(200), member=team.users[role], workshops=[early, late],
        )  # fmt: skip
    persona = framing_services.create(
        Persona, actor=owner, framing=framing, name=text(200, word=True), segment=text(200),
        **{name: text(20_000, word=n % 2 == 0) for n, name in enumerate(
            ("needs", "expectations", "frustrations", "journeys", "levers", "quote"))},
    )  # fmt: skip
    other = framing_services.create(Persona, actor=owner, framing=framing, name=text(200), segment=WORD[:200])
    stage = framing_services.create(
        LifecycleStage, actor=owner, framing=framing, name=text(200, word=True), definition=text(300)
    )
    for feels, who in ((-2, persona), (2, other)):
        framing_services.create(
            JourneyStep, actor=owner, framing=framing, persona=who, name=text(200, word=True),
            touchpoint=text(200), feels=feels,
            **{name: text(20_000, word=feels > 0) for name in ("does", "thinks", "pains", "opportunities")},
        )  # fmt: skip
    frequencies = ("one_off", "weekly", "monthly", "on_event")
    channels = ("email", "sms", "push", "post", "store", "web", "paid")
    for n in range(40):
        frequency = frequencies[n % 4]
        framing_services.create(
            PlanAction, actor=owner, framing=framing, what=text(300, word=n % 2 == 0),
            persona=(persona, other, None)[n % 3], stage=stage if n % 2 else None,
            channel=channels[n % 7], frequency=frequency,
            trigger=text(200, word=n % 2 == 1) if frequency == "on_event" else "",
            delay_days=366 if frequency == "on_event" else 0,
            start=EARLIEST if n % 5 == 0 else None, end=LATEST if n % 5 == 0 else None,
            owner=text(200, word=n % 2 == 1), cost=float(MONEY_HIGHEST) if n % 2 else 0.0,
        )  # fmt: skip
    proposals = [f"{n} " + text(197, word=n % 2 == 0) for n in range(framing_services.MAX_OPTIONS)]
    vote = framing_services.open_vote(
        actor=owner, framing=framing, title=text(300), points=50, workshop=early, proposals=proposals
    )
    options = [option.pk for option in vote.options.all()]
    for role in ("owner", "stakeholder", "viewer"):
        framing_services.cast(actor=team.users[role], vote=vote, points={options[0]: 49, options[-1]: 1})
    _strategy(team, roadmap)
    objectives_vote = framing_services.open_objectives_vote(
        actor=owner, roadmap=roadmap, title=text(300, word=True), points=50
    )
    first = objectives_vote.options.first()
    assert first is not None
    framing_services.cast(actor=team.users["stakeholder"], vote=objectives_vote, points={first.pk: 50})
    _planning(team, roadmap)
    return roadmap


def _strategy(team: Team, roadmap: Roadmap) -> None:
    owner = team.owner
    for n, (baseline, target) in enumerate(((-NUMBER_LIMIT, NUMBER_LIMIT), (0.0, 1e-9), (NUMBER_LIMIT, 0.0))):
        objective = strategy.create_objective(
            actor=owner, roadmap=roadmap, title=f"{n} " + text(198, word=n == 1), unit="€",
            baseline=baseline, target=target, direction="increase" if target > baseline else "decrease",
            specific=text(20_000), owner=text(200, word=True),
        )  # fmt: skip
        framing_services.add_indicator(actor=owner, objective=objective, statement=text(300, word=n == 0))
        kpi = strategy.create_kpi(
            actor=owner, roadmap=roadmap, key=f"k{n}", name=text(200, word=n == 0), unit="€",
            objective=objective, baseline=baseline, target=target, target_date=LATEST, frequency="daily",
            benchmark_source=text(300),
        )  # fmt: skip
        rows = [(date(2026, 1, 1 + day), (-1) ** day * float(NUMBER_LIMIT) / (day + 1)) for day in range(28)]
        rows += [(EARLIEST, float(NUMBER_LIMIT)), (date(1900, 1, 2), -float(NUMBER_LIMIT))]
        kpis_services.add_measurements(actor=owner, kpi=kpi, rows=rows)


def _planning(team: Team, roadmap: Roadmap) -> None:
    owner = team.owner
    theme = planning.create(
        Theme, actor=owner, roadmap=roadmap, name=text(200, word=True), budget=MONEY_HIGHEST
    )
    planning.create(Theme, actor=owner, roadmap=roadmap, name=text(200), budget=MONEY_HIGHEST)
    person = planning.create(
        Person, actor=owner, roadmap=roadmap, name=text(200, word=True), role=text(200),
        capacity_hours_per_week=168,
    )  # fmt: skip
    planning.add_absence(actor=owner, person=person, start=EARLIEST, end=LATEST, note=text(200))
    for n, (start, end) in enumerate(((EARLIEST, EARLIEST), (LATEST, LATEST), (EARLIEST, LATEST))):
        activity = planning.create(
            Activity, actor=owner, roadmap=roadmap, title=f"{n} " + text(198, word=n == 0),
            description=text(20_000), theme=theme, audience=text(200), channel=text(100, word=True),
            start=start, end=end, cost=MONEY_HIGHEST, effort_days=float(NUMBER_LIMIT),
            value=float(NUMBER_LIMIT),
        )  # fmt: skip
        planning.assign(actor=owner, person=person, activity=activity, hours_per_week=168, confirm=True)
        planning.create(Milestone, actor=owner, roadmap=roadmap, title=f"{n} " + text(198), date=start)


def as_decimal(value: Any) -> Decimal:
    return Decimal(str(value))
