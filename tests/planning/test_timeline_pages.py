"""The operational and executive views and the move of an activity: roles, filters kept in the URL, a fixed
number of queries, broken dependencies shown before saving, stale versions refused."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from html import escape
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jalon.planning import services
from jalon.planning.models import Activity, Milestone, Person, Theme
from jalon.strategy import services as strategy_services
from tests.factories import HTMX

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
TIMELINE = ROADMAP + "timeline/"
EXECUTIVE = ROADMAP + "executive/"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


def client_for(user: Any, language: str = "en") -> Client:
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    user.language = language
    user.save(update_fields=["language"])
    return client


def activity(key: str) -> Activity:
    return Activity.objects.get(roadmap__slug="cloud-kicks", key=key)


def start_of(key: str) -> date:
    """The start of a demo activity that has dates."""
    start = activity(key).start
    assert start is not None, key
    return start


def chart(response: Any) -> ET.Element:
    """The timeline SVG of a page."""
    match = re.search(r"<svg .*?</svg>", response.content.decode(), re.S)
    assert match, "no SVG in the page"
    return ET.fromstring(match.group(0))


def drawn(response: Any) -> set[str]:
    return {g.get("data-key", "") for g in chart(response).iter(f"{SVG}g") if g.get("class") == "tl-bar"}


def listed(response: Any) -> list[str]:
    return re.findall(r'<tr id="act-([^"]+)"', response.content.decode())


def move(client: Client, key: str, start: date, end: date, *, confirm: bool = False, query: str = "",
         **headers: Any) -> Any:  # fmt: skip
    data = {"start": start.isoformat(), "end": end.isoformat(), "version": activity(key).version}
    if confirm:
        data["confirm"] = "1"
    return client.post(f"{ROADMAP}activities/{key}/move/{query}", data, **headers)


# Reading -------------------------------------------------------------------------------------------


def test_operational_view_draws_every_scheduled_activity_and_lists_every_activity(demo, members):
    response = client_for(members["owner"]).get(TIMELINE)
    assert response.status_code == 200
    keys = set(Activity.objects.filter(roadmap=demo.roadmap).values_list("key", flat=True))
    scheduled = set(
        Activity.objects.filter(roadmap=demo.roadmap, start__isnull=False, end__isnull=False).values_list(
            "key", flat=True
        )
    )
    assert drawn(response) == scheduled
    assert set(listed(response)) == keys
    html = response.content.decode()
    assert "not scheduled" in html  # the idea without dates, in the list and beside the chart
    assert 'data-move-url="' in html and 'role="button"' in html  # the owner may drag


def test_list_is_ordered_by_start_with_unscheduled_last(demo, members):
    keys = listed(client_for(members["owner"]).get(TIMELINE))
    starts = [activity(key).start for key in keys]
    dated = [s for s in starts if s is not None]
    assert dated == sorted(dated)
    assert starts[len(dated) :] == [None] * (len(starts) - len(dated))


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_see_the_timeline_without_drag_handles(demo, members, role):
    response = client_for(members[role]).get(TIMELINE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-move-url" not in html
    assert "timeline.js" not in html
    assert 'tabindex="0" role="button"' not in html
    assert chart(response).get("role") == "img"
    assert "Change dates" not in html


def test_outsider_gets_404_everywhere(demo, members):
    client = client_for(members["outsider"])
    assert client.get(TIMELINE).status_code == 404
    assert client.get(EXECUTIVE).status_code == 404
    before = activity("campagne-noel").start
    assert move(client, "campagne-noel", date(2026, 12, 8), date(2026, 12, 14)).status_code == 404
    assert activity("campagne-noel").start == before


def test_zoom_and_lanes_come_from_the_url(demo, members):
    client = client_for(members["owner"])
    assert chart(client.get(TIMELINE)).get("data-zoom") == "quarter"
    assert chart(client.get(TIMELINE + "?zoom=month")).get("data-zoom") == "month"
    assert chart(client.get(TIMELINE + "?zoom=decade")).get("data-zoom") == "quarter"
    by_owner = chart(client.get(TIMELINE + "?lanes=owner"))
    lanes = [g.get("data-lane") for g in by_owner.iter(f"{SVG}g") if g.get("class") == "tl-lane"]
    people = list(Person.objects.filter(roadmaps=demo.roadmap).values_list("key", flat=True))
    assert lanes[: len(people)] == people


def test_lanes_by_objective_draw_an_activity_in_each_of_its_objectives(demo, members):
    root = chart(client_for(members["owner"]).get(TIMELINE + "?lanes=objective"))
    copies = [g for g in root.iter(f"{SVG}g") if g.get("data-key") == "email-panier-abandonne"]
    assert len(copies) == 2  # it serves two objectives
    assert sum(1 for g in copies if g.get("tabindex") == "0") == 1


def test_filters_narrow_the_chart_and_the_list_and_stay_in_the_form(demo, members):
    client = client_for(members["owner"])
    response = client.get(TIMELINE + "?theme=mobile&theme=donnees-crm")
    themes = {activity(key).theme.key for key in listed(response)}  # type: ignore[union-attr]
    assert themes == {"mobile", "donnees-crm"}
    assert drawn(response) <= set(listed(response))
    html = response.content.decode()
    assert re.search(r'<option value="mobile" selected>', html)
    assert re.search(r'<option value="conversion">', html)
    assert "theme=mobile&amp;theme=donnees-crm" in html  # links keep the view (no-JS move links)

    by_owner = listed(client.get(TIMELINE + "?owner=camille&status=planned"))
    assert by_owner and all(
        activity(k).owner.key == "camille" and activity(k).status == "planned"  # type: ignore[union-attr]
        for k in by_owner
    )
    by_objective = listed(client.get(TIMELINE + "?objective=centre-preferences"))
    assert set(by_objective) == {
        "conception-preferences",
        "developpement-preferences",
        "lancement-preferences",
    }


def test_filtering_hides_empty_lanes(demo, members):
    root = chart(client_for(members["owner"]).get(TIMELINE + "?theme=mobile"))
    assert [g.get("data-lane") for g in root.iter(f"{SVG}g") if g.get("class") == "tl-lane"] == ["mobile"]


def test_a_filter_value_that_is_not_a_key_is_ignored(demo, members):
    response = client_for(members["owner"]).get(TIMELINE + "?theme=%3Cscript%3E&status=nonsense")
    assert response.status_code == 200
    assert len(listed(response)) == Activity.objects.filter(roadmap=demo.roadmap).count()


def test_htmx_request_gets_the_chart_and_the_list_only(demo, members):
    response = client_for(members["owner"]).get(TIMELINE, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="timeline-chart"')
    assert 'hx-swap-oob="true"' in html
    assert "<html" not in html


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(roadmap: Any, owner: Any, count: int, offset: int = 0) -> None:
    theme = services.create(Theme, actor=owner, roadmap=roadmap, key=f"t{offset}", name=f"T{offset}")
    person = services.create(Person, actor=owner, roadmap=roadmap, key=f"p{offset}", name=f"P{offset}")
    objective = strategy_services.create_objective(
        actor=owner, roadmap=roadmap, key=f"o{offset}", title=f"O{offset}"
    )
    previous = None
    for n in range(offset, offset + count):
        item = services.create(
            Activity, actor=owner, roadmap=roadmap, key=f"a{n}", title=f"A{n}", theme=theme, owner=person,
            objectives=[objective], start=date(2026, 8, 3) + timedelta(days=3 * n), duration_days=5,
        )  # fmt: skip
        if previous is not None:
            services.add_dependency(actor=owner, predecessor=previous, successor=item)
        previous = item
    services.create(
        Milestone, actor=owner, roadmap=roadmap, key=f"m{offset}", title="M", date=date(2026, 10, 1)
    )


def test_pages_cost_the_same_number_of_queries_for_3_and_30_activities(demo, members):
    owner = members["owner"]
    roadmap = strategy_services.create_roadmap(
        actor=owner, workspace=demo.workspace, slug="small", title="Small", type="strategic",
        start=date(2026, 8, 1), end=date(2027, 1, 31), fiscal_year_start_month=2,
    )  # fmt: skip
    client = client_for(owner)
    _grow(roadmap, owner, 3)
    urls = [f"/w/cloud-kicks/r/small/{page}/" for page in ("timeline", "executive")]
    urls += [u + "?lanes=objective&zoom=month" for u in urls[:1]] + [u + "?lanes=owner" for u in urls[:1]]
    small = [_queries(client, url) for url in urls]
    _grow(roadmap, owner, 27, offset=3)
    assert roadmap.activities.count() == 30
    assert [_queries(client, url) for url in urls] == small


# Moving --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_owner_and_editor_move_an_activity(demo, members, role):
    response = move(client_for(members[role]), "campagne-noel", date(2026, 12, 8), date(2026, 12, 15), **HTMX)
    assert response.status_code == 200
    moved = activity("campagne-noel")
    assert (moved.start, moved.end) == (date(2026, 12, 8), date(2026, 12, 15))
    bar = next(g for g in chart(response).iter(f"{SVG}g") if g.get("data-key") == "campagne-noel")
    assert (bar.get("data-start"), bar.get("data-end")) == ("2026-12-08", "2026-12-15")
    assert bar.get("data-version") == str(moved.version)


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_may_not_move(demo, members, role):
    client = client_for(members[role])
    response = move(client, "campagne-noel", date(2026, 12, 8), date(2026, 12, 15), **HTMX)
    assert response.status_code == 403
    assert activity("campagne-noel").start == date(2026, 12, 7)
    assert client.get(ROADMAP + "activities/campagne-noel/move/").status_code == 403


def test_a_move_that_breaks_a_dependency_is_shown_first_and_changes_nothing(demo, members):
    client = client_for(members["owner"])
    before = activity("developpement-preferences")
    response = move(client, "developpement-preferences", start_of(before.key), date(2026, 12, 28), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "would break these dependencies" in html
    assert activity("lancement-preferences").title in html
    assert "Move anyway" in html and 'name="confirm" value="1"' in html
    after = activity("developpement-preferences")
    assert (after.end, after.version) == (before.end, before.version)


def test_confirming_the_move_saves_it(demo, members):
    client = client_for(members["owner"])
    start = start_of("developpement-preferences")
    response = move(client, "developpement-preferences", start, date(2026, 12, 28), confirm=True, **HTMX)
    assert response.status_code == 200
    assert activity("developpement-preferences").end == date(2026, 12, 28)
    arrow = next(
        p for p in chart(response).iter(f"{SVG}path") if p.get("data-from") == "developpement-preferences"
    )
    assert arrow.get("data-broken") == "true"  # the chart now shows the dependency it broke


def test_a_stale_version_is_a_conflict_and_keeps_the_other_save(demo, members):
    client = client_for(members["owner"])
    version = activity("campagne-noel").version
    data = {"start": "2026-12-08", "end": "2026-12-14", "version": version}
    services.move_activity(
        actor=members["editor"], activity=activity("campagne-noel"), expected_version=version,
        start=date(2026, 12, 1), end=date(2026, 12, 6),
    )  # fmt: skip
    response = client.post(ROADMAP + "activities/campagne-noel/move/", data, **HTMX)
    assert response.status_code == 409
    assert "Someone else changed this activity" in response.content.decode()
    assert activity("campagne-noel").start == date(2026, 12, 1)


def test_an_end_before_the_start_is_refused(demo, members):
    response = move(
        client_for(members["owner"]), "campagne-noel", date(2026, 12, 8), date(2026, 12, 1), **HTMX
    )
    assert response.status_code == 422
    assert "The end must not be before the start." in response.content.decode()
    assert activity("campagne-noel").start == date(2026, 12, 7)


def test_without_javascript_a_form_moves_and_comes_back_to_the_same_view(demo, members):
    client = client_for(members["owner"])
    page = client.get(ROADMAP + "activities/campagne-noel/move/?zoom=month&theme=conversion")
    assert page.status_code == 200
    assert (
        'type="date"' not in page.content.decode() and 'value="07/12/2026"' in page.content.decode()
    )  # an English page writes its date fields day first too
    response = move(
        client, "campagne-noel", date(2026, 12, 9), date(2026, 12, 16), query="?zoom=month&theme=conversion"
    )
    assert response.status_code == 302
    assert response["Location"] == TIMELINE + "?zoom=month&lanes=theme&theme=conversion"
    assert activity("campagne-noel").start == date(2026, 12, 9)


def test_without_javascript_a_broken_dependency_asks_on_the_form_page(demo, members):
    client = client_for(members["owner"])
    start = start_of("developpement-preferences")
    response = move(client, "developpement-preferences", start, date(2026, 12, 28))
    assert response.status_code == 200
    assert "Move anyway" in response.content.decode()
    assert activity("developpement-preferences").end == date(2026, 12, 18)


def test_moving_an_unknown_activity_is_not_found(demo, members):
    assert client_for(members["owner"]).post(ROADMAP + "activities/nope/move/", {}).status_code == 404


# Executive view ------------------------------------------------------------------------------------


def test_an_objective_off_track_is_not_said_late_like_a_late_measurement(demo, members):
    """French said "en retard" both for an objective off track and, beside it, for a late KPI ("mesure en
    retard"); English wrote "60 %"."""
    from django.utils import translation

    from jalon.strategy.kpis.executive import STATUS_LABELS

    with translation.override("fr"):
        assert str(STATUS_LABELS["off_track"]) == "hors trajectoire"
    french = client_for(members["viewer"], "fr").get(EXECUTIVE).content.decode()
    french = " ".join(french.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert "à risque à partir de 30 %, hors trajectoire en dessous" in french
    english = client_for(members["viewer"]).get(EXECUTIVE).content.decode()
    assert "on track from 60%, at risk from 30%, off track below" in " ".join(english.split())


def test_executive_view_shows_vision_objective_status_themes_milestones_and_budget(demo, members):
    response = client_for(members["viewer"]).get(EXECUTIVE)
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(demo.roadmap.vision[:40]) in html
    assert re.search(r'id="health-taux-conversion".*?class="health (on_track|at_risk|off_track)"', html, re.S)
    root = chart(response)
    assert root.get("role") == "img"
    lanes = [g.get("data-lane") for g in root.iter(f"{SVG}g") if g.get("class") == "tl-lane"]
    assert lanes[:5] == list(Theme.objects.filter(roadmap=demo.roadmap).values_list("key", flat=True))
    bands = {g.get("data-key"): g for g in root.iter(f"{SVG}g") if g.get("class") == "tl-bar"}
    mobile = bands["theme-mobile"]  # one band per thematic group, over its activities' dates
    dates = Activity.objects.filter(roadmap=demo.roadmap, theme__key="mobile").exclude(start=None)
    starts = [a.start for a in dates if a.start is not None]
    ends = [a.end for a in dates if a.end is not None]
    assert mobile.get("data-start") == min(starts).isoformat()
    assert mobile.get("data-end") == max(ends).isoformat()
    assert "Budget by thematic group" in html and "Planned" in html
    assert "data-move-url" not in html


def test_executive_view_flags_a_missed_milestone(demo, members):
    html = client_for(members["owner"]).get(EXECUTIVE).content.decode()
    # Reached on 16/10 for 09/10: missed, reached late (and when).
    assert re.search(
        r'<li id="ms-maquettes-preferences" class="missed">.*?'
        r'<span class="badge fails">missed: reached late, on [^<]+</span>',
        html,
        re.S,
    )
    assert not re.search(r'<li id="ms-audit-valide" class="missed">', html)


def test_executive_view_flags_an_over_budget_theme(demo, members):
    owner = members["owner"]
    mobile = Theme.objects.get(roadmap=demo.roadmap, key="mobile")
    services.update(mobile, actor=owner, expected_version=mobile.version, changes={"budget": 1})
    html = client_for(owner).get(EXECUTIVE).content.decode()
    row = re.search(r'<tr class="over-budget">.*?</tr>', html, re.S)
    assert row and mobile.name in row.group(0).replace("&#x27;", "'") and "Over budget" in row.group(0)


def test_executive_zoom_comes_from_the_url(demo, members):
    client = client_for(members["owner"])
    assert chart(client.get(EXECUTIVE)).get("data-zoom") == "quarter"  # a six-month roadmap
    assert chart(client.get(EXECUTIVE + "?zoom=year")).get("data-zoom") == "year"


def test_french_labels(demo, members):
    html = client_for(members["owner"], "fr").get(TIMELINE).content.decode()
    assert '<html lang="fr" ' in html
    assert ">Début<" in html  # the Start column


# Bars and rows are memoised (timeline._bar, timeline_list._row): a change that leaves the activity's own
# version alone must still show.


def _bar_of(response: Any, key: str) -> ET.Element:
    return next(g for g in chart(response).iter(f"{SVG}g") if g.get("data-key") == key)


def test_a_renamed_owner_and_a_recoloured_theme_show_at_once_in_the_chart_and_the_list(demo, members):
    owner = members["owner"]
    client = client_for(owner)
    drawn_activity = (
        Activity.objects.filter(
            roadmap=demo.roadmap, start__isnull=False, owner__isnull=False, theme__isnull=False
        )
        .select_related("owner", "theme")
        .first()
    )
    assert drawn_activity is not None
    version = drawn_activity.version
    client.get(TIMELINE)  # drawn and listed once: now in the memo
    person, theme = drawn_activity.owner, drawn_activity.theme
    assert person is not None and theme is not None
    services.update(person, actor=owner, expected_version=person.version, changes={"name": "Renamed Person"})
    services.update(theme, actor=owner, expected_version=theme.version, changes={"colour": "#123456"})
    assert activity(drawn_activity.key).version == version  # the activity itself did not change
    response = client.get(TIMELINE)
    bar = _bar_of(response, drawn_activity.key)
    assert "Renamed Person" in bar.get("aria-label", "")
    assert bar.find(f"{SVG}rect").get("fill") == "#123456"  # type: ignore[union-attr]
    row = re.search(rf'<tr id="act-{drawn_activity.key}".*?</tr>', response.content.decode(), re.S)
    assert row and "Renamed Person" in row.group(0) and "#123456" in row.group(0)


def test_the_same_chart_in_another_language_is_written_in_that_language(demo, members):
    owner = members["owner"]
    english_html = client_for(owner, "en").get(TIMELINE).content.decode()
    french_html = client_for(owner, "fr").get(TIMELINE).content.decode()
    assert "Change dates" in english_html and "Change dates" not in french_html
    assert "Changer les dates" in french_html
    assert ", idea" in english_html or ", planned" in english_html
    assert ", idea" not in french_html and ", planned" not in french_html


def test_the_status_filter_shows_every_status_without_scrolling(demo, members):
    """The five statuses sat in a four-line list: the fifth (« dropped ») was cut in half under the others."""
    page = client_for(members["owner"]).get(TIMELINE).content.decode()
    select = re.search(r'<select id="tl-status"[^>]*>', page)
    assert select is not None
    assert 'size="5"' in select.group(0), select.group(0)
