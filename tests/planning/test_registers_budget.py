"""The budget page: planned, committed and spent per thematic group and in total in the roadmap's currency as
the reader writes amounts, the over-budget flag in words, the maintenance share and the bar chart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from jalon.planning import services
from jalon.planning.models import Activity, Theme
from jalon.planning.registers.views import format_money
from tests.planning import registers as registers
from tests.planning.registers import PLAN, add, add_theme, login, row, text

# The same small team and empty roadmap as test_registers.py.
members, roadmap = registers.members, registers.roadmap


NBSP, NNBSP = "\u00a0", "\u202f"
SVG = "{http://www.w3.org/2000/svg}"


def spend(
    roadmap, key: str, theme: Theme | None, cost: int, spent: int = 0, status: str = "planned"
) -> Activity:
    return services.create(
        Activity, actor=None, roadmap=roadmap, key=key, title=key.capitalize(), theme=theme, status=status,
        cost=Decimal(cost), spent=Decimal(spent),
    )  # fmt: skip


@pytest.fixture
def budget(roadmap):
    """Acquisition 12,500 with 1,000 committed (+ 500 of ideas) and 250 spent; Run 2,500 for maintenance."""
    acquisition = add_theme(roadmap, "acq", name="Acquisition", budget=Decimal(12500), colour="#1d4ed8")
    run = add_theme(roadmap, "run", name="Run", budget=Decimal(2500), is_maintenance=True)
    spend(roadmap, "ads", acquisition, 1000, 250)
    spend(roadmap, "idea", acquisition, 500, status="idea")
    return {"acq": acquisition, "run": run}


def amounts(fragment: str) -> list[str]:
    return re.findall(r'<td class="amount[^"]*"[^>]*>([^<]*)</td>', fragment)


def test_amounts_are_written_the_french_way_with_narrow_spaces(client: Client, members, budget) -> None:
    page = text(login(client, members, "viewer").get(PLAN + "budget/"))
    # planned, committed (ideas are not committed), spent, remaining
    assert amounts(row(page, "acq")) == [
        f"12{NNBSP}500{NBSP}€",
        f"1{NNBSP}000{NBSP}€",
        f"250{NBSP}€",
        f"11{NNBSP}500{NBSP}€",
    ]
    assert f'data-total="planned">15{NNBSP}000{NBSP}€<' in page
    assert f'data-total="remaining">14{NNBSP}000{NBSP}€<' in page


def test_amounts_are_written_the_english_way_in_english(client: Client, members, budget) -> None:
    members["viewer"].language = "en"
    members["viewer"].save()
    page = text(login(client, members, "viewer").get(PLAN + "budget/"))
    assert amounts(row(page, "acq")) == ["€12,500", "€1,000", "€250", "€11,500"]


def test_money_keeps_its_cents_and_a_real_minus_sign() -> None:
    with translation.override("fr"):
        assert format_money(Decimal("12500.5"), "EUR") == f"12{NNBSP}500,50{NBSP}€"
        assert format_money(Decimal("-2500"), "EUR") == f"−2{NNBSP}500{NBSP}€"
        assert format_money(Decimal("10"), "CAD") == f"10{NBSP}CAD"
    with translation.override("en"):
        assert format_money(Decimal("-2500"), "USD") == "−$2,500"
        assert format_money(Decimal("99.9"), "CHF") == f"99.90{NBSP}CHF"


def test_a_theme_over_its_budget_is_flagged_in_words_not_only_in_colour(
    client: Client, members, roadmap, budget
) -> None:
    spend(roadmap, "servers", budget["run"], 3000)
    page = text(login(client, members, "viewer").get(PLAN + "budget/"))
    with translation.override("fr"):
        over = gettext("Over budget")
    run = row(page, "run")
    assert 'class=" over-budget"' in run
    assert over in run
    assert amounts(run)[3] == f"dépassement de 500{NBSP}€"
    assert over not in row(page, "acq")
    assert 'class="flag over-budget"' in page  # and the summary says so too


def test_a_theme_that_spent_more_than_planned_shows_its_overrun_not_money_left(
    client: Client, members, roadmap, budget
) -> None:
    """« Reste : 1 500 € » sat beside « Dépassement du budget »: the rest was planned − committed, while a
    group is over budget when committed *or spent* passes what was planned. One rule now: what is left is
    planned less the larger of the two; when it is negative the page says « dépassement de » the amount."""
    spend(roadmap, "overspent", budget["run"], 1000, spent=3200, status="done")
    page = text(login(client, members, "viewer").get(PLAN + "budget/"))
    run = row(page, "run")
    with translation.override("fr"):
        assert gettext("Over budget") in run
    assert amounts(run)[3] == f"dépassement de 700{NBSP}€"
    assert amounts(row(page, "acq"))[3] == f"11{NNBSP}500{NBSP}€"  # within budget: what is left


def test_the_total_does_not_show_money_left_when_a_group_is_over_budget(
    client: Client, members, roadmap, budget
) -> None:
    """Acquisition has 11,500 left and Run is 500 over: the total said « Reste : 11 000 € » beside the
    over-budget flag. One group's money does not pay for another's overspend: the total's overrun is the
    groups' overruns added up, under the word « Dépassement »."""
    spend(roadmap, "servers", budget["run"], 3000)
    page = text(login(client, members, "viewer").get(PLAN + "budget/"))
    assert 'class="flag over-budget"' in page
    assert re.search(rf"<dt>Dépassement</dt><dd [^>]*data-total=\"remaining\">500{NBSP}€<", page)
    assert "<dt>Reste</dt>" not in page


def test_the_maintenance_share_of_the_planned_budget_is_shown(client: Client, members, budget) -> None:
    page = text(login(client, members, "viewer").get(PLAN + "budget/"))
    assert re.search(rf'data-total="maintenance">2{NNBSP}500{NBSP}€ \(.*?16,7{NBSP}%', page)


def test_without_a_maintenance_budget_the_page_recommends_one(client: Client, members, roadmap) -> None:
    add(roadmap, "budget", "acq", budget=Decimal(100))
    page = login(client, members, "viewer").get(PLAN + "budget/").content.decode()
    assert '<p class="hint">' in page


def test_activities_outside_any_theme_have_their_own_line(client: Client, members, roadmap, budget) -> None:
    spend(roadmap, "loose", None, 700)
    page = text(login(client, members, "viewer").get(PLAN + "budget/"))
    with translation.override("fr"):
        assert gettext("Outside any thematic group") in page
    assert f'data-total="committed">1{NNBSP}700{NBSP}€<' in page


def test_the_chart_has_planned_committed_and_spent_bars_per_theme(
    client: Client, members, roadmap, budget
) -> None:
    spend(roadmap, "servers", budget["run"], 3000)
    page = login(client, members, "viewer").get(PLAN + "budget/").content.decode()
    chart = re.search(r'<svg [^>]*class="budget-chart-svg".*?</svg>', page, re.S)
    assert chart is not None
    svg = ET.fromstring(chart.group(0))
    assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None
    groups = {g.get("data-theme"): g for g in svg.iter(f"{SVG}g")}
    assert list(groups) == ["acq", "run"]
    bars = {
        r.get("class"): float(r.get("width", 0))
        for r in groups["acq"].iter(f"{SVG}rect")
        if "bar" in (r.get("class") or "")
    }
    assert set(bars) == {"bar planned", "bar committed", "bar spent"}
    assert bars["bar planned"] > bars["bar committed"] > bars["bar spent"] > 0
    run_bars = [r.get("class") for r in groups["run"].iter(f"{SVG}rect") if "bar" in (r.get("class") or "")]
    assert "bar committed over" in run_bars


def test_the_colour_is_chosen_with_a_colour_picker(client: Client, members, roadmap) -> None:
    page = login(client, members, "editor").get(PLAN + "budget/").content.decode()
    assert re.search(r'<input type="color" name="colour" value="#4c6ef5"', page)


def test_each_new_theme_is_offered_a_colour_no_other_theme_has(client: Client, members, roadmap) -> None:
    """Typing names only, a manager's groups still stand apart on the timelines and the budget chart."""
    add_theme(roadmap, "acq", colour="#4c6ef5")
    add_theme(roadmap, "brand", colour="#E8590C")  # a colour typed in capitals is taken too
    page = login(client, members, "editor").get(PLAN + "budget/").content.decode()
    offered = re.search(r'<input type="color" name="colour" value="(#[0-9a-f]{6})"', page)
    assert offered and offered.group(1) == "#2f9e44"
    assert Theme.next_colour(roadmap) == "#2f9e44"


def offered_in(page: str) -> tuple[str, str]:
    """The colour a page's new-group form shows, and the one it says it offered (its hidden field)."""
    shown = re.search(r'<input type="color" name="colour" value="(#[0-9a-f]{6})"', page)
    kept = re.search(r'<input type="hidden" name="offered" value="(#[0-9a-f]{6})"', page)
    assert shown and kept
    return shown.group(1), kept.group(1)


def test_two_forms_open_at_once_give_their_groups_different_colours(client: Client, members, roadmap) -> None:
    """Two tabs (or a form left open while a colleague adds a group) offer the same colour; the group saved
    second with it, unchanged, gets the next free one rather than its twin's."""
    editor = login(client, members, "editor")
    first, second = (offered_in(editor.get(PLAN + "budget/").content.decode()) for _tab in range(2))
    assert first == second == ("#4c6ef5", "#4c6ef5")
    for name, (colour, offered) in (("Acquisition", first), ("Brand", second)):
        response = editor.post(
            PLAN + "budget/", {"name": name, "colour": colour, "offered": offered, "budget": "0"}
        )
        assert response.status_code == 302
    colours = dict(roadmap.themes.values_list("name", "colour"))
    assert colours == {"Acquisition": "#4c6ef5", "Brand": "#e8590c"}
    assert offered_in(editor.get(PLAN + "budget/").content.decode()) == ("#2f9e44", "#2f9e44")


def test_a_colour_chosen_by_hand_is_kept_even_when_another_group_has_it(
    client: Client, members, roadmap
) -> None:
    add_theme(roadmap, "acq", colour="#2f9e44")
    editor = login(client, members, "editor")
    response = editor.post(
        PLAN + "budget/", {"name": "Brand", "colour": "#2f9e44", "offered": "#4c6ef5", "budget": "0"}
    )
    assert response.status_code == 302
    assert roadmap.themes.get(name="Brand").colour == "#2f9e44"


@pytest.mark.parametrize(("language", "typed", "stored"), [
    ("fr", "12 500,50", "12500.50"), ("fr", f"12{NNBSP}500 €", "12500"), ("fr", "99.5", "99.5"),
    ("en", "12,500.50", "12500.50"), ("en", "€300", "300"),
])  # fmt: skip
def test_a_budget_is_read_as_the_reader_types_it(
    client: Client, members, roadmap, language, typed, stored
) -> None:
    members["editor"].language = language
    members["editor"].save()
    response = login(client, members, "editor").post(
        PLAN + "budget/", {"name": "Run", "colour": "#00aa00", "budget": typed, "is_maintenance": "on"}
    )
    assert response.status_code == 302
    theme = roadmap.themes.get()
    assert (theme.budget, theme.is_maintenance) == (Decimal(stored), True)


def test_editing_a_budget_in_place_updates_the_totals(client: Client, members, budget) -> None:
    response = login(client, members, "editor").post(
        PLAN + "budget/themes/acq/",
        {"name": "Acquisition", "colour": "#1d4ed8", "budget": "20 000", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert f'data-total="planned">22{NNBSP}500{NBSP}€<' in text(response)


def test_deleting_a_theme_keeps_its_activities(client: Client, members, roadmap, budget) -> None:
    login(client, members, "owner").post(PLAN + "budget/themes/acq/delete/")
    assert not roadmap.themes.filter(key="acq").exists()
    assert set(roadmap.activities.values_list("key", "theme")) == {("ads", None), ("idea", None)}


def test_the_edit_form_shows_a_whole_budget_in_the_readers_language(client: Client, members, budget) -> None:
    page = login(client, members, "editor").get(PLAN + "budget/themes/acq/?edit=1").content.decode()
    assert f'name="budget" value="12{NNBSP}500"' in page


def test_a_second_theme_with_the_same_name_is_refused_and_nothing_is_added(
    client: Client, members, roadmap
) -> None:
    """A double click or a second try would add a twin nobody can tell apart in the forms and filters."""
    add_theme(roadmap, "acq", name="Acquisition")
    response = login(client, members, "editor").post(
        PLAN + "budget/", {"name": " acquisition ", "colour": "#e8590c", "budget": "1 000"}
    )
    assert response.status_code == 422
    assert "Un groupe thématique de cette feuille de route s’appelle déjà Acquisition." in text(response)
    assert list(roadmap.themes.values_list("key", flat=True)) == ["acq"]


def test_renaming_a_theme_to_another_ones_name_is_refused(members, roadmap) -> None:
    from jalon.errors import ValidationFailed

    add_theme(roadmap, "acq", name="Acquisition")
    brand = add_theme(roadmap, "brand", name="Marque")
    with pytest.raises(ValidationFailed):
        services.update(
            brand, actor=members["owner"], expected_version=brand.version, changes={"name": "Acquisítion"}
        )
    assert Theme.objects.get(key="brand").name == "Marque"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_empty_bar_prints_no_amount_but_the_chart_description_keeps_it(
    client: Client, members, budget, language: str
) -> None:
    members["viewer"].language = language
    members["viewer"].save()
    page = login(client, members, "viewer").get(PLAN + "budget/").content.decode()
    chart = re.search(r'<svg [^>]*class="budget-chart-svg".*?</svg>', page, re.S)
    assert chart is not None
    svg = ET.fromstring(chart.group(0))
    run = next(g for g in svg.iter(f"{SVG}g") if g.get("data-theme") == "run")
    zero, planned = {"fr": (f"0{NBSP}€", f"2{NNBSP}500{NBSP}€"), "en": ("€0", "€2,500")}[language]
    # Run has a planned budget and nothing committed or spent: one amount beside its bars, the planned one
    assert [t.text for t in run.iter(f"{SVG}text")][1:] == [planned]
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and (desc.text or "").count(zero) >= 2  # committed and spent, for screen readers


@pytest.mark.parametrize(("language", "said"), [("en", "Same colour as “Brand”"),
                                                 ("fr", "Même couleur que « Brand »")])  # fmt: skip
def test_an_add_form_and_an_edit_form_open_together_never_leave_two_groups_alike_unsaid(
    client: Client, members, roadmap, language: str, said: str
) -> None:
    """The budget page with a group's edit form open beside the add form: the add form offers the first free
    colour; the group edited to that colour by hand keeps it, and the group then added from the add form as
    it was shown gets the next free one. A colour chosen by hand for a second group is kept, and the page
    names the twin beside each."""
    add_theme(roadmap, "acq", colour="#4c6ef5")
    members["editor"].language = language
    members["editor"].save(update_fields=["language"])
    editor = login(client, members, "editor")
    page = editor.get(PLAN + "budget/?edit=acq").content.decode()
    assert 'id="item-acq" class="editing"' in page
    assert re.search(r'<input type="color" name="colour" value="#4c6ef5"', page)  # the edit form: its own
    offered = offered_in(page[page.index('class="register-create"') :])
    assert offered == ("#e8590c", "#e8590c")
    edited = editor.post(PLAN + "budget/themes/acq/", {"name": "Acquisition", "colour": offered[0],
                                                       "budget": "0", "version": 1})  # fmt: skip
    assert edited.status_code == 302
    added = editor.post(PLAN + "budget/", {"name": "Brand", "colour": offered[0], "offered": offered[1],
                                           "budget": "0"})  # fmt: skip
    assert added.status_code == 302
    colours = dict(roadmap.themes.values_list("name", "colour"))
    assert colours == {"Acquisition": "#e8590c", "Brand": "#4c6ef5"}
    assert "same-colour" not in text(editor.get(PLAN + "budget/"))
    brand = roadmap.themes.get(name="Brand")
    edited = editor.post(PLAN + "budget/themes/brand/", {"name": "Brand", "colour": "#E8590C", "budget": "0",
                                                         "version": brand.version})  # fmt: skip
    assert edited.status_code == 302
    page = text(editor.get(PLAN + "budget/"))
    assert said in page.replace(NBSP, " ").replace(NNBSP, " ")
    assert page.count('class="badge same-colour"') == 2
