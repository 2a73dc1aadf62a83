"""Values at the edge of what the forms accept never break a page or a file afterwards: one roadmap
(tests/edge_values.py) whose animation plan, votes, workshops, personas, journeys, stages, KPIs, activities,
absences and budgets hold texts at their longest (one unbroken 300-character word, emoji, combining marks,
right-to-left text, markup and quotes), the largest amounts and numbers, the years 1900 and 2200 and many
rows. Every page of its workspace (one of each kind, in French and in English) answers, and every file opens
in its real reader: the Markdown, the calendars (icalendar), the workbook and its « Plan d'animation » sheet
(openpyxl), the deck (python-pptx), and the jalon/1 file, imported again. The PDF of the whole roadmap takes
some 20 s (bench/pdf_edges.py): its SMART section alone, three 20,000-character objectives in table cells,
is made here, in seconds where it took minutes when any text could break anywhere."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from django.test import Client
from icalendar import Calendar
from openpyxl import load_workbook
from pptx import Presentation

from jalon.documents.services import import_roadmap
from jalon.framing.models import PlanAction
from jalon.reports.options import ReportOptions
from jalon.reports.services import render_report
from jalon.workspaces.models import Workspace
from tests.edge_values import MIXED, WORD, make_edge_roadmap, text
from tests.factories import Team
from tests.hostile_forms import SKIPPED_LINKS, parse, route
from tests.reports.documents_made import pdf_texts

pytestmark = pytest.mark.django_db


def one_page_of_each_kind(client: Client, start: str, language: str) -> dict[str, int]:
    """The status of one page of each route (with or without a query) reachable from ``start`` inside its
    workspace, read in ``language``."""
    inside = "/".join(start.split("/")[:3]) + "/"
    todo, seen, answers, kinds = [start], {start}, {}, set()
    while todo:
        url = todo.pop(0)
        kind = (route(url), "?" in url)
        if kind in kinds:
            continue
        kinds.add(kind)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        answers[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in parse(url, response.content.decode())[1]:
            parts = urlsplit(link)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            inner = not parts.netloc and parts.path.startswith(inside)
            if inner and not SKIPPED_LINKS.search(parts.path) and target not in seen:
                seen.add(target)
                todo.append(target)
    return answers


@pytest.fixture
def edges(team: Team) -> Team:
    make_edge_roadmap(team)
    return team


@pytest.mark.slow  # some 80 pages, each read in both languages: half a minute a language on one core
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_answers_after_values_at_the_edge(client: Client, edges: Team, language: str) -> None:
    client.force_login(edges.owner)
    answers = one_page_of_each_kind(client, f"/w/{edges.workspace.slug}/r/edges/", language)
    answers |= one_page_of_each_kind(client, f"/w/{edges.workspace.slug}/", language)
    assert len(answers) > 40
    assert {url: status for url, status in answers.items() if status >= 500} == {}
    assert {url: status for url, status in answers.items() if status == 404} == {}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_document_opens_in_its_reader_after_values_at_the_edge(edges: Team, language: str) -> None:
    roadmap = edges.workspace.roadmaps.get(slug="edges")
    options = ReportOptions(language=language)

    def made(fmt: str) -> bytes:
        return render_report(actor=edges.owner, roadmap=roadmap, fmt=fmt, options=options).content  # type: ignore[arg-type]

    markdown = made("md").decode()
    assert WORD in markdown and "<script>" not in markdown
    events = Calendar.from_ical(made("ics")).walk("VEVENT")
    assert any(WORD[:60] in str(event.get("SUMMARY")) for event in events)
    workbook = load_workbook(io.BytesIO(made("xlsx")))
    plan = workbook[{"fr": "Plan d’animation", "en": "Animation plan"}[language]]
    rows = list(plan.iter_rows(min_row=2, values_only=True))
    assert len(rows) == PlanAction.objects.count() == 40
    assert {row[0] for row in rows} >= {WORD, MIXED + WORD[: 300 - len(MIXED)]}
    deck = Presentation(io.BytesIO(made("pptx")))
    said = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                    if shape.has_text_frame)  # fmt: skip
    assert WORD[:100] in said


def test_the_smart_section_pdf_of_texts_at_their_longest_prints_them_whole(
    edges: Team,
) -> None:
    roadmap = edges.workspace.roadmaps.get(slug="edges")
    options = ReportOptions(language="fr", sections=("smart",))
    pdf = render_report(actor=edges.owner, roadmap=roadmap, fmt="pdf", options=options).content
    pages = pdf_texts(pdf)
    printed = "".join("".join(pages).replace("\u200b", "").split())
    assert len(pages) > 10  # three 20,000-character objectives run over many pages, none cut short
    assert WORD[:60] in printed and "<script>alert('x')</script>" in printed
    # Every objective's text whole: a page break may cut one hashtag of it in two (the footer and header
    # between the halves), no more.
    assert printed.count(WORD[:30]) >= 3 * text(20_000).count(WORD[:30]) - len(pages)


def test_the_animation_plan_calendar_opens_and_the_jalon_file_imports_again(
    client: Client, edges: Team
) -> None:
    client.force_login(edges.owner)
    base = f"/w/{edges.workspace.slug}/r/edges/"
    calendar = client.get(base + "framing/plan/calendar.ics")
    assert calendar.status_code == 200
    assert Calendar.from_ical(calendar.content).walk("VEVENT")
    exported = client.get(base + "export.yaml")
    assert exported.status_code == 200
    scratch = Workspace.objects.create(slug="again", name="Again")
    again = import_roadmap(
        actor=None,
        workspace=scratch,
        text=exported.content.decode(),
        fmt="yaml",
        replace=True,
        confirmed=True,
    )
    assert again.title == edges.workspace.roadmaps.get(slug="edges").title
    assert PlanAction.objects.filter(framing__roadmap=again).count() == 40


def test_the_costliest_action_goes_to_the_backlog_with_its_cost(edges: Team) -> None:
    from jalon.bounds import MONEY_HIGHEST
    from jalon.framing import services

    costliest = PlanAction.objects.filter(cost=float(MONEY_HIGHEST), start__isnull=False).first()
    assert costliest is not None
    activity = services.action_to_activity(actor=edges.owner, action=costliest)
    assert activity.cost == MONEY_HIGHEST
    assert (activity.start, activity.end) == (costliest.start, costliest.end)
