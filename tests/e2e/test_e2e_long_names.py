"""Names typed as one long word (a hashtag, 200 characters: no place to break) stay inside the window.

A thematic group, an activity and a team member are each named so, the activity is in the group, and the
person, booked beyond their capacity, shows in the workload's overloaded weeks. The executive view (its
budget by thematic group), the workload page (its heatmap and its overloaded weeks) and the activity's
page (its assignments) are no wider than the window at 1440 and 1280 px, in French and English, and the
figures beside each name stay in sight: the name wraps instead of pushing them out. With the largest
amounts a budget holds, the executive view's budget scrolls in its own box and the page still fits.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
LONG = ("#" + "RéactivationDesClientsDormantsParEmailSmsEtCourrier" * 4)[:200]
BUDGET = {"fr": "Budget par groupe thématique", "en": "Budget by thematic group"}
# In each table wider than its box (the rest scrolls out of sight), the widest cell that holds LONG; 0 when
# every such table fits its box. Not the workload's heat map, checked apart.
WIDEST_CELL = """long => Math.max(0, ...[...document.querySelectorAll('main table')]
    .filter(table => !table.matches('.workload') && table.scrollWidth > table.parentElement.clientWidth + 1)
    .flatMap(table => [...table.querySelectorAll('td, th')].filter(cell => cell.textContent.includes(long)))
    .map(cell => cell.getBoundingClientRect().width))"""
TABLE_PAGES = ("timeline", "backlog", "milestones", "budget", "people", "risks", "communication", "portfolio")
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"
# The right edge of the cells of the rows that name LONG (not the workload's weeks, which scroll by design).
RIGHTMOST_CELL = """long => Math.max(...[...document.querySelectorAll('main tr')]
    .filter(row => row.textContent.includes(long) && !row.closest('table.workload'))
    .flatMap(row => [...row.children].map(cell => cell.getBoundingClientRect().right)))"""


@pytest.fixture
def long_names(members: dict[str, Any]) -> dict[str, str]:
    """A group, an activity, a person (and their role), a milestone, a risk (its every text) and a line of the
    communication plan named LONG; the person works 60 h a week for a capacity of 35."""
    from jalon.planning import services
    from jalon.planning.models import Activity, Milestone, Theme
    from jalon.planning.people.services import create_person
    from jalon.planning.registers.models import CommunicationItem, Risk

    owner = members["owner"]
    roadmap = owner.memberships.get(workspace__slug="cloud-kicks").workspace.roadmaps.get(slug="cloud-kicks")
    theme = services.create(Theme, actor=owner, roadmap=roadmap, name=LONG, budget=2_000_000)
    activity = services.create(
        Activity, actor=owner, roadmap=roadmap, title=LONG, theme=theme, status="planned",
        start=date(2026, 9, 7), end=date(2026, 9, 18), cost=1_500_000, spent=1_250_000.50,
    )  # fmt: skip
    person = create_person(
        actor=owner, workspace=roadmap.workspace, roadmap=roadmap, name=LONG, capacity_hours_per_week=35
    )
    services.assign(actor=owner, activity=activity, person=person, hours_per_week=60, confirm=True)
    services.update(person, actor=owner, expected_version=person.version, changes={"role": LONG})
    services.create(Milestone, actor=owner, roadmap=roadmap, title=LONG, date=date(2026, 10, 1))
    services.create(
        Risk, actor=owner, roadmap=roadmap, title=LONG, description=LONG, owner=LONG, contingency=LONG,
        probability=5, impact=5,
    )  # fmt: skip
    services.create(
        CommunicationItem, actor=owner, roadmap=roadmap, audience="customers", message=LONG,
        channel=LONG[:100], frequency="monthly", owner=LONG,
    )  # fmt: skip
    return {"activity": str(activity.key), "person": str(person.key)}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_name_typed_as_one_long_word_wraps_and_keeps_the_figures_beside_it_in_sight(
    language, logged_in_page, long_names, shot
):
    from jalon.planning.models import Activity, Theme

    page = logged_in_page(DEMO, language)
    look = Look(shot, language, content=(LONG,))
    for name, path in (
        ("executive", "executive/"),
        ("workload", "workload/"),
        ("activity", f"activities/{long_names['activity']}/"),
    ):
        page.goto(ROADMAP + path)
        assert page.get_by_text(LONG).count(), name
        look(page, f"{language}-{name}")  # fits at 1440 and 1280 px, labelled, no axe fault, one language
        for width in (1440, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate(RIGHTMOST_CELL, LONG) <= width, (name, width)
            if name == "workload":  # the heatmap's name column wraps too: it leaves the weeks most of the box
                column = page.locator(f"#person-{long_names['person']} th").bounding_box()
                assert column is not None and column["width"] <= 320, width

    Theme.objects.filter(name=LONG).update(budget=Decimal("999999999999.99"))
    largest = Decimal("999999999999.99")
    Activity.objects.filter(title=LONG).update(cost=largest, spent=largest)
    page.goto(ROADMAP + "executive/")
    budget = page.locator(".ex-budget .table-scroll")
    assert "999" in budget.inner_text() and budget.get_attribute("tabindex") == "0"
    assert budget.get_attribute("aria-labelledby") == "ex-budget-title"
    assert page.locator("#ex-budget-title").inner_text() == BUDGET[language]
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"{language}-executive-largest-{width}")
        assert page.evaluate(FITS), ("executive, largest amounts", width)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_long_word_wraps_in_its_cell_on_every_planning_table(language, logged_in_page, long_names, shot):
    """Timeline, backlog, milestones, budget, team, a person's page, risks, communication plan, portfolio and
    the optimiser's comparison with the plan:
    in a table wider than its box, the cell that holds the long word takes at most 60 % of the window, so the
    other columns stay in sight."""

    page = logged_in_page(DEMO, language)
    look = Look(shot, language, content=(LONG,))
    for name in TABLE_PAGES:
        page.goto(ROADMAP + name + "/")
        assert page.get_by_text(LONG).count(), name
        look(page, f"{language}-{name}")
        for width in (1440, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate(WIDEST_CELL, LONG) <= width * 0.6, (name, width)
    page.goto(ROADMAP + f"people/{long_names['person']}/")
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(WIDEST_CELL, LONG) <= width * 0.6, ("person", width)
    page.goto(ROADMAP + "portfolio/")  # the optimiser's comparison with the plan, cost per thematic group
    page.wait_for_function("() => window.htmx !== undefined")
    page.locator("#run-optimiser").click()
    page.locator("#comparison-themes").get_by_text(LONG).wait_for(timeout=30_000)
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(WIDEST_CELL, LONG) <= width * 0.6, ("comparison", width)
