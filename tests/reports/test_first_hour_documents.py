"""The deliverable of a framing's first hour: a new roadmap holding only what a consultant typed."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import make_roadmap, make_team

pytestmark = pytest.mark.django_db

EMPTY = {
    "fr": ("Aucun indicateur ne suit encore cet objectif.", "Aucun jalon pour l’instant.",
           "Aucune activité pour l’instant.", "Aucun risque pour l’instant.",
           "Aucun membre de l’équipe pour l’instant.", "Aucune communication prévue pour l’instant.",
           "Aucune activité datée pour l’instant."),
    "en": ("No KPI tracks this objective yet.", "No milestone yet.", "No activity yet.", "No risk yet.",
           "No team member yet.", "No communication planned yet.", "No dated activity yet."),
}  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_markdown_of_a_new_roadmap_says_what_is_not_there_yet(language: str) -> None:
    """An empty section once came out as a table of headers alone (six of them for a new roadmap)."""
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report
    from jalon.strategy import services as strategy

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    strategy.create_objective(actor=team.owner, roadmap=roadmap, title="Proposition 7")
    options = ReportOptions(language=language)
    text = render_report(actor=team.owner, roadmap=roadmap, fmt="md", options=options).content.decode()
    lines = text.splitlines()
    headed = [lines[n - 1] for n, line in enumerate(lines) if line.startswith("|---")]
    bodies = [lines[n + 1] for n, line in enumerate(lines) if line.startswith("|---")]
    assert all(body.startswith("| ") for body in bodies), headed  # every table has a row under its headers
    for sentence in EMPTY[language]:
        assert sentence in text


@pytest.mark.parametrize(("language", "said"), [("fr", ("Objectifs", "Aucun persona pour l’instant.")),
                                                 ("en", ("Objectives", "No persona yet."))])  # fmt: skip
def test_the_markdown_of_a_framing_without_personas_keeps_the_kickoffs_objectives(
    language: str, said
) -> None:
    """The Markdown left out the kick-off's objectives (the PDF and the deck show them) and wrote the personas
    as a table of headers alone before any persona."""
    from jalon.framing import services
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    services.update_framing(
        actor=team.owner, framing=framing, expected_version=framing.version,
        changes={"objectives": "+10 % de réachat « en 2027 »"},
    )  # fmt: skip
    options = ReportOptions(language=language, sections=("framing",))
    text = render_report(actor=team.owner, roadmap=roadmap, fmt="md", options=options).content.decode()
    colon = "\u00a0:" if language == "fr" else ":"
    assert f"**{said[0]}**{colon} +10 % de réachat « en 2027 »" in text
    assert said[1] in text and "|---" not in text


def test_an_experience_maps_name_is_on_the_page_of_its_picture(tmp_path) -> None:
    """Five personas from orders and one written by hand with a long name pushed the journey's heading and
    name to the foot of a page, its picture to the next one."""
    from jalon.framing import services
    from jalon.framing.models import JourneyStep, Persona, Workshop
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report
    from tests.engines.samples import CDNOW_SAMPLE
    from tests.reports.conftest import page_texts

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    services.update_framing(
        actor=team.owner, framing=framing, expected_version=framing.version, changes={"stakes": "Fidéliser"}
    )
    for kind, day in (("kickoff", date(2027, 1, 1)), ("plan", date(2027, 12, 31))):
        services.create(Workshop, actor=team.owner, framing=framing, kind=kind, day=day)
    name = "Céline l’exigeante" + " qui compare tout avant d’acheter" * 5
    persona = services.create(Persona, actor=team.owner, framing=framing, name=name)
    orders = services.read_orders_upload(CDNOW_SAMPLE.read_bytes(), filename=CDNOW_SAMPLE.name)
    services.seed_personas(actor=team.owner, roadmap=roadmap, orders=orders, filename=CDNOW_SAMPLE.name)
    services.create(
        JourneyStep, actor=team.owner, framing=framing, persona=persona, name="Découverte", feels=-2
    )
    options = ReportOptions(language="fr", sections=("framing",))
    pages = page_texts(
        render_report(actor=team.owner, roadmap=roadmap, fmt="pdf", options=options).content, tmp_path
    )
    [captioned] = [page for page in pages if "Cartes d’expérience" in page]
    assert "Ressent" in captioned and "Découverte" in captioned  # the picture's own words


def test_a_long_persona_name_fits_its_card_and_its_maps_title_in_the_deck() -> None:
    """A persona of 196 characters ran out of its card and pushed its experience map's title off the top of
    the slide (LibreOffice drew both); the notes keep the whole name."""
    import io

    from pptx import Presentation

    from jalon.framing import services
    from jalon.framing.models import JourneyStep, Persona
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    name = "Céline l’exigeante « urbaine »" + " qui compare tout avant d’acheter" * 5
    persona = services.create(Persona, actor=team.owner, framing=framing, name=name)
    services.create(JourneyStep, actor=team.owner, framing=framing, persona=persona, name="Découverte")
    options = ReportOptions(language="fr", sections=("framing",))
    deck = render_report(actor=team.owner, roadmap=roadmap, fmt="pptx", options=options).content
    slides = list(Presentation(io.BytesIO(deck)).slides)
    texts = [shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame]
    headings = [text for text in texts if text.startswith("Céline")]
    titles = [text for text in texts if text.startswith("Carte d’expérience")]
    assert headings and all(len(text) <= 44 for text in headings), headings
    assert titles and all(len(text) <= 90 for text in titles), titles
    notes = [slide.notes_slide.notes_text_frame.text for slide in slides if slide.has_notes_slide]
    assert sum(name in text for text in notes) == 2  # the personas' slide and the map's


def test_the_decks_framing_slide_does_not_say_no_persona_beside_the_personas() -> None:
    """With personas but no kick-off written, the deck's *Framing* slide said « No persona yet. »."""
    import io

    from pptx import Presentation

    from jalon.framing import services
    from jalon.framing.models import Persona
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    services.create(Persona, actor=team.owner, framing=framing, name="Nobody")
    options = ReportOptions(language="en", sections=("framing",))
    deck = render_report(actor=team.owner, roadmap=roadmap, fmt="pptx", options=options).content
    texts = [s.text_frame.text for slide in Presentation(io.BytesIO(deck)).slides for s in slide.shapes
             if s.has_text_frame]  # fmt: skip
    assert "No persona yet." not in texts and "The kick-off is not written yet." in texts
