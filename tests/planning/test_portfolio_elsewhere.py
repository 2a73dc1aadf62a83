"""One team, one load: the portfolio's capacity per person and quarter leaves out the days they are booked on
the workspace's other roadmaps (``people.elsewhere``, one query whatever their number), says so in its
words, and never counts another workspace's work."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from types import SimpleNamespace

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from jalon.engines import portfolio as engine
from jalon.planning import services
from jalon.planning.models import Activity, Assignment, Person
from jalon.planning.people import services as people
from jalon.planning.portfolio import runs
from jalon.planning.portfolio.problem import build_problem, load_plan
from jalon.planning.portfolio.proposal import propose
from jalon.planning.portfolio.words import Words
from jalon.strategy import services as strategy
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Workspace
from tests.planning import background_runs
from tests.planning import portfolio_pages as pages
from tests.planning import portfolio_plans as shared
from tests.planning.schedule_support import activity

small, background = shared.small, background_runs.background
URL, RULES, logged_in, squash = pages.URL, pages.RULES, pages.logged_in, pages.squash
# Q3 of FY2027 (the fiscal year starts in February): August to October 2026, 65 working days; SEO starts
# in it. Monday 3 August to Friday 30 October covers every one of them.
QUARTER_START, QUARTER_END = date(2026, 8, 3), date(2026, 10, 30)
QUARTER_DAYS = 65.0


def other_roadmap(small: SimpleNamespace, title: str, *, staff: bool = True) -> Roadmap:
    roadmap = strategy.create_roadmap(
        actor=small.owner, workspace=small.roadmap.workspace, slug=title.lower(), title=title,
        type="campaign", start=date(2026, 8, 1), end=date(2027, 1, 31), language="en",
    )  # fmt: skip
    if staff:
        people.add_to_roadmap(actor=small.owner, roadmap=roadmap, person=small.alice)
    return roadmap


def book(roadmap: Roadmap, small: SimpleNamespace, key: str, hours: float) -> None:
    """``small.alice`` booked ``hours`` a week on ``roadmap`` for the whole quarter."""
    days = (QUARTER_END - QUARTER_START).days + 1
    activity(roadmap, small.owner, key, QUARTER_START, days=days, people={small.alice: hours})


def capacity(small: SimpleNamespace) -> engine.Capacity:
    (found,) = build_problem(load_plan(small.roadmap), shared.default_rules(small)).problem.capacities
    return found


def test_three_days_a_week_on_another_roadmap_come_off_the_quarters_capacity(small: SimpleNamespace) -> None:
    assert capacity(small) == engine.Capacity("alice", "2027-Q3", QUARTER_DAYS)
    book(other_roadmap(small, "Brand"), small, "rebrand", 21)  # 3 days of 7 h a week
    assert capacity(small) == engine.Capacity("alice", "2027-Q3", QUARTER_DAYS - 39)  # 65 × 3/5 days
    built = build_problem(load_plan(small.roadmap), shared.default_rules(small))
    assert built.elsewhere == {("alice", "2027-Q3"): [("Brand", 39.0)]}  # 273 h of 7 h


def test_the_capacity_never_goes_below_zero(small: SimpleNamespace) -> None:
    book(other_roadmap(small, "Brand"), small, "rebrand", 21)
    book(other_roadmap(small, "Events"), small, "fair", 28)
    assert capacity(small) == engine.Capacity("alice", "2027-Q3", 0.0)  # 39 + 52 days booked of 65


def test_the_optimiser_keeps_less_when_the_person_is_busy_on_another_roadmap(small: SimpleNamespace) -> None:
    seo = small.activities["seo"]
    services.update(seo, actor=small.owner, expected_version=seo.version, changes={"effort_days": 30})
    rules = shared.default_rules(small, must_not=frozenset({"ads"}))  # nothing else to take SEO's place
    before = propose(load_plan(small.roadmap), rules)
    assert "seo" in before.funded  # 30 days of Alice's 65
    book(other_roadmap(small, "Brand"), small, "rebrand", 21)
    after = propose(load_plan(small.roadmap), rules)
    assert after.result.status is engine.Status.OPTIMAL
    assert "seo" not in after.funded and len(after.funded) < len(before.funded)  # 30 days of 26 free
    (row,) = [row for row in after.rows if row.activity.key == "seo"]
    with translation.override("en"):
        why = Words(after.built).reason(row, cutoff=after.result.cutoff_value_per_eur)
    assert (
        "Left out: funding it too would break the 26 days Alice has free in Q3 of fiscal year 2027, after 39 "
        "days on other roadmaps (Brand: 39 days)."
    ) in why


def test_the_page_says_how_much_capacity_other_roadmaps_take_in_french(
    client: Client, small: SimpleNamespace
) -> None:
    book(other_roadmap(small, "Brand"), small, "rebrand", 14)
    book(other_roadmap(small, "Events"), small, "fair", 7)
    page = html.unescape(squash(logged_in(client, small.owner, language="fr").post(URL, RULES)))
    assert (
        "La capacité exclut les jours réservés sur d’autres feuilles de route de l’espace de travail : "
        "Alice au T3 de l’exercice 2027 : 39 jours (Brand : 26 jours, Events : 13 jours)."
    ) in page
    assert "other roadmaps" not in page
    english = html.unescape(squash(logged_in(client, small.owner).post(URL, RULES)))
    assert (
        "The capacity leaves out the days booked on the workspace's other roadmaps: Alice in Q3 of fiscal "
        "year 2027: 39 days (Brand: 26 days, Events: 13 days)."
    ) in english


def test_a_plan_without_work_elsewhere_says_nothing_of_other_roadmaps(
    client: Client, small: SimpleNamespace
) -> None:
    other_roadmap(small, "Brand")  # Alice is on its team, with nothing to do there
    page = squash(logged_in(client, small.owner).post(URL, RULES))
    assert "other roadmaps" not in page


def test_work_in_another_workspace_never_counts(small: SimpleNamespace) -> None:
    outsider = small.members["outsider"]
    elsewhere = strategy.create_roadmap(
        actor=outsider, workspace=Workspace.objects.get(slug="acme-other"), slug="theirs", title="Theirs",
        type="campaign", start=date(2026, 8, 1), end=date(2027, 1, 31), language="en",
    )  # fmt: skip
    namesake = services.create(
        Person, actor=outsider, roadmap=elsewhere, key="alice", name="Alice", capacity_hours_per_week=35
    )
    book(elsewhere, SimpleNamespace(owner=outsider, alice=namesake), "theirs", 35)  # their Alice, full time
    # Our Alice's row written straight into their roadmap (the services refuse it): still not ours to count.
    theirs = Activity.objects.get(roadmap=elsewhere, key="theirs")
    Assignment.objects.create(activity=theirs, person=small.alice, hours_per_week=35)
    assert capacity(small) == engine.Capacity("alice", "2027-Q3", QUARTER_DAYS)
    assert load_plan(small.roadmap).elsewhere == []


def queries_with_1_and_3_other_roadmaps(small: SimpleNamespace, read: Callable[[], bool]) -> tuple[int, int]:
    """The queries ``read`` makes with Alice busy on one other roadmap, then on three (``read`` answers
    whether it saw that work)."""

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            saw = read()
        assert saw
        return len(queries)

    book(other_roadmap(small, "Brand"), small, "rebrand", 5)
    one = count()
    for title in ("Events", "Press"):
        book(other_roadmap(small, title), small, f"on-{title.lower()}", 5)
    return one, count()


def test_reading_the_plan_costs_the_same_queries_for_1_and_3_other_roadmaps(small: SimpleNamespace) -> None:
    def read() -> bool:
        return bool(build_problem(load_plan(small.roadmap), shared.default_rules(small)).elsewhere)

    one, three = queries_with_1_and_3_other_roadmaps(small, read)
    assert three == one


def test_the_run_page_costs_the_same_queries_for_1_and_3_other_roadmaps(
    client: Client, small: SimpleNamespace
) -> None:
    owner = logged_in(client, small.owner)
    owner.post(URL, RULES)  # the first request's one-off queries (session, user) out of the count
    one, three = queries_with_1_and_3_other_roadmaps(
        small, lambda: "other roadmaps" in squash(owner.post(URL, RULES))
    )
    assert three == one


def test_new_work_on_another_roadmap_makes_a_background_run_stale(small: SimpleNamespace) -> None:
    brand = other_roadmap(small, "Brand")
    before = runs.plan_signature(load_plan(small.roadmap))
    book(brand, small, "rebrand", 7)
    after = runs.plan_signature(load_plan(small.roadmap))
    assert after != before
    assert runs.plan_signature(load_plan(small.roadmap)) == after  # read twice, the same
    rebrand = Activity.objects.get(roadmap=brand, key="rebrand")
    services.assign(actor=small.owner, activity=rebrand, person=small.alice, hours_per_week=14, confirm=True)
    assert runs.plan_signature(load_plan(small.roadmap)) != after


def test_a_finished_run_is_outdated_once_work_elsewhere_changes(
    client: Client, small: SimpleNamespace, background: None
) -> None:
    brand = other_roadmap(small, "Brand")
    owner = logged_in(client, small.owner)
    job = background_runs.finished(owner)
    page = owner.get(background_runs.run_url(job))
    assert page.context["stale"] is False and 'id="save-scenario"' in squash(page)
    book(brand, small, "rebrand", 21)  # the capacity the run answered is no longer Alice's
    page = owner.get(background_runs.run_url(job))
    assert page.context["stale"] is True and 'id="save-scenario"' not in squash(page)
