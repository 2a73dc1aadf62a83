"""The backlog page: every activity with its scores, sorted and filtered from the address, totals, roles,
and a fixed number of SQL queries whatever the number of activities."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from jalon.planning import services
from jalon.planning.backlog.table import BY_NAME, sort_rows
from jalon.planning.models import Activity
from jalon.strategy import services as strategy
from tests.planning import backlog
from tests.planning.backlog import BACKLOG, NBSP, NNBSP, ROADMAP, grow_backlog, queries_on, row_ids, text

# The fixtures from backlog.py that these tests ask for, bound here for pytest to find them by name.
members, owner_client, plan = backlog.members, backlog.owner_client, backlog.plan

# Reading -------------------------------------------------------------------------------------------


def test_backlog_lists_every_activity_with_theme_owner_status_and_dates(owner_client, plan):
    response = owner_client.get(BACKLOG)
    page = text(response)
    assert response.status_code == 200
    assert row_ids(response) == ["brief", "launch", "survey"]
    assert f'href="{ROADMAP}activities/brief/"' in page
    assert 'style="background-color:#e8590c"' in page
    assert "Alice Martin" in page and "Fidélisation" in page
    assert "Augmenter les taux de conversion" in page  # the objective it serves
    assert "07/09/2026" in page and "11/09/2026" in page  # start, and the end its duration gives
    assert "planifiée" in page and "idée" in page and "terminée" in page


def test_rows_written_before_show_a_renamed_owner_theme_or_objective_at_once(owner_client, plan, members):
    """Rows are memoised (backlog_table.Cells): renaming what a row shows leaves the activity's version
    alone, and must still show."""
    owner = members["owner"]
    owner_client.get(BACKLOG)  # written once
    alice, theme = plan["alice"], plan["brief"].theme
    services.update(alice, actor=owner, expected_version=alice.version, changes={"name": "Alice Renamed"})
    services.update(theme, actor=owner, expected_version=theme.version, changes={"colour": "#123456"})
    objective = plan["conversion"]
    strategy.update_objective(actor=owner, objective=objective, expected_version=objective.version,
                              changes={"title": "Convertir davantage"})  # fmt: skip
    row = re.search(r'<tr id="activity-brief">.*?</tr>', text(owner_client.get(BACKLOG)), re.S)
    assert row is not None
    assert "Alice Renamed" in row.group(0) and "Alice Martin" not in row.group(0)
    assert "#123456" in row.group(0) and "Convertir davantage" in row.group(0)


def test_the_same_backlog_in_english_is_written_in_english(owner_client, plan, members):
    owner_client.get(BACKLOG)  # written once in French
    owner = members["owner"]
    owner.language = "en"
    owner.save(update_fields=["language"])
    page = text(owner_client.get(BACKLOG))
    assert "planned" in page and "planifiée" not in page
    assert (
        "7 Sep 2026" in page and "07/09/2026" not in page and "09/07/2026" not in page
    )  # day first, in words


@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "stakeholder"])
def test_every_member_reads_the_backlog(client, plan, members, role):
    client.force_login(members[role])
    assert client.get(BACKLOG).status_code == 200


def test_an_outsider_gets_not_found(client, plan, members):
    client.force_login(members["outsider"])
    assert client.get(BACKLOG).status_code == 404


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_see_no_link_to_create_or_import(client, plan, members, role):
    client.force_login(members[role])
    page = text(client.get(BACKLOG))
    assert "activities/new/" not in page
    assert "backlog/import/" not in page
    assert "backlog.csv" in page  # exporting is reading


def test_editors_see_the_new_activity_and_import_links(client, plan, members):
    client.force_login(members["editor"])
    page = text(client.get(BACKLOG))
    assert f'href="{ROADMAP}activities/new/"' in page
    assert f'href="{ROADMAP}backlog/import/"' in page


# Scores and totals ---------------------------------------------------------------------------------


def cells(response: Any, key: str) -> list[str]:
    row = re.search(rf'<tr id="activity-{key}">(.*?)</tr>', response.content.decode(), re.S)
    assert row is not None
    found = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row.group(1), re.S)
    return [
        html.unescape(re.sub(r"<[^>]+>", "", c)).replace(NNBSP, " ").replace(NBSP, " ").strip() for c in found
    ]


def test_cost_benefit_is_expected_value_over_cost(owner_client, plan):
    response = owner_client.get(BACKLOG)
    assert cells(response, "brief")[14] == "5"
    assert cells(response, "launch")[14] == "1,5"
    assert cells(response, "survey")[14] == "—"  # neither cost nor value: nothing to compare


def test_a_free_activity_with_value_has_an_infinite_cost_benefit(owner_client, plan, members):
    services.update(plan["survey"], actor=members["owner"], expected_version=1, changes={"value": 300})
    assert cells(owner_client.get(BACKLOG), "survey")[14] == "∞"


def test_impact_times_feasibility_is_their_product(owner_client, plan):
    response = owner_client.get(BACKLOG)
    assert cells(response, "brief")[11:14] == ["4", "5", "80"]
    assert cells(response, "brief")[15] == "20"
    assert cells(response, "launch")[15] == "10"
    assert cells(response, "survey")[15] == "—"


def test_amounts_are_in_the_roadmap_currency_and_the_french_format(owner_client, plan):
    brief = cells(owner_client.get(BACKLOG), "brief")
    assert brief[8:11] == ["3,5", "1 000 €", "5 000 €"]


def test_totals_row_sums_effort_cost_and_value_of_the_rows_shown(owner_client, plan):
    page = text(owner_client.get(BACKLOG))
    totals = re.search(r'<tr class="totals">(.*?)</tr>', page, re.S)
    assert totals is not None
    assert re.findall(r'<td class="num">([^<]*)</td>', totals.group(1)) == ["13,5", "5 000 €", "11 000 €"]
    filtered = text(owner_client.get(BACKLOG + "?theme=acq"))
    totals = re.search(r'<tr class="totals">(.*?)</tr>', filtered, re.S)
    assert totals is not None
    assert re.findall(r'<td class="num">([^<]*)</td>', totals.group(1)) == ["3,5", "1 000 €", "5 000 €"]


# Sorting -------------------------------------------------------------------------------------------


def test_sort_by_cost_benefit_best_first(owner_client, plan):
    assert row_ids(owner_client.get(BACKLOG + "?sort=cost_benefit&dir=desc")) == ["brief", "launch", "survey"]
    assert row_ids(owner_client.get(BACKLOG + "?sort=cost_benefit&dir=asc")) == ["launch", "brief", "survey"]


def test_empty_cells_sort_last_in_both_directions(owner_client, plan):
    assert row_ids(owner_client.get(BACKLOG + "?sort=theme&dir=asc")) == ["brief", "launch", "survey"]
    assert row_ids(owner_client.get(BACKLOG + "?sort=theme&dir=desc")) == ["launch", "brief", "survey"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sort=title", ["brief", "survey", "launch"]),
        ("sort=title&dir=desc", ["launch", "survey", "brief"]),
        ("sort=start&dir=desc", ["launch", "brief", "survey"]),
        ("sort=cost&dir=desc", ["launch", "brief", "survey"]),
        ("sort=impact_feasibility&dir=desc", ["brief", "launch", "survey"]),
        ("sort=status", ["launch", "brief", "survey"]),  # the workflow's order: idea, planned, …, done
        ("sort=owner", ["brief", "launch", "survey"]),
        ("sort=nonsense", ["brief", "launch", "survey"]),  # an unknown column keeps the backlog's order
    ],
)
def test_sort_by_any_column(owner_client, plan, query, expected):
    assert row_ids(owner_client.get(f"{BACKLOG}?{query}")) == expected


def test_sorted_column_header_says_so_and_links_to_the_other_direction(owner_client, plan):
    page = owner_client.get(BACKLOG + "?sort=cost&dir=desc&theme=acq").content.decode()
    header = re.search(r'<th scope="col" aria-sort="descending"[^>]*><a href="\?([^"]+)"', page)
    assert header is not None
    assert html.unescape(header.group(1)) == "theme=acq&sort=cost&dir=asc"
    assert page.count('aria-sort="none"') == len(BY_NAME) - 1


def test_sort_keeps_equal_rows_in_backlog_order(plan):
    class FakeRow:
        def __init__(self, name: str, cost: int | None) -> None:
            self.name, self.cost_benefit = name, cost

    rows: list[Any] = [FakeRow("a", 1), FakeRow("b", None), FakeRow("c", 1), FakeRow("d", 2)]
    ordered: list[Any] = sort_rows(rows, BY_NAME["cost_benefit"], descending=True)
    assert [r.name for r in ordered] == ["d", "a", "c", "b"]


# Filters -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=acq", ["brief"]),
        ("theme=acq&theme=fid", ["brief", "launch"]),
        ("owner=bob", ["launch"]),
        ("status=idea&status=done", ["launch", "survey"]),
        ("objective=taux-conversion", ["brief"]),
        ("theme=fid&owner=alice", []),
        ("theme=deleted-theme", ["brief", "launch", "survey"]),  # a stale shared link shows everything
    ],
)
def test_filters_from_the_address(owner_client, plan, query, expected):
    assert row_ids(owner_client.get(f"{BACKLOG}?{query}")) == expected


def test_filter_form_shows_the_chosen_filters_checked(owner_client, plan):
    page = owner_client.get(BACKLOG + "?owner=bob&status=idea").content.decode()
    assert re.search(r'<input type="checkbox" name="owner" value="bob"[^>]*checked', page)
    assert re.search(r'<input type="checkbox" name="status" value="idea"[^>]*checked', page)
    assert not re.search(r'<input type="checkbox" name="owner" value="alice"[^>]*checked', page)


def test_no_match_says_so(owner_client, plan):
    page = text(owner_client.get(BACKLOG + "?theme=fid&owner=alice"))
    assert "Aucune activité ne correspond à ces filtres." in page


def test_export_links_keep_the_filters(owner_client, plan):
    page = text(owner_client.get(BACKLOG + "?theme=acq"))
    assert f'href="{ROADMAP}backlog.csv?theme=acq"' in page
    assert f'href="{ROADMAP}backlog.xlsx?theme=acq"' in page


# Speed ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "?sort=cost_benefit&dir=desc", "?theme=acq&objective=taux-conversion"])
def test_the_backlog_costs_the_same_queries_for_3_and_30_activities(owner_client, plan, members, query):
    roadmap = plan["roadmap"]
    small = queries_on(owner_client, BACKLOG + query)
    grow_backlog(roadmap, members["owner"], 27)
    assert Activity.objects.filter(roadmap=roadmap).count() == 30
    assert queries_on(owner_client, BACKLOG + query) == small


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_table_formats_numbers_dates_and_amounts_as_the_rest_of_jalon(plan, language):
    """The backlog formats its cells itself for speed; it must agree with jalon.formatting and Django."""
    from django.utils import translation
    from django.utils.formats import date_format

    from jalon.formatting import format_number, format_quantity
    from jalon.planning.backlog.table import Cells

    with translation.override(language):
        cells = Cells.of(plan["roadmap"])
        for value in (0, 0.5, 2.25, 3.333333, 1234.5, 1_000_000, 12.0, Decimal("1234.50"), Decimal("0.10")):
            assert cells.number(value) == format_number(value)  # type: ignore[arg-type]
            assert cells.number(value, 1) == format_number(value, decimals=1)  # type: ignore[arg-type]
            assert cells.amount(value) == format_quantity(value, "EUR")  # type: ignore[arg-type]
        for day in (date(2026, 1, 5), date(2026, 12, 31)):
            assert cells.date(day) == date_format(day, "SHORT_DATE_FORMAT")
