"""The JSON problem file of `jalon portfolio solve` (documented in docs/portfolio.md), checked with pydantic.

A module of its own so that pydantic and the solver are imported only when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from jalon.cli.common import fail, read_json
from jalon.engines import portfolio
from jalon.i18n import gettext as _


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Effort(_Strict):
    team: str
    quarter: str
    days: float = Field(ge=0)


class _Activity(_Strict):
    id: str = Field(min_length=1)
    value: float = 0.0
    cost_eur: float = Field(ge=0)
    theme: str | None = None
    effort: list[_Effort] = []
    objectives: list[str] = []
    requires: list[str] = []
    excludes: list[str] = []
    must_do: bool = False
    must_not: bool = False
    scores: dict[str, float] = {}


class _Theme(_Strict):
    theme: str
    min_eur: float = Field(default=0.0, ge=0)
    max_eur: float | None = Field(default=None, ge=0)
    maintenance_eur: float = Field(default=0.0, ge=0)


class _Capacity(_Strict):
    team: str
    quarter: str
    days: float = Field(ge=0)


class _AtMost(_Strict):
    name: str
    activities: list[str]
    count: int = Field(ge=0)


class _Problem(_Strict):
    activities: list[_Activity]
    budget_eur: float | None = Field(default=None, ge=0)
    themes: list[_Theme] = []
    capacities: list[_Capacity] = []
    at_most: list[_AtMost] = []
    objectives_to_cover: list[str] = []
    maximise: str = "value"

    def to_engine(self) -> portfolio.Problem:
        return portfolio.Problem(
            activities=tuple(
                portfolio.Activity(
                    id=a.id,
                    value=a.value,
                    cost_eur=a.cost_eur,
                    theme=a.theme,
                    effort=tuple(portfolio.Effort(e.team, e.quarter, e.days) for e in a.effort),
                    objectives=frozenset(a.objectives),
                    requires=frozenset(a.requires),
                    excludes=frozenset(a.excludes),
                    must_do=a.must_do,
                    must_not=a.must_not,
                    scores=dict(a.scores),
                )
                for a in self.activities
            ),
            budget_eur=self.budget_eur,
            theme_budgets=tuple(
                portfolio.ThemeBudget(t.theme, t.min_eur, t.max_eur, t.maintenance_eur) for t in self.themes
            ),
            capacities=tuple(portfolio.Capacity(c.team, c.quarter, c.days) for c in self.capacities),
            at_most=tuple(portfolio.AtMost(g.name, frozenset(g.activities), g.count) for g in self.at_most),
            objectives_to_cover=frozenset(self.objectives_to_cover),
            maximise=self.maximise,
        )


def load_problem(path: Path) -> portfolio.Problem:
    """The engine's problem from the JSON file at ``path``; an invalid one is a refusal naming its place."""
    data = read_json(path)
    try:
        return _Problem.model_validate(data).to_engine()
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(root)"
        raise fail(
            _("Invalid problem at {where}: {message}").format(where=where, message=_said(first))
        ) from None


def _said(error: Any) -> str:
    """pydantic's complaint in the reader's language (its own messages are English only); the words are
    those of a jalon/1 file's problems (``jalon.documents.roadmap_file``)."""
    kind: str = error["type"]
    words = {
        "missing": _("This field is required."),
        "extra_forbidden": _("Unknown key."),
        "greater_than_equal": _("Out of range."),
        "string_type": _("Must be text."),
        "string_too_short": _("Wrong length."),
        "list_type": _("Must be a list."),
        "dict_type": _("Must be a mapping of keys to values."),
        "model_type": _("Must be a mapping of keys to values."),
    }
    if kind.startswith(("float", "int")):
        return _("Not a number.")
    if kind.startswith("bool"):
        return _("Must be true or false.")
    return words.get(kind, _("Invalid value."))
