"""The framing in the documents: personas with their RFM figures, the experience map, the animation calendar
and the vote results, in the PDF (pdftotext, pdftoppm) and the deck (python-pptx, LibreOffice), in French
and English, chosen like any other section."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from django.utils import translation

from jalon.formatting import format_number, format_quantity
from tests.reports.conftest import JOURNEY, TODAY, keep_pages, page_texts, pdf_text, run


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_shows_the_personas_with_their_rfm_figures(framed, document, tmp_path) -> None:
    texts = page_texts(document("pdf", "fr"), tmp_path)
    framing_pages = _flat(" ".join(t for t in texts if "Cadrage" in t))
    personas = list(framed.personas.all())
    assert len(personas) >= 3
    with translation.override("fr"):
        for persona in personas:
            assert _flat(persona.name) in framing_pages
            assert _flat(format_number(persona.customers, decimals=0)) in framing_pages
            assert _flat(format_quantity(persona.revenue_share * 100, "%", decimals=0)) in framing_pages
    assert "Part du chiffre d’affaires" in framing_pages and "Panier moyen" in framing_pages
    assert "commandes-cloud-kicks.csv" in framing_pages


def test_the_pdf_draws_the_experience_map_and_lists_its_steps(framed, document, tmp_path) -> None:
    text = _flat(pdf_text(document("pdf", "fr"), tmp_path))
    assert "Cartes d’expérience" in text
    for name, touchpoint, *_rest in JOURNEY:
        assert name in text and touchpoint in text
    assert "Frais de port surprises" in text  # a pain point, in the table under the picture


def test_the_pdf_shows_the_animation_calendar_and_the_vote_results(framed, document, tmp_path) -> None:
    text = _flat(pdf_text(document("pdf", "fr"), tmp_path))
    assert "Calendrier d’animation" in text
    assert "Août 2026" in text and "Juillet 2027" in text  # the plan year, month by month
    assert "E-mail" in text and "SMS" in text  # the channels the plan uses, as columns
    assert "Semaines au-delà du plafond" in text
    assert "Relance panier abandonné — panier abandonné" in text  # sent on an event: listed apart
    vote = framed.votes.get()
    assert _flat(vote.title) in text
    winner = vote.options.order_by("position")[0]
    assert f"{_flat(winner.title)} 5 4" in text  # 5 points from 4 voters, the first line of the results


def test_the_framing_pages_are_drawn_and_kept(framed, document, tmp_path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(document("pdf", "fr"))
    texts = page_texts(path.read_bytes(), tmp_path)

    def first_page(words: str) -> int:
        return next(n for n, text in enumerate(texts, start=1) if words in text)

    pages = {"personas": first_page("Personae"), "journey": first_page("Cartes d’expérience"),
             "calendar": first_page("Calendrier d’animation")}  # fmt: skip
    keep_pages(path, pages, tmp_path, "pdf-framing")
    for name in pages:
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000


def test_the_journey_picture_is_the_pages_own_and_nothing_else_is_fetched(framed, demo) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.pdf import StaticOnlyFetcher, html_to_pdf, pictures_of, report_html

    persona = framed.personas.first()
    persona.quote = '<img src="http://127.0.0.1:9/spy.png"> file:///etc/passwd'
    persona.save()
    report = collect_report(demo.roadmap, ReportOptions(sections=("framing",)), today=TODAY)
    assert report.framing is not None
    journey = report.framing.journeys[0]
    assert journey.svg.startswith("<svg") and "journey-map" in journey.svg
    fetcher = StaticOnlyFetcher(pictures_of(report))
    html_to_pdf(report_html(report), fetcher=fetcher)
    assert fetcher.refused == []
    assert f"picture:journey-{persona.key}" in fetcher.fetched
    assert all(url.startswith("picture:") or "/static/" in url for url in fetcher.fetched)


def test_the_deck_has_native_persona_cards_a_drawn_journey_and_tables(framed, document) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_AUTO_SHAPE_TYPE, MSO_SHAPE_TYPE

    deck = Presentation(io.BytesIO(document("pptx", "fr")))
    slides = {slide.shapes.title.text: slide for slide in deck.slides if slide.shapes.title is not None}
    assert "Cadrage" in slides and "Calendrier d’animation" in slides
    cards = [
        shape
        for slide in deck.slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and shape.name.startswith("Persona\u00a0: ")
    ]
    names = [persona.name for persona in framed.personas.all()]
    assert sorted(card.name.removeprefix("Persona\u00a0: ") for card in cards) == sorted(names)
    persona_text = " ".join(
        cell.text
        for slide in deck.slides
        if slide.shapes.title is not None and slide.shapes.title.text.startswith("Personae")
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    )
    assert "Panier moyen" in persona_text and "Récence moyenne" in persona_text
    journey = slides[f"Carte d’expérience\u00a0: {names[0]}"]
    dots = [s for s in journey.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
            and s.auto_shape_type == MSO_AUTO_SHAPE_TYPE.OVAL]  # fmt: skip
    assert len(dots) == len(JOURNEY)
    assert "Frais de port surprises" in journey.notes_slide.notes_text_frame.text
    calendar = next(s for s in slides["Calendrier d’animation"].shapes if s.has_table).table
    assert len(calendar.rows) == 1 + 12 + 1  # header, the plan year's months, total
    assert calendar.cell(1, 0).text == "Août 2026"
    vote = next(s for title, slide in slides.items() if title.startswith("Vote") for s in slide.shapes
                if s.has_table).table  # fmt: skip
    assert vote.cell(1, 1).text == "5"  # the demo's three ballots and the owner's: 2 + 1 + 1 + 1
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures == []


def test_the_french_deck_quotes_a_persona_between_guillemets_with_no_break_spaces(demo, framed) -> None:
    from pptx import Presentation

    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    persona = framed.personas.first()
    persona.quote = "Je veux des chaussures qui durent"
    persona.save()
    # Rendered here, not through the ``document`` fixture: its decks are made once for every test, before
    # this quote was written.
    made = render_report(
        actor=None, roadmap=demo.roadmap, fmt="pptx", options=ReportOptions(language="fr"), today=TODAY
    )
    deck = Presentation(io.BytesIO(made.content))
    said = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert "«\u00a0Je veux des chaussures qui durent\u00a0»" in said


def test_libreoffice_draws_the_framing_slides(framed, document, drawn_deck, tmp_path: Path) -> None:
    from pptx import Presentation

    titles = [
        s.shapes.title.text if s.shapes.title is not None else ""
        for s in Presentation(io.BytesIO(document("pptx", "fr"))).slides
    ]
    pdf = drawn_deck("fr")
    text = _flat(run("pdftotext", pdf, "-").stdout.decode())
    assert framed.personas.first().name in text and "Calendrier d’animation" in text
    journey = next(n for n, t in enumerate(titles, 1) if t.startswith("Carte d’expérience"))
    pages = {"personas": titles.index("Personae (1/2)") + 1, "journey": journey,
             "calendar": titles.index("Calendrier d’animation") + 1}  # fmt: skip
    keep_pages(pdf, pages, tmp_path, "pptx-framing")


def test_the_english_framing_is_in_english(framed, document, tmp_path) -> None:
    text = _flat(pdf_text(document("pdf", "en"), tmp_path))
    assert "Framing" in text and "Animation calendar" in text and "Experience maps" in text
    assert "Share of revenue" in text and "August 2026" in text
    assert "Cadrage" not in text and "Calendrier d’animation" not in text


def test_the_framing_is_a_section_to_choose(framed, demo) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.options import BUILT_IN_PRESETS, ReportOptions

    without = collect_report(demo.roadmap, ReportOptions(sections=("vision",)), today=TODAY)
    assert not without.shows("framing") and without.framing is None
    chosen = collect_report(demo.roadmap, ReportOptions(sections=("vision", "framing")), today=TODAY)
    assert chosen.shows("framing") and chosen.framing is not None
    assert all("framing" in options.sections for _label, options in BUILT_IN_PRESETS.values())


def test_a_roadmap_without_framing_has_no_framing_section(team) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.markdown import report_markdown
    from jalon.reports.options import ReportOptions
    from tests.factories import make_roadmap

    roadmap = make_roadmap(team.workspace, team.owner)
    report = collect_report(roadmap, ReportOptions(), today=TODAY)
    assert report.framing is None and not report.shows("framing")
    assert "Cadrage" not in report_markdown(report)


def test_the_markdown_has_the_personas_and_the_vote(framed, demo) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.markdown import report_markdown
    from jalon.reports.options import ReportOptions

    text = report_markdown(collect_report(demo.roadmap, ReportOptions(sections=("framing",)), today=TODAY))
    assert "## Cadrage" in text and "### Personae" in text
    for persona in framed.personas.all():
        assert persona.name in text
    assert "| Frais de port surprises |" in text
    assert "### Vote\u00a0: Quels objectifs pour la feuille de route\u00a0?" in text


def test_the_workshops_and_the_prototypes_shown_there_are_in_the_deliverable(
    framed, demo, settings, tmp_path
) -> None:
    """The final deliverable lists each prototype, its workshop, status and comments: PDF, deck, Markdown."""
    from PIL import Image
    from pptx import Presentation

    from jalon.framing.models import Stakeholder, Workshop
    from jalon.framing.services.prototypes import add_prototype
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.pdf import report_html
    from jalon.reports.services import render_report

    settings.MEDIA_ROOT = tmp_path
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 220, 255)).save(picture, format="PNG")
    workshop = Workshop.objects.create(
        framing=framed,
        kind="prototypes",
        day=date(2026, 12, 15),
        place="Salle Eiffel",
        deliverable="Maquettes",
    )
    Stakeholder.objects.create(framing=framed, name="Inès Moreau").workshops.add(workshop)
    add_prototype(
        actor=None, framing=framed, title="Maquette e-mail de bienvenue", data=picture.getvalue(),
        file_name="bienvenue.png", workshop=workshop, comments="Bouton trop discret",
    )  # fmt: skip
    options = ReportOptions(sections=("framing",), language="fr")
    html = _flat(report_html(collect_report(demo.roadmap, options, today=TODAY)))
    assert '<h3 id="framing-prototypes">Prototypes</h3>' in html
    assert (
        "<tr><td>Prototypes</td><td><time>15/12/2026</time></td><td>Salle Eiffel</td><td>Inès Moreau</td>"
        '<td class="status">prévu</td><td>Maquettes</td></tr>'
    ) in html
    assert (
        '<td>Maquette e-mail de bienvenue<div class="muted">bienvenue.png</div></td>'
        "<td>Prototypes (15 décembre 2026)</td><td>brouillon</td><td>Bouton trop discret</td>"
    ) in html
    made = render_report(actor=None, roadmap=demo.roadmap, fmt="pptx", options=options, today=TODAY)
    deck = Presentation(io.BytesIO(made.content))
    slide = next(s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text == "Prototypes")
    grid = next(shape.table for shape in slide.shapes if shape.has_table)
    assert [cell.text for cell in grid.rows[1].cells] == [
        "Maquette e-mail de bienvenue", "Prototypes (15 décembre 2026)", "brouillon", "Bouton trop discret",
    ]  # fmt: skip
    calendar = next(
        s
        for s in deck.slides
        if s.shapes.title is not None and s.shapes.title.text == "Calendrier des ateliers"
    )
    rows = [
        [cell.text for cell in row.cells]
        for row in next(sh.table for sh in calendar.shapes if sh.has_table).rows
    ]
    assert ["Prototypes", "15/12/2026", "Salle Eiffel", "Inès Moreau", "prévu", "Maquettes"] in rows
    markdown = render_report(actor=None, roadmap=demo.roadmap, fmt="md", options=options).content.decode()
    assert "| Prototypes | 15/12/2026 | Salle Eiffel | Inès Moreau | prévu | Maquettes |" in markdown
    assert "### Prototypes" in markdown
    assert (
        "| Maquette e-mail de bienvenue (bienvenue.png) | Prototypes (15 décembre 2026) | brouillon "
        "| Bouton trop discret |" in markdown
    )


def test_a_short_experience_map_keeps_its_own_size_in_the_pdf(demo, framed) -> None:
    """One step drawn across the whole page made its labels as tall as a title: a map is never enlarged."""
    from weasyprint import HTML

    from jalon.framing.models import JourneyStep
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.pdf import STATIC_DIR, StaticOnlyFetcher, pictures_of, report_html

    persona = framed.personas.first()
    JourneyStep.objects.filter(persona=persona).exclude(
        pk=JourneyStep.objects.filter(persona=persona)[0].pk
    ).delete()
    report = collect_report(demo.roadmap, ReportOptions(sections=("framing",)), today=TODAY)
    fetcher = StaticOnlyFetcher(pictures_of(report))
    document = HTML(
        string=report_html(report), base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher
    ).render()

    def images(box: Any) -> Iterator[Any]:
        if getattr(box, "element_tag", "") == "img":
            yield box
        for child in getattr(box, "children", []) or []:
            yield from images(child)

    journey = [img for page in document.pages for img in images(page._page_box)
               if "journey" in (img.element.get("src") or "")]  # fmt: skip
    assert len(journey) == 1
    page_width = document.pages[0].width
    assert journey[0].width < page_width / 2  # its own 350-odd pixels, not the page's width
