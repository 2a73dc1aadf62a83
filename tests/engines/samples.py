"""Sample data files the tests read."""

from __future__ import annotations

from pathlib import Path

CDNOW_SAMPLE = Path(__file__).with_name("fixtures") / "cdnow_first_400.txt"
