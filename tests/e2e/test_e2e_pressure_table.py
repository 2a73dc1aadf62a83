"""The marketing-pressure table of a big animation plan, in Chromium, in French and English, at 1440 and
1280 px: the segments over the ceiling first, one line each, and the week-by-week list folded until the
reader opens it (every row there); no serious or critical accessibility fault, one language, nothing wider
than the window. Screenshots: test-artifacts/screenshots/test_the_pressure_of_a_big_plan_*."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.look import Look
from tests.framing.pressure_plans import big_plan, four_emails

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLAN = "/w/cloud-kicks/r/cloud-kicks/framing/plan/"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pressure_of_a_big_plan_reads_by_segment_then_week_by_week(
    language: str, members: Any, logged_in_page: Any, shot: Any
) -> None:
    from jalon.accounts.models import User
    from jalon.strategy.models import Roadmap

    big_plan(members["editor"], Roadmap.objects.get(slug="cloud-kicks"))
    User.objects.filter(email="viewer@example.com").update(language=language)
    page = logged_in_page("viewer@example.com")
    page.goto(PLAN + "#pressure-title")
    look = Look(shot, language, content=("Sportive urbaine", "Marcheur du dimanche", "Trailer confirmé"))
    page.locator("#pressure-title").scroll_into_view_if_needed()
    look(page, "folded")
    segments = page.locator("#pressure-by-segment tbody tr")
    weeks = page.locator("#overloads tbody tr")
    assert segments.count() >= 3 and segments.first.is_visible()
    assert weeks.count() > 100 and not weeks.first.is_visible()  # folded: a click away
    page.locator("#overload-weeks summary").click()
    assert weeks.first.is_visible()
    page.locator("#overload-weeks summary").scroll_into_view_if_needed()
    look(page, "open")


# The words of the summary's persona and stage cells a line break cuts in two (a word drawn in two boxes).
WORDS_CUT = """() => [...document.querySelectorAll('#pressure-by-segment tbody td.free-text')].slice(0, 40)
  .flatMap(cell => {
    const text = cell.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) return [];
    const cut = [];
    for (const found of text.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, found.index);
      range.setEnd(text, found.index + found[0].length);
      if (range.getClientRects().length > 1) cut.push(found[0]);
    }
    return cut;
  })"""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_personas_name_in_the_pressure_summary_is_never_cut_mid_word(
    language: str, members: Any, logged_in_page: Any, shot: Any
) -> None:
    """« Champions » read « Champion / s » at 1280 and 1440 px: the register tables' 6rem minimum overrode
    the 8rem of a free-text cell."""
    from jalon.framing import services
    from jalon.framing.models import Persona
    from jalon.strategy.models import Roadmap

    editor = members["editor"]
    framing = services.open_framing(actor=editor, roadmap=Roadmap.objects.get(slug="cloud-kicks"))
    champions = services.create(Persona, actor=editor, framing=framing, name="Champions")
    four_emails(editor, framing, " Champions", frequency="weekly", persona=champions)
    page = logged_in_page("demo@jalon.local", language)
    page.goto(PLAN + "#pressure-title")
    assert page.locator("#pressure-by-segment tbody tr").count() >= 1
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(WORDS_CUT) == [], width
        shot(page, str(width))
