"""English pages write dates day first (*7 Sep 2026*); their date fields show and read them day first too,
so what an English reader types as the page shows it saves as that day, and an ambiguous 05/10/2026 is the
5th of October, as the field's hint (*Format: dd/mm/yyyy*) says. French pages are unchanged (jj/mm/aaaa)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import translation
from django.utils.formats import date_format

from tests.planning import backlog as backlog
from tests.planning.activity_forms import BRIEF, activity, form_data
from tests.planning.backlog import text

# The backlog tests' fixtures: a small team, and a roadmap with themes, people and three activities.
members, owner_client, plan = backlog.members, backlog.owner_client, backlog.plan


@pytest.fixture
def english_client(owner_client, members):
    members["owner"].language = "en"
    members["owner"].save(update_fields=["language"])
    return owner_client


def test_an_english_reader_types_a_date_as_the_page_shows_it_and_it_saves_as_that_day(english_client, plan):
    brief = activity("brief")
    assert brief.start is not None
    with translation.override("en"):
        shown = date_format(brief.start, "SHORT_DATE_FORMAT")  # 7 Sep 2026
    assert shown in text(english_client.get(BRIEF))
    later = brief.start + timedelta(days=1)
    with translation.override("en"):
        typed = date_format(later, "SHORT_DATE_FORMAT")
    response = english_client.post(BRIEF + "edit/", form_data(brief, start=typed))
    assert response.status_code == 302
    assert activity("brief").start == later


def test_an_ambiguous_date_on_an_english_page_is_read_day_first_as_its_hint_says(english_client, plan):
    form = english_client.get(BRIEF + "edit/").content.decode()
    assert "Format: dd/mm/yyyy" in form
    assert f'name="start" value="{activity("brief").start:%d/%m/%Y}"' in form
    brief = activity("brief")
    response = english_client.post(BRIEF + "edit/", form_data(brief, start="05/10/2026", end="06/10/2026"))
    assert response.status_code == 302
    assert (activity("brief").start, activity("brief").end) == (date(2026, 10, 5), date(2026, 10, 6))


def test_a_french_page_still_reads_and_hints_day_first(owner_client, plan):
    form = owner_client.get(BRIEF + "edit/").content.decode()
    assert "jj/mm/aaaa" in form
    brief = activity("brief")
    response = owner_client.post(BRIEF + "edit/", form_data(brief, start="05/10/2026", end="06/10/2026"))
    assert response.status_code == 302
    assert activity("brief").start == date(2026, 10, 5)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_paste_examples_date_reads_as_the_day_it_shows(language: str) -> None:
    """The KPI paste box's example is read by the table reader as the day it means, in both languages (a
    column's order follows its numbers when its dates do not tell: the example's day cannot be a month)."""
    from jalon.strategy.kpis.forms import PasteForm
    from jalon.strategy.kpis.table import read_pasted

    with translation.override(language):
        example = str(PasteForm().fields["table"].widget.attrs["placeholder"])
        assert example.startswith("15/01/2026\t")
        assert read_pasted(example) == [(date(2026, 1, 15), 1234.5)]
