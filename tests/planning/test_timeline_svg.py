"""The timeline SVG: positions follow dates, lanes and rows, fiscal quarters, arrows, today, escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from django.utils import translation
from PIL import ImageFont

from jalon.planning.timeline.model import (
    COMPACT,
    NORMAL,
    PX_PER_DAY,
    Bar,
    Chart,
    Frame,
    Lane,
    Layout,
    MilestoneMark,
)
from jalon.planning.timeline.svg import render

SVG = "{http://www.w3.org/2000/svg}"
ORANGE = "#e8590c"
FRAME = Frame(
    date(2026, 8, 1), date(2027, 1, 31), "quarter", fiscal_year_start_month=2, today=date(2026, 12, 2)
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def bar(
    key: str, start: date | None, end: date | None, *, lanes: tuple[str, ...] = ("acq",), **kw: str
) -> Bar:
    values = {
        "title": key.title(),
        "colour": ORANGE,
        "status": "planned",
        "status_label": "planned",
        "owner": "",
    }
    values.update(kw)
    return Bar(key=key, start=start, end=end, lanes=lanes, **values)  # type: ignore[arg-type]


BRIEF = bar("brief", date(2026, 9, 7), date(2026, 9, 11), owner="Alice")
LAUNCH = bar("launch", date(2026, 9, 14), date(2026, 9, 25))
LANES = (Lane("acq", "Acquisition", ORANGE), Lane("", "No thematic group"))
CHART = Chart("Cloud Kicks", LANES, (BRIEF, LAUNCH), dependencies=(("brief", "launch"),))


def parse(chart: Chart = CHART, frame: Frame = FRAME, **options: object) -> ET.Element:
    return ET.fromstring(render(chart, frame, **options))  # type: ignore[arg-type]


def bars(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-key", ""): g for g in root.iter(f"{SVG}g") if g.get("class") == "tl-bar"}


def body(group: ET.Element) -> ET.Element:
    found = group.find(f"{SVG}rect[@class='tl-body']")
    assert found is not None
    return found


def of_class(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}{tag}") if e.get("class") == cls]


def test_the_same_input_gives_the_same_svg() -> None:
    assert render(CHART, FRAME, interactive=True) == render(CHART, FRAME, interactive=True)


def test_a_bar_starts_at_its_first_day_and_spans_its_days() -> None:
    rect = body(bars(parse())["brief"])
    per_day = PX_PER_DAY["quarter"]
    assert float(rect.get("x", "")) == NORMAL.label_width + 37 * per_day  # 7 Sept is day 37 after 1 Aug
    assert float(rect.get("width", "")) == 5 * per_day  # 7..11 Sept, both included


def test_month_zoom_is_wider_than_quarter_zoom_and_year_zoom_narrower() -> None:
    widths = {
        zoom: float(body(bars(parse(frame=replace(FRAME, zoom=zoom)))["brief"]).get("width", ""))
        for zoom in ("month", "quarter", "year")
    }
    assert widths["month"] > widths["quarter"] > widths["year"]


def test_one_lane_per_theme_and_overlapping_bars_stack_in_rows() -> None:
    overlapping = bar("overlap", date(2026, 9, 9), date(2026, 9, 20))
    later = bar("later", date(2026, 10, 1), date(2026, 10, 9))
    root = parse(replace(CHART, bars=(BRIEF, overlapping, later)))
    assert [g.get("data-lane") for g in of_class(root, "g", "tl-lane")] == ["acq", ""]
    found = bars(root)
    tops = {key: float(body(g).get("y", "")) for key, g in found.items()}
    assert tops["overlap"] > tops["brief"]  # it overlaps Brief: next row
    assert tops["later"] == tops["brief"]  # it starts after Brief ends: shares the first row


def test_an_arrow_goes_from_the_end_of_the_predecessor_to_the_start_of_the_successor() -> None:
    root = parse()
    arrows = of_class(root, "path", "tl-dependency")
    assert len(arrows) == 1
    found = bars(root)
    brief, launch = body(found["brief"]), body(found["launch"])
    x1, y1, *_controls, x2, _y2 = (
        float(n) for n in arrows[0].get("d", "").replace("M", "").replace("C", "").split()
    )
    assert x1 == float(brief.get("x", "")) + float(brief.get("width", ""))
    assert x2 == float(launch.get("x", ""))
    assert y1 == float(brief.get("y", "")) + NORMAL.bar / 2
    assert arrows[0].get("marker-end") == "url(#tl-arrow)"
    assert root.find(f".//{SVG}marker[@id='tl-arrow']") is not None
    assert arrows[0].get("data-broken") is None


def test_an_arrow_turns_red_when_the_successor_starts_before_the_predecessor_ends() -> None:
    early = LAUNCH._replace(start=date(2026, 9, 9))
    arrow = of_class(parse(replace(CHART, bars=(BRIEF, early))), "path", "tl-dependency")[0]
    assert arrow.get("data-broken") == "true"
    assert arrow.get("stroke") == "#b91c1c"


def test_an_arrow_turns_red_when_the_lag_is_not_respected() -> None:
    lagging = replace(CHART, dependencies=(("brief", "launch", 3),))  # Launch may start on 15 Sept, not 14
    assert of_class(parse(lagging), "path", "tl-dependency")[0].get("data-broken") == "true"
    patient = replace(CHART, dependencies=(("brief", "launch", 2),))
    assert of_class(parse(patient), "path", "tl-dependency")[0].get("data-broken") is None


def test_arrows_to_activities_outside_the_chart_are_not_drawn() -> None:
    root = parse(replace(CHART, bars=(BRIEF,)))
    assert of_class(root, "path", "tl-dependency") == []


def test_quarters_follow_the_fiscal_year() -> None:
    root = parse()  # fiscal year from February: August starts Q3 of FY2027 (Feb 2026 - Jan 2027)
    assert [t.text for t in of_class(root, "text", "tl-quarter")] == ["Q3 FY2027", "Q4 FY2027"]
    calendar = parse(frame=replace(FRAME, fiscal_year_start_month=1))
    assert [t.text for t in of_class(calendar, "text", "tl-quarter")] == ["Q3 2026", "Q4 2026", "Q1 2027"]


def test_french_quarters_name_the_fiscal_year_in_french() -> None:
    with translation.override("fr"):
        root = parse()
        calendar = parse(frame=replace(FRAME, fiscal_year_start_month=1))
        years = parse(frame=replace(FRAME, zoom="year", start=date(2026, 2, 1), end=date(2028, 1, 31)))
    assert [t.text for t in of_class(root, "text", "tl-quarter")] == ["T3 exercice 2027", "T4 exercice 2027"]
    assert [t.text for t in of_class(calendar, "text", "tl-quarter")] == ["T3 2026", "T4 2026", "T1 2027"]
    assert [t.text for t in of_class(years, "text", "tl-year")] == ["exercice 2027", "exercice 2028"]


def test_year_zoom_labels_fiscal_years_and_short_quarters() -> None:
    root = parse(frame=replace(FRAME, zoom="year", start=date(2026, 2, 1), end=date(2028, 1, 31)))
    assert [t.text for t in of_class(root, "text", "tl-year")] == ["FY2027", "FY2028"]
    assert [t.text for t in of_class(root, "text", "tl-quarter")][:4] == ["Q1", "Q2", "Q3", "Q4"]
    calendar = parse(frame=replace(FRAME, zoom="year", start=date(2026, 1, 1), end=date(2027, 12, 31),
                                   fiscal_year_start_month=1))  # fmt: skip
    assert [t.text for t in of_class(calendar, "text", "tl-year")] == ["2026", "2027"]


YEAR = replace(FRAME, start=date(2026, 1, 1), end=date(2026, 12, 31))


def test_french_month_names_in_the_header_are_french_abbreviations() -> None:
    with translation.override("fr"):
        root = parse(frame=YEAR)
    assert [t.text for t in of_class(root, "text", "tl-month")] == [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ]  # fmt: skip


def test_english_month_names_in_the_header_have_no_full_stop(english: None) -> None:
    root = parse(frame=YEAR)
    assert [t.text for t in of_class(root, "text", "tl-month")] == [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]  # fmt: skip


def test_a_long_lane_name_wraps_to_two_lines_instead_of_being_cut() -> None:
    lanes = (Lane("", "Sans groupe thématique", colour="#6b7280"), Lane("acq", "Acquisition"))
    with translation.override("fr"):
        root = parse(Chart("x", lanes, (BRIEF._replace(lanes=("",)),)))
    long, short = (of_class(root, "g", "tl-lane")[i].find(f"{SVG}text") for i in (0, 1))
    assert long is not None and short is not None
    # A space ends the first line, so the page's text reads "Sans groupe thématique", not "groupethématique".
    assert [t.text for t in long.iter(f"{SVG}tspan")] == ["Sans groupe ", "thématique"]
    assert short.text == "Acquisition" and not list(short)


def test_a_lane_name_too_long_for_two_lines_ends_with_an_ellipsis() -> None:
    name = "Une très longue thématique qui ne tient pas sur deux lignes de la colonne"
    root = parse(Chart("x", (Lane("acq", name),), (BRIEF,)))
    label = of_class(root, "g", "tl-lane")[0].find(f"{SVG}text")
    assert label is not None
    lines = [t.text or "" for t in label.iter(f"{SVG}tspan")]
    assert len(lines) == 2 and lines[0] == "Une très longue " and lines[1].endswith("…")


def test_the_today_line_stands_in_the_middle_of_today() -> None:
    today = of_class(parse(), "g", "tl-today")[0]
    line = today.find(f"{SVG}line")
    assert line is not None
    per_day = PX_PER_DAY["quarter"]
    expected = NORMAL.label_width + (date(2026, 12, 2) - FRAME.start).days * per_day + per_day / 2
    assert float(line.get("x1", "")) == pytest.approx(expected, abs=0.06)  # one decimal in the SVG
    outside = parse(frame=replace(FRAME, today=date(2027, 3, 1)))
    assert of_class(outside, "g", "tl-today") == []


def test_titles_with_markup_characters_are_escaped() -> None:
    nasty = BRIEF._replace(title='R&D <launch> "now"', owner="<b>Bob</b>")
    text = render(replace(CHART, title="A & <B>", bars=(nasty, LAUNCH)), FRAME, interactive=True)
    root = ET.fromstring(text)  # would raise on a bare < or &
    group = bars(root)["brief"]
    assert group.get("aria-label", "").startswith('R&D <launch> "now", 7 Sep 2026 – 11 Sep 2026, <b>Bob</b>')
    assert "<launch>" not in text and "R&amp;D" in text
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "A & <B>"


def test_interactive_bars_are_focusable_buttons_that_say_title_dates_owner_and_status() -> None:
    root = parse(interactive=True, help_id="help")
    group = bars(root)["brief"]
    assert (group.get("tabindex"), group.get("role")) == ("0", "button")
    assert group.get("aria-label") == "Brief, 7 Sep 2026 – 11 Sep 2026, Alice, planned"
    assert group.get("aria-describedby") == "help"
    assert (group.get("data-start"), group.get("data-end"), group.get("data-version")) == (
        "2026-09-07",
        "2026-09-11",
        "1",
    )
    assert root.get("role") == "group"


def test_a_static_chart_is_one_image_without_handles_or_tab_stops() -> None:
    root = parse()
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "tl-title tl-desc"
    assert all(g.get("tabindex") is None for g in bars(root).values())
    assert root.find(f"{SVG}desc") is not None


def test_an_activity_serving_two_objectives_appears_in_both_lanes_but_is_one_tab_stop() -> None:
    lanes = (Lane("conv", "Conversion"), Lane("loyal", "Loyalty"))
    both = BRIEF._replace(lanes=("conv", "loyal"))
    root = parse(Chart("x", lanes, (both,)), interactive=True)
    copies = [g for g in root.iter(f"{SVG}g") if g.get("data-key") == "brief"]
    assert len(copies) == 2
    assert [g.get("tabindex") for g in copies] == ["0", None]
    assert copies[1].get("data-copy") == "true"


def test_missed_milestones_are_red_with_a_label() -> None:
    marks = (
        MilestoneMark("audit", "Audit", date(2026, 9, 15), missed=True),
        MilestoneMark("go", "Go", date(2026, 12, 20)),
    )
    root = parse(replace(CHART, milestones=marks))
    groups = {g.get("data-key"): g for g in of_class(root, "g", "tl-milestone")}
    missed, upcoming = groups["audit"], groups["go"]
    assert missed.get("data-missed") == "true"
    diamond = missed.find(f"{SVG}polygon")
    assert diamond is not None and diamond.get("fill") == "#b91c1c"
    assert missed.find(f"{SVG}text").text == "Audit (missed)"  # type: ignore[union-attr]
    assert upcoming.find(f"{SVG}polygon").get("fill") != "#b91c1c"  # type: ignore[union-attr]


def test_activities_without_dates_are_listed_beside_the_chart_as_not_scheduled() -> None:
    waiting = bar("someday", None, None)
    root = parse(replace(CHART, bars=(BRIEF, waiting)))
    assert "someday" not in bars(root)
    side = of_class(root, "g", "tl-unscheduled")[0]
    texts = ["".join(t.itertext()) for t in side.iter(f"{SVG}text")]
    assert texts[0] == "Not scheduled (1)"
    assert "Someday" in texts[1]


def test_status_shows_as_look_and_as_words() -> None:
    done = BRIEF._replace(status="done", status_label="done")
    dropped = LAUNCH._replace(status="dropped", status_label="dropped")
    found = bars(parse(replace(CHART, bars=(done, dropped)), replace(FRAME, zoom="month")))  # room for text
    assert found["brief"].find(f"{SVG}text").text.startswith("✓")  # type: ignore[union-attr]
    assert found["launch"].find(f"{SVG}text").get("text-decoration") == "line-through"  # type: ignore[union-attr]
    assert float(body(found["launch"]).get("fill-opacity", "")) < float(
        body(found["brief"]).get("fill-opacity", "")
    )
    assert "dropped" in (found["launch"].find(f"{SVG}title").text or "")  # type: ignore[union-attr]


def test_compact_layout_is_shorter() -> None:
    assert float(parse(layout=COMPACT).get("height", "")) < float(parse().get("height", ""))


def test_two_charts_on_one_page_use_their_own_ids() -> None:
    root = parse(ids="ex")
    assert root.find(f".//{SVG}marker[@id='ex-arrow']") is not None
    assert of_class(root, "path", "tl-dependency")[0].get("marker-end") == "url(#ex-arrow)"


DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"  # the PDF's sans-serif


@pytest.mark.parametrize("layout", [NORMAL._replace(side_width=0), COMPACT], ids=["pdf", "executive"])
@pytest.mark.parametrize(
    "name",
    [
        "Augmenter le taux de conversion mobile de 20 % d’ici fin 2027",
        "Taux de réalisation — cycle de vie de l’expérience d’achat",
        "MODERNISATION DU CENTRE DE PRÉFÉRENCES",
        "Maintenance du site et des outils",
    ],
)
def test_a_lane_name_ends_a_gap_before_a_bar_that_starts_on_the_first_day(name: str, layout: Layout) -> None:
    first_day = bar("first", FRAME.start, date(2026, 8, 20))
    root = parse(Chart("x", (Lane("acq", name, ORANGE),), (first_day,)), layout=layout)
    assert float(body(bars(root)["first"]).get("x", "")) == layout.label_width
    label = of_class(root, "g", "tl-lane")[0].find(f"{SVG}text")
    assert label is not None
    lines = [t.text or "" for t in label.iter(f"{SVG}tspan")] or [label.text or ""]
    bold = ImageFont.truetype(DEJAVU_BOLD, layout.font)
    ends = [float(label.get("x", "")) + bold.getlength(line.rstrip()) for line in lines]
    assert max(ends) <= layout.label_width - 6, (lines, ends)


def test_a_bar_the_frame_cuts_has_an_arrow_head_at_each_cut_end_and_its_title_says_so() -> None:
    kept_up = bar("social", date(2025, 3, 3), date(2028, 6, 30), title="Social media")
    inside = bar("inside", date(2026, 9, 7), date(2026, 10, 30), title="Inside")
    ends = bar("ends", date(2026, 11, 2), date(2027, 5, 28), title="Goes on")
    chart = Chart("x", (Lane("acq", "Acquisition", ORANGE),), (kept_up, inside, ends))
    found = bars(parse(chart))  # the static picture: the page's image, the PDF's
    assert found["social"].get("data-clipped") == "start end"
    assert found["ends"].get("data-clipped") == "end"
    assert found["inside"].get("data-clipped") is None
    assert of_class(found["inside"], "polygon", "tl-more") == []
    for key, sides in (("social", ("left", "right")), ("ends", ("right",))):
        rect = body(found[key])
        x, width = float(rect.get("x", "")), float(rect.get("width", ""))
        tips = [
            max(float(point.split(",")[0]) for point in mark.get("points", "").split())
            for mark in of_class(found[key], "polygon", "tl-more")
        ]
        assert len(tips) == len(sides)
        expected = {"left": x + 8, "right": x + width - 2}  # the rightmost point: its back, its tip
        assert sorted(tips) == sorted(expected[side] for side in sides)
    title = found["social"].find(f"{SVG}title")
    assert title is not None and (title.text or "").endswith(
        ", began before 1 Aug 2026, continues after 31 Jan 2027"
    )
    assert (found["inside"].find(f"{SVG}title").text or "").endswith("planned")  # type: ignore[union-attr]


def test_the_chart_names_the_face_its_words_are_measured_in() -> None:
    assert parse().get("font-family") == "DejaVu Sans, sans-serif"
