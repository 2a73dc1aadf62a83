"""The marketing-pressure table of a big animation plan stays readable: one line per segment (persona ×
stage) over the ceiling first — how many weeks, from when to when, the most contacts one customer gets and
the actions that send them — then every week and segment, as before, folded in a « Week by week » box when
there are more than a dozen (open otherwise). Nothing is lost: every row is still on the page."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from jalon.framing import plan, services
from jalon.framing.models import Persona
from tests.framing.pages import BASE, login
from tests.framing.pressure_plans import big_plan, four_emails


def _section(page: str, start: str, end: str) -> str:
    found = page[page.index(start) :]
    return found[: found.index(end)]


def test_the_segments_over_the_ceiling_come_first_one_line_each(members, demo) -> None:
    big_plan(members["editor"], demo.roadmap)
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    overloads = plan.pressure(framing, list(framing.actions.select_related("persona", "stage")))
    segments = plan.by_segment(overloads)
    keys = [(s.persona, s.stage) for s in segments]
    assert keys == sorted(keys, key=lambda k: (k[0].casefold(), k[1].casefold()))  # alphabetical
    assert len(keys) == len(set(keys)) == len({(o.persona, o.stage) for o in overloads})  # one line each
    first = next(s for s in segments if s.persona == "Sportive urbaine")
    weeks = {o.week for o in overloads if (o.persona, o.stage) == (first.persona, first.stage)}
    assert (first.weeks, first.first, first.last) == (len(weeks), min(weeks), max(weeks))
    assert (first.worst.contacts, first.worst.ceiling) == (5, 3)  # the week of the sales SMS too
    weekly = sorted(
        f"{what} Sportive urbaine" for what in ("Newsletter", "Nouveautés", "Promo", "Relance panier")
    )
    assert first.actions == [*weekly, "Soldes"]  # those over the ceiling in most weeks first
    assert sum(len(s.rows) for s in segments) == len(overloads)  # every row kept, under its segment


def test_a_big_plan_shows_the_segments_then_folds_the_weeks(client: Client, members, demo) -> None:
    big_plan(members["editor"], demo.roadmap)
    login(client, members["viewer"], "en")
    page = client.get(BASE + "plan/").content.decode()
    summary = _section(page, 'id="pressure-by-segment"', "</table>")
    segments = summary.count("<tr>") - 1  # one line per segment under the heading
    assert 3 <= segments < 30
    assert "Sportive urbaine" in summary and "5 / 3" in summary and "Newsletter Sportive urbaine" in summary
    folded = _section(page, 'id="overload-weeks"', "</details>")
    assert folded.startswith('id="overload-weeks" data-print-open>')  # closed: more than a dozen rows
    rows = re.findall(r"<tr><td>", _section(folded, 'id="overloads"', "</table>"))
    flagged = re.search(r"(\d+) weeks and segments over the ceiling", page)
    assert flagged is not None and len(rows) == int(flagged.group(1)) > 100
    assert f"Week by week ({len(rows)} rows)" in folded


def test_a_short_list_of_weeks_stays_open(client: Client, members, demo) -> None:
    """Four one-off e-mails the same day: one week over the ceiling, shown as it was, open."""
    editor = members["editor"]
    framing = services.open_framing(actor=editor, roadmap=demo.roadmap)
    day = date(demo.roadmap.start.year, demo.roadmap.start.month, 15)
    four_emails(editor, framing, "", frequency="one_off", start=day)
    login(client, members["viewer"], "fr")
    page = client.get(BASE + "plan/").content.decode()
    assert 'id="pressure-by-segment"' in page
    folded = _section(page, 'id="overload-weeks"', "</details>")
    rows = len(re.findall(r"<tr><td>", folded))
    assert 1 <= rows <= plan.WEEKS_SHOWN_OPEN
    assert folded.startswith('id="overload-weeks" data-print-open open>')
    assert f"Semaine par semaine ({rows} ligne" in folded


def test_a_personas_stages_over_the_ceiling_alike_read_as_one_line(client: Client, members, demo) -> None:
    """Each persona's e-mails go to all its stages alike: one summary line per persona naming its stages,
    where there were as many identical lines as stages."""
    big_plan(members["editor"], demo.roadmap)
    login(client, members["viewer"], "en")
    page = client.get(BASE + "plan/").content.decode()
    summary = _section(page, 'id="pressure-by-segment"', "</table>")
    lines = summary.split("<tr>")[2:]  # under the heading
    assert len(lines) == 3
    stages = [stage.shown_name for stage in demo.roadmap.framing.stages.all()]
    assert len(stages) >= 3
    sporty = next(line for line in lines if "Sportive urbaine" in line)
    assert all(stage in sporty for stage in stages)


def one_stage_plan(editor: Any, roadmap: Any) -> None:
    """Two personas sent four weekly e-mails at their first stage only: each summary line names one stage."""
    framing = services.open_framing(actor=editor, roadmap=roadmap)
    stage = framing.stages.order_by("pk").first()
    for name in ("Sportive urbaine", "Marcheur du dimanche"):
        persona = services.create(Persona, actor=editor, framing=framing, name=name)
        four_emails(editor, framing, f" {name}", frequency="weekly", persona=persona, stage=stage)


def _stage_heading(client: Client, member: Any, language: str) -> str:
    login(client, member, language)
    page = client.get(BASE + "plan/").content.decode()
    head = _section(_section(page, 'id="pressure-by-segment"', "</table>"), "<thead>", "</thead>")
    return str(re.findall(r"<th scope=\"col\">([^<]*)</th>", head)[1])


@pytest.mark.parametrize(("language", "several"), [("fr", "Étapes"), ("en", "Stages")])
def test_the_stage_column_says_stages_when_a_line_names_several(
    client: Client, members, demo, language: str, several: str
) -> None:
    big_plan(members["editor"], demo.roadmap)  # a persona's stages alike: one line naming every stage
    assert _stage_heading(client, members["viewer"], language) == several


@pytest.mark.parametrize(("language", "one"), [("fr", "Étape"), ("en", "Stage")])
def test_the_stage_column_says_stage_when_each_line_names_one(
    client: Client, members, demo, language: str, one: str
) -> None:
    one_stage_plan(members["editor"], demo.roadmap)
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    overloads = plan.pressure(framing, list(framing.actions.select_related("persona", "stage")))
    assert overloads and plan.most_stages(plan.pressure_lines(plan.by_segment(overloads))) == 1
    assert _stage_heading(client, members["viewer"], language) == one
