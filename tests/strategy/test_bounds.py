"""Values that would save and then break pages are refused everywhere by the models (issue 13, item 2):
dates outside 1900-2200, infinite, NaN or huge numbers, endless texts, keys that are route words."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from jalon.documents.roadmap_file import FileProblems
from jalon.documents.services import import_roadmap
from jalon.errors import ValidationFailed
from jalon.planning import services as planning
from jalon.planning.models import Activity, Milestone, Risk
from jalon.strategy import services
from jalon.strategy.models import Measurement, Objective, Roadmap
from tests.documents.roadmap_files import as_yaml, base_document

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
DATE_RANGE = "Enter a date between 1900 and 2200."
NUMBER_RANGE = "Enter a finite number between -1,000,000,000,000,000 and 1,000,000,000,000,000."
NON_NEGATIVE_RANGE = "Enter a finite number between 0 and 1,000,000,000,000,000."  # value, effort


def refused(call: Any, *args: Any, **kwargs: Any) -> dict[str, list[str]]:
    with translation.override("en"), pytest.raises(ValidationFailed) as error:
        call(*args, **kwargs)
    return error.value.errors


@pytest.mark.parametrize(
    ("start", "end"), [(date(1, 1, 1), date(2026, 12, 31)), (date(2026, 1, 1), date(9999, 12, 31))]
)
def test_a_horizon_outside_1900_2200_is_refused_with_the_range(demo, members, start: date, end: date) -> None:
    roadmap = demo.roadmap
    errors = refused(
        services.update_roadmap,
        actor=members["owner"],
        roadmap=roadmap,
        expected_version=roadmap.version,
        changes={"start": start, "end": end},
    )
    assert DATE_RANGE in [message for messages in errors.values() for message in messages]


@pytest.mark.parametrize("field", ["start", "end"])
def test_an_activity_date_in_year_1_or_9999_is_refused(demo, field: str) -> None:
    day = date(1, 1, 1) if field == "start" else date(9999, 12, 31)
    errors = refused(
        planning.create,
        Activity,
        actor=None,
        roadmap=demo.roadmap,
        key="loin",
        title="Loin",
        **{field: day},
    )
    assert errors == {field: [DATE_RANGE]}


def test_a_milestone_date_is_bounded_too(demo) -> None:
    errors = refused(
        planning.create,
        Milestone,
        actor=None,
        roadmap=demo.roadmap,
        key="m",
        title="M",
        date=date(2201, 1, 1),
    )
    assert errors == {"date": [DATE_RANGE]}


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 1e16])
def test_a_baseline_that_is_not_a_finite_amount_is_refused(demo, members, value: float) -> None:
    objective = demo.roadmap.objectives.first()
    errors = refused(
        services.update_objective,
        actor=members["owner"],
        objective=objective,
        expected_version=objective.version,
        changes={"baseline": value},
    )
    assert errors == {"baseline": [NUMBER_RANGE]}


def test_a_nan_measurement_is_refused_not_stored_as_empty(demo) -> None:
    kpi = demo.roadmap.kpis.first()
    before = Measurement.objects.count()
    errors = refused(services.add_measurement, actor=None, kpi=kpi, date=date(2026, 5, 1), value=math.nan)
    assert errors == {"value": [NUMBER_RANGE]}
    assert Measurement.objects.count() == before


def test_an_activity_value_of_1e400_is_refused(demo) -> None:
    errors = refused(
        planning.create,
        Activity,
        actor=None,
        roadmap=demo.roadmap,
        key="x",
        title="X",
        value=float("1e400"),
    )
    assert errors == {"value": [NON_NEGATIVE_RANGE]}


@pytest.mark.parametrize(("kind", "fields"), [(Activity, {"title": "New"}), (Risk, {"title": "Risque"})])
def test_an_item_keyed_with_a_route_word_is_refused(demo, kind: type, fields: dict[str, Any]) -> None:
    errors = refused(planning.create, kind, actor=None, roadmap=demo.roadmap, key="new", **fields)
    assert errors == {"key": ["This key is reserved; choose another one."]}


def test_an_endless_free_text_is_refused(demo) -> None:
    errors = refused(
        planning.create,
        Activity,
        actor=None,
        roadmap=demo.roadmap,
        key="x",
        title="X",
        description="d" * 20_001,
    )
    assert errors == {"description": ["Write at most 20,000 characters."]}


def test_the_measurable_cell_refuses_a_huge_baseline_in_french(client: Client, members) -> None:
    client.force_login(members["editor"])
    objective = Objective.objects.get(roadmap__workspace__slug="cloud-kicks", key="taux-conversion")
    response = client.post(
        ROADMAP + "o/taux-conversion/cells/measurable/",
        {
            "metric": "taux",
            "unit": "%",
            "baseline": "100 000 000 000 000 000 000",  # 1e20, typed as people write it
            "target": "3",
            "direction": "increase",
            "version": objective.version,
        },
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 422
    assert "Saisissez un nombre fini compris entre" in response.content.decode()
    assert Objective.objects.get(pk=objective.pk).baseline == objective.baseline


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"roadmap": {"horizon": {"start": "0001-01-01", "end": "9999-12-31"}}}, "roadmap.horizon.start"),
        (
            {"objectives": [{"key": "a", "title": "A", "measurable": {"metric": "m", "baseline": 1e400}}]},
            "objectives[0].measurable.baseline",
        ),
        (
            {
                "kpis": [
                    {
                        "key": "k",
                        "name": "K",
                        "frequency": "daily",
                        "measurements": [{"date": "2026-03-01", "value": "NaN"}],
                    }
                ]
            },
            "kpis[0].measurements[0].value",
        ),
    ],
)
def test_a_file_with_values_that_would_break_pages_is_refused_at_their_paths(
    db, change: dict[str, Any], where: str
) -> None:
    from jalon.workspaces.models import Workspace

    document = base_document()
    for section, value in change.items():
        if section == "roadmap":
            document["roadmap"] |= value
        else:
            document[section] = value
    document["strategies"] = []
    workspace = Workspace.objects.create(slug="agence", name="Agence")
    with translation.override("en"), pytest.raises(FileProblems) as error:
        import_roadmap(actor=None, workspace=workspace, text=as_yaml(document), fmt="yaml")
    assert where in dict(error.value.problems)


@pytest.mark.parametrize("title", ["New", "Export", "Edit"])
def test_keys_made_from_titles_skip_the_route_words(demo, title: str) -> None:
    from jalon.keys import free_key
    from jalon.planning.models import Activity, Review

    assert free_key(Activity.objects.filter(roadmap=demo.roadmap), title) == f"{title.lower()}-2"
    assert free_key(Review.objects.filter(roadmap=demo.roadmap), title) == f"{title.lower()}-2"


@pytest.mark.parametrize("start", ["9999-06-01", "1899-12-31"])
def test_a_new_roadmap_starting_outside_1900_2200_with_a_horizon_is_refused_not_a_server_error(
    client: Client, members, start: str
) -> None:
    """The horizon's end is computed from the start before the model checks it: from 9999-06-01, twelve
    months end in the year 10000, which no date can hold."""
    client.force_login(members["owner"])
    form = {"title": "Loin", "type": "strategic", "start": start, "horizon": "12", "currency": "EUR"}
    form |= {"fiscal_year_start_month": "1", "version": "1"}
    response = client.post("/w/cloud-kicks/roadmaps/new/", form)
    assert response.status_code == 422
    assert "Saisissez une date comprise entre 1900 et 2200." in response.content.decode()
    assert not Roadmap.objects.filter(title="Loin").exists()


@pytest.mark.parametrize("key", ["Essai", "plan_media", "-tiret"])
def test_a_key_a_jalon_file_could_not_read_back_is_refused(demo, key: str) -> None:
    errors = refused(planning.create, Risk, actor=None, roadmap=demo.roadmap, key=key, title="Risque")
    assert errors == {"key": ["Use lowercase letters, digits and hyphens only."]}


def test_a_key_typed_with_capitals_is_lowered_and_the_roadmap_still_round_trips(
    client: Client, members
) -> None:
    client.force_login(members["editor"])
    response = client.post(
        ROADMAP + "risks/",
        {"title": "Risque", "probability": "2", "impact": "2", "status": "open", "key": "Essai"},
    )
    assert response.status_code in (200, 302)
    assert Risk.objects.filter(roadmap__slug="cloud-kicks", key="essai").exists()
    text = client.get(ROADMAP + "export.yaml").content.decode()
    from jalon.workspaces.models import Workspace

    workspace = Workspace.objects.create(slug="copie", name="Copie")
    assert (
        import_roadmap(actor=None, workspace=workspace, text=text, fmt="yaml")
        .risks.filter(key="essai")
        .exists()
    )


def test_a_typed_key_with_an_underscore_is_refused_in_french_and_nothing_is_saved(
    client: Client, members
) -> None:
    client.force_login(members["editor"])
    before = Risk.objects.count()
    response = client.post(
        ROADMAP + "risks/",
        {"title": "Risque", "probability": "2", "impact": "2", "status": "open", "key": "plan_media"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 422
    assert "Utilisez uniquement des minuscules, des chiffres et des tirets." in response.content.decode()
    assert Risk.objects.count() == before
