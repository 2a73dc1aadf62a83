"""The orders job's bar moves while a large file is read: it stayed at 5 % until the whole file was read
and parsed, then jumped to 50 %."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from jalon.documents.tables import LINES_BETWEEN_REPORTS, read_rows
from jalon.framing import pending_orders
from jalon.framing.services import orders as orders_services


@pytest.fixture
def uploads(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


def orders_text(lines: int) -> bytes:
    body = [
        f"c{n % 3000:05d};2025-{n % 12 + 1:02d}-{n % 28 + 1:02d};{(n % 97) + 10.5:.2f}" for n in range(lines)
    ]
    return ("client;date;montant\n" + "\n".join(body) + "\n").encode()


def test_reading_a_table_reports_the_lines_read_and_the_share_of_the_text() -> None:
    text = "a;b\n" + "".join(f"{n};{n}\n" for n in range(2 * LINES_BETWEEN_REPORTS + 10))
    heard: list[tuple[int, float]] = []
    rows = read_rows(text, on_lines=lambda lines, share: heard.append((lines, share)))
    assert len(rows) == 2 * LINES_BETWEEN_REPORTS + 11
    assert [lines for lines, _share in heard] == [LINES_BETWEEN_REPORTS, 2 * LINES_BETWEEN_REPORTS, len(rows)]
    shares = [share for _lines, share in heard]
    assert 0.4 < shares[0] < shares[1] < shares[2] == 1.0


def test_the_orders_job_reports_its_reading_between_5_and_50_percent(
    members: dict[str, Any], demo: Any, uploads: Path
) -> None:
    data = orders_text(120_000)
    token = pending_orders.keep(demo.roadmap, members["editor"], [data])
    heard: list[tuple[int, str, dict[str, Any]]] = []

    def progress(percent: int, message: str = "", /, **params: Any) -> None:
        heard.append((percent, message, params))

    with translation.override("fr"):
        orders_services.seed_from_kept(
            actor=members["editor"],
            roadmap=demo.roadmap,
            token=token,
            filename="orders.csv",
            progress=progress,
        )
    percents = [percent for percent, _message, _params in heard]
    assert percents == sorted(percents) and percents[0] == 5 and percents[-1] == 50
    reading = [(p, params) for p, message, params in heard if message.startswith("Reading the orders file: ")]
    assert [params["lines"] for _p, params in reading] == ["50\u202f000", "100\u202f000"]
    assert all(5 < p < 40 for p, _params in reading) and reading[0][0] < reading[1][0]
    checking = [
        params for p, message, params in heard if p == 40 and message.startswith("Checking the dates")
    ]
    assert checking == [{"lines": "120\u202f001"}]
