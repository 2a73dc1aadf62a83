"""Marketing pressure: how many contacts one customer receives per week and channel, against ceilings.

``check(plan, audience, ceilings)`` counts, for every customer of the audience, the contacts of each
week (Monday to Sunday) on each channel and on all channels together, and lists every week and persona
× stage cell where customers go over a ceiling, with how many of them, the most contacts one of them
receives, and the actions that cause it.

It never loops over customers. Dated actions send the same contacts to every customer of a cell, so
they are counted once per cell: ``[cell, week, channel]`` from a matrix product. Event-driven contacts
differ per customer; they are counted with one ``np.unique`` over (customer, week, channel) keys and
added to their cell's dated count. A customer with no event contact in a week receives exactly the
cell's dated count, so the whole cell is over when that count is.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from jalon.engines.contact_plan import Audience, Plan, PlanError, audience_matrix, expand, expand_events
from jalon.engines.rfm import IntArray
from jalon.engines.status import Status

__all__ = ["Cause", "Ceilings", "Overload", "Result", "Status", "check"]

CEILING_MAX = 10_000
_NONE = np.iinfo(np.int64).max  # no ceiling on this channel


@dataclass(frozen=True)
class Ceilings:
    """Most contacts one customer may receive in a week, per channel and on all channels together."""

    per_channel: Mapping[str, int] = field(default_factory=dict)
    all_channels: int | None = None

    def __post_init__(self) -> None:
        values = [*self.per_channel.values(), *([] if self.all_channels is None else [self.all_channels])]
        if any(not isinstance(v, int) or not 0 <= v <= CEILING_MAX for v in values):
            raise PlanError(f"a ceiling must be a whole number from 0 to {CEILING_MAX}")


@dataclass(frozen=True)
class Cause:
    action: str
    contacts: int  # the most this action sends one over-ceiling customer of the cell that week


@dataclass(frozen=True)
class Overload:
    week: date  # its Monday
    persona: str
    stage: str
    channel: str | None  # None: all channels together
    ceiling: int
    contacts: int  # the most one customer of the cell receives that week
    customers: int  # customers of the cell over the ceiling that week
    cell_customers: int
    causes: tuple[Cause, ...]  # most contacts first


@dataclass(frozen=True, eq=False)
class Result:
    """``peak[cell, week, k]``: the most contacts one customer of the cell receives that week on
    channel ``channels[k]``, or on all channels for ``k == len(channels)`` (0 for empty cells)."""

    status: Status
    overloads: tuple[Overload, ...]
    channels: tuple[str, ...]
    weeks: tuple[date, ...]
    peak: IntArray
    contacts_sent: int  # to the whole audience over the year
    seconds: float


def check(plan: Plan, audience: Audience, ceilings: Ceilings) -> Result:
    started = time.perf_counter()
    channels = tuple(sorted({action.channel for action in plan.actions}))
    count_w, count_k, cells = plan.weeks, len(channels) + 1, len(audience.personas) * len(audience.stages)
    channel_of = np.array([channels.index(action.channel) for action in plan.actions], dtype=np.int64)
    overall = _NONE if ceilings.all_channels is None else ceilings.all_channels
    limit = np.array([ceilings.per_channel.get(c, _NONE) for c in channels] + [overall], dtype=np.int64)
    matrix = audience_matrix(plan, audience)
    segment = audience.segment
    sizes = np.bincount(segment, minlength=cells)

    dated = expand(plan)
    per_action_week = np.zeros((len(plan.actions), count_w), dtype=np.int64)
    np.add.at(per_action_week, (dated.action, plan.week_of(dated.day)), 1)
    sends_on = np.zeros((len(plan.actions), count_k), dtype=np.int64)
    sends_on[np.arange(len(plan.actions)), channel_of] = 1
    sends_on[:, -1] = 1
    base = np.einsum("ac,aw,ak->cwk", matrix.astype(np.int64), per_action_week, sends_on)

    events = expand_events(plan, audience, matrix)
    week = plan.week_of(events.day)
    keys = np.concatenate(
        ((events.customer * count_w + week) * count_k + channel_of[events.action],
         (events.customer * count_w + week) * count_k + count_k - 1)
    )  # fmt: skip
    unique, inverse, extra = np.unique(keys, return_inverse=True, return_counts=True)
    customer, rest = np.divmod(unique, count_w * count_k)
    key_week, key_k = np.divmod(rest, count_k)
    key_cell = segment[customer]
    total = base[key_cell, key_week, key_k] + extra
    key_over = total > limit[key_k]
    base_over = base > limit[None, None, :]

    flat = (key_cell * count_w + key_week) * count_k + key_k
    over = np.where(base_over, sizes[:, None, None], 0).reshape(-1)
    np.add.at(over, flat[key_over & ~base_over.reshape(-1)[flat]], 1)
    peak = np.where(sizes[:, None, None] > 0, base, 0).reshape(-1)
    np.maximum.at(peak, flat, total)
    over, peak = over.reshape(base.shape), peak.reshape(base.shape)

    event_causes = _event_causes(events.action, events.customer, flat, inverse, key_over, len(plan.actions))
    overloads = []
    monday = plan.first_monday
    for cell, w, k in zip(*np.nonzero(over), strict=True):
        # Dated actions: every one for this cell that sends on this channel (or any, for all) this week.
        dated_actions = matrix[:, cell] & (per_action_week[:, w] > 0) & (sends_on[:, k] > 0)
        counts = {int(a): int(per_action_week[a, w]) for a in np.nonzero(dated_actions)[0]}
        counts |= event_causes.get(int((cell * count_w + w) * count_k + k), {})
        ranked = sorted(counts.items(), key=lambda item: (-item[1], plan.actions[item[0]].key))
        overloads.append(
            Overload(
                week=monday + timedelta(weeks=int(w)),
                persona=audience.personas[cell // len(audience.stages)],
                stage=audience.stages[cell % len(audience.stages)],
                channel=channels[k] if k < len(channels) else None,
                ceiling=int(limit[k]),
                contacts=int(peak[cell, w, k]),
                customers=int(over[cell, w, k]),
                cell_customers=int(sizes[cell]),
                causes=tuple(Cause(plan.actions[a].key, n) for a, n in ranked),
            )
        )
    overloads.sort(key=lambda o: (o.week, o.persona, o.stage, o.channel is None, o.channel or ""))
    sent = int((per_action_week.sum(axis=1) * (matrix.astype(np.int64) @ sizes)).sum()) + len(events)
    return Result(
        status=Status.OVER_CEILINGS if overloads else Status.WITHIN_CEILINGS,
        overloads=tuple(overloads),
        channels=channels,
        weeks=tuple(monday + timedelta(weeks=w) for w in range(count_w)),
        peak=peak,
        contacts_sent=sent,
        seconds=time.perf_counter() - started,
    )


def _event_causes(
    action: IntArray,
    customer: IntArray,
    flat: IntArray,
    inverse: IntArray,
    key_over: np.ndarray,
    actions: int,
) -> dict[int, dict[int, int]]:
    """For each over-ceiling (cell, week, channel) flat index: event action -> the most contacts it sends
    one over-ceiling customer there."""
    contact_key = inverse.reshape(-1)  # per (event contact, channel-or-all) row, its key
    rows = np.nonzero(key_over[contact_key])[0]
    if not len(rows):
        return {}
    repeated_action = np.concatenate((action, action))[rows]
    repeated_customer = np.concatenate((customer, customer))[rows]
    groups = (flat[contact_key[rows]] * actions + repeated_action) * (
        int(customer.max()) + 1
    ) + repeated_customer
    unique, counts = np.unique(groups, return_counts=True)
    pairs, where = np.unique(unique // (int(customer.max()) + 1), return_inverse=True)
    most_per_pair = np.zeros(len(pairs), dtype=np.int64)
    np.maximum.at(most_per_pair, where.reshape(-1), counts)
    most: dict[int, dict[int, int]] = {}
    for key, count in zip(pairs.tolist(), most_per_pair.tolist(), strict=True):
        cell_key, action_index = divmod(key, actions)
        most.setdefault(cell_key, {})[action_index] = count
    return most
