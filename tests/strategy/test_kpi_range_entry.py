"""A measurement beyond a KPI's *typed* range is refused in words on every way in (the forms, the correction
page, a paste, a file, a data source, a jalon/1 file), the whole paste or file with it; a range from the
unit refuses nothing; typing a range a measurement already lies outside is refused, naming it."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.strategy.models import KPI
from tests.factories import make_roadmap

ROADMAP = "/w/acme/r/plan/"
RATE = ROADMAP + "kpis/rate/"
REFUSED_120 = "120 % : hors des valeurs possibles de cet indicateur (0 à 100 %)"


def words_of(response: Any) -> str:
    text = html.unescape(response.content.decode()).replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def plain(text: str | None) -> str:
    return (text or "").replace("\u00a0", " ").replace("\u202f", " ")


def rate_kpi(team: Any, *, typed: bool = True) -> KPI:
    """A conversion rate in %, typed 0 to 100 (or left to its unit), with three monthly measurements."""
    from jalon.strategy import services as strategy

    roadmap = make_roadmap(team.workspace, team.owner, start=date(2026, 1, 1), end=date(2027, 12, 31))
    kpi = strategy.create_kpi(
        actor=team.owner, roadmap=roadmap, key="rate", name="Conversion", unit="%", frequency="monthly",
        **({"lowest_possible": 0.0, "highest_possible": 100.0} if typed else {}),
    )  # fmt: skip
    for month, value in enumerate([2.1, 2.3, 2.2], start=1):
        strategy.add_measurement(actor=team.owner, kpi=kpi, date=date(2026, month, 1), value=value)
    return kpi


@pytest.fixture
def rate(team: Any, client: Client) -> KPI:
    client.force_login(team.owner)
    return rate_kpi(team)


def values_of(kpi: KPI) -> list[float]:
    return list(kpi.measurements.order_by("date").values_list("value", flat=True))


def test_a_typed_measurement_beyond_the_range_is_refused_in_words_on_the_kpi_page(rate, client) -> None:
    response = client.post(RATE + "add/", {"date": "2026-04-01", "value": "120", "source": ""})
    assert response.status_code == 422 and REFUSED_120 in words_of(response)
    assert values_of(rate) == [2.1, 2.3, 2.2]
    assert client.post(RATE + "add/", {"date": "2026-04-01", "value": "100", "source": ""}).status_code == 302
    assert values_of(rate) == [2.1, 2.3, 2.2, 100.0]


def test_the_objective_page_s_measurement_form_refuses_a_value_beyond_the_range(team, client) -> None:
    from jalon.strategy import services as strategy

    client.force_login(team.owner)
    kpi = rate_kpi(team)
    objective = strategy.create_objective(
        actor=team.owner, roadmap=kpi.roadmap, key="convert", title="Convert more", unit="%", target=4.0,
        direction="increase", deadline=date(2027, 12, 31),
    )  # fmt: skip
    strategy.update_kpi(
        actor=team.owner, kpi=kpi, expected_version=kpi.version, changes={"objective": objective}
    )
    response = client.post(
        RATE + "measurements/", {"rate-date": "2026-04-01", "rate-value": "120", "rate-source": ""}
    )
    assert response.status_code == 422 and REFUSED_120 in words_of(response)
    assert kpi.measurements.count() == 3


def test_a_correction_beyond_the_range_is_refused_and_changes_nothing(rate, client) -> None:
    first = rate.measurements.get(date=date(2026, 1, 1))
    response = client.post(
        f"{RATE}measurements/{first.pk}/", {f"m{first.pk}-date": "2026-01-01", f"m{first.pk}-value": "-1"}
    )
    assert response.status_code == 422
    assert "-1 % : hors des valeurs possibles de cet indicateur (0 à 100 %)" in words_of(response)
    first.refresh_from_db()
    assert first.value == 2.1


def test_a_paste_with_a_line_beyond_the_range_adds_nothing_and_names_the_line(rate, client) -> None:
    table = "01/04/2026\t2,4\n01/05/2026\t120\n01/06/2026\t2,6"
    response = client.post(RATE + "paste/", {"table": table, "source": "CRM"})
    assert response.status_code == 422
    assert f"Ligne 2 : {REFUSED_120}" in words_of(response)
    assert values_of(rate) == [2.1, 2.3, 2.2]


def test_a_file_with_a_line_beyond_the_range_adds_nothing_and_names_the_line(rate, client) -> None:
    upload = SimpleUploadedFile("taux.csv", b"date;valeur\n2026-04-01;2,4\n2026-05-01;2,5\n2026-06-01;120\n")
    response = client.post(RATE + "import/", {"file": upload, "source": ""})
    assert response.status_code == 422
    assert f"Ligne 4 : {REFUSED_120}" in words_of(response)
    assert values_of(rate) == [2.1, 2.3, 2.2]


def test_rows_written_by_a_service_are_refused_all_together_each_named_by_its_day(rate, team) -> None:
    """A data source's refresh writes through ``add_measurements``: its rows have no line, their day
    names them."""
    from jalon.strategy.kpis.services import add_measurements

    rows = [(date(2026, 4, 1), 2.4), (date(2026, 5, 1), 120.0), (date(2026, 6, 1), -3.0)]
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        add_measurements(actor=team.owner, kpi=rate, rows=rows)
    said = [m.replace("\u00a0", " ").replace("\u202f", " ") for m in refused.value.errors["value"]]
    assert said == [
        "1 May 2026: 120%: outside this KPI's possible values (0 to 100%)",
        "1 June 2026: -3%: outside this KPI's possible values (0 to 100%)",
    ]
    assert values_of(rate) == [2.1, 2.3, 2.2]


def test_a_range_from_the_unit_refuses_nothing(team, client) -> None:
    client.force_login(team.owner)
    kpi = rate_kpi(team, typed=False)
    assert client.post(RATE + "paste/", {"table": "01/04/2026\t120\n01/05/2026\t-3"}).status_code == 302
    assert values_of(kpi) == [2.1, 2.3, 2.2, 120.0, -3.0]


def test_only_a_typed_end_refuses(team) -> None:
    floor = KPI(unit="%", lowest_possible=0.0)
    assert floor.outside_possible(150.0) is None
    with translation.override("en"):
        assert plain(floor.outside_possible(-1.0)) == "-1%: outside this KPI's possible values (at least 0%)"
        ceiling = KPI(unit="leads", highest_possible=10.0)
        said = plain(ceiling.outside_possible(11.0))
        assert said == "11 leads: outside this KPI's possible values (at most 10 leads)"


def test_typing_a_range_a_measurement_lies_outside_is_refused_naming_it(rate, team) -> None:
    from jalon.strategy import services as strategy

    with pytest.raises(ValidationFailed) as refused:
        strategy.update_kpi(
            actor=team.owner, kpi=rate, expected_version=rate.version, changes={"lowest_possible": 2.2}
        )
    said = " ".join(refused.value.errors["lowest_possible"]).replace("\u00a0", " ").replace("\u202f", " ")
    assert said == "La mesure du 1er janvier 2026 (2,1 %) sort de cet intervalle."
    rate.refresh_from_db()
    assert rate.lowest_possible == 0.0
    saved = strategy.update_kpi(
        actor=team.owner, kpi=rate, expected_version=rate.version, changes={"lowest_possible": 2.0}
    )
    assert saved.lowest_possible == 2.0


def test_a_roadmap_file_with_a_measurement_beyond_its_kpi_s_range_is_refused(team) -> None:
    import yaml

    from jalon.documents.roadmap_file import FileProblems
    from jalon.documents.services import import_roadmap
    from jalon.strategy.models import Roadmap

    document = {
        "format": "jalon/1",
        "roadmap": {"slug": "plan-2027", "title": "Plan 2027", "type": "campaign", "language": "fr",
                    "horizon": {"start": "2026-02-01", "end": "2027-01-31"}},
        "kpis": [
            {"key": "taux", "name": "Taux", "unit": "%", "frequency": "monthly", "lowest_possible": 0,
             "highest_possible": 100,
             "measurements": [{"date": "2026-02-28", "value": 10}, {"date": "2026-03-31", "value": 120}]},
        ],
    }  # fmt: skip
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    with pytest.raises(FileProblems) as refused:
        import_roadmap(actor=None, workspace=team.workspace, text=text, fmt="yaml")
    problems = [(path, m.replace("\u00a0", " ").replace("\u202f", " ")) for path, m in refused.value.problems]
    assert ("kpis[0].measurements[1].value", REFUSED_120) in problems
    assert not Roadmap.objects.filter(slug="plan-2027").exists()


def test_thousands_of_refused_rows_are_listed_200_then_counted(rate, team) -> None:
    from datetime import timedelta

    from jalon.strategy.kpis.services import add_measurements

    rows = [(date(2020, 1, 1) + timedelta(days=n), 150.0) for n in range(1000)]
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        add_measurements(actor=team.owner, kpi=rate, rows=rows)
    said = refused.value.errors["value"]
    assert len(said) == 201 and said[-1] == "And 800 more problems."
    assert rate.measurements.count() == 3


def test_the_kpi_form_refuses_a_range_a_measurement_lies_outside_and_names_it(rate, client) -> None:
    form = {
        "name": rate.name, "objective": "", "unit": "%", "direction": "increase", "baseline": "",
        "baseline_date": "", "target": "", "target_low": "", "target_high": "", "target_date": "",
        "frequency": "monthly", "owner": "", "benchmark_low": "", "benchmark_high": "",
        "benchmark_source": "", "version": rate.version, "lowest_possible": "0", "highest_possible": "2,2",
    }  # fmt: skip
    response = client.post(RATE + "edit/", form)
    assert response.status_code == 422
    assert "La mesure du 1er février 2026 (2,3 %) sort de cet intervalle." in words_of(response)
    rate.refresh_from_db()
    assert rate.highest_possible == 100.0
