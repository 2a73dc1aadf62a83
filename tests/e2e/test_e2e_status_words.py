"""In the browser, in French and English at 1440 and 1280 px: the portfolio, the risks page, the milestones
page and the executive view write a status in a cell or a badge as its label gives it, in lower case, as the
documents do (« en cours », « ouvert », « en bonne voie »; they said « En cours », « Ouvert »)."""

from __future__ import annotations

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
WORDS = {
    "fr": {
        "portfolio/": "en cours",
        "risks/": "ouvert",
        "executive/": "en bonne voie",
        "milestones/": "atteint le",
    },
    "en": {
        "portfolio/": "in progress",
        "risks/": "open",
        "executive/": "on track",
        "milestones/": "reached on",
    },
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_status_cells_read_as_their_labels_on_the_pages(logged_in_page, shot, language: str) -> None:
    page = logged_in_page("demo@jalon.local", language)
    look = Look(shot, language)
    for path, word in WORDS[language].items():
        page.goto(ROADMAP + path)
        cells = [text.strip(" ⚠✓◆\n") for text in page.locator("main td").all_inner_texts()]
        assert any(text.startswith(word) for text in cells), (path, word)
        assert word[:1].upper() + word[1:] not in cells, (
            path,
            word,
        )  # « En cours : toujours financée »: a sentence
        look(page, path.strip("/"))
