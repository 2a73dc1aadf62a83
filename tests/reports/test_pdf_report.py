"""The PDF report opened by real readers: pdftotext reads it, pdftoppm draws every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.reports.conftest import TODAY, keep_pages, page_texts, pdf_text, run


def test_the_pdf_names_every_objective_and_writes_dates_in_french(demo, document, tmp_path) -> None:
    text = " ".join(pdf_text(document("pdf", "fr"), tmp_path).split())
    for objective in demo.roadmap.objectives.all():
        assert " ".join(objective.title.split()) in text
    assert "1er août 2026" in text and "31 janvier 2027" in text  # the horizon: French writes the 1st « 1er »
    assert not re.search(
        r"\b1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)", text
    )
    assert "Sommaire" in text and "Contents" not in text


def test_the_english_pdf_is_in_english_whatever_the_active_language(demo, document, tmp_path) -> None:
    from django.utils import translation

    with translation.override("fr"):
        text = " ".join(pdf_text(document("pdf", "en"), tmp_path).split())
    assert "Contents" in text and "Sommaire" not in text
    assert "1 August 2026" in text and "1st" not in text


def test_every_page_has_its_number_and_the_roadmap_name_in_its_header(demo, document, tmp_path) -> None:
    pages = pdf_text(document("pdf", "fr"), tmp_path).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) > 10
    for number, page in enumerate(pages[1:], start=2):  # the cover has neither
        assert f"{number} / {len(pages)}" in page
        assert demo.roadmap.title[:20].replace("\u00a0", " ") in page  # pdftotext writes U+00A0 as a space


def test_the_table_of_contents_gives_each_section_its_page(document, tmp_path) -> None:
    text = pdf_text(document("pdf", "fr"), tmp_path)
    contents = text.split("\f")[1]
    assert re.search(r"Risques \.{5,} ?\d+", contents)


def test_every_page_renders_as_an_image(document, tmp_path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(document("pdf", "fr"))
    run("pdftoppm", "-r", "40", "-png", path, tmp_path / "page")
    images = sorted(tmp_path.glob("page-*.png"))
    pages = pdf_text(path.read_bytes(), tmp_path).count("\f")
    assert len(images) == pages
    assert all(image.stat().st_size > 2_000 for image in images)
    texts = page_texts(path.read_bytes(), tmp_path)

    def first_page(words: str) -> int:
        return next(n for n, text in enumerate(texts, start=1) if words in text)

    landmarks = {
        "cover": 1,
        "smart": first_page("Avis du coach"),
        "timeline": first_page("Calendrier opérationnel (1/"),
        "risks": first_page("Plan d’urgence"),
    }
    keep_pages(path, landmarks, tmp_path, "pdf")


def test_timelines_are_on_landscape_pages(document, tmp_path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(document("pdf", "fr"))
    info = run("pdfinfo", "-f", "1", "-l", "40", path).stdout.decode()
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    landscape = [w for w, h in sizes if float(w) > float(h)]
    portrait = [w for w, h in sizes if float(w) < float(h)]
    assert landscape and portrait
    assert abs(float(portrait[0]) - 595.3) < 1  # A4


@pytest.mark.parametrize("link", ["http://127.0.0.1:9/tracker.png", "file:///etc/passwd"])
def test_links_in_user_text_are_neither_fetched_nor_embedded(demo, link: str, tmp_path: Path) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.pdf import StaticOnlyFetcher, html_to_pdf, report_html

    roadmap = demo.roadmap
    roadmap.vision = f'<img src="{link}"> <link rel="stylesheet" href="{link}"> url({link})'
    roadmap.save()
    options = ReportOptions(sections=("vision",))
    fetcher = StaticOnlyFetcher()
    pdf = html_to_pdf(report_html(collect_report(roadmap, options, today=TODAY)), fetcher=fetcher)
    assert fetcher.refused == []  # the text was escaped: nothing even asked for the link
    assert all("/static/" in url for url in fetcher.fetched)  # the report's own stylesheet only
    text = pdf_text(pdf, tmp_path)
    assert link in text  # shown as the characters the user typed
    assert "root:" not in text
    # The same link written as real HTML (as if a template forgot to escape) is refused, not fetched.
    raw = f'<p>before</p><img src="{link}"><iframe src="{link}"></iframe><p>after</p>'
    fetcher = StaticOnlyFetcher()
    pdf = html_to_pdf(raw, fetcher=fetcher)
    assert link in fetcher.refused and fetcher.fetched == []
    path = tmp_path / "raw.pdf"
    path.write_bytes(pdf)
    assert run("pdfimages", "-list", path).stdout.decode().count("\n") <= 2  # the header only: no image
    assert "root:" not in pdf_text(pdf, tmp_path)


def test_the_fetcher_reads_the_static_folder_and_nothing_else() -> None:
    from jalon.reports.pdf import STATIC_DIR, static_path

    assert static_path((STATIC_DIR / "jalon" / "report.css").as_uri()) is not None
    assert static_path((STATIC_DIR / "jalon" / ".." / ".." / "settings.py").as_uri()) is None
    assert static_path("file:///etc/passwd") is None
    assert static_path("http://example.com/jalon/report.css") is None
    assert static_path("data:text/plain,hello") is None
