"""The lifecycle stages' table on the framing's personas page, by geometry: the heading of the customers'
column (« Clients au 05/02/2027 », "Customers on 5 Feb 2027") stays on one line at 1440 and 1280 px."""

from __future__ import annotations

from datetime import date

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The heading's text: how many lines the browser lays it on, and its words.
HEADING_LINES = """() => { const th = document.querySelector('#stages th.stage-count');
  const range = document.createRange(); range.selectNodeContents(th);
  const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  return {text: th.textContent.trim(), lines: tops.size}; }"""


@pytest.mark.parametrize(
    ("language", "words"), [("fr", "Clients au 01/07/1998"), ("en", "Customers on 1 Jul 1998")]
)
def test_the_customers_heading_of_the_lifecycle_stages_stays_on_one_line(
    logged_in_page, members, language, words, shot
):
    from jalon.framing.models import Framing
    from jalon.strategy.models import Roadmap

    roadmap = Roadmap.objects.get(slug="cloud-kicks")  # the orders read up to CDNOW's last day
    Framing.objects.update_or_create(roadmap=roadmap, defaults={"orders_as_of": date(1998, 7, 1)})
    page = logged_in_page("demo@jalon.local", language=language)
    page.goto("/w/cloud-kicks/r/cloud-kicks/framing/personas/")
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        heading = page.evaluate(HEADING_LINES)
        assert heading["text"] == words, heading
        assert heading["lines"] == 1, (width, heading)
    Look(shot, language)(page, "stages")
