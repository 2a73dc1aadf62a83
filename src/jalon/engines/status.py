"""How an engine's run ended: one enumeration for every engine, so that a shell reads any result the same
way (``result.status.found``, ``Status(data["status"])``).

Each engine returns only the members of its own group; the values are the strings stored in JSON
(command-line output, background jobs' results), so they never change.

- searches (``portfolio``, ``scheduling``, ``solve_rcpsp``): ``OPTIMAL`` (proven best), ``FEASIBLE`` (valid,
  not proven best in the time allowed), ``INFEASIBLE`` (no answer obeys the rules), ``TIMED_OUT`` (no
  answer found in time, not that a found one may be improved);
- ``forecast``: ``FORECAST``, ``NOT_ENOUGH_DATA`` to fit a method, or ``NO_MOVEMENT`` (every measurement
  used is zero: nothing to estimate a spread from, so no odds);
- ``rfm``: ``SEGMENTED``, ``FEWER_SEGMENTS`` (fewer distinct customer profiles than segments asked: as
  many segments as profiles), ``NO_ORDERS``;
- ``contact_pressure``: ``WITHIN_CEILINGS`` or ``OVER_CEILINGS``.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Status"]


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    TIMED_OUT = "timed_out"

    FORECAST = "forecast"
    NOT_ENOUGH_DATA = "not_enough_data"
    NO_MOVEMENT = "no_movement"

    SEGMENTED = "segmented"
    FEWER_SEGMENTS = "fewer_segments"
    NO_ORDERS = "no_orders"

    WITHIN_CEILINGS = "within_ceilings"
    OVER_CEILINGS = "over_ceilings"

    @property
    def found(self) -> bool:
        """A search found an answer (proven best or not)."""
        return self in (Status.OPTIMAL, Status.FEASIBLE)
