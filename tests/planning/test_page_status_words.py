"""A status on the pages is written as on the documents (docs/documents.md, « One way to write a status »): in
a table cell or a badge, its model's label as it is, lower case in both languages (« en cours », « ouvert »,
« en bonne voie »; « in progress », « open », « on track »); only a line that begins with one capitalises it.
The portfolio said « En cours », the risks page « Ouvert », beside the operational view's « terminée »."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.text import capfirst

from jalon.demo.framing import load_demo_framing
from jalon.framing.models import PrototypeStatus, WorkshopStatus
from jalon.planning.models import Status
from jalon.planning.registers.models import RiskStatus
from jalon.strategy.kpis.executive import STATUS_LABELS

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
PAGES = ("timeline/", "portfolio/", "risks/", "milestones/", "executive/", "framing/", "framing/votes/")
CELL = re.compile(r"<td\b[^>]*>(.*?)</td>", re.S)
MILESTONE_WORDS = ("missed", "to come", "reached on", "due in", "due today")
SEEN = {  # a word of each kind the demo shows in a cell, as its label says it
    "fr": {"en cours", "terminée", "ouvert", "en bonne voie", "manqué", "tenu"},
    "en": {"in progress", "done", "open", "on track", "missed", "held"},
}


def status_words(language: str) -> set[str]:
    """Every status the pages show, in ``language``, as the models and the pages' code say it."""
    with translation.override(language):
        models = (Status, RiskStatus, WorkshopStatus, PrototypeStatus)
        labels = [str(label) for choices in models for label in choices.labels]
        labels += [str(label) for label in STATUS_LABELS.values()]
        labels += [translation.gettext(word) for word in MILESTONE_WORDS if word != "reached on"]
        labels += [translation.gettext("reached on %(date)s") % {"date": ""}]
        return {str(label).strip() for label in labels}


def cells(page: str) -> list[str]:
    """The text of every table cell of ``page``, tags and the signs before a status (⚠ ✓ ◆ →) left out."""
    texts = (re.sub(r"<[^>]+>", " ", cell) for cell in CELL.findall(page))
    return [re.sub(r"\s+", " ", html.unescape(text)).strip(" ⚠✓◆→\xa0") for text in texts]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_status_in_a_table_cell_of_the_demo_is_written_as_its_label(
    demo: Any, members: Any, language: str
):
    load_demo_framing(demo.roadmap)  # its workshops, held and to come, and its stakeholders' vote
    client = Client(headers={"accept-language": language})
    owner = members["owner"]
    owner.language = language
    owner.save(update_fields=["language"])
    client.force_login(owner)
    words = status_words(language)
    found: list[str] = []
    for path in PAGES:
        response = client.get(ROADMAP + path)
        assert response.status_code == 200, path
        found += [f"{path}: {text}" for text in cells(response.content.decode())]
    # A capitalised status alone or before a word; « En cours : toujours financée » is a sentence.
    alone = "|".join(re.escape(capfirst(word)) for word in sorted(words) if capfirst(word) != word)
    capitalised = [cell for cell in found if re.search(rf": (?:{alone})(?!\w)(?!\s*:)", cell)]
    assert capitalised == [], capitalised
    shown = {word for word in SEEN[language] if any(re.search(rf"\b{word}\b", cell) for cell in found)}
    assert shown == SEEN[language]
