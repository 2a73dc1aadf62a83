"""The life of a roadmap after the planning day, at its edges: a value that saves never breaks a tracking
page afterwards. A roadmap with KPIs a person really makes (one measurement, a value of 0 or negative, a
target equal to the baseline, a deadline today or past, a band, a flat series, 500 daily measurements,
measurements after the deadline), a review held, then the list, each KPI, each objective, the strategic
dashboard, the executive view, the reviews, the history and the documents, in French and in English."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from tests.factories import make_roadmap

TODAY, END = date(2027, 6, 15), date(2027, 12, 31)
ROADMAP = "/w/acme/r/plan-2027/"


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    """The pages' and the services' today (both ways the code reads it)."""
    from django.utils import timezone

    from jalon.planning.reviews import services as reviews

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    monkeypatch.setattr(reviews, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def monthly(first: date, values: list[float]) -> list[tuple[date, float]]:
    return [(date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1), v)
            for n, v in enumerate(values)]  # fmt: skip


@pytest.fixture
def edges(team: Any, today: date) -> Any:
    from jalon.strategy import services as strategy

    owner = team.owner
    roadmap = make_roadmap(
        team.workspace, owner, slug="plan-2027", start=date(2027, 1, 1), end=date(2027, 12, 31)
    )
    grow = strategy.create_objective(
        actor=owner, roadmap=roadmap, title="Grow sales", unit="€", baseline=100.0, target=100.0,
        direction="increase",
    )  # fmt: skip
    churn = strategy.create_objective(
        actor=owner, roadmap=roadmap, title="Cut churn", unit="%", target=3.0, direction="decrease"
    )
    kpis: dict[str, tuple[dict[str, Any], list[tuple[date, float]]]] = {
        # the main KPI of "Grow sales": a target equal to its baseline
        "equal": ({"objective": grow, "baseline": 100.0, "baseline_date": date(2027, 1, 1)},
                  monthly(date(2026, 12, 1), [100, 101, 99, 102, 100, 101])),
        "one": ({"objective": grow, "target": 50.0, "target_date": date(2027, 12, 31)},
                [(date(2027, 3, 1), 40.0)]),
        "zeros": ({"objective": grow, "target": 10.0, "target_date": date(2027, 12, 31)},
                  monthly(date(2027, 1, 1), [0, 0, -2, 0, -1, 0])),
        "flat": ({"objective": grow, "target": 120.0, "target_date": date(2027, 12, 31)},
                 monthly(date(2027, 1, 1), [7, 7, 7, 7, 7, 7])),
        "due-today": ({"objective": grow, "target": 200.0, "target_date": TODAY},
                      monthly(date(2027, 1, 1), [150, 160, 170, 180, 190, 195])),
        "past": ({"objective": grow, "target": 200.0, "target_date": date(2027, 3, 31)},
                 monthly(date(2026, 10, 1), [150, 160, 170, 180, 190, 195, 205, 210, 215])),
        "band": ({"objective": churn, "direction": "band", "target_low": 2.0, "target_high": 4.0,
                  "target_date": END}, monthly(date(2027, 1, 1), [5, 4.5, 4.1, 3.8, 3.5, 3.4])),
        "daily": ({"objective": churn, "target": 3.0, "target_date": END, "frequency": "daily"},
                  [(TODAY - timedelta(days=499 - n), 5.0 - n / 250 + (n % 7) / 10) for n in range(500)]),
        "no-target": ({"objective": None}, monthly(date(2027, 1, 1), [1, 2, 3, 4, 5, 6])),
    }  # fmt: skip
    for key, (fields, measurements) in kpis.items():
        fields.setdefault("frequency", "monthly")
        kpi = strategy.create_kpi(
            actor=owner, roadmap=roadmap, key=key, name=f"KPI {key}", unit="€", **fields
        )
        for day, value in measurements:
            strategy.add_measurement(actor=owner, kpi=kpi, date=day, value=value)
    return roadmap


PAGES = ("kpis/", "dashboard/", "executive/", "reviews/", "history/", "", "documents/")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_tracking_page_opens_with_kpis_at_their_edges(edges: Any, team: Any, client: Client, language):
    from jalon.planning.people import services as people
    from jalon.planning.reviews import services as reviews
    from jalon.reports.presets import options_for
    from jalon.reports.services import render_report
    from jalon.strategy import services as strategy
    from jalon.strategy.models import KPI

    camille = people.create_person(actor=team.owner, workspace=team.workspace, roadmap=edges, name="Camille")
    band = KPI.objects.get(roadmap=edges, key="band")
    strategy.update_kpi(
        actor=team.owner, kpi=band, expected_version=band.version, changes={"owner": "Camille"}
    )
    reviews.create_review(actor=team.owner, roadmap=edges, key="q2", title="Q2", held_on=TODAY)
    # After the review: the measurement it used goes, a target moves, the owner leaves the workspace.
    equal = KPI.objects.get(roadmap=edges, key="equal")
    strategy.delete_measurement(actor=team.owner, measurement=equal.measurements.latest("date"))
    strategy.update_kpi(
        actor=team.owner, kpi=equal, expected_version=equal.version, changes={"target": 130.0}
    )
    people.delete_person(camille, actor=team.owner)
    for fmt in ("pdf", "xlsx"):
        options = options_for(edges, "", language=language)
        assert render_report(actor=team.owner, roadmap=edges, fmt=fmt, options=options, today=TODAY).content
    team.owner.language = language
    team.owner.save(update_fields=["language"])
    client.force_login(team.owner)
    urls = [ROADMAP + page for page in PAGES]
    urls += [ROADMAP + f"kpis/{kpi.key}/" for kpi in edges.kpis.all()]
    urls += [ROADMAP + f"kpis/{kpi.key}/edit/" for kpi in edges.kpis.all()]
    urls += [ROADMAP + f"o/{objective.key}/" for objective in edges.objectives.all()]
    urls += [ROADMAP + "reviews/q2/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        ids = re.findall(r'\sid="([^"]+)"', response.content.decode())
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], url  # a label points at one field
        words = re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode()))
        assert not re.search(r"\b(nan|NaN|inf|None)\b", words), (
            url,
            re.findall(r".{40}\b(?:nan|NaN|inf|None)\b.{40}", words),
        )


@pytest.fixture
def off_track(team: Any, today: date) -> Any:
    """An objective whose main KPI's forecast gives it small odds, and one tracked by a band KPI inside its
    band (three measurements: no odds yet), a review held on the day."""
    from jalon.planning.reviews import services as reviews
    from jalon.strategy import services as strategy

    owner = team.owner
    roadmap = make_roadmap(
        team.workspace, owner, slug="plan-2027", start=date(2027, 1, 1), end=date(2027, 12, 31)
    )
    sales = strategy.create_objective(
        actor=owner, roadmap=roadmap, key="sales", title="Grow sales", unit="€", baseline=95_000.0,
        target=130_000.0, direction="increase", deadline=date(2027, 12, 31),
    )  # fmt: skip
    churn = strategy.create_objective(
        actor=owner, roadmap=roadmap, key="churn", title="Cut churn", unit="%", direction="decrease",
        deadline=date(2027, 12, 31),
    )  # fmt: skip
    kpi = strategy.create_kpi(
        actor=owner, roadmap=roadmap, objective=sales, name="Sales", unit="€", frequency="monthly"
    )
    values = [98_500, 101_234.5, 103_900, 106_250.75, 108_100, 109_300.25]
    for day, value in monthly(date(2027, 1, 5), values):
        strategy.add_measurement(actor=owner, kpi=kpi, date=day, value=value)
    band = strategy.create_kpi(
        actor=owner, roadmap=roadmap, objective=churn, name="Churn", unit="%", frequency="monthly",
        direction="band", target_low=0.5, target_high=1.5,
    )  # fmt: skip
    for day, value in monthly(date(2027, 3, 1), [1.3, 1.2, 1.1]):
        strategy.add_measurement(actor=owner, kpi=band, date=day, value=value)
    reviews.create_review(actor=owner, roadmap=roadmap, key="q2", title="Q2", held_on=TODAY)
    return roadmap


def test_the_reports_status_follows_the_odds_like_the_executive_view(off_track: Any, client: Client, team):
    """Small odds are *off track* on the executive view: the PDF and the workbook say the same, not the
    elapsed-time rule's *on track*."""
    from jalon.reports.collect import collect_report
    from jalon.reports.presets import options_for

    client.force_login(team.owner)
    row = client.get(ROADMAP + "executive/").content.decode()
    row = row[row.index('id="health-sales"') :]
    assert "Hors trajectoire" in row[: row.index("</tr>")]
    report = collect_report(off_track, options_for(off_track, "", language="fr"), today=TODAY)
    assert {o.key: o.health for o in report.objectives}["sales"] == "hors trajectoire"


def test_an_objective_tracked_by_a_band_kpi_shows_its_latest_value_and_status(off_track, client, team):
    """A band KPI's measurements are the objective's latest value; inside the band, it is on track (not
    *not measured*), and the target column says the band."""
    client.force_login(team.owner)
    page = html.unescape(client.get(ROADMAP + "executive/").content.decode())
    row = page[page.index('id="health-churn"') :]
    row = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row[: row.index("</tr>")])).replace("\u202f", " ")
    assert "Non mesuré" not in row and "En bonne voie" in row, row
    assert "1,1 %" in row and "entre 0,5 % et 1,5 %" in row.replace("\xa0", " "), row
