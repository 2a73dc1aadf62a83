"""A KPI's possible values (typed, or from its unit) keep its forecast inside them on every page, and a KPI
at zero all along says it has not moved yet instead of showing 0 % odds."""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from jalon.engines.forecast import Target
from jalon.strategy.kpis.ranges import kpi_bounds, unit_range
from jalon.strategy.models import KPI, Measurement, Objective

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
KPIS = ROADMAP + "kpis/"
LEADS = KPIS + "leads-salon/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode()).replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def editor(client: Client, members) -> Client:
    client.force_login(members["editor"])
    return client


def leads_kpi(values: list[float], **fields: Any) -> KPI:
    """A weekly count of leads tracking the conversion objective, measured up to last week."""
    objective = Objective.objects.get(roadmap__slug="cloud-kicks", key="taux-conversion")
    kpi = KPI.objects.create(
        roadmap=objective.roadmap, objective=objective, key="leads-salon", name="Leads du salon",
        unit=fields.pop("unit", "leads"), frequency="weekly", target=fields.pop("target", 3.0),
        target_date=date.today() + timedelta(weeks=26), position=99, **fields,
    )  # fmt: skip
    start = date.today() - timedelta(weeks=len(values))
    Measurement.objects.bulk_create(
        Measurement(kpi=kpi, date=start + timedelta(weeks=k), value=v) for k, v in enumerate(values)
    )
    return kpi


FEW_LEADS = [3.0, 0.0, 5.0, 1.0, 0.0, 4.0, 2.0, 0.0, 6.0, 1.0]


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("%", (0.0, 100.0)), (" % ", (0.0, 100.0)), ("leads", (0.0, None)), ("€", (0.0, None)),
     ("pts", (None, None)), ("Points", (None, None)), ("", (None, None))],
)  # fmt: skip
def test_a_unit_gives_the_range_it_makes_clear(unit: str, expected: tuple[float | None, ...]) -> None:
    assert unit_range(unit) == expected


def test_a_value_beyond_the_unit_s_range_sets_that_end_aside() -> None:
    growth = KPI(unit="%", direction="increase", target=150.0)
    bounds = kpi_bounds(growth, [20.0, 80.0, 120.0], Target.at_least(150.0))
    assert bounds is not None and (bounds.low, bounds.high) == (0.0, None)
    margin = KPI(unit="€", direction="increase")
    assert kpi_bounds(margin, [-20.0, 5.0], Target.at_least(10.0)) is None


def test_typed_possible_values_come_before_the_unit_s() -> None:
    nps = KPI(unit="", direction="increase", lowest_possible=-100.0, highest_possible=100.0)
    bounds = kpi_bounds(nps, [-5.0, 12.0], Target.at_least(30.0))
    assert bounds is not None and (bounds.low, bounds.high) == (-100.0, 100.0)
    # a typed end a measurement contradicts cannot rule out what was measured
    wrong = KPI(unit="leads", direction="increase", lowest_possible=2.0)
    assert kpi_bounds(wrong, [1.0, 3.0], Target.at_least(3.0)) is None


def test_a_range_whose_lowest_is_not_below_its_highest_is_refused(demo) -> None:
    kpi = KPI.objects.get(roadmap__slug="cloud-kicks", key="taux-conversion")
    kpi.lowest_possible, kpi.highest_possible = 5.0, 5.0
    with pytest.raises(ValidationError) as caught:
        kpi.full_clean()
    assert "highest_possible" in caught.value.error_dict


def test_an_editor_types_the_possible_values_and_a_reversed_range_changes_nothing(editor: Client) -> None:
    kpi = leads_kpi(FEW_LEADS)
    form = {
        "name": kpi.name, "objective": str(kpi.objective_id), "unit": "leads", "direction": "increase",
        "baseline": "", "baseline_date": "", "target": "3", "target_low": "", "target_high": "",
        "target_date": kpi.target_date.isoformat() if kpi.target_date else "", "frequency": "weekly",
        "owner": "", "benchmark_low": "", "benchmark_high": "", "benchmark_source": "",
        "version": kpi.version,
    }  # fmt: skip
    refused = editor.post(LEADS + "edit/", {**form, "lowest_possible": "10", "highest_possible": "2"})
    assert refused.status_code == 422
    assert "La valeur maximale possible doit être au-dessus de la minimale." in text(refused)
    kpi.refresh_from_db()
    assert (kpi.lowest_possible, kpi.highest_possible) == (None, None)
    saved = editor.post(LEADS + "edit/", {**form, "lowest_possible": "0", "highest_possible": "500"})
    assert saved.status_code == 302
    kpi.refresh_from_db()
    assert (kpi.lowest_possible, kpi.highest_possible) == (0.0, 500.0)
    page = text(editor.get(LEADS))
    fact = page[page.index('id="possible-values"') :]
    assert "<dt>Valeurs possibles</dt><dd>de 0 leads à 500 leads</dd>" in fact[: fact.index("</div>")]


def test_the_kpi_page_says_the_interval_stops_at_zero_in_french_and_english(editor: Client) -> None:
    leads_kpi(FEW_LEADS)
    page = text(editor.get(LEADS))
    assert "Projection au" in page
    assert "L’intervalle s’arrête à 0 leads : l’indicateur ne peut pas descendre plus bas." in page
    assert "(d’après l’unité)" in page
    interval = page[page.index("intervalle à 80") :]
    assert "−" not in interval[: interval.index(")")]  # no negative count of leads
    editor.cookies["jalon_language"] = "en"
    english = text(editor.get(LEADS))
    assert "The interval stops at 0 leads: the KPI cannot go lower." in english
    assert "Possible values" in english and "(from the unit)" in english
    assert "L’intervalle" not in english


def test_a_kpi_that_stays_inside_its_range_shows_no_range_note(editor: Client) -> None:
    leads_kpi([40.0, 42.0, 39.0, 44.0, 41.0, 43.0, 45.0, 42.0], target=50.0)
    page = text(editor.get(LEADS))
    assert "Chances d’atteindre la cible" in page
    assert "L’intervalle s’arrête" not in page


def test_a_kpi_at_zero_all_along_has_no_odds_but_says_why_everywhere(editor: Client) -> None:
    leads_kpi([0.0] * 8, target=50.0)
    page = text(editor.get(LEADS))
    assert "Pas encore de chances : l’indicateur est à zéro à chaque mesure" in page
    assert "par mois nécessaires" in page  # the pace the target needs
    assert "Chances d’atteindre la cible : 0 %" not in page
    for address in (KPIS, ROADMAP + "dashboard/"):
        listing = text(editor.get(address))
        row = listing[listing.index("leads-salon") :]
        assert "pas encore (aucun mouvement)" in row[: row.index("</tr>")]
    editor.cookies["jalon_language"] = "en"
    english = text(editor.get(LEADS))
    assert "No odds yet: the KPI has been at zero in every measurement" in english
    dashboard = text(editor.get(ROADMAP + "dashboard/"))
    row = dashboard[dashboard.index('id="dash-kpi-leads-salon"') :]
    assert "none yet (no movement)" in row[: row.index("</tr>")]


def test_a_kpi_at_zero_all_along_leaves_its_objective_s_odds_to_the_others(demo) -> None:
    from jalon.strategy.kpis import forecasting

    kpi = leads_kpi([0.0] * 8, target=50.0)
    result = forecasting.kpi_forecast(kpi)
    assert result is not None and result.probability is None
    objective = Objective.objects.get(roadmap__slug="cloud-kicks", key="taux-conversion")
    with_it = forecasting.objective_odds(list(objective.kpis.all()))
    without = forecasting.objective_odds([k for k in objective.kpis.all() if k.pk != kpi.pk])
    assert with_it == without


@pytest.mark.parametrize(
    ("language", "words"), [("fr", "pas encore (aucun mouvement)"), ("en", "none yet (no movement)")]
)
def test_the_report_says_a_kpi_at_zero_all_along_has_not_moved_yet(demo, language: str, words: str) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions

    kpi = leads_kpi([0.0] * 8, target=50.0)
    report = collect_report(kpi.roadmap, ReportOptions(sections=("objectives",), language=language))
    series = {s.key: s for block in report.objectives for s in block.kpis}
    assert series["leads-salon"].odds == words
    assert words in series["leads-salon"].chart_svg  # the chart's description, as on the KPI page
