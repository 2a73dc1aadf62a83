"""The CPU each test costs, for measuring on a machine others share: ``pytest --durations`` gives wall-clock
times, which grow with everyone else's load (thirty times on the shared two-core machine), while the CPU a
test spends is its own. With ``JALON_TEST_CPU_LOG=/tmp/cpu`` (tests/conftest.py loads this plugin), every
test process (each xdist worker) appends one line per phase to ``/tmp/cpu-<worker>.tsv`` as it ends: the
test's id, the phase (setup: its fixtures; call; teardown), the wall-clock seconds, the process's own CPU
seconds and those of the children it waited for (a ``jalon`` command, LibreOffice, pdftotext, a KPI source's
child), then those of its descendants still running, which no wait counts: the browser tests' Chromium and
Playwright's driver, where most of a browser test's CPU goes (read from /proc, on Linux; 0 elsewhere). Lines
are written as the run goes: a run stopped half-way still says where its time went.
``python -m tests.cpu_times /tmp/cpu`` sums them by module and lists the dearest tests."""

from __future__ import annotations

import collections
import os
import resource
import sys
import time
from collections.abc import Generator
from pathlib import Path
from typing import IO

import pytest

_log: list[IO[str]] = []


def _running_descendants() -> float:
    """The CPU seconds spent so far by this process's descendants that still run (Chromium's processes, a
    driver), which ``RUSAGE_CHILDREN`` counts only once they are waited for; 0 without /proc."""
    parents: dict[int, list[int]] = collections.defaultdict(list)
    ticks: dict[int, int] = {}
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else ():
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # after the command's name, which may hold spaces
        parents[int(fields[1])].append(int(entry.name))
        # Its own time and its ended children's (a renderer of a closed context, reaped by Chromium's zygote).
        ticks[int(entry.name)] = sum(int(field) for field in fields[11:15])  # utime, stime, cutime, cstime
    total, todo = 0, list(parents[os.getpid()])
    while todo:
        pid = todo.pop()
        total += ticks.get(pid, 0)
        todo += parents[pid]
    return total / os.sysconf("SC_CLK_TCK")


def _now() -> tuple[float, float, float, float]:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return (
        time.perf_counter(), own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime,
        _running_descendants(),
    )  # fmt: skip


def _write(item: pytest.Item, phase: str, before: tuple[float, float, float, float] | None) -> None:
    prefix = os.environ.get("JALON_TEST_CPU_LOG")
    if not prefix or before is None:
        return
    if not _log:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        _log.append(open(f"{prefix}-{worker}.tsv", "a", buffering=1))  # noqa: SIM115 (open for the run)
    wall, own, children, running = (after - start for after, start in zip(_now(), before, strict=True))
    if running < 0:  # descendants ended (the browser, closed after the last test): their CPU was counted
        children, running = max(0.0, children + running), 0.0  # as it ran; waited for, it is not again
    spent = [wall, own, children, running]
    _log[0].write(f"{item.nodeid}\t{phase}\t" + "\t".join(f"{value:.3f}" for value in spent) + "\n")


def _measure() -> tuple[float, float, float, float] | None:
    return _now() if os.environ.get("JALON_TEST_CPU_LOG") else None  # /proc is read only when logging


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    before = _measure()
    try:
        return (yield)
    finally:
        _write(item, "setup", before)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    before = _measure()
    try:
        return (yield)
    finally:
        _write(item, "call", before)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    before = _measure()
    try:
        return (yield)
    finally:
        _write(item, "teardown", before)


def summary(prefix: str, top: int = 25) -> list[str]:
    """The CPU seconds (own, children's and running descendants') by module, then the ``top`` dearest tests,
    from the logs."""
    by_module: dict[str, dict[str, float]] = collections.defaultdict(lambda: collections.defaultdict(float))
    by_test: dict[str, float] = collections.defaultdict(float)
    for log in Path(prefix).parent.glob(f"{Path(prefix).name}-*.tsv"):
        for line in log.read_text().splitlines():
            test, phase, _wall, *seconds = line.split("\t")  # own, children[, running descendants]
            spent = sum(map(float, seconds))
            by_module[test.split("::")[0]][phase] += spent
            by_test[test] += spent
    total = sum(sum(phases.values()) for phases in by_module.values())
    lines = [f"{total:.1f} s of CPU in {len(by_test)} tests"]
    for module, phases in sorted(by_module.items(), key=lambda kv: -sum(kv[1].values()))[:top]:
        lines.append(
            f"{sum(phases.values()):7.1f}  setup {phases['setup']:6.1f}  call {phases['call']:6.1f}  {module}"
        )
    dearest = sorted(by_test.items(), key=lambda kv: -kv[1])[:top]
    lines += [f"{spent:7.2f}  {test}" for test, spent in dearest]
    return lines


if __name__ == "__main__":
    print("\n".join(summary(sys.argv[1], *map(int, sys.argv[2:3]))))
