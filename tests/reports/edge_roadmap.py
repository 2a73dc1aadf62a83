"""A roadmap typed at the edges, from an empty database: what a consultant's client may paste into Jalon and
still expect a clean deliverable from. 300 activities, 2,000-character texts, 200-character titles with no
space, Markdown- and HTML-looking text, right-to-left and CJK names, emoji and signs outside the usual fonts,
zero and huge budgets, dates in 1900 and 2200, a 36-month horizon. Made through the services, like any
write."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.factories import make_roadmap, make_team

UNBROKEN = "Campagne" + "X" * 184 + "-fin-200"  # a 200-character title with no space to break at
LONG_TEXT = ("Phrase de contexte assez longue pour remplir une cellule, répétée encore et encore. " * 24)[
    :2000
]
MARKUP = "# Titre | colonne <b>gras</b> **étoiles** [lien](http://example.com) `code` &amp; R&D"
RTL_NAME = "محمد عبد الله"
CJK_NAME = "王小明"
PASTED = "Lancement ✅ 🚀 → ≥ 10 % ≤ 20 € ★"
HUGE = 999_999_999_999  # the largest amount a money field holds (14 digits, 2 decimals)
ACTIVITIES = 300


def edge_roadmap(activities: int = ACTIVITIES, **fields: Any) -> Any:
    """The roadmap (36 months from January 2027) and its owner's team; ``fields`` go to the roadmap."""
    from jalon.planning import services as planning
    from jalon.planning.models import Activity, Milestone, Person, Theme
    from jalon.planning.registers.models import CommunicationItem, Risk
    from jalon.strategy import services as strategy

    team = make_team()
    fields.setdefault("title", UNBROKEN)
    fields.setdefault("vision", LONG_TEXT)
    roadmap = make_roadmap(
        team.workspace, team.owner, start=date(2027, 1, 1), end=date(2029, 12, 31), **fields
    )
    owner = team.owner
    objective = strategy.create_objective(
        actor=owner, roadmap=roadmap, title=UNBROKEN, specific=LONG_TEXT, impact=MARKUP, metric=PASTED,
        unit="€", baseline=0, target=HUGE, deadline=date(2029, 12, 31),
    )  # fmt: skip
    kpi = strategy.create_kpi(actor=owner, roadmap=roadmap, objective=objective, name=PASTED, unit="€",
                              frequency="monthly", baseline=0, target=HUGE,
                              target_date=date(2029, 12, 31))  # fmt: skip
    for month, value in enumerate((0, 10, HUGE / 3)):
        # before today (a measurement is an observation), the months before the horizon opens
        strategy.add_measurement(actor=owner, kpi=kpi, date=date(2026, 9 + month, 28), value=value)
    themes = [
        planning.create(Theme, actor=owner, roadmap=roadmap, name=name, budget=budget)
        for name, budget in ((PASTED, 0), (RTL_NAME, HUGE), (CJK_NAME + " 市场营销", 1), (UNBROKEN, 5000))
    ]
    people = [
        planning.create(Person, actor=owner, roadmap=roadmap, name=name, capacity_hours_per_week=35)
        for name in (RTL_NAME, CJK_NAME, UNBROKEN)
    ]
    for n in range(activities):
        start = roadmap.start + timedelta(days=3 * n)
        dated = n % 10 != 9  # one in ten an undated idea
        planning.create(
            Activity, actor=owner, roadmap=roadmap, title=(UNBROKEN[:190] + f"-{n:03d}") if n % 7 == 0
            else f"{PASTED} {MARKUP[:40]} n°{n}",
            description=LONG_TEXT if n % 5 == 0 else MARKUP,
            theme=themes[n % len(themes)] if n % 10 != 9 else None,
            owner=people[n % len(people)], status="idea" if not dated else "planned",
            start=start if dated else None, end=start + timedelta(days=20) if dated else None,
            cost=HUGE if n == 1 else 0,
        )  # fmt: skip
    for title, day in (
        (PASTED, date(1900, 1, 1)),
        (UNBROKEN, date(2200, 12, 31)),
        (RTL_NAME, date(2028, 6, 1)),
    ):
        planning.create(Milestone, actor=owner, roadmap=roadmap, title=title, date=day)
    planning.create(Risk, actor=owner, roadmap=roadmap, title=UNBROKEN, description=LONG_TEXT, owner=RTL_NAME,
                    contingency=LONG_TEXT, probability=5, impact=5)  # fmt: skip
    planning.create(CommunicationItem, actor=owner, roadmap=roadmap, audience="direction", message=LONG_TEXT,
                    channel=MARKUP[:100], frequency="monthly", owner=CJK_NAME,
                    next_date=date(2200, 1, 1))  # fmt: skip
    return roadmap, team
