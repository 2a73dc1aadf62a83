"""A page on paper (Ctrl+P, static/jalon/print.css): Chromium prints each page a CMO takes to a committee as a
PDF, in French and in English, and the PDF is read back (pdftotext): the page's content is there, named in the
page's margins with the roadmap, the page and the Paris day it was printed; the site's navigation, the buttons
and the forms are not; a timeline is as wide as the paper, a long table runs over pages under its header.

With ``JALON_SCREENSHOTS=1`` (`make screenshots`), every PDF's pages are drawn into test-artifacts/print/
(``pdftoppm -png -r 60``) and each page is screenshot under print emulation at the paper's width, to be looked
at."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, SCREENSHOTS_WANTED

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
PRINTS = ROOT / "test-artifacts" / "print"
MM_PX = 96 / 25.4
# print.css's pages: A4 (210 × 297 mm) less its margins, in CSS pixels.
PORTRAIT_PX = round((210 - 2 * 16) * MM_PX)
LANDSCAPE_PX = round((297 - 2 * 12) * MM_PX)

# The words of what only a screen uses (the site's header, the roadmap's tabs, the buttons, the edit links),
# less those the page's content also says (the tab « Jalons » is the executive view's heading too).
CONTROLS_WORDS = """() => {
  const words = e => e.textContent.replace(/\\s+/g, ' ').trim();
  const controls = [...document.querySelectorAll('.skip-link, .site-header a, .site-header button,'
      + ' .roadmap-nav a, .framing-nav a, main button, main a.button, main .edit-link, main .row-actions a')]
      .map(words);
  const content = document.querySelector('main').cloneNode(true);
  content.querySelectorAll('nav, form, button, .button, .edit-link, .row-actions').forEach(e => e.remove());
  const said = words(content) + ' ' + document.documentElement.style.getPropertyValue('--print-page');
  return [...new Set(controls)].filter(w => w && !said.includes(w));
}"""


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def bare(text: str) -> str:
    """Without any space: a title the PDF wraps over two lines of its cell reads as typed."""
    return "".join(text.split())


def roadmap_texts() -> dict[str, list[str]]:
    """What each printed page must say, read from the demo's database: names, titles, messages."""
    from jalon.framing.models import PlanAction
    from jalon.planning.models import Activity, Milestone, Theme
    from jalon.planning.registers.models import CommunicationItem, Risk
    from jalon.strategy.models import KPI, Objective

    in_roadmap = {"roadmap__slug": "cloud-kicks", "roadmap__workspace__slug": "cloud-kicks"}
    objectives = list(Objective.objects.filter(**in_roadmap).values_list("title", flat=True))
    activities = list(Activity.objects.filter(**in_roadmap).values_list("title", flat=True))
    kpi = KPI.objects.select_related("objective").get(key="taux-conversion", **in_roadmap)
    assert kpi.objective is not None
    texts = {
        "executive/": list(Milestone.objects.filter(**in_roadmap).values_list("title", flat=True))
        + list(Theme.objects.filter(**in_roadmap).values_list("name", flat=True)),
        "": objectives,
        "timeline/": activities,
        "dashboard/": objectives,
        "backlog/": activities,
        "risks/": list(Risk.objects.filter(**in_roadmap).values_list("title", flat=True)),
        "communication/": list(
            CommunicationItem.objects.filter(**in_roadmap).values_list("message", flat=True)
        ),
        "framing/plan/": list(
            PlanAction.objects.filter(framing__roadmap__slug="cloud-kicks").values_list("what", flat=True)
        ),
        "kpis/taux-conversion/": [kpi.name, kpi.objective.title],
    }
    assert all(len(words) >= 2 for words in texts.values()), str(
        {path: len(words) for path, words in texts.items()}
    )
    return texts


@pytest.fixture
def framed(members: dict[str, Any], demo: Any) -> Any:
    """The demo's people, and its framing as `jalon demo` loads it (the animation plan's page)."""
    from jalon.demo.framing import load_demo_framing

    return load_demo_framing(demo.roadmap)


def printed(page: Any, name: str) -> tuple[Path, list[str]]:
    """The page printed as Chromium's print dialog prints it (its own @page sizes), and each page's text."""
    PRINTS.mkdir(parents=True, exist_ok=True)
    pdf = PRINTS / f"{name}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    if SCREENSHOTS_WANTED:
        for old in PRINTS.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(PRINTS / name)], check=True)
    from pypdf import PdfReader

    count = len(PdfReader(pdf).pages)
    # One pdftotext for the whole file (one a page before): it ends each page's text with a form feed, as
    # it ended each page read alone.
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True).stdout
    pages = text.decode().split("\f")
    assert len(pages) == count + 1 and pages[-1] == "", (count, len(pages))
    return pdf, [page + "\f" for page in pages[:count]]


def landscape(pdf: Path) -> bool:
    from pypdf import PdfReader

    box = PdfReader(pdf).pages[0].mediabox
    return float(box.width) > float(box.height)


def paper_shot(page: Any, shot: Callable[..., Path], name: str, *, wide: bool) -> None:
    """A screenshot under print emulation at the paper's width (A4, portrait or landscape), with
    ``JALON_SCREENSHOTS=1``: it asserts nothing, so without a screenshot nothing is laid out for it."""
    if not SCREENSHOTS_WANTED:
        return
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round((297 if wide else 210) * MM_PX), "height": 1100})
    shot(page, f"{name}-print")
    page.emulate_media(media="null")  # back to the page's own media: "screen" would print as the screen
    page.set_viewport_size({"width": 1280, "height": 900})


def printed_day(language: str) -> str:
    from django.utils import translation

    from jalon import formatting
    from jalon.clock import site_today

    with translation.override(language):
        day = formatting.format_long_date(site_today())
    return {"fr": f"Imprimé le {day}", "en": f"Printed on {day}"}[language]


@pytest.mark.slow  # a walk of every page: handed out first (tests/e2e/conftest.py)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_page_prints_its_content_named_in_its_margins_without_the_screens_controls(
    language, framed, logged_in_page, shot
):
    page = logged_in_page(DEMO, language)
    from jalon.strategy.models import Roadmap

    roadmap_title = Roadmap.objects.get(slug="cloud-kicks", workspace__slug="cloud-kicks").title
    faults: list[str] = []
    for path, texts in roadmap_texts().items():
        name = f"{language}-{path.strip('/').replace('/', '-') or 'objectives'}"
        page.goto(ROADMAP + path)
        controls = page.evaluate(CONTROLS_WORDS)
        heading = flat(page.locator("main h1").inner_text())
        pdf, pages = printed(page, name)
        text = flat(" ".join(pages))
        first = flat(pages[0])
        assert len(controls) >= 10, (name, controls)  # the tabs, at least, are there to be left out
        faults += [f"{name}: prints « {word} »" for word in controls if word in text]
        faults += [f"{name}: leaves out « {words} »" for words in texts if bare(words) not in bare(text)]
        marks = [flat(roadmap_title)[:40], flat(printed_day(language))] + (
            [] if path == "" else [heading[:40]]
        )
        faults += [f"{name}: no « {mark} » in its margins" for mark in marks if mark not in first]
        if path in ("timeline/", "executive/", "backlog/") and not landscape(pdf):
            faults.append(f"{name}: printed upright, its timeline or its 16 columns cut")
        paper_shot(page, shot, name, wide=landscape(pdf))
    assert not faults, "\n".join(faults)


TIMELINE_GEOMETRY = """key => { const svg = document.querySelector('svg.timeline');
  const bar = svg.querySelector(`g.tl-bar[data-key="${key}"]`);
  return {window: innerWidth, page: document.documentElement.scrollWidth,
          svg: svg.getBoundingClientRect().right, bar: bar ? bar.getBoundingClientRect().right : null}; }"""


@pytest.mark.reads_only
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("view", ["timeline/", "executive/"])
def test_a_timeline_prints_as_wide_as_the_paper_with_its_last_activity_on_it(
    language, view, members, logged_in_page, shot
):
    from jalon.planning.models import Activity

    page = logged_in_page(DEMO, language)
    page.goto(ROADMAP + view)
    page.emulate_media(media="print")
    page.set_viewport_size(
        {"width": LANDSCAPE_PX, "height": 900}
    )  # the landscape page's width, inside margins
    last = (
        Activity.objects.filter(roadmap__slug="cloud-kicks", end__isnull=False)
        .order_by("-end", "-key")
        .first()
    )
    assert last is not None and last.theme is not None
    # The executive view draws a bar per thematic group: the last activity's group is its last bar.
    key = last.key if view == "timeline/" else "theme-" + last.theme.key
    geometry = page.evaluate(TIMELINE_GEOMETRY, key)
    assert geometry["bar"] is not None, geometry
    assert geometry["page"] <= geometry["window"], geometry  # nothing wider than the paper
    assert geometry["bar"] <= geometry["svg"] <= geometry["window"], geometry  # the last bar drawn, whole
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="null")  # back to the page's own media: "screen" would print as the screen
    name = f"{language}-{view.strip('/')}-wide"
    pdf, pages = printed(page, name)
    assert landscape(pdf)
    if view == "timeline/":
        assert bare(last.title) in bare(" ".join(pages))  # …and named in the list under the chart
    shot(page)


@pytest.mark.reads_only
def test_a_long_table_runs_over_pages_under_its_header_and_totals_once(members, logged_in_page):
    page = logged_in_page(DEMO, "en")
    page.goto(ROADMAP + "backlog/")
    header = page.locator(".backlog-table thead th").evaluate_all(
        "ths => ths.map(th => th.textContent.trim())"
    )
    total = page.locator(".backlog-table tfoot th").inner_text().strip()
    _pdf, pages = printed(page, "en-backlog-pages")
    assert len(pages) >= 2, "the demo's 21 activities fill more than a page"
    for number, text in enumerate(pages, start=1):
        missing = [label for label in header if bare(label) not in bare(text)]
        assert missing == [], (number, missing)  # every page under the table's own header
    assert [bare(text).count(total) for text in pages] == [0] * (len(pages) - 1) + [1]


def test_a_folded_section_of_the_pages_content_prints_open(framed, logged_in_page):
    page = logged_in_page(DEMO, "en")
    page.goto(ROADMAP + "framing/plan/")
    weeks = page.locator("#overload-weeks")
    label = weeks.locator("thead th").first.inner_text().strip()  # « Week of »: that table's alone
    page.evaluate("() => { document.querySelector('#overload-weeks').open = false; }")
    _pdf, pages = printed(page, "en-plan-folded")
    assert re.search(rf"\b{label}\b", flat(" ".join(pages))), label
    assert weeks.evaluate("details => details.open") is False  # folded again on the screen after printing


# What a filtered page says on paper (jalon.filter_words): the filters of its address, named as its bar names
# them, since the bar itself is left off the paper.
FILTERED_WORDS = {
    "fr": {"said": "Filtré :", "theme": "groupe thématique", "owner": "responsable",
           "person": "membre de l’équipe", "channel": "canal", "persona": "persona", "email": "e-mail"},
    "en": {"said": "Filtered:", "theme": "thematic group", "owner": "owner", "person": "team member",
           "channel": "channel", "persona": "persona", "email": "e-mail"},
}  # fmt: skip


def filtered_pages(language: str) -> list[tuple[str, str, str]]:
    """(page, its address's filters, the line its paper says) for each page with a filter bar."""
    from jalon.framing.models import Persona
    from jalon.planning.models import Activity

    activity = (
        Activity.objects.filter(roadmap__slug="cloud-kicks", theme__isnull=False, owner__isnull=False)
        .select_related("theme", "owner")
        .order_by("key")
        .first()
    )
    persona = Persona.objects.filter(framing__roadmap__slug="cloud-kicks").order_by("pk").first()
    assert activity is not None and activity.theme is not None and activity.owner is not None
    assert persona is not None
    theme, owner, words = activity.theme, activity.owner, FILTERED_WORDS[language]
    both = f"theme={theme.key}&owner={owner.key}"
    by_theme_and_owner = f"{words['said']} {words['theme']} {theme.name} · {words['owner']} {owner.name}"
    return [
        ("backlog/", both, by_theme_and_owner),
        ("timeline/", both, by_theme_and_owner),
        (
            "workload/",
            f"person={owner.key}&theme={theme.key}",
            f"{words['said']} {words['person']} {owner.name} · {words['theme']} {theme.name}",
        ),
        (
            "framing/plan/",
            f"channel=email&persona={persona.key}",
            f"{words['said']} {words['channel']} {words['email']} · {words['persona']} {persona.name}",
        ),
    ]


# The screen as laid out: every element's box and the styles a sibling selector could change (a `.print-only`
# line is an element: `:last-child`, `+` and `~` rules see it even hidden), the print lines left out. Boxes,
# not pixels: two full-page screenshots of the same layout differed by one pixel row in the backlog's sticky
# first column (Chromium's compositor snapping that layer after the capture's 1 × 1 resize: 1 run in 3 at a
# load of 8), which said nothing of the line.
SCREEN_LAYOUT = """() => [...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.print-only'))
  .map(e => {
    const box = e.getBoundingClientRect(), style = getComputedStyle(e);
    return [e.tagName, ...[box.x, box.y, box.width, box.height].map(v => v.toFixed(2)), style.display,
      style.visibility, style.color, style.backgroundColor, style.borderTopWidth, style.fontWeight].join(' ');
  })"""
PRINT_LINES_SHOWN = """() => [...document.querySelectorAll('.print-only')]
  .filter(e => e.getClientRects().length > 0).map(e => e.textContent.trim())"""
SCREEN_WITHOUT_PRINT_LINES = "() => document.querySelectorAll('.print-only').forEach(e => e.remove())"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_filtered_page_says_its_filters_on_paper_and_an_unfiltered_one_says_none(
    language, framed, logged_in_page, shot
):
    page = logged_in_page(DEMO, language)
    faults: list[str] = []
    said = FILTERED_WORDS[language]["said"]
    for path, query, line in filtered_pages(language):
        name = f"{language}-{path.strip('/').replace('/', '-')}"
        page.goto(f"{ROADMAP}{path}?{query}")
        _pdf, pages = printed(page, f"{name}-filtered")
        if flat(line) not in flat(" ".join(pages)):
            faults.append(f"{name}: no « {line} » on paper: {flat(' '.join(pages))[:300]}")
        # On screen the line shows nothing and takes no room: the page is laid out alike with it and without.
        for width in (1280, 1440):
            page.set_viewport_size({"width": width, "height": 900})
            if shown := page.evaluate(PRINT_LINES_SHOWN):
                faults.append(f"{name}: the screen at {width} px shows the printed line {shown}")
            with_line = page.evaluate(SCREEN_LAYOUT)
            page.evaluate(SCREEN_WITHOUT_PRINT_LINES)
            without_line = page.evaluate(SCREEN_LAYOUT)
            if without_line != with_line:
                pairs = zip(with_line, without_line, strict=False)
                moved = next(
                    (f"{a} → {b}" for a, b in pairs if a != b),
                    f"{len(with_line)} elements → {len(without_line)}",
                )
                faults.append(f"{name}: the screen at {width} px changes with the printed line: {moved}")
            page.goto(f"{ROADMAP}{path}?{query}")
        page.set_viewport_size({"width": 1280, "height": 900})
        paper_shot(page, shot, f"{name}-filtered", wide=path in ("backlog/", "timeline/"))
        page.goto(ROADMAP + path)
        _pdf, pages = printed(page, f"{name}-unfiltered")
        if said in flat(" ".join(pages)):
            faults.append(f"{name}: says « {said} » on paper unfiltered")
    assert not faults, "\n".join(faults)
