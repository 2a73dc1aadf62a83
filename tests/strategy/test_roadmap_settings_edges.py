"""A roadmap's settings at their edges, as the first hour from an empty database met them: the currency as
people type it (« € », « usd »), a horizon starting on 29 February or on the 31st, a start out of range with
a horizon chosen. What the form saves must come back out of a jalon/1 file and in again."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from jalon.documents.roadmap_file import FileProblems
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.errors import ValidationFailed
from jalon.strategy import services
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap

pytestmark = pytest.mark.django_db


def new_roadmap_form(**changes: str) -> dict[str, str]:
    data = {
        "title": "Plan 2027",
        "type": "campaign",
        "vision": "",
        "start": "2027-01-01",
        "horizon": "12",
        "end": "",
        "fiscal_year_start_month": "1",
        "currency": "EUR",
        "sector": "",
        "slug": "",
    }
    return {**data, **changes}


@pytest.fixture
def owner(client: Client, team: Team) -> Client:
    client.force_login(team.owner)
    return client


def post_new(client: Client, team: Team, **changes: str) -> Any:
    return client.post(f"/w/{team.workspace.slug}/roadmaps/new/", new_roadmap_form(**changes))


@pytest.mark.parametrize(("typed", "saved"), [("€", "EUR"), (" usd ", "USD"), ("£", "GBP"), ("chf", "CHF")])
def test_a_currency_typed_as_a_symbol_or_in_lowercase_is_saved_as_its_code(
    owner: Client, team: Team, typed: str, saved: str
) -> None:
    response = post_new(owner, team, currency=typed)
    assert response.status_code == 302, html.unescape(response.content.decode())
    assert Roadmap.objects.get(workspace=team.workspace, slug="plan-2027").currency == saved


def test_a_currency_that_is_no_code_is_refused_in_the_readers_words_and_nothing_is_created(
    owner: Client, team: Team
) -> None:
    response = post_new(owner, team, currency="eu")
    assert response.status_code == 422
    assert "code à trois lettres" in html.unescape(response.content.decode())
    assert not Roadmap.objects.filter(workspace=team.workspace).exists()


def test_the_model_refuses_a_currency_a_roadmap_file_could_not_carry(team: Team) -> None:
    with pytest.raises(ValidationFailed) as refused:
        make_roadmap(team.workspace, team.owner, currency="€")
    assert "currency" in refused.value.errors
    roadmap = make_roadmap(team.workspace, team.owner)
    with pytest.raises(ValidationFailed):
        services.update_roadmap(
            actor=team.owner, roadmap=roadmap, expected_version=roadmap.version, changes={"currency": "usd"}
        )


def test_a_roadmap_made_in_the_form_goes_out_as_a_file_and_in_again(owner: Client, team: Team) -> None:
    post_new(owner, team, currency="$", vision="v" * 2000, title="X" * 200)
    roadmap = Roadmap.objects.get(workspace=team.workspace)
    text = export_roadmap(actor=team.owner, roadmap=roadmap, fmt="yaml")
    import_roadmap(
        actor=team.owner, workspace=team.workspace, text=text, fmt="yaml", replace=True, confirmed=True
    )
    assert Roadmap.objects.get(workspace=team.workspace).currency == "USD"


def test_a_file_with_a_currency_that_is_no_code_says_what_a_currency_is(team: Team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner)
    text = export_roadmap(actor=team.owner, roadmap=roadmap, fmt="yaml").replace(
        "currency: EUR", "currency: €"
    )
    with pytest.raises(FileProblems) as problems:
        import_roadmap(
            actor=team.owner, workspace=team.workspace, text=text, fmt="yaml", replace=True, confirmed=True
        )
    said = dict(problems.value.problems)
    assert "trois lettres" in said["roadmap.currency"], said
    assert "minuscules" not in said["roadmap.currency"]


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2027, 1, 1), 12, date(2027, 12, 31)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # 29 February 2029 does not exist: the day before 1 March
        (date(2027, 1, 31), 3, date(2027, 4, 30)),  # 31 April does not exist: the day before 1 May
        (date(2027, 1, 30), 3, date(2027, 4, 29)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2028, 2, 29), 36, date(2031, 2, 28)),
    ],
)
def test_a_horizon_of_months_ends_the_day_before_the_same_day_that_many_months_later(
    start: date, months: int, end: date
) -> None:
    assert Roadmap.end_for(start, months) == end
    assert Roadmap(start=start, end=end).horizon_months == months


def test_a_horizon_from_29_february_is_still_read_back_as_its_months(owner: Client, team: Team) -> None:
    post_new(owner, team, start="2028-02-29", horizon="12")
    roadmap = Roadmap.objects.get(workspace=team.workspace)
    assert (roadmap.end, roadmap.horizon_months) == (date(2029, 2, 28), 12)


def test_a_start_out_of_range_with_a_horizon_chosen_is_the_only_thing_said(owner: Client, team: Team) -> None:
    response = post_new(owner, team, start="1899-06-01", horizon="3")
    assert response.status_code == 422
    page = html.unescape(response.content.decode())
    assert "entre 1900 et 2200" in page
    assert "choisissez un horizon" not in page


def test_opening_the_new_roadmap_address_leads_to_the_workspace_page_and_its_form(
    owner: Client, team: Team
) -> None:
    response = owner.get(f"/w/{team.workspace.slug}/roadmaps/new/")
    assert response.status_code == 302
    assert response["Location"] == f"/w/{team.workspace.slug}/#new-roadmap"


@pytest.mark.parametrize(("language", "said"), [("fr", "l’une de ces valeurs"), ("en", "one of")])
def test_a_files_unknown_roadmap_type_lists_the_choices_in_the_readers_language(
    team: Team, language: str, said: str
) -> None:
    roadmap = make_roadmap(team.workspace, team.owner, slug="typed")
    text = export_roadmap(actor=team.owner, roadmap=roadmap, fmt="yaml").replace(
        "type: strategic", "type: nope"
    )
    with translation.override(language), pytest.raises(FileProblems) as problems:
        import_roadmap(actor=team.owner, workspace=team.workspace, text=text, fmt="yaml", replace=True)
    message = dict(problems.value.problems)["roadmap.type"]
    assert said in message and "portfolio" in message and "project" in message
    assert " or " not in message if language == "fr" else " ou " not in message
    assert "'" not in message, "the choices are the file's words, not Python's quotes"


def test_a_files_empty_title_is_said_to_be_empty_not_of_the_wrong_length(team: Team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner, slug="named", title="Named")
    text = export_roadmap(actor=team.owner, roadmap=roadmap, fmt="yaml").replace("title: Named", "title: ''")
    with pytest.raises(FileProblems) as problems:
        import_roadmap(actor=team.owner, workspace=team.workspace, text=text, fmt="yaml", replace=True)
    assert dict(problems.value.problems)["roadmap.title"] == "Ne peut pas être vide."


# An end date typed beside the horizon the form opens with (6 months) -----------------------------------


def test_an_end_date_typed_with_the_horizon_left_as_it_opened_is_the_end_saved(
    owner: Client, team: Team
) -> None:
    response = post_new(owner, team, start="2027-01-01", horizon="6", end="2027-12-31")
    assert response.status_code == 302
    roadmap = Roadmap.objects.get(workspace=team.workspace)
    assert (roadmap.start, roadmap.end, roadmap.horizon_months) == (date(2027, 1, 1), date(2027, 12, 31), 12)


def test_an_end_typed_before_the_start_is_refused_even_with_the_horizon_left_as_it_opened(
    owner: Client, team: Team
) -> None:
    response = post_new(owner, team, start="2027-01-01", horizon="6", end="2026-01-01")
    assert response.status_code == 422
    assert "L’horizon se termine avant de commencer." in html.unescape(response.content.decode())
    assert not Roadmap.objects.filter(workspace=team.workspace).exists()


def test_a_horizon_chosen_and_an_end_typed_that_disagree_are_refused_naming_both(
    owner: Client, team: Team
) -> None:
    response = post_new(owner, team, start="2027-01-01", horizon="12", end="2027-09-30")
    assert response.status_code == 422
    said = (
        "Cette date de fin n’est pas celle de l’horizon choisi\u00a0: effacez-la, ou choisissez "
        "«\u00a0dates de début et de fin précises\u00a0» comme horizon."
    )
    assert said in html.unescape(response.content.decode())
    assert not Roadmap.objects.filter(workspace=team.workspace).exists()


def test_editing_only_the_end_keeps_it_and_editing_only_the_start_moves_the_end_with_the_horizon(
    owner: Client, team: Team
) -> None:
    post_new(owner, team, start="2027-01-01", horizon="12")
    roadmap = Roadmap.objects.get(workspace=team.workspace)
    url = f"/w/{team.workspace.slug}/r/{roadmap.slug}/edit/"
    form = {**new_roadmap_form(horizon="12", end="2027-12-31"), "version": str(roadmap.version)}
    assert owner.post(url, {**form, "end": "2027-10-31"}).status_code == 302
    roadmap.refresh_from_db()
    assert (roadmap.end, roadmap.horizon_months) == (date(2027, 10, 31), None)
    form = {**form, "horizon": "0", "end": "2027-10-31", "version": str(roadmap.version)}
    assert owner.post(url, {**form, "horizon": "3", "start": "2027-02-01"}).status_code == 302
    roadmap.refresh_from_db()
    assert (roadmap.start, roadmap.end, roadmap.horizon_months) == (date(2027, 2, 1), date(2027, 4, 30), 3)


@pytest.mark.parametrize(("language", "label"), [("en", "36 months"), ("fr", "36 mois")])
def test_the_horizon_choices_read_in_the_pages_language(language: str, label: str) -> None:
    """The horizon's choices were made once, in the language active when the form's module was imported:
    an English page offered « 3 mois … 36 mois »."""
    from jalon.strategy.forms import RoadmapForm

    with translation.override(language):
        select = html.unescape(str(RoadmapForm()["horizon"])).replace("\u00a0", " ")
    assert f">{label}</option>" in select, select


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_type_list_offers_the_eight_types_and_no_blank_the_new_form_opening_on_strategic(
    language: str,
) -> None:
    # The first hour saw « --------- » above « stratégique » in a list a roadmap cannot leave empty.
    from jalon.strategy.forms import NewRoadmapForm

    with translation.override(language):
        select = str(NewRoadmapForm()["type"])
    assert "---" not in select and select.count("<option") == 8, select
    assert 'value="strategic" selected' in select
