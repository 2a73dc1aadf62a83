"""Benchmark of the e-CRM framing engines, each figure beside a baseline measured in the same run.

    python bench/framing.py                     # both parts
    python bench/framing.py --part rfm          # RFM on CDNOW only
    python bench/framing.py --loop-customers 100000   # the plain loop over every customer (slow)

1. RFM on the whole CDNOW file (69,659 orders, 23,570 customers), target ≤ 2 s including reading: the
   time to read the file, to build the profiles and scores, and to cluster (4, 5 and 6 groups tried),
   the segments' sizes and revenue shares, and the end-to-end `jalon framing rfm --json` (a fresh
   process, so Python's start and the imports count). Libraries are imported before the clock starts.
2. A one-year animation plan of 60 actions over 6 personas and 6 stages, expanded and checked for
   marketing pressure for 100,000 customers with about 7 events each (target ≤ 1 s), beside a plain
   Python loop over customers that counts the same thing; the loop runs on a sample of customers (all
   of them with --loop-customers 100000) and its answer is compared with the engine's on that sample.

The machine's load average is printed beside each figure, and the CPU time beside the wall-clock time:
other work on the machine slows both sides, and wall-clock time most.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from jalon.documents.orders_file import read_orders
from jalon.engines import rfm
from jalon.engines.contact_plan import Action, Audience, Frequency, Plan, Window, expand
from jalon.engines.contact_pressure import Ceilings, check
from jalon.engines.rfm import day_number

ROOT = Path(__file__).resolve().parent.parent
CDNOW = ROOT.parent / "shared" / "data" / "cdnow" / "CDNOW_master.txt"
YEAR = date(2026, 1, 1)
PERSONAS = ("collector", "runner", "family", "bargain", "gift", "newcomer")
STAGES = ("prospect", "new", "active", "loyal", "at_risk", "inactive")
CHANNELS = ("email", "sms", "push", "post", "store", "web", "paid")
TRIGGERS = ("first_order", "order", "birthday", "cart_abandoned", "browse", "review")
CEILINGS = Ceilings({"email": 3, "sms": 1, "push": 3, "post": 1}, all_channels=6)


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


# 1. RFM on CDNOW ---------------------------------------------------------------------------------


def bench_rfm(repeat: int) -> None:
    if not CDNOW.exists():
        print(f"RFM: {CDNOW} is missing; skipped")
        return
    data = CDNOW.read_bytes()
    rfm.segment(read_orders(data[:20_000]).orders, segments=4)  # imports scikit-learn before the clock
    runs = []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        found = read_orders(data, filename=CDNOW.name)
        read_s = time.perf_counter() - started
        profiles_started = time.perf_counter()
        rfm.profiles(found.orders)
        profiles_s = time.perf_counter() - profiles_started
        result = rfm.segment(found.orders, seed=0)
        total_s, cpu_s = time.perf_counter() - started, time.process_time() - cpu
        runs.append((total_s, read_s, profiles_s, result.seconds - profiles_s, cpu_s, result))
    total, read_s, profiles_s, cluster_s, cpu_s, result = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
    print(f"RFM on CDNOW — {len(found.orders):,} orders, {result.customers:,} customers ({load()})")
    print(
        f"  read + segment: {total:.2f} s median of {repeat} (target ≤ 2 s) = read {read_s:.2f} s"
        f" + profiles and scores {profiles_s:.2f} s + k-means for 4, 5, 6 groups {cluster_s:.2f} s;"
        f" {len(result.segments)} segments chosen (simplified silhouette {result.silhouette:.3f});"
        f" CPU time {cpu_s:.2f} s"
    )
    for segment in result.segments:
        print(
            f"  {segment.name.en:<20} {segment.customers:>6,} customers"
            f"  {segment.revenue_share:6.1%} of revenue  recency {segment.recency_days:5.0f} d"
            f"  {segment.orders_per_customer:5.2f} orders"
            f"  basket {segment.average_basket:6.2f}"
        )
    started = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("jalon")), "framing", "rfm", str(CDNOW), "--json"],
        capture_output=True,
        check=False,
        env=os.environ | {"JALON_LANGUAGE": "en"},
    )
    print(
        f"  `jalon framing rfm CDNOW_master.txt --json` in a fresh process:"
        f" {time.perf_counter() - started:.2f} s (exit {done.returncode};"
        f" Python start and imports included, {load()})"
    )


# 2. Animation plan and marketing pressure --------------------------------------------------------


def synthetic_plan(seed: int) -> Plan:
    """60 actions: 36 dated (weekly, monthly, one-off) and 24 on events, over 6 personas and 6 stages."""
    rng = np.random.default_rng(seed)
    actions = []
    for number in range(60):
        on_event = number >= 36
        frequency = (
            Frequency.ON_EVENT
            if on_event
            else [Frequency.WEEKLY, Frequency.MONTHLY, Frequency.ONE_OFF][number % 3]
        )
        first = YEAR + timedelta(days=int(rng.integers(0, 300)))
        window = (
            None if number % 4 == 0 else Window(first, first + timedelta(days=int(rng.integers(14, 200))))
        )
        actions.append(
            Action(
                key=f"a{number:02d}",
                what=f"Action {number}",
                channel=str(rng.choice(CHANNELS, p=[0.45, 0.12, 0.15, 0.05, 0.08, 0.1, 0.05])),
                frequency=frequency,
                personas=frozenset(
                    rng.choice(PERSONAS, size=int(rng.integers(0, 4)), replace=False).tolist()
                ),
                stages=frozenset(rng.choice(STAGES, size=int(rng.integers(0, 3)), replace=False).tolist()),
                window=window,
                trigger=str(rng.choice(TRIGGERS)) if on_event else None,
                delay_days=int(rng.integers(0, 15)) if on_event else 0,
                cost_eur=float(rng.integers(0, 5000)),
            )
        )
    return Plan(tuple(actions), YEAR)


def synthetic_audience(customers: int, seed: int) -> Audience:
    """Customers spread over the 36 cells, with their year's events: orders, a birthday, abandoned
    carts, browsing sessions, reviews and, for some, a first order."""
    rng = np.random.default_rng(seed)
    per_customer = {
        "first_order": 0.2,
        "order": 2.0,
        "birthday": 1.0,
        "cart_abandoned": 1.0,
        "browse": 2.5,
        "review": 0.3,
    }
    customer_parts, trigger_parts = [], []
    for index, trigger in enumerate(TRIGGERS):
        counts = (
            rng.poisson(per_customer[trigger], size=customers)
            if trigger != "birthday"
            else np.ones(customers, dtype=np.int64)
        )
        customer_parts.append(np.repeat(np.arange(customers), counts))
        trigger_parts.append(np.full(int(counts.sum()), index))
    event_customer = np.concatenate(customer_parts)
    return Audience(
        personas=PERSONAS,
        stages=STAGES,
        persona=rng.choice(len(PERSONAS), size=customers, p=[0.05, 0.15, 0.2, 0.2, 0.15, 0.25]),
        stage=rng.choice(len(STAGES), size=customers, p=[0.1, 0.1, 0.3, 0.15, 0.15, 0.2]),
        triggers=TRIGGERS,
        event_customer=event_customer,
        event_trigger=np.concatenate(trigger_parts),
        event_day=day_number(YEAR) + rng.integers(0, 365, size=len(event_customer)),
    )


def plain_loop(
    plan: Plan, audience: Audience, ceilings: Ceilings
) -> dict[tuple[str, str, date, str | None], tuple[int, int]]:
    """The same count, customer by customer, with dicts and lists: (cell, week, channel) -> (over, most)."""
    monday = plan.first_monday
    dated: dict[str, list[int]] = defaultdict(list)
    for contact in expand(plan):
        dated[contact.action].append((contact.day - monday).days // 7)
    events: list[list[tuple[str, int]]] = [[] for _ in range(len(audience))]
    for customer, trigger, day in zip(
        audience.event_customer.tolist(),
        audience.event_trigger.tolist(),
        audience.event_day.tolist(),
        strict=True,
    ):
        events[customer].append((audience.triggers[trigger], day))
    bounds = {action.key: plan.bounds(action) for action in plan.actions}
    first_monday = day_number(monday)
    over: Counter[tuple[str, str, date, str | None]] = Counter()
    most: dict[tuple[str, str, date, str | None], int] = {}
    for customer in range(len(audience)):
        persona, stage = (
            audience.personas[audience.persona[customer]],
            audience.stages[audience.stage[customer]],
        )
        weekly: Counter[tuple[int, str | None]] = Counter()
        for action in plan.actions:
            if not action.audience_accepts(persona, stage):
                continue
            if action.frequency is Frequency.ON_EVENT:
                low, high = bounds[action.key]
                weeks = [(day + action.delay_days - first_monday) // 7 for trigger, day in events[customer]
                         if trigger == action.trigger and low <= day + action.delay_days <= high]  # fmt: skip
            else:
                weeks = dated[action.key]
            for week in weeks:
                weekly[(week, action.channel)] += 1
                weekly[(week, None)] += 1
        for (week, channel), contacts in weekly.items():
            limit = ceilings.all_channels if channel is None else ceilings.per_channel.get(channel)
            if limit is not None and contacts > limit:
                key = (persona, stage, monday + timedelta(weeks=week), channel)
                over[key] += 1
                most[key] = max(most.get(key, 0), contacts)
    return {key: (count, most[key]) for key, count in over.items()}


def sample(audience: Audience, size: int) -> Audience:
    keep = audience.event_customer < size
    return Audience(
        personas=audience.personas,
        stages=audience.stages,
        persona=audience.persona[:size],
        stage=audience.stage[:size],
        triggers=audience.triggers,
        event_customer=audience.event_customer[keep],
        event_trigger=audience.event_trigger[keep],
        event_day=audience.event_day[keep],
    )


def bench_pressure(customers: int, loop_customers: int, repeat: int) -> None:
    plan = synthetic_plan(seed=1)
    audience = synthetic_audience(customers, seed=2)
    check(plan, sample(audience, 100), CEILINGS)  # warm numpy's code paths
    times, cpu, result = [], [], None
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = check(plan, audience, CEILINGS)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    assert result is not None
    dated = len(expand(plan))
    print(
        f"Animation plan — 60 actions, 6 personas × 6 stages, {customers:,} customers,"
        f" {len(audience.event_day):,} events ({load()})"
    )
    print(
        f"  expand + pressure check (numpy): {statistics.median(times):.3f} s median of {repeat}"
        f" (target ≤ 1 s; CPU time {statistics.median(cpu):.3f} s);"
        f" {dated} dated contacts in the plan, {result.contacts_sent:,} contacts to customers,"
        f" {len(result.overloads):,} (week, cell, channel) overloads"
    )
    worst = max(result.overloads, key=lambda o: (o.customers, o.contacts), default=None)
    if worst is not None:
        causes = ", ".join(f"{c.action}×{c.contacts}" for c in worst.causes[:5])
        print(
            f"  widest overload: week of {worst.week}, {worst.persona} × {worst.stage},"
            f" {worst.channel or 'all channels'}: {worst.customers:,} of {worst.cell_customers:,} customers"
            f" over {worst.ceiling} (up to {worst.contacts}); {causes}"
        )
    part = sample(audience, min(loop_customers, customers))
    started, cpu_started = time.perf_counter(), time.process_time()
    looped = plain_loop(plan, part, CEILINGS)
    loop_s, loop_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    engine = {
        (o.persona, o.stage, o.week, o.channel): (o.customers, o.contacts)
        for o in check(plan, part, CEILINGS).overloads
    }
    scale = customers / len(part)
    print(
        f"  plain Python loop over customers: {loop_s:.2f} s (CPU {loop_cpu:.2f} s)"
        f" for {len(part):,} customers"
        + (f" (≈ {loop_s * scale:.1f} s for {customers:,})" if scale > 1 else "")
        + f"; same overloads as the engine on those customers: {'yes' if looped == engine else 'NO'}"
        + f" ({load()})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=("all", "rfm", "pressure"), default="all")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--loop-customers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    if options.part in ("all", "rfm"):
        bench_rfm(options.repeat)
    if options.part in ("all", "pressure"):
        bench_pressure(options.customers, options.loop_customers, options.repeat)


if __name__ == "__main__":
    main()
