"""Fixtures of the strategy tests."""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def source_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A KPI source's DuckDB work done by the child's own code (``source_child.run``) in this process, its
    request and its messages pickled as through the pipe, for the tests of what a source reads and says: no
    new interpreter and DuckDB import per run (some 0.1 s of CPU each, and seconds of wall clock on a loaded
    machine). DuckDB's interruption at the step's seconds or the page's budget is the child's own, and still
    applies; the memory cap, the parent's kill and the child ending with its parent do not, and are proven
    with the real child (test_kpi_source_sandbox.py, test_kpi_source_hostile.py, test_kpi_source_inline.py,
    test_kpi_source_parent_death.py, tests/test_hostile_upload_pages.py)."""
    from jalon.strategy.kpis import source_child, source_process, sources

    def run_here(
        request: dict[str, Any], loaded: Callable[[], None] | None = None, *, budget: float | None = None
    ) -> tuple[Any, ...]:
        capped, _seconds = source_process.capped(request, budget)
        out = io.BytesIO()
        source_child.run(pickle.loads(pickle.dumps(capped)), out)
        out.seek(0)
        while (message := pickle.load(out))[0] == "loaded":
            if loaded is not None:
                loaded()
        return message  # type: ignore[no-any-return]

    monkeypatch.setattr(sources, "run_child", run_here)
