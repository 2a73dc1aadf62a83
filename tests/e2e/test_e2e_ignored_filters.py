"""The pages that read filters from their address say, in real Chromium, a value that names nothing here (a
stale or made-up key in a shared link): the change logs, the animation plan, the experience maps, the
portfolio (a scenario to run again), the scenario comparison and the executive view, in French and in English,
at 1440 and 1280 px, the notice above what each page still shows, axe finding no serious or critical fault."""

from __future__ import annotations

import pytest

from tests.e2e.look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.reads_only]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
BAD = ("999999", "fax", "2031-13", "nobody", "gone", "decade")  # typed in the address, in neither language
PAGES = {
    "journal": (ROADMAP + "history/journal/?actor=999999", ["999999"]),
    "workspace-journal": ("/w/cloud-kicks/journal/?kind=999999", ["999999"]),
    "plan": (ROADMAP + "framing/plan/?channel=fax&month=2031-13", ["fax", "2031-13"]),
    "journeys": (ROADMAP + "framing/journeys/?persona=nobody", ["nobody"]),
    "compare": (ROADMAP + "portfolio/compare/?s=gone", ["gone"]),
    "portfolio": (ROADMAP + "portfolio/?scenario=gone", ["gone"]),
    "executive": (ROADMAP + "executive/?zoom=decade", ["decade"]),
}
OPENING = {"fr": "de l’adresse ne désign", "en": "of the address name"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_page_says_the_value_it_left_out_and_stays_accessible(logged_in_page, shot, language) -> None:
    page = logged_in_page("demo@jalon.local", language=language)
    look = Look(shot, language, content=BAD)
    for name, (address, values) in PAGES.items():
        page.goto(address)
        look(page, name)
        notice = page.locator("#ignored-filters")
        assert notice.is_visible(), name
        said = " ".join(notice.inner_text().split())
        assert OPENING[language] in said and all(value in said for value in values), (name, said)
