"""The outcome of an optimisation run, shared by the portfolio solver and the knapsack core."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Status"]


class Status(StrEnum):
    """``TIMED_OUT`` means no solution was found in time, not that a found one may be improved."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    TIMED_OUT = "timed_out"
