"""A form refused, as a screen-reader or keyboard user lives it, in French and in English: a full page, a cell
of the SMART table edited in place (htmx) and an upload. The focus lands on what says why — the first field
in error, which names its error (``aria-describedby``) and says ``aria-invalid``, or the file's problems —
never on the page's top; what the person typed is still there; axe finds nothing serious (screenshots
``test_*-<name>-<width>.png``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
# The focused element, and the texts its aria-describedby names (each id found in the page, or None).
FOCUSED = """() => {
  const e = document.activeElement;
  const named = (e.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
      .map(id => document.getElementById(id) ? document.getElementById(id).textContent.trim() : null);
  return {tag: e.tagName, name: e.getAttribute('name') || '', id: e.id,
          invalid: e.getAttribute('aria-invalid'), described: named, role: e.getAttribute('role') || '',
          text: (e.innerText || '').trim().slice(0, 200), value: e.value || ''};
}"""
WORDS = {
    "fr": {
        "required": "Ce champ est obligatoire.",
        "problems": "Rien n’a été importé",
        "mark": "(obligatoire)",
    },
    "en": {"required": "This field is required.", "problems": "Nothing was imported", "mark": "(required)"},
}


def focus_after_load(page: Any) -> dict[str, Any]:
    page.wait_for_function("() => document.activeElement && document.activeElement !== document.body")
    return dict(page.evaluate(FOCUSED))


@pytest.mark.reads_only
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_refused_page_focuses_its_first_field_in_error_which_names_its_error_and_keeps_the_rest(
    logged_in_page: Any, shot: Any, language: str
) -> None:
    page = logged_in_page(language=language)
    page.goto(ROADMAP + "objectives/new/")
    page.locator("[name=specific]").fill("Doubler les ventes en ligne.")
    page.locator("main button[type=submit][form=objective-form]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the title left empty
    stop = focus_after_load(page)
    assert (stop["name"], stop["invalid"]) == ("title", "true"), stop
    assert WORDS[language]["required"] in stop["described"], stop
    assert page.locator("[name=specific]").input_value() == "Doubler les ventes en ligne."
    label = page.locator("label[for=id_title] + .required-mark")
    colon = {"fr": "\u00a0:", "en": ":"}[language]
    assert label.inner_text() == WORDS[language]["mark"] + colon  # the words, then the label's colon
    # The words stand outside the label: the field's accessible name is its name alone.
    name = {"fr": "Titre", "en": "Title"}[language]
    assert page.get_by_role("textbox", name=name, exact=True).get_attribute("name") == "title"
    Look(shot, language, content=("Doubler les ventes en ligne.",))(page, "objective")


@pytest.mark.reads_only
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_refused_cell_keeps_the_focus_in_its_form_on_the_field_in_error_and_what_was_typed(
    logged_in_page: Any, assets_loaded: Any, shot: Any, language: str
) -> None:
    from jalon.strategy.models import Objective

    before = Objective.objects.get(key="taux-conversion").title
    page = logged_in_page(language=language)
    page.goto(ROADMAP)
    assets_loaded(page)
    row = page.locator("#obj-taux-conversion")
    row.locator("[data-cell='specific']").focus()
    page.keyboard.press("Enter")
    title = row.locator("form.cell-form [name=title]")
    title.wait_for()
    title.fill("")
    row.locator("form.cell-form [name=specific]").fill("Un texte que la personne a tapé.")
    with page.expect_response(lambda r: "/cells/specific/" in r.url and r.request.method == "POST") as answer:
        title.press("Enter")
    assert answer.value.status == 422
    # The answer's headers arrive before htmx swaps the refused form in: until then the old title field, which
    # had the focus when Enter was pressed, is still focused. Wait for the refused form's field, not a name.
    page.wait_for_function(
        "() => { const e = document.activeElement;"
        " return e && e.name === 'title' && e.closest('form.cell-form') && e.hasAttribute('aria-invalid'); }"
    )
    stop = page.evaluate(FOCUSED)
    assert stop["invalid"] == "true" and WORDS[language]["required"] in stop["described"], stop
    error = row.locator("form.cell-form .error[role=alert]")
    assert error.inner_text().strip() == WORDS[language]["required"]  # said at once, as it appears
    assert row.locator("form.cell-form [name=specific]").input_value() == "Un texte que la personne a tapé."
    assert Objective.objects.get(key="taux-conversion").title == before
    Look(shot, language, content=("Un texte que la personne a tapé.",))(page, "cell")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_refused_upload_focuses_the_files_problems_which_are_an_alert(
    logged_in_page: Any, shot: Any, language: str, tmp_path: Path
) -> None:
    from jalon.planning.models import Activity

    before = Activity.objects.count()
    broken = tmp_path / "backlog.csv"
    broken.write_text("Title,Start\nWebinaire,31/02/2027\n", encoding="utf-8")
    page = logged_in_page(language=language)
    page.goto(ROADMAP + "backlog/import/")
    page.locator("#csv-file").set_input_files(str(broken))
    with page.expect_navigation():
        page.locator("main form.csv-import button[type=submit]").click()
    stop = focus_after_load(page)
    assert stop["role"] == "alert" and stop["text"].startswith(WORDS[language]["problems"]), stop
    assert Activity.objects.count() == before
    Look(shot, language, content=("Start",))(page, "upload")  # the file's own column, named in its problem


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_refused_log_in_focuses_the_email_which_names_why(
    page: Any, members: Any, shot: Any, language: str
) -> None:
    page.goto("/login/")
    if language == "en":  # the page's language switch, as a person chooses it before logging in
        page.get_by_role("button", name="English").click()
        page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.locator("#id_username").fill("demo@jalon.local")
    page.locator("#id_password").fill("not the password")
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    stop = focus_after_load(page)
    assert (stop["name"], stop["invalid"], stop["value"]) == ("username", "true", "demo@jalon.local"), stop
    assert stop["described"] == [page.locator("#login-error").inner_text().strip()], stop
    marks = page.evaluate(REQUIRED_MARKS)
    assert [(m["name"], m["said"], m["beside"]) for m in marks] == [
        ("username", True, True),
        ("password", True, True),
    ]
    Look(shot, language)(page, "login")


# Each field that must be filled in (its input says required) under a visible label, whether the label is
# followed by the words that say so, and whether they stand on the label's line (their tops within 6 px). A
# field in a table's row (its label for screen readers only) holds a value already.
REQUIRED_MARKS = """() => [...document.querySelectorAll('main :is(input, select, textarea)[required]')]
    .filter(field => field.offsetParent && field.labels && field.labels.length && field.type !== 'file')
    .filter(field => !field.labels[0].classList.contains('visually-hidden'))
    .map(field => {
      const label = field.labels[0], mark = label.nextElementSibling;
      const said = mark && mark.classList.contains('required-mark');
      const top = (e) => e.getBoundingClientRect().top;
      const beside = Boolean(said) && Math.abs(top(mark) - top(label)) < 6;
      return {name: field.name, said: Boolean(said), beside};
    })"""
FORM_PAGES = {
    "register": "budget/",
    "team": "people/",
    "kpi": "kpis/taux-conversion/",
    "activity": "activities/email-panier-abandonne/",
    "activity-edit": "activities/email-panier-abandonne/edit/",
    "review": "reviews/",
}


@pytest.mark.reads_only
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_kind_of_form_says_beside_each_label_which_fields_must_be_filled_in(
    logged_in_page: Any, shot: Any, language: str
) -> None:
    page = logged_in_page(language=language)
    look = Look(shot, language)
    for name, address in FORM_PAGES.items():
        page.goto(ROADMAP + address)
        for details in page.locator("main details:has(form)").all():
            details.evaluate("d => { d.open = true; }")  # the forms folded away (add a line, an activity)
        marks = page.evaluate(REQUIRED_MARKS)
        assert marks, name
        assert [m for m in marks if not (m["said"] and m["beside"])] == [], (name, marks)
        look(page, name)
