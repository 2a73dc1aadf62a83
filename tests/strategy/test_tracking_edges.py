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
from tests.tracking_edges import END, TODAY, make_edges, monthly

ROADMAP = "/w/acme/r/plan-2027/"


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    """The pages' and the services' today."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def edges(team: Any, today: date) -> Any:
    return make_edges(team)


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
    assert "hors trajectoire" in row[: row.index("</tr>")]
    report = collect_report(off_track, options_for(off_track, "", language="fr"), today=TODAY)
    assert {o.key: o.health for o in report.objectives}["sales"] == "hors trajectoire"


def test_an_objective_tracked_by_a_band_kpi_shows_its_latest_value_and_status(off_track, client, team):
    """A band KPI's measurements are the objective's latest value; inside the band, it is on track (not
    *not measured*), and the target column says the band."""
    client.force_login(team.owner)
    page = html.unescape(client.get(ROADMAP + "executive/").content.decode())
    row = page[page.index('id="health-churn"') :]
    row = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row[: row.index("</tr>")])).replace("\u202f", " ")
    assert "Non mesuré" not in row and "en bonne voie" in row, row
    assert "1,1 %" in row and "entre 0,5 % et 1,5 %" in row.replace("\xa0", " "), row


def test_a_review_keeps_the_band_as_the_target_of_an_objective_tracked_by_a_band_kpi(off_track, client, team):
    """The review froze the executive view's picture: the band is the objective's target there too, not —."""
    client.force_login(team.owner)
    page = text(client.get(ROADMAP + "reviews/q2/"))
    row = page[page.index("Cut churn") :]
    assert "entre 0,5 % et 1,5 %" in row[: row.index("</tr>")], row[:400]


def test_a_kpi_past_its_deadline_says_whether_the_target_was_reached(edges: Any, client: Client, team):
    """Not « the KPI needs a target, a deadline… » (it has both), nor odds for a day gone: the last
    measurement on or before the deadline against the target."""
    from jalon.strategy import services as strategy
    from jalon.strategy.models import KPI

    client.force_login(team.owner)
    page = text(client.get(ROADMAP + "kpis/past/"))
    assert "L’échéance (31/03/2027) est passée : la cible n’a pas été atteinte (195 € le 01/03/2027)." in page
    assert "Chances d’atteindre la cible" not in page and "a besoin d’une cible" not in page
    past = KPI.objects.get(roadmap=edges, key="past")
    strategy.update_kpi(actor=team.owner, kpi=past, expected_version=past.version, changes={"target": 190.0})
    page = text(client.get(ROADMAP + "kpis/past/"))
    assert "L’échéance (31/03/2027) est passée : la cible a été atteinte (195 € le 01/03/2027)." in page
    # Its deadline is today: the day is not over, the odds still show.
    assert "Chances d’atteindre la cible" in text(client.get(ROADMAP + "kpis/due-today/"))


def text(response: Any) -> str:
    return (
        re.sub(r"\s+", " ", html.unescape(response.content.decode()))
        .replace("\xa0", " ")
        .replace("\u202f", " ")
    )


def test_the_workbook_gives_each_objectives_odds_and_a_band_kpis_band(off_track: Any, team: Any) -> None:
    """The SMART sheet says the odds the status follows (a share Excel shows as a percentage); a band KPI's
    target is its band in words, not an empty cell."""
    import io

    from openpyxl import load_workbook

    from jalon.reports.presets import options_for
    from jalon.reports.services import render_report

    options = options_for(off_track, "", language="en")
    made = render_report(actor=team.owner, roadmap=off_track, fmt="xlsx", options=options, today=TODAY)
    book = load_workbook(io.BytesIO(made.content))
    smart, kpis = book.worksheets
    rows = {row[0].value: row for row in smart.iter_rows(min_row=2)}
    column = [cell.value for cell in smart[1]].index("Odds of reaching it")
    odds = rows["sales"][column]
    assert (
        0 < odds.value < 0.3 and odds.number_format == "0%" and rows["sales"][column - 1].value == "off track"
    )
    assert rows["churn"][column].value is None
    targets = {row[1].value: row[5].value for row in kpis.iter_rows(min_row=2)}
    assert targets == {"Sales": 130_000, "Churn": "between 0.5% and 1.5%"}


def test_a_deadline_gone_gives_no_odds_anywhere(team: Any, today: date, client: Client) -> None:
    """A KPI last measured before a deadline that has passed: no odds for a day gone on its page, its
    objective's page, the executive view or the dashboard; the executive view's elapsed-time rule says
    off track (the target was missed)."""
    from jalon.strategy import services as strategy

    owner = team.owner
    roadmap = make_roadmap(team.workspace, owner, slug="plan-2027", start=date(2027, 1, 1), end=END)
    gone = strategy.create_objective(
        actor=owner,
        roadmap=roadmap,
        key="gone",
        title="Gone",
        unit="€",
        target=200.0,
        deadline=date(2027, 4, 30),
    )
    kpi = strategy.create_kpi(
        actor=owner, roadmap=roadmap, key="k", objective=gone, name="K", frequency="monthly"
    )
    for day, value in monthly(date(2026, 11, 1), [150, 160, 170, 180, 185, 190]):
        strategy.add_measurement(actor=owner, kpi=kpi, date=day, value=value)
    client.force_login(owner)
    for url in ("kpis/k/", "o/gone/", "dashboard/"):
        assert not re.search(r"\d+ %", text(client.get(ROADMAP + url)).split("Navigation principale")[0]), url
    row = text(client.get(ROADMAP + "executive/"))
    row = row[row.index('id="health-gone"') :]
    assert "hors trajectoire" in row[: row.index("</tr>")] and "%" not in row[: row.index("</tr>")]


def test_the_forecast_fan_ends_on_the_deadline_it_projects_to(off_track: Any) -> None:
    """Measured on the 1st of each month, the engine's monthly grid ends on 1 January 2028 (on the 19th of
    December for a KPI measured on the 19th): the chart's fan and its last date are the deadline's, 31
    December, as the projection's sentence says."""
    from jalon.strategy.kpis.presenting import KPIView
    from jalon.strategy.models import KPI

    kpi = KPI.objects.get(roadmap=off_track, key="sales")
    svg = str(KPIView(kpi, TODAY).chart())
    assert svg.count("forecast-fan") == 1
    assert ">31/12/2027</text>" in svg and "2028" not in svg


def test_the_objective_page_shows_a_kpis_recent_measurements_and_links_to_the_others(
    edges, client, team
) -> None:
    """500 daily measurements made the objective page a 500-row table above its strategies: the 12 most
    recent show, newest first; the others are on the KPI's page, one link away (not folded in the page)."""
    client.force_login(team.owner)
    page = client.get(ROADMAP + "o/cut-churn/").content.decode()
    card = page[page.index('id="kpi-daily"') :]
    card = card[: card.index("</article>")]
    assert card.count("<time ") == 12 and "488 mesures plus anciennes sur la page de l’indicateur" in card
    assert f'href="{ROADMAP}kpis/daily/?page=1#measurements"' in card
    assert card.index(TODAY.isoformat()) < card.index((TODAY - timedelta(days=1)).isoformat())


def test_a_flat_kpi_gets_odds_and_says_it_has_not_moved(edges, client, team) -> None:
    """Six months at 7 gave 0 % with a zero-width interval: now odds from the usual variation of a
    monthly KPI, and the page says why."""
    client.force_login(team.owner)
    page = html.unescape(client.get(ROADMAP + "kpis/flat/").content.decode())
    assert 'id="no-movement"' in page
    assert "Aucun mouvement mesuré pour l’instant" in page
    interval = re.search(r"intervalle à 80\s%\s: (.+?) à (.+?)\)", page)
    assert interval is not None and interval.group(1) != interval.group(2)
    other = html.unescape(client.get(ROADMAP + "kpis/equal/").content.decode())
    assert 'id="no-movement"' not in other


def test_the_edges_survive_their_roadmap_file_a_replace_and_a_restore(edges, team, client) -> None:
    """The roadmap's own file carries every edge (a band, 500 daily measurements, measurements past a
    deadline, a held review); replacing the roadmap by it keeps a version, restoring that version brings the
    same KPIs back, and every tracking page opens afterwards."""
    from jalon.documents.services import export_roadmap, import_roadmap, restore_version
    from jalon.history.models import RoadmapVersion
    from jalon.planning.reviews import services as reviews
    from jalon.strategy.models import Measurement, Roadmap

    reviews.create_review(actor=team.owner, roadmap=edges, key="q2", title="Q2", held_on=TODAY)
    before = sorted(Measurement.objects.filter(kpi__roadmap=edges).values_list("kpi__key", "date", "value"))
    text = export_roadmap(actor=team.owner, roadmap=edges, fmt="yaml")
    import_roadmap(
        actor=team.owner, workspace=team.workspace, text=text, fmt="yaml", replace=True, confirmed=True
    )
    version = RoadmapVersion.objects.get()
    restore_version(actor=team.owner, version=version, confirmed=True)
    roadmap = Roadmap.objects.get(workspace=team.workspace, slug="plan-2027")
    after = sorted(Measurement.objects.filter(kpi__roadmap=roadmap).values_list("kpi__key", "date", "value"))
    assert after == before and roadmap.reviews.get().key == "q2"
    client.force_login(team.owner)
    for url in ("kpis/", "kpis/band/", "kpis/past/", "dashboard/", "executive/", "reviews/q2/", "history/"):
        assert client.get(ROADMAP + url).status_code == 200, url


def test_a_kpi_already_meeting_its_target_needs_no_pace(off_track: Any, client: Client, team) -> None:
    """A band KPI inside its band (three measurements, no odds yet) read « 0 % par mois nécessaires »; it
    already meets its target and has to hold it."""
    client.force_login(team.owner)
    page = text(client.get(ROADMAP + "kpis/churn/"))
    assert "Atteint déjà la cible (à tenir jusqu’à l’échéance), −0,1 pt par mois jusqu’ici" in page
    assert "par mois nécessaires" not in page


def test_a_percentage_kpi_moves_by_points(off_track: Any, client: Client, team) -> None:
    """« −0,1 % par mois » of a rate of 1.3 % reads as a relative change; the rate loses 0.1 point a month."""
    client.force_login(team.owner)
    page = text(client.get(ROADMAP + "dashboard/"))
    row = page[page.index("kpis/churn/") :]
    assert "↘</span> −0,1 pt par mois" in row[: row.index("</tr>")]
    assert "-0,1 pt" not in page  # a hyphen, not a minus sign


def test_a_kpi_measured_past_its_deadline_is_never_late(edges, client, team, monkeypatch) -> None:
    """Two months on, the KPI whose deadline (31 March) has its measurements is done: no « mesure en retard »
    and no next measurement due; a KPI still running is late."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2027, 8, 15))
    client.force_login(team.owner)
    page = text(client.get(ROADMAP + "kpis/"))
    row = page[page.index('id="kpi-row-past"') :]
    assert "mesure en retard" not in row[: row.index("</tr>")]
    row = page[page.index('id="kpi-row-equal"') :]
    assert "mesure en retard" in row[: row.index("</tr>")]
    assert "prochaine mesure attendue" not in text(client.get(ROADMAP + "kpis/past/"))
