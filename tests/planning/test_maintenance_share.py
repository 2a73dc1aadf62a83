"""The maintenance share is written by one rule (``format_share``) wherever it is shown: the budget page, the
executive view, the review and the PDF and slides reports all print the same figure, in French and English."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from django.utils import translation
from pptx import Presentation

from jalon.formatting import NBSP, format_share
from jalon.planning.reviews import services as review_services
from jalon.reports.collect import collect_report
from jalon.reports.options import ReportOptions
from jalon.reports.pdf import report_html
from jalon.reports.slides import report_pptx

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
# The demo plans 138,000: 15,000 of it for maintenance, 10.87 %.
EXPECTED = {"fr": f"10,9{NBSP}%", "en": "10.9%"}


def test_a_share_keeps_one_decimal_in_the_readers_language() -> None:
    with translation.override("fr"):
        assert format_share(0.175) == f"17,5{NBSP}%"
        assert (format_share(0.18), format_share(None)) == (f"18{NBSP}%", "—")
    with translation.override("en"):
        assert format_share(0.175) == "17.5%"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_and_report_prints_the_same_maintenance_share(demo, members, language: str) -> None:
    owner = members["owner"]
    owner.language = language
    owner.save()
    review_services.create_review(
        actor=owner, roadmap=demo.roadmap, key="t3", title="Revue t3", held_on=date(2026, 10, 15)
    )
    client = Client()
    client.force_login(owner)
    share = EXPECTED[language]
    for page in ("budget/", "executive/", "reviews/t3/"):
        response = client.get(ROADMAP + page)
        assert response.status_code == 200
        assert share in response.content.decode(), page
    report = collect_report(demo.roadmap, ReportOptions(language=language), today=date(2026, 10, 15))
    assert share in report_html(report)
    with translation.override(language):
        deck = Presentation(io.BytesIO(report_pptx(report)))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert any(share in note for note in notes)


NONE = {
    "fr": "Pas de budget de maintenance : aucun groupe thématique n’est marqué comme budget de maintenance.",
    "en": "No maintenance budget: no thematic group is marked as the maintenance budget.",
}
OUTSIDE = {"fr": "Hors groupe thématique", "en": "Outside any thematic group"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_without_a_maintenance_group_every_page_and_report_says_there_is_none(
    team, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not « Budget de maintenance : 0 % », which reads as a maintenance group left empty; and the
    activities outside any group are named as the pages name them, in the PDF too."""
    from decimal import Decimal

    from django.utils import timezone

    from jalon.planning import services
    from jalon.planning.models import Activity, Theme
    from tests.factories import make_roadmap

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 6, 15))
    team.owner.language = language
    team.owner.save()
    roadmap = make_roadmap(team.workspace, team.owner)
    services.create(
        Theme, actor=team.owner, roadmap=roadmap, key="acq", name="Acquisition", budget=Decimal(5000)
    )
    services.create(Activity, actor=team.owner, roadmap=roadmap, key="a", title="Stray", cost=Decimal(100),
                    status="planned", start=date(2026, 3, 1), end=date(2026, 3, 5))  # fmt: skip
    review_services.create_review(
        actor=team.owner, roadmap=roadmap, key="q2", title="Q2", held_on=date(2026, 6, 1)
    )
    client = Client()
    client.force_login(team.owner)
    for page in ("executive/", "reviews/q2/"):
        content = client.get(f"/w/acme/r/plan/{page}").content.decode().replace("\u202f", " ")
        content = content.replace("&#x27;", "’").replace(NBSP, " ")
        assert NONE[language] in content, page
        assert ("Budget de maintenance : 0" if language == "fr" else "Maintenance budget: 0") not in content
    report = collect_report(roadmap, ReportOptions(language=language), today=date(2026, 6, 15))
    assert NONE[language] in report_html(report).replace(NBSP, " ")
    assert OUTSIDE[language] in [line.name for line in report.budget]
