"""The keyboard and screen-reader fixes that the first hour's walk (test_e2e_keyboard.py) found, one each."""

from __future__ import annotations

from typing import Any

import pytest

from .keys import faults, focused, skip_to_content

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
# Every chart a person meets: its SVG is named for a screen reader (role img or group and a name), or hidden
# from it beside a text that says the same (a table, a list).
CHARTS = """() => [...document.querySelectorAll('main svg')].filter(svg => !svg.closest('[aria-hidden=true]'))
    .map(svg => ({role: svg.getAttribute('role') || '', name: (svg.getAttribute('aria-label') || '')
        + [...(svg.getAttribute('aria-labelledby') || '').split(' ')].map(i => i && document.getElementById(i)
            ? document.getElementById(i).textContent : '').join(' '), cls: String(svg.className.baseVal)}))"""


@pytest.mark.reads_only
def test_every_chart_has_a_name_a_screen_reader_reads(logged_in_page: Any) -> None:
    from jalon.strategy.models import KPI

    kpi = KPI.objects.filter(roadmap__slug="cloud-kicks", measurements__isnull=False).first()
    assert kpi is not None
    page = logged_in_page()
    for address in ("executive/", "timeline/", f"kpis/{kpi.key}/"):
        page.goto(ROADMAP + address)
        charts = page.evaluate(CHARTS)
        assert charts, address
        for chart in charts:
            assert chart["role"] in ("img", "group") and chart["name"].strip(), (address, chart)
    page.goto(ROADMAP + "workload/")  # the heat map is a table: its caption names it
    assert "Heures par semaine" in page.locator("main table").first.locator("caption").inner_text()


def ring_on(page: Any, selector: str) -> dict[str, Any]:
    """The focus ring of the first element ``selector`` finds, focused after a key (so :focus-visible)."""
    page.keyboard.press("Shift")
    page.locator(selector).first.focus()
    return focused(page)


@pytest.mark.reads_only
def test_the_focus_ring_keeps_three_to_one_on_every_background(logged_in_page: Any, shot: Any) -> None:
    page = logged_in_page()
    page.goto(ROADMAP + "backlog/")
    for selector, background in (
        (".site-header nav a", "rgb(17, 24, 39)"),  # the dark header
        (".breadcrumbs a", "rgb(249, 250, 251)"),  # the page
        ("thead th a", "rgb(229, 231, 235)"),  # a table's head
        ("tbody a", "rgb(255, 255, 255)"),  # a row of a table, in its scroll box
    ):
        stop = ring_on(page, selector)
        assert stop["behind"] == background, (selector, stop)
        assert faults(stop) == [] and stop["contrast"] >= 3, (selector, stop)
        shot(page, selector.split()[0].strip(".") or "cell")
    page.goto(ROADMAP + "workload/")  # an overloaded week, a red cell: its ring is white
    stop = ring_on(page, "td.wl-over summary")
    assert stop["behind"] == "rgb(185, 28, 28)" and faults(stop) == [], stop
    shot(page, "overload")


@pytest.mark.reads_only
def test_the_skip_link_lands_on_the_main_heading(logged_in_page: Any) -> None:
    page = logged_in_page()
    page.goto(ROADMAP + "timeline/")
    stop = skip_to_content(page)
    assert (stop["tag"], stop["text"]) == ("H1", "Vue opérationnelle")
    assert faults(stop) == []
    page.keyboard.press("Tab")  # on into the page's content, not back to the header
    assert focused(page)["inMain"]


@pytest.mark.reads_only
def test_escape_closes_a_disclosure_and_gives_the_focus_back_to_its_summary(logged_in_page: Any) -> None:
    page = logged_in_page()
    page.goto("/w/cloud-kicks/")
    summary = page.locator("details:has(#new-roadmap) > summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "title"
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.querySelector('details:has(#new-roadmap)').open")
    assert focused(page)["text"] == summary.inner_text()


@pytest.mark.reads_only
def test_a_refused_form_puts_the_focus_on_its_first_field_in_error(logged_in_page: Any) -> None:
    page = logged_in_page()
    page.goto(ROADMAP + "kpis/new/")
    page.locator("#kpi-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    stop = focused(page)
    assert stop["name"] == "name", stop
    field = page.locator("#id_name")
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_name_error" in (field.get_attribute("aria-describedby") or "").split()
    assert page.locator("#id_name_error").inner_text().strip()


def test_a_row_added_in_place_is_announced_and_keeps_the_focus(logged_in_page: Any) -> None:
    page = logged_in_page()
    page.goto(ROADMAP + "budget/")
    page.locator(".register-create [name=name]").fill("Parrainage")
    page.locator(".register-create button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.locator("#register-status").get_by_text("« Parrainage » a été enregistré").wait_for()
    assert page.locator("#register-status").get_attribute("role") == "status"
    assert focused(page)["label"] == "Modifier «\u00a0Parrainage\u00a0»"


def test_a_section_swapped_in_place_gives_the_focus_to_its_heading(logged_in_page: Any) -> None:
    from jalon.planning.models import Activity

    activity = Activity.objects.filter(roadmap__slug="cloud-kicks", assignments__isnull=True).first()
    assert activity is not None
    page = logged_in_page()
    page.goto(f"{ROADMAP}activities/{activity.key}/")
    page.locator("#assignments [name=person]").select_option(index=1)
    page.locator("#assignments [name=hours_per_week]").fill("1")
    page.locator("#assignments form.add-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.locator("#assignments table").wait_for()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'assignments-title'"
    )
    assert faults(focused(page)) == []
