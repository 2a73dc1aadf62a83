"""A KPI's page at real sizes: its measurements a page at a time, newest first, each corrected on a page of
its own (500 measurements once rendered 488 forms, 461 kB); the chart still draws them all."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from tests.factories import make_roadmap

ROADMAP = "/w/acme/r/plan/"
KPI_PAGE = ROADMAP + "kpis/visits/"
FIRST = date(2025, 1, 1)


@pytest.fixture
def visits(team: Any) -> Any:
    """A daily KPI with 500 measurements, from 1 January 2025 (value = day number)."""
    from jalon.strategy import services as strategy
    from jalon.strategy.kpis import services as measurements

    roadmap = make_roadmap(team.workspace, team.owner, start=date(2026, 1, 1), end=date(2027, 12, 31))
    kpi = strategy.create_kpi(
        actor=team.owner, roadmap=roadmap, key="visits", name="Visits", unit="", target=900.0,
        target_date=date(2027, 6, 30), frequency="daily",
    )  # fmt: skip
    rows = [(FIRST + timedelta(days=n), float(n + 1)) for n in range(500)]
    measurements.add_measurements(actor=team.owner, kpi=kpi, rows=rows, source="GA")
    return kpi


def page_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def table_of(page: str) -> str:
    return page[page.index('<table class="measurements"') : page.index("</table>")]


def test_a_kpi_page_with_500_measurements_renders_25_rows_and_no_form_per_row(visits, client, team) -> None:
    client.force_login(team.users["editor"])
    response = client.get(KPI_PAGE)
    assert len(response.content) < 80_000  # 461 kB with a form per measurement
    page = html.unescape(response.content.decode())
    table = table_of(page)
    assert table.count("<tr id=") == 25 and "<form" not in table and "<input" not in table
    days = re.findall(r'<time datetime="([0-9-]+)"', table)
    assert days[0] == (FIRST + timedelta(days=499)).isoformat() and days == sorted(days, reverse=True)
    assert page.count("<form") < 10
    assert "Page 1 sur 20, la plus récente d’abord (500 mesures)" in page
    assert table.count("Corriger<span") == 25


def test_the_pages_of_measurements_lead_to_the_oldest_and_forgive_a_wrong_number(
    visits, client, team
) -> None:
    client.force_login(team.users["viewer"])
    last = table_of(page_of(client, KPI_PAGE + "?page=20"))
    assert last.count("<tr id=") == 25 and FIRST.isoformat() in last
    assert "Corriger" not in last  # a viewer reads, without the correction column
    assert FIRST.isoformat() in table_of(page_of(client, KPI_PAGE + "?page=999"))
    first = page_of(client, KPI_PAGE + "?page=abc")
    assert "Page 1 sur 20" in first and (FIRST + timedelta(days=499)).isoformat() in table_of(first)
    second = page_of(client, KPI_PAGE + "?page=2")
    assert 'href="?page=1#measurements" rel="prev"' in second and 'href="?page=3#measurements"' in second


def test_the_chart_still_draws_the_whole_history(visits, client, team) -> None:
    client.force_login(team.users["viewer"])
    page = page_of(client, KPI_PAGE)
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "500 mesures" in svg
    assert ">01/01/2025</text>" in svg  # the first measurement opens the axis
    line = re.search(r'<polyline points="([^"]+)"[^>]*class="series"', svg)
    assert line is not None and len(line.group(1).split()) == 500  # sparser than the pixels: every point


def test_a_measurement_is_corrected_on_its_own_page_and_the_reader_returns_to_its_page(
    visits, client, team
) -> None:
    from jalon.strategy.models import Measurement

    client.force_login(team.users["editor"])
    oldest = Measurement.objects.get(kpi=visits, date=FIRST)
    listed = table_of(page_of(client, KPI_PAGE + "?page=20"))
    edit = f"{KPI_PAGE}measurements/{oldest.pk}/?page=20"
    assert f'href="{edit}"' in listed
    form = page_of(client, edit)
    assert 'value="01/01/2025"' in form and 'name="page" value="20"' in form and "Corriger une mesure" in form
    prefix = f"m{oldest.pk}-"
    post = {
        prefix + "date": "2025-01-01",
        prefix + "value": "1 234,5",
        prefix + "source": "CRM",
        "page": "20",
    }
    response = client.post(edit, post)
    assert response.status_code == 302 and response["Location"] == f"{KPI_PAGE}?page=20#m-{oldest.pk}"
    oldest.refresh_from_db()
    assert (oldest.value, oldest.source) == (1234.5, "CRM")


def test_the_correction_form_shows_every_decimal_so_saving_it_keeps_the_value(visits, client, team) -> None:
    from jalon.strategy.models import Measurement

    client.force_login(team.users["editor"])
    oldest = Measurement.objects.get(kpi=visits, date=FIRST)
    Measurement.objects.filter(pk=oldest.pk).update(value=2.718281828459045)
    assert 'value="2,718281828459045"' in page_of(client, f"{KPI_PAGE}measurements/{oldest.pk}/")


def test_a_wrong_correction_changes_nothing_and_says_why(visits, client, team) -> None:
    from jalon.strategy.models import Measurement

    client.force_login(team.users["editor"])
    oldest = Measurement.objects.get(kpi=visits, date=FIRST)
    prefix = f"m{oldest.pk}-"
    response = client.post(
        f"{KPI_PAGE}measurements/{oldest.pk}/",
        {prefix + "date": "2025-01-01", prefix + "value": "beaucoup", "page": "http://evil.example/"},
    )
    assert response.status_code == 422
    page = html.unescape(response.content.decode())
    assert "Rien n’a été enregistré" in page and 'name="page" value="1"' in page
    oldest.refresh_from_db()
    assert oldest.value == 1.0


def test_deleting_from_the_correction_page_returns_to_the_same_page(visits, client, team) -> None:
    from jalon.strategy.models import Measurement

    client.force_login(team.users["editor"])
    oldest = Measurement.objects.get(kpi=visits, date=FIRST)
    response = client.post(f"{KPI_PAGE}measurements/{oldest.pk}/", {"delete": "1", "page": "20"})
    assert response.status_code == 302 and response["Location"] == f"{KPI_PAGE}?page=20#measurements"
    assert not Measurement.objects.filter(pk=oldest.pk).exists()


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("stakeholder", 403), ("outsider", 404)])
def test_only_editors_open_a_measurements_correction_page(visits, client, team, role, status) -> None:
    from jalon.strategy.models import Measurement

    client.force_login(team.users[role])
    oldest = Measurement.objects.get(kpi=visits, date=FIRST)
    assert client.get(f"{KPI_PAGE}measurements/{oldest.pk}/").status_code == status
