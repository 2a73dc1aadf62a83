"""Experience maps: steps per persona edited in a table and drawn as an SVG with the emotion curve."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from jalon.errors import ValidationFailed
from jalon.framing import services
from jalon.framing.journey_svg import journey_svg
from jalon.framing.models import JourneyStep, Persona

PAGE = "/w/cloud-kicks/r/cloud-kicks/framing/journeys/"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def persona(members, demo) -> Persona:
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    return services.create(Persona, actor=members["editor"], framing=framing, name="Sportive urbaine")


def test_an_editor_adds_steps_and_the_picture_draws_one_point_per_step(
    client: Client, members, persona
) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "fr"
    for name, feels in (("Découverte", 1), ("Achat <en ligne>", -2), ("Livraison", 2)):
        response = client.post(
            PAGE,
            {
                "op": "step",
                "persona": persona.pk,
                "name": name,
                "kind": "digital",
                "feels": str(feels),
                "pains": "Frais & délais",
            },
        )
        assert response.status_code == 302 and response["Location"].endswith(f"?persona={persona.key}")
    page = client.get(PAGE + f"?persona={persona.key}").content.decode()
    svg = ET.fromstring(page[page.index("<svg") : page.index("</svg>") + 6])
    assert len(svg.findall(f"{SVG}circle")) == 3
    assert "Achat <en ligne>" in [t.text for t in svg.iter(f"{SVG}text")]
    assert "<h1>Cartes d’expérience</h1>" in page and "Experience maps" not in page


def test_a_score_outside_minus_two_to_two_is_refused(members, persona) -> None:
    with pytest.raises(ValidationFailed):
        services.create(
            JourneyStep, actor=members["editor"], framing=persona.framing, persona=persona, name="X", feels=3
        )
    assert not JourneyStep.objects.exists()


def test_a_stakeholder_reads_the_map_but_cannot_add_a_step(client: Client, members, persona) -> None:
    client.force_login(members["stakeholder"])
    assert client.get(PAGE).status_code == 200
    assert (
        client.post(
            PAGE, {"op": "step", "persona": persona.pk, "name": "X", "kind": "store", "feels": "0"}
        ).status_code
        == 403
    )


def test_the_svg_has_a_title_and_no_curve_for_one_step(persona) -> None:
    step = JourneyStep(framing=persona.framing, persona=persona, name="Visite", feels=0)
    svg = ET.fromstring(journey_svg([step], title="Carte"))
    assert svg.find(f"{SVG}title").text == "Carte"  # type: ignore[union-attr]
    assert svg.find(f"{SVG}polyline") is None


def test_a_long_step_label_is_cut_with_an_ellipsis_and_drawn_within_its_column(persona) -> None:
    """A 200-character step name was cut at 28 characters without a mark and ran over its neighbour's column
    (13 px bold capitals: some 250 px in a 170 px column): a cut label ends with « … » and one wider than its
    column is drawn to the column's width; a short one is left as it is."""
    long = "Z" * 200
    steps = [
        JourneyStep(
            persona=persona, name=long, touchpoint=long, kind="store", feels=1, pains=long, opportunities=long
        ),
        JourneyStep(
            persona=persona, name="Découvre la collection", touchpoint="Magasin de Lyon", kind="store"
        ),
    ]
    svg = ET.fromstring(journey_svg(steps, title="Carte"))
    texts = {node.text: node.attrib for node in svg.iter(f"{SVG}text")}
    cut = {text: attrs for text, attrs in texts.items() if text and "ZZ" in text}
    assert sorted(cut) == sorted(
        ["Z" * 27 + "…", "Z" * 21 + "… · magasin", "⚠ " + "Z" * 25 + "…", "→ " + "Z" * 25 + "…"]
    )
    assert all(attrs.get("textLength") == "160" for attrs in cut.values())
    assert "textLength" not in texts["Découvre la collection"]
    assert "textLength" not in texts["Magasin de Lyon · magasin"]
