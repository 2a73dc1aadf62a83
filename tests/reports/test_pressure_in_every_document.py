"""The marketing-pressure check in the deck and the Markdown as in the PDF (``test_pressure_in_pdf``): the
segments over the ceiling, then the worst weeks — at most ``PRESSURE_WEEKS_PRINTED``, the one collected
``PressureCheck`` — and how many more there are. Read with python-pptx, LibreOffice Impress (the deck drawn
as a PDF, read by pdftotext) and the Markdown's text, in French and English."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.framing.pressure_plans import big_plan, four_emails
from tests.reports.conftest import TODAY, deck_as_pdf, keep_pages, run
from tests.reports.pdf_words import overlapping_words, words_of

pytestmark = pytest.mark.django_db

SAID = {  # the summary's heading, the worst weeks', the words counting the others
    "fr": ("Segments au-delà du plafond", "Les 50 pires semaines au-delà du plafond",
           r"… et ([\d ]+?) semaines de plus au-delà du plafond, sur la page du plan d’animation\."),
    "en": ("Segments over the ceiling", "The 50 worst weeks over the ceiling",
           r"… and ([\d,]+) more weeks over the ceiling, on the animation plan's page\."),
}  # fmt: skip
# the numbers' and French typography's no-break spaces as spaces: the sentences above match either way
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
YEAR = re.compile(r"(?:\d{2}/\d{2}/)?20\d\d")  # a week's date (``10/08/2026``, ``10 Aug 2026``) has one
WEEK_ROW = re.compile(r"\| \d")  # a Markdown row of a week (its date first), not a header
DAY = re.compile(r"\d")  # a deck's row of a week (its date first), not its persona's row


def _render(roadmap: Any, fmt: str, language: str) -> bytes:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    options = ReportOptions(language=language, sections=("framing",))
    return render_report(actor=None, roadmap=roadmap, fmt=fmt, options=options, today=TODAY).content  # type: ignore[arg-type]


def _pressure(roadmap: Any) -> Any:
    from jalon.reports.collect_framing import collect_framing

    block = collect_framing(roadmap)
    assert block is not None and block.calendar is not None and block.calendar.pressure is not None
    return block.calendar.pressure


def _count(found: re.Match[str] | None) -> int:
    assert found is not None
    return int(re.sub(r"\D", "", found.group(1)))


def _slides(content: bytes) -> list[tuple[str, Any]]:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(content))
    return [(s.shapes.title.text if s.shapes.title is not None else "", s) for s in deck.slides]


def _rows(slide: Any) -> list[list[str]]:
    grid = next(shape.table for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in list(grid.rows)[1:]]


@pytest.fixture
def big(members: Any, demo: Any) -> Any:
    big_plan(members["editor"], demo.roadmap)
    return demo.roadmap


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_markdown_has_the_summary_then_the_50_worst_weeks_and_counts_the_rest(
    big: Any, language: str
) -> None:
    from jalon.reports.collect_framing import PRESSURE_WEEKS_PRINTED

    pressure = _pressure(big)
    text = _render(big, "md", language).decode().translate(SPACES)
    segments, worst, more = SAID[language]
    summary = text.index(f"\n#### {segments}\n")
    weeks = text.index(f"\n#### {worst}\n")
    found = re.search(r"\n\*" + more + r"\*\n", text)
    assert found is not None and summary < weeks < found.start()
    assert _count(found) == pressure.more > 0
    lines = [row for row in text[summary:weeks].splitlines() if row.startswith("| ")]
    assert len(lines) == 1 + len(pressure.lines)  # the header, then one row a line
    assert [row.split(" | ")[:2] for row in lines[1:]] == [
        [f"| {n}", line.persona] for n, line in enumerate(pressure.lines, start=1)
    ]
    rows = [row for row in text[weeks : found.start()].splitlines() if WEEK_ROW.match(row)]
    assert len(rows) == len(pressure.weeks) == PRESSURE_WEEKS_PRINTED
    assert "5 / 3" in rows[0]  # the worst week first, as the PDF prints it


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_deck_has_the_summary_then_the_50_worst_weeks_and_counts_the_rest(
    big: Any, language: str
) -> None:
    pressure = _pressure(big)
    slides = _slides(_render(big, "pptx", language))
    segments, worst, more = SAID[language]
    titles = [title for title, _slide in slides]
    calendar = titles.index("Calendrier d’animation" if language == "fr" else "Animation calendar")
    assert titles[calendar + 1] == segments  # three lines: one slide
    assert titles[calendar + 2 : calendar + 6] == [f"{worst} ({n}/4)" for n in (1, 2, 3, 4)]
    summary = _rows(slides[calendar + 1][1])
    numbered = enumerate(pressure.lines, start=1)
    assert [row[:2] for row in summary] == [[str(n), line.persona] for n, line in numbered]
    rows = [row for _title, slide in slides[calendar + 2 : calendar + 6] for row in _rows(slide)]
    weeks = [row for row in rows if DAY.match(row[0])]
    assert len(weeks) == len(pressure.weeks) == 50
    assert [row[3] for row in weeks][:1] == ["5 / 3"] and {row[1] for row in weeks} <= {"1", "2", "3"}
    last = slides[calendar + 5][1]
    said = [shape.text_frame.text.translate(SPACES) for shape in last.shapes if shape.has_text_frame]
    assert _count(next(filter(None, (re.fullmatch(more, text) for text in said)))) == pressure.more
    notes = last.notes_slide.notes_text_frame.text.translate(SPACES)
    assert re.search(more, notes) is not None
    first = slides[calendar + 2][1].notes_slide.notes_text_frame.text.splitlines()[1]
    assert "Soldes" in first  # a cell cut to its column is whole in the notes
    assert all(not title.startswith(worst) for title in titles[calendar + 6 :])


@pytest.mark.parametrize("language", ["fr", "en"])
def test_libreoffice_draws_the_50_worst_weeks_inside_their_slides(
    big: Any, language: str, tmp_path: Path
) -> None:
    """At the cap, each row of a pressure slide keeps to one line: LibreOffice draws every row, no word past
    the slide's edges nor over another, the count of the other weeks under the table."""
    pressure = _pressure(big)
    content = _render(big, "pptx", language)
    titles = [title for title, _slide in _slides(content)]
    segments, worst, more = SAID[language]
    shown = [n for n, title in enumerate(titles, start=1) if title.startswith((segments, worst))]
    assert len(shown) == 5
    deck = tmp_path / f"pressure-{language}.pptx"
    deck.write_bytes(content)
    pdf = deck_as_pdf(deck)
    words = [w for w in words_of(pdf) if w[0] in shown]
    height = float(re.search(r"Page size:\s+[\d.]+ x ([\d.]+)", run("pdfinfo", pdf).stdout.decode()).group(1))  # type: ignore[union-attr]
    for _page, width, x0, y0, x1, y1, text in words:
        assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, text
    assert (
        overlapping_words([(page, 0.0, x0, y0, x1, y1, text) for page, _w, x0, y0, x1, y1, text in words])
        == []
    )
    days = [w for w in words if w[0] in shown[1:] and YEAR.fullmatch(w[6])]
    assert len(days) == len(pressure.weeks) == 50  # every row drawn, each date in its own column
    texts = run("pdftotext", "-f", shown[-1], "-l", shown[-1], pdf, "-").stdout.decode()
    assert _count(re.search(more, " ".join(texts.translate(SPACES).split()))) == pressure.more
    below = max(w[5] for w in days if w[0] == shown[-1])
    opening = min((w for w in words if w[0] == shown[-1] and w[6] == "…"), key=lambda w: w[2])  # at the left
    assert opening[3] > below  # under the table's last row (a cell cut short ends with « … » too)
    keep_pages(pdf, {f"p{n}": n for n in shown}, tmp_path, f"deck-pressure-{language}")


def test_a_short_list_of_weeks_is_on_one_slide_and_in_the_markdown_whole_without_a_count(
    members: Any, demo: Any
) -> None:
    from jalon.framing import services

    editor = members["editor"]
    framing = services.open_framing(actor=editor, roadmap=demo.roadmap)
    four_emails(editor, framing, "", frequency="one_off", start=date(demo.roadmap.start.year, 9, 15))
    pressure = _pressure(demo.roadmap)
    assert pressure.more == 0 and len(pressure.weeks) < 17
    heading = f"Week by week ({len(pressure.weeks)} row{'s' if len(pressure.weeks) > 1 else ''})"
    titles = [title for title, _slide in _slides(_render(demo.roadmap, "pptx", "en"))]
    assert "Segments over the ceiling" in titles and heading in titles
    text = _render(demo.roadmap, "md", "en").decode()
    assert f"\n#### {heading}\n" in text and "more week" not in text and "worst week" not in text


def test_libreoffice_draws_full_slides_of_long_lines_and_weeks_inside_the_slide(tmp_path: Path) -> None:
    """The worst a slide holds: ``LINES_PER_SLIDE`` summary lines and ``WEEKS_PER_SLIDE`` weeks, every text
    long (personas, stages, channels, actions typed at length), drawn by LibreOffice in French: no row
    pushed off the slide, no word past its edges nor over another."""
    from django.utils import translation
    from pptx import Presentation

    from jalon.reports.framing_model import PressureCheck, PressureLine, PressureWeek
    from jalon.reports.slide_parts import HEIGHT, WIDTH
    from jalon.reports.slides_pressure import LINES_PER_SLIDE, WEEKS_PER_SLIDE, pressure_slides

    long = "Programme de fidélisation des ambassadrices régionales de la marque"
    start = date(2026, 7, 27)
    lines = tuple(
        PressureLine(persona=f"{long} {n}", stages=tuple(f"Étape {k} {long}" for k in range(6)), weeks=53,
                     first=start, last=date(2027, 7, 26), contacts=12, ceiling=3, channel="Notification push",
                     worst_week=start, actions=tuple(f"{long} {k}" for k in range(5)))
        for n in range(LINES_PER_SLIDE)
    )  # fmt: skip
    weeks = tuple(
        PressureWeek(start + timedelta(weeks=n), 1, long, "notification push", 12, 3, (long, long))
        for n in range(WEEKS_PER_SLIDE)
    )
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    with translation.override("fr"):
        pressure_slides(deck, PressureCheck(lines, weeks, more=1234))
    path = tmp_path / "long.pptx"
    deck.save(path)
    pdf = deck_as_pdf(path)
    words = words_of(pdf)
    height = float(re.search(r"Page size:\s+[\d.]+ x ([\d.]+)", run("pdfinfo", pdf).stdout.decode()).group(1))  # type: ignore[union-attr]
    for _page, width, x0, y0, x1, y1, text in words:
        assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, text
    assert (
        overlapping_words([(page, 0.0, x0, y0, x1, y1, text) for page, _w, x0, y0, x1, y1, text in words])
        == []
    )
    assert len([w for w in words if w[0] == 1 and w[6] == "53"]) == LINES_PER_SLIDE  # every line drawn
    # the persona's row, then its weeks: the slide's other rows
    assert len([w for w in words if w[0] == 2 and YEAR.fullmatch(w[6])]) == WEEKS_PER_SLIDE - 1
    assert len([w for w in words if w[0] == 2 and w[6] == "push"]) == WEEKS_PER_SLIDE - 1  # a channel whole
    # the last week goes on the next slide, under its persona's row again, the count of the others under it
    assert len([w for w in words if w[0] == 3 and YEAR.fullmatch(w[6])]) == 1
    opening = min((w for w in words if w[0] == 3 and w[6] == "…"), key=lambda w: w[2])
    assert opening[3] > max(w[5] for w in words if w[0] == 3 and YEAR.fullmatch(w[6]))
    keep_pages(pdf, {"lines": 1, "weeks": 2, "weeks-continued": 3}, tmp_path, "deck-pressure-long")


def _table_rows(text: str, heading: str) -> list[list[str]]:
    """The cells of the Markdown table under ``#### heading``, its header left out."""
    start = text.index(f"\n#### {heading}\n")
    block = text[start:].split("\n\n", 2)[1]
    return [row.strip("| ").split(" | ") for row in block.splitlines()[2:]]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_markdown_names_each_action_causing_the_pressure_once_and_cites_its_key_as_the_pdf_does(
    framed: Any, demo: Any, language: str
) -> None:
    """The demo's export: a summary line and its week are caused by the same three actions of the animation
    plan; their rows cite the actions' keys (``A1, A2, A3``) and the key under them names each action once,
    as the PDF's pressure tables do, where the rows used to repeat every name."""
    from django.utils import translation

    from jalon.reports import pressure_words as words

    with translation.override(language):  # the stages' names, and so the lines' order, are in the language
        pressure = _pressure(demo.roadmap)
        weeks_heading, key_heading = words.weeks_heading(pressure), words.key_heading()
    assert any(len(line.actions) > 1 for line in pressure.lines)
    text = _render(demo.roadmap, "md", language).decode()
    segments, _worst, _more = SAID[language]
    section = text[text.index(f"\n#### {segments}\n") :]
    assert _table_rows(text, key_heading) == [[key, name] for key, name in pressure.keyed_actions]
    assert [row[-1] for row in _table_rows(text, segments)] == [
        pressure.keys(line.actions) for line in pressure.lines
    ]
    weeks = text[text.index(f"\n#### {weeks_heading}\n") : text.index(f"\n#### {key_heading}\n")]
    cited = [row.strip("| ").split(" | ")[-1] for row in weeks.splitlines() if WEEK_ROW.match(row)]
    grouped = [week for _persona, group in words.by_persona(pressure.weeks) for week in group]
    assert cited == [pressure.keys(week.actions) for week in grouped]
    assert {name: section.count(name) for name in pressure.actions} == dict.fromkeys(pressure.actions, 1)


PERSONA_LINE = re.compile(r"\*\*Persona ?: (.+)\*\*")  # the Markdown's line above a persona's weeks


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_markdown_names_each_persona_once_above_a_table_of_its_weeks(big: Any, language: str) -> None:
    """The 50 worst weeks of three personas: each persona is named once, in a line above its weeks' table,
    which has no persona column (its name was in every row); each week sits under its own persona, worst
    first, the personas in the order of their worst week."""
    pressure = _pressure(big)
    personas = list(dict.fromkeys(week.persona for week in pressure.weeks))
    assert len(personas) == 3
    text = _render(big, "md", language).decode().translate(SPACES)
    _segments, worst, more = SAID[language]
    found = re.search(r"\n\*" + more + r"\*\n", text)
    assert found is not None
    section = text[text.index(f"\n#### {worst}\n") : found.start()]
    assert {name: section.count(name) for name in personas} == dict.fromkeys(personas, 1)
    persona, under = "", []
    for row in section.splitlines():
        named = PERSONA_LINE.fullmatch(row)
        persona = named.group(1) if named else persona
        under += [(persona, row)] if WEEK_ROW.match(row) else []
    assert [name for name, _row in under] == sorted(
        (week.persona for week in pressure.weeks), key=personas.index
    )
    heads = {row for row in section.splitlines() if row.startswith("| ") and not WEEK_ROW.match(row)}
    week_of, persona_word = ("Semaine du", "Persona") if language == "fr" else ("Week of", "Persona")
    assert len(heads) == 1 and week_of in next(iter(heads)) and persona_word not in next(iter(heads))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_deck_names_each_persona_once_in_a_row_across_its_weeks(big: Any, language: str) -> None:
    """On the weeks' slides a persona's row spans the table above its weeks and none names it again, but for
    a slide that goes on with its weeks, which starts with its row (*continued*); the notes say the same."""
    pressure = _pressure(big)
    slides = _slides(_render(big, "pptx", language))
    _segments, worst, _more = SAID[language]
    shown = [slide for title, slide in slides if title.startswith(worst)]
    persona, under, spans = "", [], []
    for slide in shown:
        grid = next(shape.table for shape in slide.shapes if shape.has_table)
        assert "Persona" not in [cell.text for cell in grid.rows[0].cells]
        for row in list(grid.rows)[1:]:
            cells = [cell.text for cell in row.cells]
            if DAY.match(cells[0]):
                under.append(persona)
            else:
                persona = (
                    cells[0]
                    .translate(SPACES)
                    .split(": ", 1)[1]
                    .removesuffix(" (suite)")
                    .removesuffix(" (continued)")
                )
                spans.append((row.cells[0].is_merge_origin, cells[0]))
        notes = slide.notes_slide.notes_text_frame.text.translate(SPACES)
        assert notes.splitlines()[0].startswith("Persona")
    assert under == sorted((w.persona for w in pressure.weeks), key=[w.persona for w in pressure.weeks].index)
    assert all(origin for origin, _words in spans) and 3 <= len(spans) <= 3 + len(shown)
    continued = "(suite)" if language == "fr" else "(continued)"
    assert len([words for _origin, words in spans if words.endswith(continued)]) == len(spans) - 3


def _stages_headers(roadmap: Any, language: str) -> tuple[str, str]:
    """The summary's stages column as the Markdown and the deck head it."""
    segments, _worst, _more = SAID[language]
    text = _render(roadmap, "md", language).decode().translate(SPACES)
    header = text[text.index(f"\n#### {segments}\n") :].split("\n\n", 2)[1].splitlines()[0]
    slides = dict(_slides(_render(roadmap, "pptx", language)))
    grid = next(shape.table for shape in slides[segments].shapes if shape.has_table)
    return header.strip("| ").split(" | ")[2], grid.cell(0, 2).text


@pytest.mark.parametrize(
    ("language", "one", "several"), [("fr", "Étape", "Étapes"), ("en", "Stage", "Stages")]
)
def test_the_markdown_and_the_deck_head_the_stages_column_stages_when_a_line_names_several(
    members: Any, demo: Any, language: str, one: str, several: str
) -> None:
    """As the PDF and the animation plan's page: *Stages* (*Étapes*) over lines naming several stages, *Stage*
    where each names one; both documents said *Stage* whatever the lines held."""
    from jalon.framing import services

    editor = members["editor"]
    framing = services.open_framing(actor=editor, roadmap=demo.roadmap)
    start, stage = date(demo.roadmap.start.year, 9, 15), framing.stages.order_by("position", "pk").first()
    four_emails(editor, framing, "", frequency="one_off", start=start, stage=stage)  # one stage over it
    assert _pressure(demo.roadmap).most_stages == 1
    assert _stages_headers(demo.roadmap, language) == (one, one)
    big_plan(editor, demo.roadmap)
    assert _pressure(demo.roadmap).most_stages > 1
    assert _stages_headers(demo.roadmap, language) == (several, several)
