"""Planning pages cost the same number of SQL queries for 10 activities as for 1,000 (issue 5)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jalon.accounts.models import User
from jalon.demo.synthetic import create_synthetic
from jalon.strategy.models import Roadmap

SCALED_PAGES = ("timeline", "executive", "backlog", "workload", "budget", "portfolio")
# Both tests that build the 1,000-activity roadmap run in the same worker, which builds it once.
pytestmark = pytest.mark.xdist_group("page_scale")


@dataclass(frozen=True)
class Scaled:
    owner: User
    small: Roadmap
    large: Roadmap


@pytest.fixture(scope="module")
def scaled(django_db_setup: None, django_db_blocker: Any) -> Iterator[Scaled]:
    """An owner's roadmaps of 10 and 1,000 activities, built once for the module (the large one costs some
    15 s of CPU) in a transaction rolled back after its last test; each test runs inside it and has its own
    changes rolled back as usual."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        owner = User.objects.create_user(email="scale@example.com")
        small = create_synthetic(n=10, workspace_slug="scale", owner=owner)
        large = create_synthetic(n=1000, workspace_slug="scale", owner=owner)
    try:
        yield Scaled(owner, small, large)
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _queries(client, roadmap, page: str) -> int:
    url = reverse(page, args=[roadmap.workspace.slug, roadmap.slug])
    client.get(url)  # warm the per-request caches a first visit fills
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, page
    return len(queries)


@pytest.mark.django_db
def test_planning_pages_cost_the_same_queries_for_10_and_1000_activities(client, scaled):
    small, large = scaled.small, scaled.large
    assert large.activities.count() == 1000
    client.force_login(scaled.owner)
    counts = {page: (_queries(client, small, page), _queries(client, large, page)) for page in SCALED_PAGES}
    assert {page: n_small for page, (n_small, _n_large) in counts.items()} == {
        page: n_large for page, (_n_small, n_large) in counts.items()
    }


def _objects_built(client, roadmap, page: str) -> int:
    from django.db.models.signals import post_init

    url = reverse(page, args=[roadmap.workspace.slug, roadmap.slug])
    client.get(url)
    built = [0]

    def count(**_kwargs: object) -> None:
        built[0] += 1

    post_init.connect(count)
    try:
        assert client.get(url).status_code == 200
    finally:
        post_init.disconnect(count)
    return built[0]


@pytest.mark.django_db
def test_the_portfolio_page_builds_no_model_object_per_activity(client, scaled):
    """What made its first view 13x slower at 1,000 activities: it loaded the optimiser's whole plan
    (activities, assignments, people, absences, links: 7,000 model objects) to show a table. Now only its
    thematic groups (their number grows with the synthetic roadmap) are objects."""
    small, large = scaled.small, scaled.large
    client.force_login(scaled.owner)
    more_groups = large.themes.count() - small.themes.count()
    assert (
        _objects_built(client, large, "portfolio") - _objects_built(client, small, "portfolio") == more_groups
    )


@pytest.mark.django_db
def test_synthetic_roadmap_is_the_same_for_the_same_seed(make_user):
    first = create_synthetic(n=30, workspace_slug="a", seed=7)
    second = create_synthetic(n=30, workspace_slug="b", seed=7)

    def shape(roadmap):
        return [
            (a.key, a.start, a.end, a.cost, a.owner.key, a.predecessor_links.count())
            for a in roadmap.activities.select_related("owner").order_by("key")
        ]

    assert shape(first) == shape(second)
    assert any(count for *_rest, count in shape(first))
