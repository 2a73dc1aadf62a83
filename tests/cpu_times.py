"""The CPU each test costs, for measuring on a machine others share: ``pytest --durations`` gives wall-clock
times, which grow with everyone else's load (thirty times on the shared two-core machine), while the CPU a
test spends is its own. With ``JALON_TEST_CPU_LOG=/tmp/cpu`` (tests/conftest.py loads this plugin), every
test process (each xdist worker) appends one line per phase to ``/tmp/cpu-<worker>.tsv`` as it ends: the
test's id, the phase (setup: its fixtures; call; teardown), the wall-clock seconds, the process's own CPU
seconds and those of the children it waited for (a ``jalon`` command, LibreOffice, pdftotext, a KPI source's
child). Lines are written as the run goes: a run stopped half-way still says where its time went.
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


def _now() -> tuple[float, float, float]:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _write(item: pytest.Item, phase: str, before: tuple[float, float, float]) -> None:
    prefix = os.environ.get("JALON_TEST_CPU_LOG")
    if not prefix:
        return
    if not _log:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        _log.append(open(f"{prefix}-{worker}.tsv", "a", buffering=1))  # noqa: SIM115 (open for the run)
    spent = [after - start for after, start in zip(_now(), before, strict=True)]
    _log[0].write(f"{item.nodeid}\t{phase}\t" + "\t".join(f"{value:.3f}" for value in spent) + "\n")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    before = _now()
    try:
        return (yield)
    finally:
        _write(item, "setup", before)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    before = _now()
    try:
        return (yield)
    finally:
        _write(item, "call", before)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    before = _now()
    try:
        return (yield)
    finally:
        _write(item, "teardown", before)


def summary(prefix: str, top: int = 25) -> list[str]:
    """The CPU seconds (own and children's) by module, then the ``top`` dearest tests, from the logs."""
    by_module: dict[str, dict[str, float]] = collections.defaultdict(lambda: collections.defaultdict(float))
    by_test: dict[str, float] = collections.defaultdict(float)
    for log in Path(prefix).parent.glob(f"{Path(prefix).name}-*.tsv"):
        for line in log.read_text().splitlines():
            test, phase, _wall, own, children = line.split("\t")
            spent = float(own) + float(children)
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
