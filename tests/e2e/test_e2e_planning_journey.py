"""A new marketing manager's first hour in the planning pages, from an empty database, in French and in
English: a roadmap with two objectives typed by hand (no demo), then the portfolio, the team, the thematic
groups, an activity with a long title, a dependency that overlaps, the executive view.

Each page is looked at as a person meets it: nothing wider than the window at 1440 and 1280 px, no serious
or critical axe-core fault, no word of the other language; it says what is true of an empty roadmap (an
empty backlog is not "every activity is done", an empty team is not "everyone already works here"), gives
each new group a colour of its own, says an overlap as "3 days before the end" and shows the target typed
on an objective. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from .conftest import log_in
from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/acme/r/plan-2027/"
# What the manager types, in the page's language (content is not checked for giveaways).
DATA: dict[str, dict[str, Any]] = {
    "fr": {
        "objectives": [
            ("Augmenter les ventes en ligne", "€", 1_800_000.0), ("Développer la notoriété", "%", 20.0)
        ],
        "person": "Camille Martin", "themes": [("Acquisition", "15 000"), ("Marque", "8 500,50")],
        "long": "Refonte complète des fiches produits du catalogue printemps-été avec photos, vidéos, avis "
                "clients et guides de tailles pour chaque famille de luminaires",
        "follower": "Campagne Google Ads printemps",
        "empty_backlog": "Le backlog est vide", "first_activity": "Ajoutez la première activité",
        "empty_team": "L’équipe de l’espace de travail est vide", "all_done": "chaque activité est terminée",
        "overlap": "(3 jours avant la fin)", "target": "1 800 000 €", "add": "Ajouter",
    },
    "en": {
        "objectives": [("Grow online sales", "€", 1_800_000.0), ("Build brand awareness", "%", 20.0)],
        "person": "Sam Taylor", "themes": [("Acquisition", "15,000"), ("Brand", "8,500.50")],
        "long": "Complete overhaul of the spring and summer catalogue's product pages with photos, videos, "
                "customer reviews and size guides for every family of lamps",
        "follower": "Spring search ads campaign",
        "empty_backlog": "The backlog is empty", "first_activity": "Add the first activity",
        "empty_team": "The workspace's team is empty", "all_done": "every activity is done",
        "overlap": "(3 days before the end)", "target": "€1,800,000", "add": "Add",
    },
}  # fmt: skip


@pytest.fixture
def fresh_roadmap(team: Any) -> Any:
    """What the manager made by hand before (an account, a workspace, this roadmap); no demo around it."""
    from jalon.strategy import services as strategy

    roadmap = strategy.create_roadmap(
        actor=team.owner, workspace=team.workspace, slug="plan-2027", title="Plan 2027", type="strategic",
        start=date(2027, 1, 1), end=date(2027, 12, 31),
    )  # fmt: skip
    return roadmap


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_new_managers_first_hour_in_the_planning_pages(language, team, fresh_roadmap, new_context, shot):
    from jalon.planning import services
    from jalon.planning.models import Activity, Theme
    from jalon.strategy import services as strategy

    data = DATA[language]
    for title, unit, target in data["objectives"]:
        strategy.create_objective(
            actor=team.owner, roadmap=fresh_roadmap, title=title, unit=unit, target=target
        )
    team.owner.language = language
    team.owner.save(update_fields=["language"])
    titles = [title for title, _unit, _target in data["objectives"]]
    content = (*titles, data["long"], data["follower"], data["person"], team.owner.email)
    look = Look(shot, language, content)
    page = log_in(new_context().new_page(), team.owner.email)  # the language is the user's own

    # The optimiser, before any activity: it says the backlog is empty and where to fill it.
    page.goto(ROADMAP + "portfolio/")
    text = look(page, f"portfolio-empty-{language}")
    assert data["empty_backlog"] in text and data["all_done"] not in text
    assert page.get_by_role("link", name=data["first_activity"]).count() == 1

    # The team, before anyone: the workspace's team is said to be empty; the first person joins both.
    page.goto(ROADMAP + "people/")
    assert data["empty_team"] in look(page, f"people-empty-{language}")
    form = page.locator("form.add-person")
    form.locator("[name=name]").fill(data["person"])
    form.get_by_role("button", name=data["add"]).click()
    page.wait_for_url(re.compile(r"/people/[\w-]+/$"))

    # Two thematic groups typed by name and budget only: each offered a colour of its own.
    for name, budget in data["themes"]:
        page.goto(ROADMAP + "budget/")
        form = page.locator(".register-create form")
        form.locator("#id_new_name").fill(name)
        form.locator("#id_new_budget").fill(budget)
        with page.expect_response(lambda r: r.url.endswith("/budget/") and r.request.method == "POST"):
            form.locator("button[type=submit]").click()
        # The answer's headers come before htmx swaps the register in: wait for the new group's row, which
        # only the new register has, or the look would be the register before it.
        page.locator(f"#item-{Theme.objects.get(roadmap=fresh_roadmap, name=name).key}").wait_for()
    look(page, f"budget-{language}")
    colours = list(Theme.objects.filter(roadmap=fresh_roadmap).values_list("colour", flat=True))
    assert len(colours) == 2 and len(set(colours)) == 2, colours
    assert Theme.objects.get(roadmap=fresh_roadmap, name=data["themes"][1][0]).budget == Decimal("8500.50")

    # An activity with a long title, and one that may start 3 days before it ends.
    first = services.create(
        Activity, actor=team.owner, roadmap=fresh_roadmap, title=data["long"], status="planned",
        start=date(2027, 2, 1), end=date(2027, 2, 26), cost=Decimal(9500), value=Decimal(15000),
    )  # fmt: skip
    follower = services.create(
        Activity, actor=team.owner, roadmap=fresh_roadmap, title=data["follower"], status="idea",
        cost=Decimal(6000), value=Decimal(18000),
    )  # fmt: skip
    page.goto(ROADMAP + f"activities/{follower.key}/")
    form = page.locator("form[action$='/dependencies/']")
    form.locator("[name=predecessor]").select_option(first.key)
    form.locator("[name=lag_days]").fill("-3")
    with page.expect_response(lambda r: r.url.endswith("/dependencies/") and r.request.method == "POST"):
        form.locator("button[type=submit]").click()
    page.locator(f"#dependencies table a[href$='/activities/{first.key}/']").wait_for()  # the swapped section
    look(page, f"activity-follower-{language}")  # the long title in the selects fits the window
    page.goto(ROADMAP + f"activities/{first.key}/")
    assert data["overlap"] in look(page, f"activity-first-{language}")

    # The executive view: the objective's own target, before any KPI is measured.
    page.goto(ROADMAP + "executive/")
    look(page, f"executive-{language}")
    row = page.locator(f"#health-{fresh_roadmap.objectives.order_by('position').first().key}")
    assert data["target"] in " ".join(row.inner_text().replace("\u202f", " ").replace("\u00a0", " ").split())
