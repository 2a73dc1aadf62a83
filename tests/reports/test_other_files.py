"""The deck, the calendar, the workbook and the Markdown opened by real readers: python-pptx and LibreOffice,
icalendar, openpyxl."""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest
from django.utils import translation

from tests.reports.conftest import ARTIFACTS, TODAY, run

FORMULA_CHARACTERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def test_the_deck_is_16_9_with_native_shapes_charts_and_notes(demo, document) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_AUTO_SHAPE_TYPE, MSO_SHAPE_TYPE

    deck = Presentation(io.BytesIO(document("pptx", "fr")))
    assert round(deck.slide_width / deck.slide_height, 2) == round(16 / 9, 2)
    shapes = [shape for slide in deck.slides for shape in slide.shapes]
    charts = [shape.chart for shape in shapes if shape.has_chart]
    assert {str(chart.chart_type) for chart in charts} >= {"LINE_MARKERS (65)", "COLUMN_CLUSTERED (51)"}
    autos = [s.auto_shape_type for s in shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    milestones = demo.roadmap.milestones.count()
    assert autos.count(MSO_AUTO_SHAPE_TYPE.DIAMOND) >= milestones
    assert autos.count(MSO_AUTO_SHAPE_TYPE.ROUNDED_RECTANGLE) >= demo.roadmap.themes.count()
    assert not [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]  # no picture of anything
    titles = [slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None]
    for objective in demo.roadmap.objectives.filter(parent__isnull=True):
        assert objective.title in titles
    assert "Prochaines étapes" in titles and "Risques" in titles
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide]
    assert any("Atteignable" in note for note in notes)  # the coach's reasons that do not fit the slide


@pytest.mark.parametrize(
    ("language", "first", "other"),
    [("fr", "1er août 2026", "31 janvier 2027"), ("en", "1 August 2026", "31 January 2027")],
)
def test_the_deck_writes_the_first_of_a_month_1er_in_french_only(document, language, first, other) -> None:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(document("pptx", language)))
    texts = " ".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
    )
    texts = " ".join(texts.split())
    assert first in texts and other in texts
    assert "1 août" not in texts.replace("31 août", "")


def test_libreoffice_converts_the_deck_to_pdf(drawn_deck, tmp_path) -> None:
    pdf = drawn_deck("fr")
    assert pdf.stat().st_size > 20_000
    run("pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "12", pdf, tmp_path / "slide")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for image in sorted(tmp_path.glob("slide-*.png"))[2:12:3]:
        shutil.copy(image, ARTIFACTS / f"pptx-{image.name}")
    text = run("pdftotext", pdf, "-").stdout.decode()
    assert "Calendrier" in text and "Prochaines étapes" in text


def test_the_calendar_holds_every_milestone_and_dated_activity(demo) -> None:
    from icalendar import Calendar

    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    made = render_report(actor=None, roadmap=demo.roadmap, fmt="ics", options=ReportOptions(sections=()))
    calendar = Calendar.from_ical(made.content)
    events = calendar.walk("VEVENT")
    uids = {str(event["UID"]) for event in events}
    domain = f"{demo.workspace.slug}.{demo.roadmap.slug}.jalon"
    for milestone in demo.roadmap.milestones.all():
        assert f"milestone-{milestone.key}@{domain}" in uids
    dated = demo.roadmap.activities.filter(start__isnull=False, end__isnull=False).exclude(status="dropped")
    assert {f"activity-{a.key}@{domain}" for a in dated} <= uids
    first = next(event for event in events if str(event["UID"]).startswith("activity-"))
    activity = demo.roadmap.activities.get(key=str(first["UID"]).split("@")[0].removeprefix("activity-"))
    assert first.decoded("DTSTART") == activity.start
    assert first.decoded("DTEND") == date.fromordinal(activity.end.toordinal() + 1)  # exclusive end


def test_no_workbook_cell_starts_with_a_formula_character(demo) -> None:
    from openpyxl import load_workbook

    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    objective = demo.roadmap.objectives.first()
    objective.title = '=HYPERLINK("http://evil.example","clic")'
    objective.specific = "＝1+1"
    objective.owner = "@SUM(A1)"
    objective.metric = "\tpadding"
    objective.save()
    kpi = demo.roadmap.kpis.first()
    kpi.name = "-2+3"
    kpi.save()
    made = render_report(actor=None, roadmap=demo.roadmap, fmt="xlsx", options=ReportOptions())
    workbook = load_workbook(io.BytesIO(made.content))
    texts = [
        cell.value
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert texts
    assert not [text for text in texts if text.startswith(FORMULA_CHARACTERS)]
    assert '\'=HYPERLINK("http://evil.example","clic")' in texts  # kept, as text
    assert not [
        cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.data_type == "f"
    ]
    smart = workbook.worksheets[0]
    deadlines = [row[8] for row in smart.iter_rows(min_row=2, values_only=True)]
    assert any(hasattr(day, "year") for day in deadlines)  # dates stay dates


def test_the_markdown_escapes_user_text_and_leaves_budgets_out_on_demand(demo) -> None:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    roadmap = demo.roadmap
    roadmap.vision = "A | B <script>alert(1)</script> *bold*"
    roadmap.save()
    made = render_report(actor=None, roadmap=roadmap, fmt="md", options=ReportOptions(include_budgets=False))
    text = made.content.decode()
    assert text.startswith(f"# {roadmap.title}")
    assert r"A \| B \<script\>alert(1)\</script\> \*bold\*" in text
    assert "## Groupes thématiques et budgets" not in text and "## Jalons" in text
    with_budgets = render_report(
        actor=None, roadmap=roadmap, fmt="md", options=ReportOptions()
    ).content.decode()
    assert "## Groupes thématiques et budgets" in with_budgets


def test_a_report_in_english_has_no_french_words_of_ours(demo) -> None:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    with translation.override("fr"):
        made = render_report(actor=None, roadmap=demo.roadmap, fmt="md", options=ReportOptions(language="en"))
    text = made.content.decode()
    assert "## SMART objectives" in text and "## Milestones" in text
    assert "Jalons" not in text and "Échéance" not in text


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_may_export_what_they_read(members, demo, role: str) -> None:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    made = render_report(actor=members[role], roadmap=demo.roadmap, fmt="md", options=ReportOptions())
    assert made.filename == "cloud-kicks-fr.md"


def test_an_outsider_cannot_export(members, demo) -> None:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report
    from jalon.workspaces.permissions import NotFound

    with pytest.raises(NotFound):
        render_report(actor=members["outsider"], roadmap=demo.roadmap, fmt="md", options=ReportOptions())


def test_bad_options_say_what_to_choose() -> None:
    from jalon.reports.options import BadOptions, ReportOptions

    with translation.override("fr"), pytest.raises(BadOptions, match="choisissez parmi fr, en"):
        ReportOptions(language="de")
    with pytest.raises(BadOptions, match="vision"):
        ReportOptions(sections=("vision", "gossip"))


def test_the_today_of_a_report_is_its_issue_date(demo) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions

    report = collect_report(demo.roadmap, ReportOptions(sections=("vision",)), today=TODAY)
    assert report.generated_on == TODAY and report.objectives == () and report.timeline_svgs == ()


@pytest.mark.parametrize("text", ["＝1+1", "＋33 1 23", "－5", "＠SUM(A1)", "=1+1", "\tx"])
def test_full_width_formula_characters_are_escaped_like_their_ascii_cousins(text: str) -> None:
    from jalon.documents.backlog_export import escape_formula, unescape_formula

    assert escape_formula(text) == f"'{text}"
    assert unescape_formula(escape_formula(text)) == text  # the backlog import reads it back as typed


def test_a_roadmap_without_strategies_says_so_in_its_chains_section(demo) -> None:
    """The PDF's and the Markdown's "Objectives, strategies and tactics" section is never a blank page."""
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.pdf import report_html
    from jalon.reports.services import render_report
    from jalon.strategy import services

    empty = services.create_roadmap(
        actor=None, workspace=demo.workspace, slug="vide", title="Vide", type="strategic",
        start=date(2026, 7, 1), end=date(2027, 6, 30),
    )  # fmt: skip
    options = ReportOptions(sections=("chains",))
    html = report_html(collect_report(empty, options, today=TODAY))
    assert '<section id="section-chains"' in html and "Aucune stratégie pour l’instant." in html
    risks = report_html(collect_report(empty, ReportOptions(sections=("risks",)), today=TODAY))
    assert (
        '<tr><td colspan="6" class="muted">Aucun risque pour l’instant.</td></tr>' in risks
    )  # not a bare header
    markdown = render_report(actor=None, roadmap=empty, fmt="md", options=options).content.decode()
    assert "Aucune stratégie pour l’instant." in markdown
    assert "Aucune stratégie" not in report_html(collect_report(demo.roadmap, options, today=TODAY))


def test_a_band_kpis_band_is_its_target_in_the_pdf_and_the_markdown(demo) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.pdf import report_html
    from jalon.reports.services import render_report
    from jalon.strategy import services

    objective = demo.roadmap.objectives.order_by("position").first()
    services.create_kpi(
        actor=None, roadmap=demo.roadmap, key="desabonnement", name="Désabonnement e-mail", unit="%",
        direction="band", target_low=0.2, target_high=0.5, frequency="weekly", objective=objective,
    )  # fmt: skip
    options = ReportOptions(sections=("objectives",))
    html = " ".join(
        report_html(collect_report(demo.roadmap, options, today=TODAY)).replace("\u202f", " ").split()
    )
    assert "Désabonnement e-mail · hebdomadaire · cible entre 0,2 % et 0,5 %" in html.replace("\u00a0", " ")
    markdown = render_report(actor=None, roadmap=demo.roadmap, fmt="md", options=options).content.decode()
    assert "entre 0,2" in markdown and "0,5" in markdown


def test_the_latest_review_keeps_its_objectives_odds_in_the_pdf_and_the_markdown(demo) -> None:
    """The review section shows the snapshot's objectives with the odds of that day, and says when no
    decision was recorded."""
    from jalon.planning.reviews.services import create_review
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.pdf import report_html
    from jalon.reports.services import render_report
    from jalon.strategy.kpis.presenting import percent

    review = create_review(
        actor=None, roadmap=demo.roadmap, key="t4", title="Revue T4", held_on=date(2026, 11, 2)
    )
    first = next(o for o in review.snapshot["objectives"] if o["odds"] is not None)
    options = ReportOptions(sections=("review",))
    with translation.override("fr"):
        odds = " ".join(percent(first["odds"]).split())  # "43 %", as the review page writes it
    html = " ".join(report_html(collect_report(demo.roadmap, options, today=TODAY)).split())
    assert '<table class="review-objectives">' in html
    odds_cell = f'<td><span class="number">{odds}</span></td>'  # kept whole in print
    assert f"<td>{first['title']}</td>" in html and odds_cell in html
    assert '<h4>Décisions</h4><p class="muted">Aucune décision enregistrée.</p>' in html
    markdown = render_report(actor=None, roadmap=demo.roadmap, fmt="md", options=options).content.decode()
    assert "| Objectif | Cible | Dernière valeur | Chances de l’atteindre |" in markdown
    assert f"| {odds} |" in " ".join(markdown.replace("\n", " ¶ ").split())


def test_the_markdown_leaves_ampersands_alone_and_neutralises_markup(demo) -> None:
    from jalon.planning.models import Theme
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    first, second = Theme.objects.filter(roadmap=demo.roadmap)[:2]
    first.name, second.name = "R&D", "Ventes & marketing"
    first.save()
    second.save()
    demo.roadmap.vision = "# Cap 2027 : *gras* _penché_ `code` [lien](https://x.test) &amp; C# #1"
    demo.roadmap.save()
    for language in ("fr", "en"):
        options = ReportOptions(language=language)
        text = render_report(actor=None, roadmap=demo.roadmap, fmt="md", options=options).content.decode()
        assert "| R&D |" in text and "| Ventes & marketing |" in text
        assert r"\&" not in text.replace(r"\&amp;", "")
        assert r"> \# Cap 2027 : \*gras\* \_penché\_ \`code\` \[lien\](https://x.test) \&amp; C# \#1" in text


def test_a_title_that_looks_like_a_list_item_stays_text() -> None:
    from jalon.reports.markdown import md

    assert (md("- fin"), md("2026. année"), md("1) un"), md("2026 objectif")) == (
        r"\- fin", r"2026\. année", r"1\) un", "2026 objectif"
    )  # fmt: skip
