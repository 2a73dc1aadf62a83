"""What a careful reader notices: duplicate ids, clipped chart labels, headings, narrow fields, verdicts."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
OBJECTIVE = ROADMAP + "o/taux-conversion/"
DUPLICATE_IDS = """() => {
  const seen = {}, twice = new Set();
  for (const e of document.querySelectorAll('[id]')) { if (seen[e.id]) twice.add(e.id); seen[e.id] = true; }
  return [...twice];
}"""


def open_editor(page: Any, key: str, column: int) -> Any:
    row = page.locator(f"#obj-{key}")
    row.locator("td").nth(column).get_by_role("link", name=re.compile("^Modifier")).click()
    form = row.locator("form.cell-form")
    form.wait_for()
    return form


def test_two_open_cell_editors_have_distinct_field_ids(logged_in_page, assets_loaded, shot):
    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    assets_loaded(page)
    assert page.evaluate(DUPLICATE_IDS) == []
    first = open_editor(page, "taux-conversion", 1)
    second = open_editor(page, "abandon-panier", 1)
    assert page.evaluate(DUPLICATE_IDS) == [], "two editors open at once must not share element ids"
    # Clicking a label focuses the field of its own editor, not the other row's.
    second.get_by_text("Titre", exact=True).click()
    assert page.evaluate("document.activeElement.closest('tr').id") == "obj-abandon-panier"
    second.get_by_label("Titre").fill("Réduire l'abandon de panier (deux éditeurs)")
    second.get_by_role("button", name="Enregistrer").click()
    second.wait_for(state="detached")
    assert first.get_by_label("Titre").input_value() == "Augmenter les taux de conversion"
    from jalon.strategy.models import Objective

    assert Objective.objects.get(key="abandon-panier").title == "Réduire l'abandon de panier (deux éditeurs)"
    assert Objective.objects.get(key="taux-conversion").title == "Augmenter les taux de conversion"
    shot(page)


@pytest.mark.reads_only
def test_chart_labels_stay_inside_the_chart(logged_in_page, shot):
    page = logged_in_page(DEMO)
    page.goto(OBJECTIVE)
    chart = page.locator("#kpi-taux-conversion svg.chart")
    outside = chart.evaluate(
        """svg => { const box = svg.viewBox.baseVal; return [...svg.querySelectorAll('text')]
             .map(t => ({text: t.textContent, b: t.getBBox()}))
             .filter(({b}) => b.x < 0 || b.y < 0 || b.x + b.width > box.width || b.y + b.height > box.height)
             .map(({text}) => text); }"""
    )
    assert outside == [], f"labels cut at the chart's edge: {outside}"
    assert page.evaluate(DUPLICATE_IDS) == []
    chart.scroll_into_view_if_needed()
    shot(page)


@pytest.mark.reads_only
@pytest.mark.parametrize("language", ["fr", "en"])
def test_objective_page_headings_start_with_a_capital(logged_in_page, language):

    page = logged_in_page(DEMO, language)
    page.goto(OBJECTIVE)
    headings = page.locator("main h1, main h2, main h3").all_inner_texts()
    assert headings
    lower = [h for h in headings if h[:1].islower()]
    assert lower == [], f"headings starting in lower case: {lower}"


@pytest.mark.reads_only
def test_smart_verdicts_do_not_depend_on_the_interface_language(logged_in_page):
    """The same French objectives get the same verdicts whoever reads them, in French or in English."""
    verdicts = """rows => rows.map(r => [r.id, r.querySelector('.badge.draft') !== null,
        (r.querySelector('td:nth-child(4) .badge') || {className: ''}).className])"""
    reason = "#obj-taux-conversion td:nth-child(4) .reason"
    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    french = page.locator(".smart-table tbody tr").evaluate_all(verdicts)
    assert "de chances" in page.locator(reason).inner_text()  # the forecast's odds (issue 18)
    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    english = page.locator(".smart-table tbody tr").evaluate_all(verdicts)
    assert len(french) > 3
    assert english == french
    # The verdicts are the same; their reasons are written in the reader's language (issue 17).
    english_reason = page.locator(reason).inner_text()
    assert "chance of reaching" in english_reason and "de chances" not in english_reason


@pytest.mark.reads_only
def test_cell_editor_fields_use_the_width_of_the_cell(logged_in_page, assets_loaded):
    """A title cut to 'Augmenter les taux de co' under a full-width text area reads as broken."""
    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    assets_loaded(page)
    for column in (1, 2, 4):
        form = open_editor(page, "taux-conversion", column)
        width = form.bounding_box()["width"]
        for field in form.locator("input:not([type=hidden]), select, textarea").all():
            box = field.bounding_box()
            assert box["width"] >= 0.9 * width, (field.get_attribute("name"), box["width"], width)
        form.get_by_role("link", name="Annuler").click()
        form.wait_for(state="detached")


# The links a person follows to move around: the header's, the breadcrumbs', the roadmap's tabs and the
# sub-tabs of a tab (history, framing, a zoom, a persona, the pages of a long list): every <nav>.
LINKS = """() => [...document.querySelectorAll('a[href]')].filter(a => !a.hasAttribute('download'))
    .map(a => [a.href, a.closest('nav') !== null])"""
PAGE_FACTS = """() => ({title: document.title.trim(), h1: document.querySelectorAll('h1').length,
    width: document.documentElement.scrollWidth, window: window.innerWidth})"""


def is_download(path: str) -> bool:
    """A file Jalon hands over, not a page: ``journal.csv``, ``export.xlsx``, a document's ``file/``."""
    return "." in path.rstrip("/").rsplit("/", 1)[-1] or path.endswith("/file/")


def walk(page: Any, start: str) -> tuple[dict[str, str], list[str]]:
    """Every page reached from ``start`` through navigation links, same origin only, breadth first: the
    title of each (by address) and what is wrong on each."""
    origin = urlsplit(page.url)._replace(path="", query="", fragment="").geturl()
    from django.urls import Resolver404, resolve

    queue, seen, kinds = [start], {start}, {resolve(start).view_name}
    titles: dict[str, str] = {}
    faults: list[str] = []
    while queue:
        address = queue.pop(0)
        response = page.goto(address)
        if response is None or response.status >= 400:
            faults.append(f"{address}: answered {response and response.status}")
            continue
        facts = page.evaluate(PAGE_FACTS)
        titles[address] = facts["title"]
        if not facts["title"]:
            faults.append(f"{address}: no <title>")
        if facts["h1"] != 1:
            faults.append(f"{address}: {facts['h1']} <h1> elements")
        if facts["width"] > facts["window"]:
            faults.append(f"{address}: {facts['width']} px wide in a {facts['window']} px window")
        for link, navigation in page.evaluate(LINKS):
            parts = urlsplit(link)
            if parts._replace(path="", query="", fragment="").geturl() != origin:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or is_download(parts.path) or parts.path == "/logout/":
                continue
            try:
                kind = resolve(parts.path).view_name
            except Resolver404:
                faults.append(f"{address}: a link to nowhere: {target}")
                continue
            if navigation or kind not in kinds:
                seen.add(target)
                kinds.add(kind)
                queue.append(target)
    return titles, faults


@pytest.mark.slow  # a walk of every page: handed out first (tests/e2e/conftest.py)
@pytest.mark.reads_only
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_an_owner_reaches_from_the_roadmap_answers_fits_and_is_titled(logged_in_page, language):
    """From the demo roadmap, every page its owner reaches by the header, the breadcrumbs, the roadmap's tabs
    and the sub-tabs: answered (status < 400), no wider than a 1280 px window, a <title> of its own and one
    <h1>. The console errors, uncaught exceptions and static files that do not load fail the test through
    the watch of every browser test (tests/e2e/watch.py)."""
    page = logged_in_page(DEMO, language)
    titles, faults = walk(page, ROADMAP)
    assert len(titles) > 50, sorted(titles)
    paths: dict[str, set[str]] = {}
    for address, title in titles.items():
        paths.setdefault(title, set()).add(urlsplit(address).path)  # ?zoom=…, ?page=2: the same page
    faults += [f"one title for {sorted(same)}: {title}" for title, same in paths.items() if len(same) > 1]
    assert not faults, f"{len(faults)} faults on {len(titles)} pages:\n" + "\n".join(faults)
