"""A large orders file uploaded on the personas page in real Chromium, its job held in the queue: the job's
page and its progress panel to look at (tests/e2e/test_e2e_orders_job.py, test_e2e_job_progress_focus.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jalon.demo.orders import synthetic_orders
from jalon.documents.orders_file import orders_csv

PERSONAS = "/w/cloud-kicks/r/cloud-kicks/framing/personas/"


Upload = Callable[[Any, str, int], Callable[[], None]]


@pytest.fixture
def upload_held(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Upload:
    """``upload_held(page, button, customers)``: upload ``customers``' synthetic orders as a large file (the
    sample counts as one) with ``button``, the job's threads kept asleep so that the job waits in the queue;
    on the job's page, returns what wakes them."""
    from jalon.framing.services import orders as orders_services
    from jalon.jobs import runner

    def upload(page: Any, button: str, customers: int) -> Callable[[], None]:
        settings.MEDIA_ROOT = tmp_path / "uploads"
        orders = tmp_path / "commandes.csv"
        orders.write_text(orders_csv(synthetic_orders(customers=customers, seed=5)), encoding="utf-8")
        monkeypatch.setattr(orders_services, "BACKGROUND_FROM_BYTES", 0)
        wake = runner.wake
        monkeypatch.setattr(runner, "wake", lambda: None)
        page.goto(PERSONAS)
        page.locator("#id_file").set_input_files(str(orders))
        page.get_by_role("button", name=button).click()
        page.wait_for_url(re.compile(re.escape(PERSONAS) + r"jobs/\d+/$"))
        return wake

    return upload
