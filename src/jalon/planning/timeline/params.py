"""What a timeline's address says: zoom, lanes and filters, and the values it gives that name nothing here."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.http import QueryDict

from jalon.ignored_filters import Asked, asked_in, left_out
from jalon.planning.models import Status
from jalon.planning.timeline.model import LANE_KINDS, ZOOMS, PlanRow

KEY = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
FILTERS = ("theme", "owner", "status", "objective")


@dataclass(frozen=True)
class Params:
    """What a timeline URL says: zoom, lanes and filters (each filter repeatable, any value matches)."""

    zoom: str = "quarter"
    lanes: str = "theme"
    theme: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    objective: tuple[str, ...] = ()
    asked: Asked = field(default=(), compare=False)  # what the address gives, kept to say what was left out

    @classmethod
    def of(cls, query: QueryDict, *, zoom: str = "quarter", zooms: Collection[str] = ZOOMS) -> Params:
        """``zooms``: the zooms the page offers (the executive view has no month zoom)."""

        def keys(name: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(value for value in query.getlist(name) if KEY.match(value)))

        chosen_zoom, lanes = str(query.get("zoom", "")), str(query.get("lanes", ""))
        return cls(
            zoom=chosen_zoom if chosen_zoom in zooms else zoom,
            lanes=lanes if lanes in LANE_KINDS else "theme",
            theme=keys("theme"), owner=keys("owner"), objective=keys("objective"),
            status=tuple(value for value in keys("status") if value in Status.values),
            asked=asked_in(query, (*FILTERS, "zoom", "lanes")),
        )  # fmt: skip

    def kept(self, known: Mapping[str, Collection[str]]) -> Params:
        """The filters without the keys that name nothing of the roadmap (``known``: each filter's keys): a
        deleted thematic group's key in a shared link filters nothing out rather than everything."""
        theme, owner, objective = (
            tuple(value for value in getattr(self, name) if value in known[name])
            for name in ("theme", "owner", "objective")
        )
        return replace(self, theme=theme, owner=owner, objective=objective)

    def ignored(self, known: Mapping[str, Collection[str]]) -> list[tuple[str, str]]:
        """The values the address gives that no choice has (``known``: the filters' keys of the roadmap)."""
        return left_out(self.asked, {"zoom": ZOOMS, "lanes": LANE_KINDS, "status": Status.values, **known})

    @property
    def filtered(self) -> bool:
        return any(getattr(self, name) for name in FILTERS)

    def filter_query(self) -> str:  # the filters alone: the backlog's have the same names
        return urlencode([(name, value) for name in FILTERS for value in getattr(self, name)])

    def query(self) -> str:
        filters = self.filter_query()
        return urlencode([("zoom", self.zoom), ("lanes", self.lanes)]) + (f"&{filters}" if filters else "")

    def matches(self, row: PlanRow) -> bool:
        return (
            (not self.theme or row.theme_key in self.theme)
            and (not self.owner or row.owner_key in self.owner)
            and (not self.status or row.status in self.status)
            and (not self.objective or any(key in self.objective for key in row.objectives))
        )
