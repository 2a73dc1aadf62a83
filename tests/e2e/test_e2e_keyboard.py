"""A first hour with the keyboard only, in real Chromium, from an empty database, in French and in English.

Tab, Shift+Tab, Enter, Space, Escape and the arrow keys, never a click: the first account, a workspace and a
roadmap, an objective with its SMART coach, a KPI and a measurement, a thematic group, a team member, a
backlog activity and its assignment, the executive and operational views (a bar moved with the arrow keys),
the portfolio and the scheduler, a vote in the framing, the PDF report. On every page reached: the skip link
is the first Tab stop and lands on the main heading, every stop passed shows a focus ring of 3:1 at least that
no box clips (tests/e2e/keys.py), and the page fits at 1440 and 1280 px, axe-core finds nothing serious and
the page is in one language (tests/e2e/look.py). After each in-page change (htmx) the focus is on what
changed, never on <body>."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .keys import faults, focused, no_trap, press_and_wait, skip_to_content, tab_to, type_into
from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase"
ROADMAP = "Lancement printemps 2027"
OBJECTIVE = "Porter le taux de réachat à 12 %"
SPECIFIC = (
    "Faire passer le taux de réachat des clients de 8 % à 12 % d'ici la fin du T2 de l'exercice, afin de "
    "fidéliser les clients et d'augmenter les ventes."
)
IMPACT = "Des clients qui reviennent coûtent moins cher que des nouveaux."
QUESTION = "Quel programme lancer d’abord ?"
CONTENT = (ROADMAP, OBJECTIVE, SPECIFIC, IMPACT, QUESTION, "Équipe Marketing", "Fidélisation", "Zoé Martin",
           "Programme de fidélité", "Parrainage", "Taux de réachat", "taux de réachat")  # fmt: skip
WORDS = {
    "fr": {
        "create": "Créer le compte",
        "save": "^Enregistrer$",
        "add": "^Ajouter$",
        "assign": "^Affecter$",
        "monthly": "mens",
        "edit": "Modifier «\u00a0{}\u00a0»",
        "ballot": "Enregistrer mon bulletin",
        "measured": "8,5",
        "feb1": "01/02/2027",
        "feb8": "08/02/2027",
    },
    "en": {
        "create": "Create the administrator",
        "save": "^Save$",
        "add": "^Add$",
        "assign": "^Assign$",
        "monthly": "mon",
        "edit": "Edit “{}”",
        "ballot": "Save my ballot",
        "measured": "8.5",
        "feb1": "1 Feb 2027",
        "feb8": "8 Feb 2027",
    },
}
# Armed before the key is pressed: resolves once htmx settled the swap (and the focus moved), or after 10 s.
SETTLED = """() => { window.jalonSwapped = Promise.race([
    new Promise(done => document.addEventListener('htmx:afterSettle', () => setTimeout(() => done(true), 0),
                                                  {once: true})),
    new Promise(done => setTimeout(() => done(false), 10000))]); }"""


# The ids that an aria-describedby or aria-labelledby names and the page lacks: a help or an error not read.
DANGLING = """() => [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')].flatMap(e =>
    [e.getAttribute('aria-describedby'), e.getAttribute('aria-labelledby')].join(' ').split(/\\s+/)
    .filter(i => i && !document.getElementById(i)))"""


def arrive(page: Any, look: Look, name: str) -> None:
    """A page reached: the skip link first, then the page as axe-core and the eye see it; the focus is left on
    the main heading, where the next Tab goes into the page's content. Every help and error a field names is
    on the page."""
    assert skip_to_content(page)["tag"] == "H1", page.url
    look(page, name)
    assert page.evaluate(DANGLING) == [], (name, page.evaluate(DANGLING))


def go(page: Any, wanted: str, look: Look | None = None, name: str = "") -> None:
    """Tab to the link or button ``wanted`` and follow it with Enter."""
    tab_to(page, wanted)
    press_and_wait(page)
    if look is not None:
        arrive(page, look, name)


def swap(page: Any, key: str = "Enter") -> dict[str, Any]:
    """Press ``key`` on a control that changes the page in place (htmx); where the focus is once settled."""
    page.evaluate(SETTLED)
    page.keyboard.press(key)
    assert page.evaluate("() => window.jalonSwapped"), f"nothing was swapped on {page.url}"
    stop = focused(page)
    assert faults(stop) == [], (faults(stop), page.url)
    return stop


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_first_hour_with_the_keyboard_only(new_context: Any, shot: Any, language: str) -> None:
    words = WORDS[language]
    look = Look(shot, language, content=CONTENT)
    page = new_context().new_page()

    # The first account; an English reader switches the language with the header's button.
    page.goto("/")
    page.wait_for_url(re.compile(r"/setup/$"))
    if language == "en":
        tab_to(page, "^English$")
        press_and_wait(page)
    arrive(page, look, "setup")
    type_into(page, "^email$", "ada@example.com")
    type_into(page, "^display_name$", "Ada Lovelace")
    type_into(page, "^password1$", PASSWORD)
    type_into(page, "^password2$", PASSWORD)
    go(page, words["create"], look, "home")

    # A workspace, then a roadmap from the workspace's disclosure, which Escape closes.
    go(page, "/workspaces/new/", look, "workspace-new")
    type_into(page, "^name$", "Équipe Marketing")
    tab_to(page, "primary|Créer|Create")
    press_and_wait(page)
    arrive(page, look, "workspace")
    summary = tab_to(page, "^(Nouvelle feuille de route|New roadmap)$")
    assert summary["tag"] == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "title"
    page.keyboard.press("Escape")
    assert focused(page)["tag"] == "SUMMARY"
    assert not page.evaluate("() => document.querySelector('details:has(#new-roadmap)').open")
    page.keyboard.press("Space")
    type_into(page, "^title$", ROADMAP)
    type_into(page, "^start$", "01/01/2027")
    type_into(page, "^horizon$", "12")
    tab_to(page, "(Créer|Create) (la feuille de route|the roadmap)")
    press_and_wait(page)
    arrive(page, look, "start")

    # An objective, coached as it is typed: one short sentence is read out, the panel is not.
    go(page, "/objectives/new/", look, "objective-new")
    type_into(page, "^title$", OBJECTIVE)
    type_into(page, "^impact$", IMPACT)
    type_into(page, "^specific$", SPECIFIC)
    type_into(page, "^metric$", "taux de réachat")
    type_into(page, "^unit$", "%")
    type_into(page, "^baseline$", "8")
    type_into(page, "^target$", "12")
    status = page.locator("#coach-status")
    assert status.get_attribute("role") == "status"
    page.wait_for_function("() => /[45]/.test(document.querySelector('#coach-status').textContent)")
    assert page.locator("#coach-panel [aria-live]").count() == 0
    go(page, words["save"], look, "objective")

    # A KPI: saved empty first, the error is tied to its field and takes the focus; then a measurement.
    go(page, "/kpis/new/", look, "kpi-new")
    # Reached from the objective's page, the KPI starts with its metric as its name: emptied to see the error.
    assert page.locator("#id_name").input_value() == "Taux de réachat"
    tab_to(page, "^name$")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    go(page, words["save"])
    stop = focused(page)
    field = page.locator("#id_name")
    assert field.get_attribute("aria-invalid") == "true"
    described = (field.get_attribute("aria-describedby") or "").split()
    assert any(page.locator(f"#{i}").inner_text().strip() for i in described), described
    assert stop["name"] == "name", stop
    type_into(page, "^name$", "Taux de réachat")
    type_into(page, "^objective$", "Porter")
    type_into(page, "^target$", "12")
    type_into(page, "^frequency$", words["monthly"])
    go(page, words["save"], look, "kpi")
    type_into(page, "^date$", "01/12/2026")
    type_into(page, "^value$", words["measured"])
    go(page, words["add"])
    assert page.evaluate("() => document.activeElement.classList.contains('messages')"), focused(page)
    assert page.locator("#measurements").get_by_text(words["measured"]).count() == 1

    # A thematic group (refused empty, then added in place, the focus on the added row) and a team member.
    go(page, "/budget/", look, "budget")
    tab_to(page, words["add"])
    stop = swap(page)  # refused in place, nothing typed: the focus on the field in error
    assert stop["name"] == "name", stop
    assert page.locator("#register-status").inner_text() == ""
    type_into(page, "^name$", "Fidélisation")
    type_into(page, "^budget$", "12000")
    tab_to(page, words["add"])
    stop = swap(page)
    assert stop["label"] == words["edit"].format("Fidélisation"), stop
    status = page.locator("#register-status")
    assert "Fidélisation" in status.inner_text(), "the added row is not announced"
    go(page, "/people/", look, "people")
    type_into(page, "^name$", "Zoé Martin")
    go(page, words["add"])
    assert page.evaluate("() => document.activeElement.classList.contains('messages')"), focused(page)

    # A backlog activity with its group and dates, and its assignment, added in place.
    go(page, "/backlog/", look, "backlog")
    go(page, "/activities/new/", look, "activity-new")
    type_into(page, "^title$", "Programme de fidélité")
    type_into(page, "^theme$", "Fid")
    type_into(page, "^start$", "01/02/2027")
    type_into(page, "^end$", "31/03/2027")
    go(page, words["save"], look, "activity")
    type_into(page, "^person$", "Zo")
    type_into(page, "^hours_per_week$", "10")
    tab_to(page, words["assign"])
    stop = swap(page)
    assert stop["id"] == "assignments-title", stop
    assert "Zoé Martin" in page.locator("#assignments table").inner_text()

    # The executive and operational views, each chart named for a screen reader; on the operational one a bar
    # moves a week later with Shift+Right and is saved with Enter, its new dates read out, the focus kept.
    from jalon.planning.models import Activity

    go(page, "/executive/", look, "executive")
    go(page, "/timeline/", look, "timeline")
    chart = page.locator("main svg.timeline")
    assert chart.get_attribute("role") == "group" and chart.get_attribute("aria-labelledby")
    bar = tab_to(page, "^Programme de fidélité, ")
    assert bar["tag"] == "g" and words["feb1"] in bar["label"]
    page.keyboard.press("Shift+ArrowRight")
    assert words["feb8"] in page.locator("#timeline-live").inner_text()
    stop = swap(page)
    assert stop["tag"] == "g" and words["feb8"] in stop["label"], stop
    assert str(Activity.objects.get().start) == "2027-02-08"
    no_trap(page)  # the bars' own keys hold nothing: Tab goes on round the page and back to the bar
    assert tab_to(page, "^Programme de fidélité, ")["tag"] == "g"

    # The portfolio: its button is disabled while the optimiser runs; the focus goes to the result.
    go(page, "/portfolio/", look, "portfolio")
    tab_to(page, "^(Lancer l’optimisation|Run the optimiser)$")
    stop = swap(page)
    assert stop["inMain"] and stop["tag"] in ("H2", "H3"), stop
    go(page, "/schedule/", look, "schedule")
    go(page, "Lancer|Run", look, "schedule-proposal")

    # A vote in the framing: Ada, a stakeholder who is a member, opens it and casts her ballot.
    go(page, "/framing/$", look, "framing")
    type_into(page, "^name$", "Ada Lovelace")
    type_into(page, "^member$", "Ada")
    go(page, words["add"])
    go(page, "/framing/votes/$", look, "votes")
    type_into(page, "^title$", QUESTION)
    type_into(page, "^proposals$", "Programme de fidélité\nParrainage")
    go(page, words["add"])
    type_into(page, "^option-", "2")
    go(page, words["ballot"], look, "voted")
    assert "2" in page.locator(".vote-results tbody tr").first.inner_text()

    # The PDF report: Enter on its button downloads it.
    go(page, "/documents/$", look, "documents")
    tab_to(page, "^(Rapport PDF|PDF report)$")
    with page.expect_download(timeout=90_000) as made:
        page.keyboard.press("Enter")
    assert made.value.suggested_filename.endswith(".pdf")
