"""Pages beyond the planning ones cost the same number of SQL queries for a roadmap of the Cloud Kicks demo's
size as for a larger one (more objectives, KPIs, measurements, risks, milestones, plan actions, personas,
changes, roadmaps): bench/all_pages.py measures them at a consultancy's real size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from jalon.accounts.models import User
from jalon.demo.consultancy import DEMO_SIZE, Size, create_consultancy
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Role
from jalon.workspaces.services import set_membership

# Between the demo's size and a consultancy's: every list several times longer than the demo's.
LARGER = Size(
    objectives=18, sub_objectives=2, kpis=3, measurements=12, strategies=9, activities=60, risks=30,
    milestones=24, people=9, personas=7, journeys=14, actions=40, stakeholders=16, changes=900, roadmaps=6,
    workspaces=3,
)  # fmt: skip
pytestmark = pytest.mark.xdist_group("pages_at_scale")


@dataclass(frozen=True)
class Scaled:
    small: tuple[User, Roadmap]
    large: tuple[User, Roadmap]


@pytest.fixture(scope="module")
def scaled(django_db_setup: None, django_db_blocker: Any) -> Iterator[Scaled]:
    """An editor's roadmap at the demo's size and another's at ``LARGER``, each alone in its workspace, built
    once for the module in a transaction rolled back after its last test."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        built = []
        for name, size in (("small", DEMO_SIZE), ("large", LARGER)):
            roadmap = create_consultancy(size=size, workspace_slug=f"scale-{name}")
            editor = User.objects.create_user(email=f"{name}@example.com")
            set_membership(actor=None, workspace=roadmap.workspace, user=editor, role=Role.EDITOR)
            built.append((editor, roadmap))
    try:
        yield Scaled(*built)
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def queries(client: Any, who: tuple[User, Roadmap], path: str) -> int:
    """SQL queries of the second request of ``path`` (``{w}`` and ``{r}``: the workspace's and roadmap's
    slugs) by the editor."""
    editor, roadmap = who
    url = path.format(w=roadmap.workspace.slug, r=roadmap.slug)
    client.force_login(editor)
    assert client.get(url).status_code == 200, url  # warm the per-request caches a first visit fills
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def same_queries(client: Any, scaled: Scaled, path: str) -> None:
    assert queries(client, scaled.large, path) == queries(client, scaled.small, path), path


@pytest.mark.django_db
def test_a_team_members_page_costs_the_same_queries_however_many_activities_the_roadmap_has(client, scaled):
    """The activities to assign them to were read without their roadmap: one query more per activity."""
    assert scaled.large[1].activities.count() > scaled.small[1].activities.count()
    same_queries(client, scaled, "/w/{w}/r/{r}/people/p0/")
