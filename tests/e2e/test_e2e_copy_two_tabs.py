"""Two tabs (two browsers of one person) send the same roadmap copy at the same instant: one copy is made,
and both tabs land on it, the second saying the form was sent twice. It used to make two copies, the
second titled « Cloud Kicks 2027 (2) »."""

from __future__ import annotations

import re

import pytest

from .double_submit import slow_posts
from .look import Look

__all__ = ["slow_posts"]

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
COPY = "/w/cloud-kicks/r/cloud-kicks/copy/"
LANDED = re.compile(r"/w/cloud-kicks/r/cloud-kicks-2027/$")
TWICE = {
    "fr": "Ce formulaire a été envoyé deux fois : la copie Cloud Kicks 2027 a été faite une fois, la voici.",
    "en": "This form was sent twice: the copy Cloud Kicks 2027 was made once, here it is.",
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_two_tabs_sending_the_same_copy_at_once_make_one_copy_and_both_land_on_it(
    members, logged_in_page, slow_posts, shot, language
):
    from jalon.strategy.models import Roadmap

    tabs = [logged_in_page(DEMO, language) for _tab in range(2)]
    for tab in tabs:
        tab.goto(COPY)
        tab.locator("#id_title").fill("Cloud Kicks 2027")
    for tab in tabs:  # the second is sent while the first is on its way (the server answers late)
        tab.locator("main form button[type=submit]").click(no_wait_after=True)
    for tab in tabs:
        tab.wait_for_url(LANDED)
    assert len(slow_posts) == 2, "both tabs sent the form"
    assert Roadmap.objects.filter(title__startswith="Cloud Kicks 2027").count() == 1
    texts = [Look(shot, language)(tab, f"tab-{n}") for n, tab in enumerate(tabs, 1)]
    assert sum(TWICE[language] in text for text in texts) == 1, "one tab says the form was sent twice"
