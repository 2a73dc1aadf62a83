"""Fixtures of the scheduling tests: an empty 2030 roadmap in a workspace of its own (no demo)."""

from __future__ import annotations

import pytest

from tests.planning.schedule_support import make_roadmap


@pytest.fixture
def owner(team):
    return team.owner


@pytest.fixture
def roadmap(team, owner):
    """An empty roadmap of 2030 (overridden by the modules that need another)."""
    return make_roadmap(team.workspace, owner)
