"""The 5 × 5 risk matrix SVG: valid, self-contained, each risk numbered in its cell, coloured by level with a
legend in words, and the same picture whatever order the risks come in."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from django.utils.translation import gettext

from jalon.planning.registers.risk_matrix import CELL, LEFT, PlacedRisk, level, risk_matrix

SVG = "{http://www.w3.org/2000/svg}"
RISKS = [
    PlacedRisk(1, "Retard de l'agence", probability=4, impact=5),
    PlacedRisk(2, "Budget média réduit", probability=3, impact=3),
    PlacedRisk(3, "Départ d'un développeur", probability=1, impact=2),
]


def parse(risks: list[PlacedRisk]) -> ET.Element:
    with translation.override("en"):
        return ET.fromstring(str(risk_matrix(risks)))


def cell(svg: ET.Element, probability: int, impact: int) -> ET.Element:
    found = [
        r for r in svg.iter(f"{SVG}rect")
        if r.get("data-probability") == str(probability) and r.get("data-impact") == str(impact)
    ]  # fmt: skip
    assert len(found) == 1
    return found[0]


def markers(svg: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-number", ""): g for g in svg.iter(f"{SVG}g") if g.get("class") == "risk-marker"}


def inside(marker: ET.Element, rect: ET.Element) -> bool:
    circle = marker.find(f"{SVG}circle")
    assert circle is not None
    x, y = float(circle.get("cx", 0)), float(circle.get("cy", 0))
    left, top = float(rect.get("x", 0)), float(rect.get("y", 0))
    return left < x < left + CELL and top < y < top + CELL


def test_the_matrix_is_an_accessible_self_contained_svg() -> None:
    svg = parse(RISKS)
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == "Risk matrix: probability × impact"
    assert svg.get("aria-labelledby") == "risk-matrix-title risk-matrix-desc"
    assert "Retard de l'agence: probability 4, impact 5, high" in (svg.findtext(f"{SVG}desc") or "")
    assert not svg.findall(f".//{SVG}style") and not svg.findall(f".//{SVG}image")


def test_there_are_25_cells_coloured_by_level() -> None:
    svg = parse([])
    cells = [r for r in svg.iter(f"{SVG}rect") if (r.get("class") or "").startswith("cell ")]
    assert len(cells) == 25
    assert cell(svg, 1, 1).get("class") == "cell level-low"
    assert cell(svg, 3, 3).get("class") == "cell level-medium"
    assert cell(svg, 5, 5).get("class") == "cell level-high"
    assert len({c.get("fill") for c in cells}) == 3


def test_each_risk_is_a_numbered_marker_in_its_own_cell() -> None:
    svg = parse(RISKS)
    found = markers(svg)
    assert set(found) == {"1", "2", "3"}
    for risk in RISKS:
        marker = found[str(risk.number)]
        assert marker.findtext(f"{SVG}text") == str(risk.number)
        assert inside(marker, cell(svg, risk.probability, risk.impact))
        assert not inside(marker, cell(svg, risk.impact, risk.probability)) or risk.probability == risk.impact


def test_probability_grows_upwards_and_impact_to_the_right() -> None:
    svg = parse([])
    assert float(cell(svg, 5, 1).get("y", 0)) < float(cell(svg, 1, 1).get("y", 0))
    assert float(cell(svg, 1, 5).get("x", 0)) > float(cell(svg, 1, 1).get("x", 0))


def test_risks_sharing_a_cell_do_not_overlap() -> None:
    same = [PlacedRisk(n, f"R{n}", probability=2, impact=2) for n in range(1, 5)]
    svg = parse(same)
    centres = {
        (c.get("cx"), c.get("cy"))
        for g in markers(svg).values()
        for c in g.iter(f"{SVG}circle")
    }  # fmt: skip
    assert len(centres) == 4
    assert all(inside(g, cell(svg, 2, 2)) for g in markers(svg).values())


def test_a_crowded_cell_says_how_many_more_the_list_holds() -> None:
    crowd = [PlacedRisk(n, f"R{n}", probability=5, impact=5) for n in range(1, 13)]
    svg = parse(crowd)
    assert len(markers(svg)) == 8
    overflow = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "risk-overflow"]
    assert len(overflow) == 1 and overflow[0].findtext(f"{SVG}text") == "+4"
    legend = [t for t in svg.iter(f"{SVG}text") if t.get("data-number")]
    assert len(legend) == 12  # every risk is still in the list


def test_the_legend_lists_every_risk_with_its_score_and_the_levels_in_words() -> None:
    svg = parse(RISKS)
    lines = [t.text for t in svg.iter(f"{SVG}text") if t.get("data-number")]
    assert lines == [
        "1. Retard de l'agence — 4 × 5 = 20",
        "2. Budget média réduit — 3 × 3 = 9",
        "3. Départ d'un développeur — 1 × 2 = 2",
    ]
    levels = ["".join(g.itertext()) for g in svg.iter(f"{SVG}g") if g.get("class") == "level-legend"]
    assert levels == ["Low (1–4)", "Medium (5–9)", "High (10–25)"]


def test_the_legend_is_in_french_in_french() -> None:
    with translation.override("fr"):
        svg = ET.fromstring(str(risk_matrix(RISKS)))
        words = (gettext("Probability"), gettext("Risk matrix: probability × impact"))
    assert words[0] in "".join(svg.itertext())
    assert svg.findtext(f"{SVG}title") == words[1]


def test_the_same_risks_in_any_order_give_the_same_picture() -> None:
    shuffled = RISKS[:]
    random.Random(3).shuffle(shuffled)
    with translation.override("en"):
        assert str(risk_matrix(RISKS)) == str(risk_matrix(shuffled))


def test_titles_are_escaped() -> None:
    svg = parse([PlacedRisk(1, '<script>alert("x")</script> & co', probability=1, impact=1)])
    assert not list(svg.iter(f"{SVG}script"))
    assert '<script>alert("x")</script> & co' in "".join(svg.itertext())


def test_a_long_title_is_wrapped_in_the_legend_rather_than_cut_at_the_pictures_edge() -> None:
    """The legend cut a title at 70 characters, and its line still ran past the picture's right edge (the PDF
    and the page lost the score). It is wrapped now, within the picture, and whole up to 200 characters."""
    title = (
        "Le prestataire d'hébergement ne livre pas la nouvelle plateforme avant la période des soldes d'hiver"
    )
    unbroken = "Risque" + "X" * 186 + "-fin-200"  # 200 characters, no space to break at
    svg = parse(
        [PlacedRisk(1, title, probability=2, impact=3), PlacedRisk(2, unbroken, probability=5, impact=5)]
    )
    width = float(svg.get("width") or 0)
    for number, whole in (("1", f"1. {title} — 2 × 3 = 6"), ("2", f"2. {unbroken} — 5 × 5 = 25")):
        line = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "risk-line"
                    and g.find(f"{SVG}text[@data-number='{number}']") is not None)  # fmt: skip
        texts = [t.text or "" for t in line.iter(f"{SVG}text")]
        assert len(texts) > 1 and " ".join(texts).replace(" ", "") == whole.replace(" ", "")  # all of it
        assert all(LEFT + drawn_width(t) <= width for t in texts)  # each line within the picture
        assert line.findtext(f"{SVG}title") == whole
    assert title in (markers(svg)["1"].findtext(f"{SVG}title") or "")
    bottom = max(float(t.get("y") or 0) for t in svg.iter(f"{SVG}text"))
    assert bottom < float(svg.get("height") or 0)  # the picture grows with its lines


def drawn_width(text: str) -> float:
    """How wide DejaVu Sans (the PDF's font) draws ``text`` at the legend's 13 pixels (FreeType's measure)."""
    from PIL import ImageFont

    return float(ImageFont.truetype("DejaVuSans.ttf", 13).getlength(text))


def test_a_risks_score_is_never_broken_and_a_line_takes_what_fits_the_picture() -> None:
    """The PDF's legend broke « Données clients plus dégradées que prévu — 4 » / « × 3 = 12 », lines a
    third shorter than the picture: a line now takes what DejaVu Sans draws within it, and the score stays
    whole, with the title's last word when it goes to a line of its own."""
    risks = [
        PlacedRisk(1, "Retard de l’intégration du centre de préférences au CRM", probability=3, impact=4),
        PlacedRisk(2, "Données clients plus dégradées que prévu", probability=4, impact=3),
        PlacedRisk(3, "Wm" * 40, probability=2, impact=2),  # the widest letters, no space
    ]
    svg = parse(risks)
    lines = {
        g.find(f"{SVG}text").get("data-number"): [t.text or "" for t in g.iter(f"{SVG}text")]  # type: ignore[union-attr]
        for g in svg.iter(f"{SVG}g")
        if g.get("class") == "risk-line"
    }
    assert lines["1"] == ["1. Retard de l’intégration du centre de préférences au", "CRM — 3 × 4 = 12"]
    assert lines["2"] == ["2. Données clients plus dégradées que prévu — 4 × 3 = 12"]
    assert lines["3"][-1].endswith("— 2 × 2 = 4") and len(lines["3"]) == 3
    width = float(svg.get("width") or 0)
    assert all(LEFT + drawn_width(text) <= width for texts in lines.values() for text in texts)


def test_a_title_beyond_five_lines_ends_with_an_ellipsis_and_is_whole_in_its_tooltip() -> None:
    title = "mot " * 100
    svg = parse([PlacedRisk(1, title.strip(), probability=1, impact=1)])
    line = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "risk-line")
    texts = [t.text or "" for t in line.iter(f"{SVG}text")]
    assert len(texts) == 5 and texts[-1].endswith("…")
    assert (line.findtext(f"{SVG}title") or "").startswith("1. mot mot")


def test_an_empty_matrix_says_there_is_nothing_to_place() -> None:
    svg = parse([])
    assert not markers(svg)
    assert "No risk to place." in "".join(svg.itertext())


@pytest.mark.parametrize(("probability", "impact", "expected"), [
    (1, 4, "low"), (2, 2, "low"), (1, 5, "medium"), (3, 3, "medium"), (2, 5, "high"), (5, 5, "high"),
])  # fmt: skip
def test_levels_follow_the_severity(probability: int, impact: int, expected: str) -> None:
    assert level(probability, impact) == expected


def test_a_risk_off_the_scale_is_refused() -> None:
    with pytest.raises(ValueError):
        PlacedRisk(1, "X", probability=0, impact=6)
