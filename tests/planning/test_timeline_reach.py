"""The web timelines keep to the documents' reach (``jalon.planning.timeline.reach``): an activity or a
milestone typed centuries from the horizon (the forms accept 1900 to 2200) is not drawn on the operational
view, the executive view's thematic groups or the workload heatmap: the page names it above the chart, in
the documents' words, with a link to where its dates can be corrected. A 1900–2200 activity used to make
the operational chart some 440,000 px wide and its page 2 MB."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from jalon.planning import services
from jalon.planning.models import Activity, Theme
from jalon.planning.timeline.model import Bar, Chart, MilestoneMark
from jalon.planning.timeline.reach import clipped, in_reach, in_sight, reach_of
from tests.factories import Team, make_roadmap
from tests.planning import reach_plan
from tests.planning.reach_plan import ROADMAP
from tests.planning.readers import reader

# The fixtures from reach_plan.py that these tests ask for, bound here for pytest to find them by name.
plan = reach_plan.plan

pytestmark = pytest.mark.django_db

NOTE = {
    "fr": "Trop loin de l’horizon pour figurer sur les calendriers\u00a0:",
    "en": "Too far from the horizon to be drawn on the timelines:",
}
WEEKS_NOTE = {  # on the pages that count weeks (the workload heatmap, a person's page)
    "fr": "Trop loin de l’horizon pour être comptées dans une semaine\u00a0:",
    "en": "Too far from the horizon to be counted in any week:",
}
WIDEST_SVG_PX = 20_000  # two years and a little at the month zoom (8 px a day) is under 7,000 px
LARGEST_PAGE_BYTES = 200_000


def page_of(client: Client, path: str) -> str:
    response = client.get(ROADMAP + path)
    assert response.status_code == 200
    assert len(response.content) < LARGEST_PAGE_BYTES, len(response.content)
    return response.content.decode()


def note_of(page: str) -> str:
    found = re.search(r'<p class="warning timeline-far" id="timeline-far">(.*?)</p>', page, re.S)
    assert found, "no out-of-reach note"
    return found.group(1)


def test_the_reach_is_the_horizon_and_twelve_months_either_side() -> None:
    reach = reach_of(_Horizon(date(2027, 1, 1), date(2027, 12, 31)))
    assert reach == (date(2026, 1, 1), date(2028, 12, 31))
    assert in_sight(date(2026, 1, 1), date(2028, 12, 31), reach) and in_sight(None, None, reach)
    assert not in_sight(date(2025, 1, 1), date(2025, 12, 31), reach)
    assert not in_sight(date(2029, 1, 1), date(2029, 6, 1), reach)


def test_an_activity_running_past_the_reach_is_in_sight_and_clipped_at_its_edges() -> None:
    """Social media kept up from 2024 to 2030 on a 2027 plan: drawn (and counted) within the reach only."""
    reach = (date(2026, 1, 1), date(2028, 12, 31))
    assert in_sight(date(2024, 1, 1), date(2030, 12, 31), reach)
    assert in_sight(date(2025, 12, 31), date(2026, 1, 1), reach)
    assert clipped(date(2024, 1, 1), date(2030, 12, 31), reach) == reach
    assert clipped(date(2027, 6, 1), date(2029, 1, 1), reach) == (date(2027, 6, 1), date(2028, 12, 31))


def test_a_chart_in_reach_keeps_no_arrow_to_a_bar_left_out() -> None:
    reach = (date(2026, 1, 1), date(2028, 12, 31))
    near = Bar("near", "Near", date(2027, 1, 1), date(2027, 2, 1), "#000", "planned", "", "", ("",))
    far = near._replace(key="far", start=date(1900, 1, 1), end=date(1900, 2, 1))
    chart = Chart("t", (), (near, far), (MilestoneMark("m", "M", date(2200, 1, 1)),), (("far", "near", 0),))
    kept = in_reach(chart, reach)
    assert [bar.key for bar in kept.bars] == ["near"]
    assert kept.milestones == () and kept.dependencies == ()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_operational_view_draws_only_what_is_in_reach_and_names_the_rest(
    plan: Any, team: Team, language: str
) -> None:
    page = page_of(reader(team, language), "timeline/")
    widths = [float(w) for w in re.findall(r'<svg[^>]*?\swidth="([\d.]+)', page)]
    assert widths and max(widths) < WIDEST_SVG_PX, widths
    drawn = re.findall(r'<g class="tl-bar[^"]*"[^>]*?data-key="([^"]+)"', page)
    assert "salon" in drawn and "typo" not in drawn, drawn
    note = html.unescape(note_of(page))
    assert NOTE[language] in note
    assert f'<a href="{ROADMAP}activities/typo/">Faute <de> frappe</a>' in note
    assert f'<a href="{ROADMAP}milestones/#item-loin">Jalon lointain</a>' in note
    assert "Faute &lt;de&gt; frappe" in note_of(page)  # its title escaped
    assert 'id="act-typo"' in page  # still in the list under the chart, with its "Change dates" link
    assert NOTE["en" if language == "fr" else "fr"] not in page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_executive_view_draws_no_band_for_a_group_out_of_reach(
    plan: Any, team: Team, language: str
) -> None:
    page = page_of(reader(team, language), "executive/")
    chart = page[page.index('id="ex-themes-title"') : page.index('id="late-count"')]
    assert "Acquisition" in chart and "Coquille" not in chart
    widths = [float(w) for w in re.findall(r'<svg[^>]*?\swidth="([\d.]+)', chart)]
    assert widths and max(widths) < WIDEST_SVG_PX, widths
    note = html.unescape(note_of(page))
    assert NOTE[language] in note and f'href="{ROADMAP}activities/typo/"' in note


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_workload_heatmap_keeps_to_the_reach_and_names_the_activity(
    plan: Any, team: Team, language: str
) -> None:
    page = page_of(reader(team, language), "workload/")
    mondays = re.findall(r'data-week="(\d{4}-\d\d-\d\d)"', page)
    assert mondays and mondays[0] == "2026-12-28" and mondays[-1] == "2027-12-27", (mondays[0], mondays[-1])
    note = html.unescape(note_of(page))
    assert WEEKS_NOTE[language] in note and f'href="{ROADMAP}activities/typo/"' in note
    assert "Jalon lointain" not in note  # the heatmap draws no milestone


def test_a_plan_within_reach_shows_no_note(team: Team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    services.create(Activity, actor=team.owner, roadmap=roadmap, key="early", title="Tôt", status="planned",
                    start=date(2026, 1, 1), end=date(2026, 1, 31))  # fmt: skip
    client = reader(team, "en")
    for path in ("timeline/", "executive/", "workload/"):
        page = page_of(client, path)
        assert "timeline-far" not in page, path
    assert re.search(r'<g class="tl-bar[^"]*"[^>]*?data-key="early"', page_of(client, "timeline/"))


class _Horizon:
    def __init__(self, start: date, end: date) -> None:
        self.start, self.end = start, end


def test_the_schedule_proposal_draws_no_current_bar_typed_centuries_away() -> None:
    """A proposal moving an activity typed in 1900 back into the plan drew both timelines from 1900."""
    from types import SimpleNamespace

    from jalon.planning.schedule.compare import MoveRow, timelines

    roadmap = SimpleNamespace(start=date(2027, 1, 1), end=date(2027, 12, 31), fiscal_year_start_month=1)
    plan: Any = SimpleNamespace(roadmap=roadmap, activities=[], people=[], milestones=[])
    moves = [
        MoveRow(
            "typo", "Typo", date(1900, 1, 1), date(1900, 1, 31), date(2027, 3, 1), date(2027, 3, 31), False
        ),
        MoveRow(
            "fair", "Fair", date(2027, 5, 1), date(2027, 5, 31), date(2027, 6, 1), date(2027, 6, 30), False
        ),
    ]
    drawn = timelines(plan, moves)
    assert drawn is not None
    now, new = drawn
    assert 'data-key="typo"' not in now and 'data-key="fair"' in now and 'data-key="typo"' in new
    widths = [float(w) for svg in drawn for w in re.findall(r'<svg[^>]*?\swidth="([\d.]+)', svg)]
    assert widths and max(widths) < WIDEST_SVG_PX, widths


def list_row(page: str, key: str) -> str:
    found = re.search(rf'<tr id="act-{key}".*?</tr>', page, re.S)
    assert found, f"no list row for {key}"
    return found.group(0)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_list_draws_no_week_bar_for_an_activity_out_of_reach_but_says_why(
    plan: Any, team: Team, language: str
) -> None:
    """The 1900–2200 activity's row drew a bar across the whole week grid, as if it spanned the plan."""
    page = page_of(reader(team, language), "timeline/")
    assert 'class="wk-bar"' in list_row(page, "salon")
    far = list_row(page, "typo")
    assert 'class="wk-bar"' not in far
    assert '<a class="wk-far" href="#timeline-far">' in far
    assert {"fr": "Hors calendrier", "en": "Beyond the timeline"}[language] in far


@pytest.fixture
def far_plan(team: Team) -> Any:
    """A 2027 roadmap with one activity in reach and twelve typed in 1900, of which two are Coquille's."""
    owner = team.owner
    roadmap = make_roadmap(team.workspace, owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    typo = services.create(Theme, actor=owner, roadmap=roadmap, key="coq", name="Coquille")
    services.create(Activity, actor=owner, roadmap=roadmap, key="salon", title="Salon", status="planned",
                    start=date(2027, 3, 1), end=date(2027, 3, 31))  # fmt: skip
    for n in range(12):
        services.create(Activity, actor=owner, roadmap=roadmap, key=f"far-{n:02}", title=f"Loin {n:02}",
                        status="planned", start=date(1900, 1, 1 + n), end=date(1900, 2, 1),
                        theme=typo if n >= 10 else None)  # fmt: skip
    return roadmap


@pytest.mark.parametrize("path", ["timeline/", "executive/"])
def test_every_activity_out_of_reach_is_reached_from_the_note_through_the_backlog(
    far_plan: Any, team: Team, path: str
) -> None:
    """Only the first ten were linked; the other two were merely counted."""
    client = reader(team, "en")
    note = html.unescape(note_of(page_of(client, path)))
    assert "And 2 more." in note
    link = re.search(r'<a href="([^"]+)">See every activity out of reach in the backlog.</a>', note)
    assert link, note
    assert link.group(1) == f"{ROADMAP}backlog/?reach=beyond"
    backlog = client.get(link.group(1)).content.decode()
    listed = sorted(set(re.findall(r'href="/w/acme/r/plan/activities/(far-\d\d|salon)/"', backlog)))
    assert listed == [f"far-{n:02}" for n in range(12)]


def test_the_notes_backlog_link_keeps_the_operational_views_filters(far_plan: Any, team: Team) -> None:
    client = reader(team, "en")
    services.create(Activity, actor=team.owner, roadmap=far_plan, key="far-12", title="Loin 12",
                    status="planned", start=date(1900, 1, 1), end=date(1900, 2, 1),
                    theme=far_plan.themes.get(key="coq"))  # fmt: skip
    for n in range(9):
        services.create(Activity, actor=team.owner, roadmap=far_plan, key=f"coq-{n}", title=f"Coq {n}",
                        status="planned", start=date(2200, 1, 1), end=date(2200, 2, 1),
                        theme=far_plan.themes.get(key="coq"))  # fmt: skip
    note = html.unescape(note_of(page_of(client, "timeline/?theme=coq")))
    assert "And 2 more." in note
    assert f'<a href="{ROADMAP}backlog/?reach=beyond&theme=coq">' in note


def test_the_backlog_export_keeps_the_filter_on_activities_out_of_reach(far_plan: Any, team: Team) -> None:
    response = reader(team, "en").get(f"{ROADMAP}backlog.csv?reach=beyond")
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "far-11" in body and "salon" not in body


def test_a_note_with_ten_or_fewer_names_links_no_backlog(plan: Any, team: Team) -> None:
    note = note_of(page_of(reader(team, "en"), "timeline/"))
    assert "reach=beyond" not in note and "more" not in note


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_activity_running_past_the_reach_is_drawn_clipped_at_its_edge_not_named(
    plan: Any, team: Team, language: str
) -> None:
    """Social media kept up from 2020 to 2200 on the 2027 plan: drawn on the operational view (the chart
    stops at the reach, 2026 to 2028, not 2020 to 2200), in its group's band on the executive view and with
    a week bar in the list; named nowhere as out of reach. It used to be dropped as a typo."""
    services.create(Activity, actor=team.owner, roadmap=plan, key="social", title="Réseaux sociaux",
                    status="in_progress", start=date(2020, 1, 1), end=date(2200, 12, 31))  # fmt: skip
    client = reader(team, language)
    page = page_of(client, "timeline/")
    drawn = re.findall(r'<g class="tl-bar[^"]*"[^>]*?data-key="([^"]+)"', page)
    assert "social" in drawn, drawn
    assert 'data-start="2020-01-01" data-end="2200-12-31"' in page  # its real dates, to be moved from
    widths = [float(w) for w in re.findall(r'<svg[^>]*?\swidth="([\d.]+)', page)]
    assert widths and max(widths) < WIDEST_SVG_PX, widths
    assert "Réseaux sociaux" not in note_of(page)
    social = list_row(page, "social")
    assert 'class="wk-bar" style="left:0.00%;width:100.00%' in social
    assert 'data-clipped="start end"' in social  # an arrow head inside each end, as on the chart
    assert "data-clipped" not in list_row(page, "salon")
    executive = page_of(client, "executive/")
    assert "Réseaux sociaux" not in note_of(executive)


def test_the_list_s_week_bar_says_which_ends_the_grid_cuts_unless_too_short_for_two_heads() -> None:
    from jalon.planning.timeline.listing import WeekGrid

    grid = WeekGrid(date(2027, 1, 4), 52)  # Monday 4 January 2027 to Sunday 2 January 2028
    assert grid.cut(date(2026, 6, 1), date(2027, 3, 31)) == "start"
    assert grid.cut(date(2027, 6, 1), date(2028, 1, 2)) == ""  # ends on the grid's last day
    assert grid.cut(date(2027, 6, 1), date(2028, 1, 3)) == "end"
    assert grid.cut(date(2020, 1, 1), date(2200, 12, 31)) == "start end"
    assert grid.cut(date(2027, 3, 1), date(2027, 3, 31)) == ""
    assert grid.cut(date(2026, 6, 1), date(2027, 1, 10)) == ""  # a week of 52: 4 px, too short for a head
