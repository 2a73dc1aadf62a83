"""The SMART table (and the strategic dashboard) of a roadmap with many objectives comes in pages of
``OBJECTIVES_PER_PAGE`` top-level objectives, each with its sub-objectives, the counts said (a consultancy's
450 objectives made a page of 1 MB); the drafts are counted over them all, and an objective edited in place
is found on its page."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from django.test import Client
from scipy.special import ndtri

from jalon.engines.forecast_paths import combine_odds
from jalon.strategy import services
from jalon.strategy.models import Objective
from jalon.strategy.paging import OBJECTIVES_PER_PAGE

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


@pytest.fixture
def many(demo: Any, members: dict[str, Any]) -> Objective:
    """The demo with one top-level objective more than a page holds; the last one."""
    top = demo.roadmap.objectives.filter(parent=None).count()
    made = None
    for n in range(OBJECTIVES_PER_PAGE + 1 - top):
        made = services.create_objective(actor=members["owner"], roadmap=demo.roadmap, title=f"Objectif {n}")
    assert made is not None
    return made


def _in_english(client: Client, editor: Any) -> None:
    editor.language = "en"
    editor.save(update_fields=["language"])
    client.force_login(editor)


def test_the_smart_table_shows_one_page_of_objectives_with_the_counts(
    client: Client, members: dict[str, Any], many: Objective
) -> None:
    _in_english(client, members["editor"])
    first = client.get(ROADMAP).content.decode()
    total = Objective.objects.filter(roadmap=many.roadmap).count()
    assert first.count('class="depth-0') == OBJECTIVES_PER_PAGE
    assert f"of {OBJECTIVES_PER_PAGE + 1} top-level objectives" in first
    assert f"({total} objectives in all)" in first
    assert f'id="obj-{many.key}"' not in first and 'href="?page=2#smart-table"' in first
    second = client.get(ROADMAP + "?page=2").content.decode()
    assert second.count('class="depth-0') == 1 and f'id="obj-{many.key}"' in second
    assert client.get(ROADMAP + "?page=x").content.decode().count('class="depth-0') == OBJECTIVES_PER_PAGE


def test_the_pager_links_are_below_the_table_too_under_another_name(
    client: Client, members: dict[str, Any], many: Objective
) -> None:
    _in_english(client, members["editor"])
    second = client.get(ROADMAP + "?page=2").content.decode()
    table_end = second.index("</table>")
    above, below = second[:table_end], second[table_end:]
    for page in (above, below):  # the same links on both sides of the table
        assert 'href="?page=1#smart-table" rel="first"' in page
        assert "Previous objectives" in page
    assert 'aria-labelledby="objective-pages-title"' in above
    assert 'aria-labelledby="objective-pages-below-title"' in below  # two landmarks, two names
    assert 'id="objective-pages-below-title">Objectives, page 2 of 2</p>' in below


def test_the_strategic_dashboard_comes_in_the_same_pages(
    client: Client, members: dict[str, Any], many: Objective
) -> None:
    _in_english(client, members["editor"])
    first = client.get(ROADMAP + "dashboard/").content.decode()
    assert first.count('class="card dashboard-goal depth-0"') == OBJECTIVES_PER_PAGE
    assert f'id="goal-{many.key}"' not in first
    assert first.count('href="?page=2#goals" rel="next"') == 2  # above and below the goals
    assert f"of {OBJECTIVES_PER_PAGE + 1} top-level objectives" in first
    second = client.get(ROADMAP + "dashboard/?page=2").content.decode()
    assert second.count('class="card dashboard-goal depth-0"') == 1 and f'id="goal-{many.key}"' in second


def test_an_objective_edited_without_javascript_is_found_on_its_page(
    client: Client, members: dict[str, Any], many: Objective
) -> None:
    client.force_login(members["editor"])
    editing = client.get(ROADMAP + f"?edit={many.key}:impact").content.decode()
    assert f'id="obj-{many.key}"' in editing and 'name="impact"' in editing
    saved = client.post(
        ROADMAP + f"o/{many.key}/cells/impact/", {"impact": "Plus de ventes.", "version": "1"}
    )
    assert saved.status_code == 302 and saved["Location"] == ROADMAP + f"?page=2#obj-{many.key}"


def test_the_combined_odds_use_the_same_draws_as_drawn_for_each_combination() -> None:
    for chances in ([0.7, 0.4], [0.9, 0.8, 0.3], [0.55, 0.6, 0.2]):
        rng = np.random.default_rng(0)
        shared = rng.standard_normal((200_000, 1))
        own = rng.standard_normal((200_000, len(chances)))
        latent = np.sqrt(0.5) * shared + np.sqrt(0.5) * own
        drawn = float(np.mean(np.all(latent <= ndtri(np.array(chances))[None, :], axis=1)))
        expected = min(max(drawn, max(0.0, sum(chances) - (len(chances) - 1))), min(chances))
        assert combine_odds(chances).probability == expected
        assert combine_odds(chances).probability == expected  # asked again: the kept draws, unchanged
