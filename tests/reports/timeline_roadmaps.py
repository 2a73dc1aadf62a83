"""Roadmaps whose timelines stretch the documents: many thematic groups, months without activity."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any


def tall(team: Any, themes: int) -> Any:
    """A year with ``themes`` thematic groups, each one activity (the first ones late on 1 June 2027), and
    one undated idea: an executive picture as tall as a page and more (19 groups left the notes alone on
    the next page, 20 and more the section's headings alone on theirs; from 18, its labels printed under
    7 points)."""
    from jalon.planning import services as planning
    from jalon.planning.models import Activity, Theme
    from tests.factories import make_roadmap

    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    for n in range(themes):
        theme = planning.create(Theme, actor=team.owner, roadmap=roadmap, name=f"Groupe {n:02d}")
        start = roadmap.start + timedelta(days=8 * n)
        planning.create(Activity, actor=team.owner, roadmap=roadmap, title=f"Action {n:02d}", theme=theme,
                        start=start, end=start + timedelta(days=30), status="planned")  # fmt: skip
    planning.create(Activity, actor=team.owner, roadmap=roadmap, title="Idée sans date", status="idea")
    return roadmap


def two_bursts(team: Any) -> Any:
    """Two years with work in their first quarters only: at the month zoom (six months a page), the second
    half of each year has no activity."""
    from jalon.planning import services as planning
    from jalon.planning.models import Activity, Theme
    from tests.factories import make_roadmap

    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2028, 12, 31))
    theme = planning.create(Theme, actor=team.owner, roadmap=roadmap, name="Lancement")
    for year in (2027, 2028):
        planning.create(Activity, actor=team.owner, roadmap=roadmap, title=f"Salon {year}", theme=theme,
                        start=date(year, 2, 1), end=date(year, 3, 15), status="planned")  # fmt: skip
    return roadmap
