"""One working-days calendar: the workload page, the portfolio's capacity, the scheduler's input and the
schedule proposal's load before/after give the same capacity for the same week, public holidays,
absences and the work booked on the workspace's other roadmaps included (``jalon.engines.calendar``)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta

import pytest

from jalon.engines import calendar, workload
from jalon.engines import scheduling as engine
from jalon.engines.calendar import DateRange
from jalon.engines.scheduling_model import UNITS_PER_HOUR, compile_problem
from jalon.planning import services
from jalon.planning.models import Activity, Person
from jalon.planning.people import services as people
from jalon.planning.people.workload_grid import Grid, Week, load_team
from jalon.planning.portfolio import problem as portfolio
from jalon.planning.schedule import problem as schedule_problem
from jalon.planning.schedule.compare import HeatCell, compare
from jalon.planning.schedule.proposal import Proposal
from jalon.strategy import services as strategy
from tests.planning.schedule_support import activity, person

ARMISTICE_WEEK = date(2026, 11, 9)  # Wednesday 11 November 2026 is a French public holiday
CHRISTMAS_WEEK = date(2026, 12, 21)  # Friday 25 December
AWAY = date(2026, 11, 12)  # Zoé's day off, the Thursday of the Armistice week
# With the fiscal year starting in February, Q4 of FY2027 runs from Sunday 1 November 2026 to Sunday
# 31 January 2027: exactly the thirteen weeks from Monday 2 November to Friday 29 January.
QUARTER = DateRange(date(2026, 11, 1), date(2027, 1, 31))
QUARTER_WEEKS = [date(2026, 11, 2) + timedelta(weeks=n) for n in range(13)]


@pytest.fixture
def zoe_plan(team):
    """Zoé (35 h a week) away on one day of the Armistice week, on a brief that week and a post in
    January: the weeks between (Christmas among them) are empty."""
    owner = team.owner
    roadmap = strategy.create_roadmap(
        actor=owner, workspace=team.workspace, slug="plan-2027", title="Plan 2027", type="campaign",
        start=date(2026, 11, 2), end=date(2027, 1, 29), language="en", fiscal_year_start_month=2,
    )  # fmt: skip
    zoe = person(roadmap, owner, "zoe", hours=35)
    services.add_absence(actor=owner, person=zoe, start=AWAY, end=AWAY)
    activity(roadmap, owner, "brief", ARMISTICE_WEEK, days=5, people={zoe: 35})
    activity(roadmap, owner, "post", date(2027, 1, 4), days=5, people={zoe: 10})
    return roadmap


def heatmap(roadmap):
    """The grid the workload page draws (``workload_grid._draw``), by Monday."""
    team = load_team(roadmap)
    weeks = workload.weeks_between(roadmap.start, roadmap.end)
    heat = workload.heatmap(team.availability(), team.bookings, weeks=weeks)
    return {week: cell.capacity_hours for week, cell in zip(heat.weeks, heat.rows["zoe"], strict=True)}


def test_the_workload_page_counts_the_holiday_and_the_absence(client, team, zoe_plan):
    assert heatmap(zoe_plan)[ARMISTICE_WEEK] == pytest.approx(21)  # Mon, Tue, Fri: 3 × 7 h
    assert heatmap(zoe_plan)[CHRISTMAS_WEEK] == pytest.approx(28)
    client.force_login(team.owner)
    page = client.get(f"/w/{zoe_plan.workspace.slug}/r/{zoe_plan.slug}/workload/").content.decode()
    cell = re.search(r'data-week="2026-11-09".*?</span>([0-9.,]+)/([0-9.,]+)<', page, re.S)
    assert cell is not None and cell.groups() == ("28", "21")  # 4 working days of work, 3 present


def test_the_portfolio_capacity_of_a_quarter_is_the_sum_of_its_weeks_on_the_workload_page(zoe_plan):
    zoe = portfolio.load_plan(zoe_plan).people[0]
    weeks = heatmap(zoe_plan)
    quarter_hours = portfolio.available_days(zoe, QUARTER) * portfolio.HOURS_PER_DAY
    assert quarter_hours == pytest.approx(sum(weeks[week] for week in QUARTER_WEEKS))
    friday = ARMISTICE_WEEK + timedelta(days=4)
    one_week = portfolio.available_days(zoe, DateRange(ARMISTICE_WEEK, friday)) * portfolio.HOURS_PER_DAY
    assert one_week == pytest.approx(weeks[ARMISTICE_WEEK])


def test_the_scheduler_gives_zoe_the_hours_of_the_workload_page(zoe_plan):
    built = schedule_problem.build_problem(schedule_problem.load_plan(zoe_plan), start=date(2026, 11, 2))
    compiled = compile_problem(built.problem)
    (k,) = [k for k, p in enumerate(compiled.people) if p.id == "zoe"]
    weeks = heatmap(zoe_plan)
    for week in (ARMISTICE_WEEK, CHRISTMAS_WEEK):
        days = [t for t, day in enumerate(compiled.calendar.days) if week <= day <= week + timedelta(days=4)]
        hours = sum(compiled.available[k][t] for t in days) / UNITS_PER_HOUR
        assert hours == pytest.approx(weeks[week]), week
    brief = next(a for a in built.problem.activities if a.id == "brief")
    assert brief.duration_days == 4  # the holiday is not worked, the absence is Zoé's only


def test_the_schedule_proposal_shows_the_same_capacity_before_and_after(zoe_plan):
    plan = schedule_problem.load_plan(zoe_plan)
    proposal = Proposal(date(2026, 11, 2), None, engine.Result(engine.Status.OPTIMAL), scheduled=0)
    comparison = compare(plan, proposal)
    weeks = heatmap(zoe_plan)
    for rows in (comparison.before, comparison.after):
        (row,) = rows
        for cell in row.cells:
            assert cell.capacity == pytest.approx(weeks[cell.week]), cell.week
    assert CHRISTMAS_WEEK in comparison.weeks  # an empty week, its capacity counted like the others


def test_the_calendar_counts_the_armistice_week_with_and_without_the_absence() -> None:
    closed = calendar.public_holidays("FR", ARMISTICE_WEEK, ARMISTICE_WEEK + timedelta(days=6))
    assert closed == frozenset({date(2026, 11, 11)})
    friday = ARMISTICE_WEEK + timedelta(days=4)
    assert calendar.working_days(ARMISTICE_WEEK, friday, closed=closed) == 4
    assert calendar.working_days(ARMISTICE_WEEK, friday, closed=closed, absences=[(AWAY, AWAY)]) == 3
    available = workload.Availability("zoe", 35, ((AWAY, AWAY),))
    assert workload.capacity_in_week(available, ARMISTICE_WEEK) == pytest.approx(21)


def gala_roadmap(team, zoe: Person):
    """Another roadmap of the workspace, the Gala, with Zoé on its team."""
    gala = strategy.create_roadmap(
        actor=team.owner, workspace=team.workspace, slug="gala", title="Gala", type="campaign",
        start=date(2026, 11, 2), end=date(2027, 1, 29), language="en",
    )  # fmt: skip
    people.add_to_roadmap(actor=team.owner, roadmap=gala, person=zoe)
    return gala


def test_the_workload_the_portfolio_and_the_scheduler_give_the_same_figure_with_work_elsewhere(
    team, zoe_plan
):
    """Christmas week: Friday 25 December is a holiday, and Zoé has 10 h a week on another roadmap of the
    workspace (four working days: 8 h). Each page leaves her the same 28 - 8 = 20 h for this roadmap."""
    zoe = Person.objects.get(key="zoe")
    gala = gala_roadmap(team, zoe)
    activity(gala, team.owner, "gala", CHRISTMAS_WEEK, days=5, people={zoe: 10})
    post = Activity.objects.get(roadmap=zoe_plan, key="post")
    services.update(post, actor=team.owner, expected_version=post.version, changes={"effort_days": 1})
    friday = CHRISTMAS_WEEK + timedelta(days=4)
    # The workload page: the week's capacity, and the hours it holds on other roadmaps.
    team_now = load_team(zoe_plan)
    weeks = workload.weeks_between(zoe_plan.start, zoe_plan.end)
    heat = workload.heatmap(team_now.availability(), team_now.all_bookings, weeks=weeks)
    cells = dict(zip(heat.weeks, heat.rows["zoe"], strict=True))
    free = {week: cell.capacity_hours - cell.elsewhere_hours for week, cell in cells.items()}
    assert (cells[CHRISTMAS_WEEK].capacity_hours, cells[CHRISTMAS_WEEK].elsewhere_hours) == (28, 8)
    # The portfolio: that week, and the quarter (the sum of its weeks).
    plan = portfolio.load_plan(zoe_plan)
    one_week, booked = portfolio.free_days(zoe, DateRange(CHRISTMAS_WEEK, friday), plan.elsewhere)
    assert one_week * portfolio.HOURS_PER_DAY == pytest.approx(free[CHRISTMAS_WEEK])
    assert booked == {"Gala": pytest.approx(8 / portfolio.HOURS_PER_DAY)}
    (quarter,) = portfolio.build_problem(plan, portfolio.Rules(budget_eur=None)).problem.capacities
    assert quarter.quarter == "2027-Q4"
    quarter_hours = sum(free[week] for week in QUARTER_WEEKS)  # the problem's days are rounded to 0.01
    assert quarter.days == pytest.approx(quarter_hours / portfolio.HOURS_PER_DAY, abs=0.005)
    # The scheduler: the hours it may use on the days of that week.
    built = schedule_problem.build_problem(schedule_problem.load_plan(zoe_plan), start=date(2026, 11, 2))
    compiled = compile_problem(built.problem)
    (k,) = [k for k, p in enumerate(compiled.people) if p.id == "zoe"]
    days = [t for t, day in enumerate(compiled.calendar.days) if CHRISTMAS_WEEK <= day <= friday]
    assert sum(compiled.available[k][t] for t in days) / UNITS_PER_HOUR == pytest.approx(20)


OVERBOOKED_WEEK = date(2026, 11, 16)  # Zoé has 50 h on the Gala that week: more than her 35 h


@pytest.fixture
def zoe_shared(team, zoe_plan):
    """Zoé also works on the Gala: 10 h a week in the Armistice week (holiday on Wednesday, Zoé away on
    Thursday) and 50 h in the week after next, 15 h more than she has."""
    zoe = Person.objects.get(key="zoe")
    gala = gala_roadmap(team, zoe)
    activity(gala, team.owner, "gala", ARMISTICE_WEEK, days=5, people={zoe: 10})
    activity(gala, team.owner, "rush", OVERBOOKED_WEEK, days=5, people={zoe: 50})
    post = Activity.objects.get(roadmap=zoe_plan, key="post")
    services.update(post, actor=team.owner, expected_version=post.version, changes={"effort_days": 1})
    return zoe_plan


def three_figures(roadmap) -> tuple[dict[date, float], dict[date, float], dict[date, float]]:
    """Zoé's free hours for ``roadmap`` each week of the quarter: on the workload page, in the portfolio's
    capacity and in the scheduler's availability."""
    team_now = load_team(roadmap)
    heat = workload.heatmap(team_now.availability(), team_now.all_bookings, weeks=QUARTER_WEEKS)
    page = {week: cell.free_hours for week, cell in zip(heat.weeks, heat.rows["zoe"], strict=True)}
    plan = portfolio.load_plan(roadmap)
    zoe = plan.people[0]
    wallet = {
        week: portfolio.free_days(zoe, DateRange(week, week + timedelta(days=4)), plan.elsewhere)[0]
        * portfolio.HOURS_PER_DAY
        for week in QUARTER_WEEKS
    }
    built = schedule_problem.build_problem(schedule_problem.load_plan(roadmap), start=date(2026, 11, 2))
    compiled = compile_problem(built.problem)
    (k,) = [k for k, p in enumerate(compiled.people) if p.id == "zoe"]
    scheduler: dict[date, float] = defaultdict(float)
    for t, day in enumerate(compiled.calendar.days):
        if workload.monday(day) in page:
            scheduler[workload.monday(day)] += compiled.available[k][t] / UNITS_PER_HOUR
    return page, wallet, dict(scheduler)


def test_a_week_with_a_holiday_an_absence_and_work_elsewhere_leaves_the_same_hours_everywhere(zoe_shared):
    """Armistice week: 3 days present (21 h) and 8 h on the Gala (10 h a week over its 4 working days,
    the Thursday she is away included: the Gala's work still takes her week) leave 13 h, not the 15 h a
    day-by-day count gave when the Gala's share of her day off vanished."""
    page, wallet, scheduler = three_figures(zoe_shared)
    assert page[ARMISTICE_WEEK] == pytest.approx(13)
    assert wallet[ARMISTICE_WEEK] == pytest.approx(13)
    assert scheduler[ARMISTICE_WEEK] == pytest.approx(13)


def test_a_week_overbooked_elsewhere_leaves_nothing_that_week_and_takes_nothing_from_the_others(
    zoe_shared,
):
    page, wallet, scheduler = three_figures(zoe_shared)
    assert (page[OVERBOOKED_WEEK], wallet[OVERBOOKED_WEEK], scheduler[OVERBOOKED_WEEK]) == (0, 0, 0)
    for week in QUARTER_WEEKS:
        assert wallet[week] == pytest.approx(page[week]), week
        assert scheduler[week] == pytest.approx(page[week]), week
    plan = portfolio.load_plan(zoe_shared)
    (quarter,) = portfolio.build_problem(plan, portfolio.Rules(budget_eur=None)).problem.capacities
    # The 15 h the Gala asks beyond her week are not taken from the quarter's other weeks.
    assert quarter.days == pytest.approx(sum(page.values()) / portfolio.HOURS_PER_DAY, abs=0.005)
    capacity = sum(heatmap(zoe_shared)[week] for week in QUARTER_WEEKS)
    assert sum(page.values()) == pytest.approx(capacity - 8 - 35)


@pytest.mark.parametrize(("hours", "step"), [(10, 1), (28, 2), (35, 3)])
def test_the_workload_page_and_the_schedule_comparison_colour_a_week_alike(hours: float, step: int):
    week = Week(date(2026, 9, 7), "week of 07/09/2026", holiday=False)
    cell = workload.Cell(35, [workload.Load("brief", "Brief", hours)])
    html, _overloaded, _excess = Grid([week]).row(0, "Zoé", [cell])
    assert f'class="wl wl-{step}"' in html
    assert HeatCell(week.monday, hours, 35).level == step
