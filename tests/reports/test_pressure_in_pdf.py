"""The marketing-pressure check in the PDF, read back by pdftotext in French and English: the segments over
the ceiling first, one line for the stages of a persona sent the same contacts (six identical lines before),
then the worst weeks only — at most ``PRESSURE_WEEKS_PRINTED``, most contacts over the ceiling first — and
how many more there are; the animation plan's page keeps them all, folded."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.framing.pressure_plans import big_plan
from tests.reports.conftest import TODAY, keep_pages, run
from tests.reports.pdf_words import overlapping_words, words_of

pytestmark = pytest.mark.django_db


def _pdf(roadmap: Any, language: str, tmp_path: Path) -> Path:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    options = ReportOptions(language=language, sections=("framing",))
    pdf = tmp_path / f"framing-{language}.pdf"
    made = render_report(actor=None, roadmap=roadmap, fmt="pdf", options=options, today=TODAY)
    pdf.write_bytes(made.content)
    return pdf


def _flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_a_personas_stages_over_the_ceiling_alike_make_one_summary_line(members, demo) -> None:
    from jalon.reports.collect_framing import PRESSURE_WEEKS_PRINTED, collect_framing

    big_plan(members["editor"], demo.roadmap)
    block = collect_framing(demo.roadmap)
    assert block is not None and block.calendar is not None and block.calendar.pressure is not None
    pressure = block.calendar.pressure
    stages = demo.roadmap.framing.stages.count()
    assert stages >= 3
    big = [line for line in pressure.lines if line.persona == "Sportive urbaine"]
    assert len(big) == 1 and len(big[0].stages) == stages  # one line, every stage named in it
    assert (big[0].contacts, big[0].ceiling) == (5, 3)
    assert len(pressure.lines) == len({line.persona for line in pressure.lines})
    assert sum(line.weeks for line in pressure.lines) > 50
    assert len(pressure.weeks) == PRESSURE_WEEKS_PRINTED and pressure.more > 0
    worst = [w.contacts - w.ceiling for w in pressure.weeks]
    assert worst == sorted(worst, reverse=True) and worst[0] == 2  # the sales SMS's week first


@pytest.mark.parametrize(("language", "heading", "more"), [
    ("fr", "Les 50 pires semaines au-delà du plafond", r"… et ([\d ]+) semaines de plus au-delà du plafond"),
    ("en", "The 50 worst weeks over the ceiling", r"… and ([\d,]+) more weeks over the ceiling"),
])  # fmt: skip
def test_the_pdf_prints_the_summary_then_the_50_worst_weeks_and_counts_the_rest(
    members, demo, language: str, heading: str, more: str, tmp_path: Path
) -> None:
    from jalon.reports.collect_framing import collect_framing

    big_plan(members["editor"], demo.roadmap)
    block = collect_framing(demo.roadmap)
    assert block is not None and block.calendar is not None and block.calendar.pressure is not None
    pressure = block.calendar.pressure
    pdf = _pdf(demo.roadmap, language, tmp_path)
    text = _flat(run("pdftotext", pdf, "-").stdout.decode())
    assert ("Segments au-delà du plafond" if language == "fr" else "Segments over the ceiling") in text
    assert heading in text
    found = re.search(more, text)
    assert found is not None and int(re.sub(r"\D", "", found.group(1))) == pressure.more
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf).stdout.decode()).group(1))  # type: ignore[union-attr]
    assert pages < 20  # every row printed made this section some 40 pages
    assert overlapping_words(words_of(pdf)) == []  # a date or a figure kept whole in its column
    keep_pages(pdf, {f"p{n}": n for n in range(1, pages + 1)}, tmp_path, f"pressure-{language}")


def test_a_short_list_of_weeks_is_printed_whole_without_a_count(members, demo, tmp_path: Path) -> None:
    from datetime import date

    from jalon.framing import services
    from tests.framing.pressure_plans import four_emails

    editor = members["editor"]
    framing = services.open_framing(actor=editor, roadmap=demo.roadmap)
    four_emails(editor, framing, "", frequency="one_off", start=date(demo.roadmap.start.year, 9, 15))
    text = _flat(run("pdftotext", _pdf(demo.roadmap, "en", tmp_path), "-").stdout.decode())
    assert "Segments over the ceiling" in text and "Week by week (" in text
    assert "worst week" not in text and "more week" not in text


@pytest.mark.parametrize(("language", "several"), [("fr", "Étapes"), ("en", "Stages")])
def test_the_printed_stage_column_says_stages_when_a_line_names_several(
    members, demo, language, several
) -> None:
    from django.template.loader import render_to_string
    from django.utils import translation

    from jalon.reports.collect_framing import collect_framing

    big_plan(members["editor"], demo.roadmap)
    with translation.override(language):
        block = collect_framing(demo.roadmap)
        assert block is not None and block.calendar is not None and block.calendar.pressure is not None
        assert block.calendar.pressure.most_stages > 1
        report = SimpleNamespace(framing=block, currency="€")  # what the template reads of the report
        html = render_to_string("reports/_framing.html", {"report": report})
    head = html[html.index('<table class="pressure">') :]
    head = head[: head.index("</thead>")]
    assert re.findall(r"<th>([^<]*)</th>", head)[2] == several


def test_each_action_s_name_is_printed_once_whole_in_a_key_that_the_tables_cite(
    members, demo, tmp_path: Path
) -> None:
    """The weeks' table named every action in every row (300 characters each at the edge), most of the
    section's pages and time: the tables now cite « A1 », the key under them names each action once."""
    from jalon.reports.collect_framing import collect_framing

    big_plan(members["editor"], demo.roadmap)
    block = collect_framing(demo.roadmap)
    assert block is not None and block.calendar is not None and block.calendar.pressure is not None
    pressure = block.calendar.pressure
    named = {name for line in pressure.lines for name in line.actions}
    named |= {name for week in pressure.weeks for name in week.actions}
    assert set(pressure.actions) == named and len(pressure.actions) > 1
    assert [key for key, _name in pressure.keyed_actions] == [f"A{n}" for n in range(1, len(named) + 1)]
    for week, keys in pressure.keyed_weeks:
        assert {key.split(" ×")[0] for key in keys.split(", ")} == {
            key for key, name in pressure.keyed_actions if name in week.actions
        }
    text = _flat(run("pdftotext", _pdf(demo.roadmap, "en", tmp_path), "-").stdout.decode())
    section = text[text.index("Segments over the ceiling") :]
    tables, key = section.split("The actions that cause them", 1)
    for number, name in enumerate(pressure.actions, start=1):
        assert name not in tables
        assert _flat(f"A{number} {name}") in key  # whole, once, beside its key
