"""Measurements at the model's bounds, typed and pasted as people do: a huge, a tiny, a negative value on a
rate, many decimals, dates in 1900 and today (2200 is in the future), 2,000 pasted rows with 3 bad ones.
Each saves or is refused in words, and every tracking page and export opens afterwards."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import make_roadmap

ROADMAP = "/w/acme/r/plan/"
RATE = ROADMAP + "kpis/rate/"


@pytest.fixture
def rate(team: Any) -> Any:
    """A conversion rate in %, its objective's main KPI, with six monthly measurements."""
    from jalon.strategy import services as strategy

    roadmap = make_roadmap(team.workspace, team.owner, start=date(2026, 1, 1), end=date(2027, 12, 31))
    objective = strategy.create_objective(
        actor=team.owner, roadmap=roadmap, key="convert", title="Convert more", unit="%", target=4.0,
        direction="increase", deadline=date(2027, 12, 31),
    )  # fmt: skip
    kpi = strategy.create_kpi(
        actor=team.owner, roadmap=roadmap, key="rate", name="Conversion", unit="%", objective=objective,
        frequency="monthly",
    )  # fmt: skip
    for month, value in enumerate([2.1, 2.3, 2.2, 2.5, 2.6, 2.8], start=1):
        strategy.add_measurement(actor=team.owner, kpi=kpi, date=date(2026, month, 1), value=value)
    return kpi


def add(client: Client, day: str, value: str) -> Any:
    return client.post(RATE + "add/", {"date": day, "value": value, "source": ""})


def words_of(response: Any) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())


SAVED = [
    ("2026-07-01", "999 999 999 999 999", 999_999_999_999_999.0),
    ("2026-08-01", "0,000000000001", 1e-12),
    ("2026-09-01", "-3,5", -3.5),  # a rate below zero: Jalon does not know it cannot be; it saves
    ("2026-10-01", "2,718281828459045", 2.718281828459045),
    ("1900-01-01", "2", 2.0),
    (str(timezone.localdate()), "2", 2.0),  # the latest day a measurement may have: today
]
REFUSED = [
    ("2026-07-01", "9 999 999 999 999 999", "nombre fini"),  # past 10^15: a typing error
    ("2026-07-01", "1e400", "nombre"),
    ("2026-07-01", "nan", "nombre"),
    ("1899-12-31", "2", "1900"),
    ("2201-01-01", "2", "2200"),
    ("2200-12-31", "2", "dans le futur"),  # within the bounds, but not observed yet
]


def test_values_and_dates_at_the_bounds_save_and_every_page_still_opens(rate, client, team) -> None:
    from jalon.strategy.models import Measurement

    client.force_login(team.owner)
    for day, typed, saved in SAVED:
        assert add(client, day, typed).status_code == 302, typed
        assert Measurement.objects.get(kpi=rate, date=date.fromisoformat(day)).value == saved
    every_page_opens(client, team, rate)


def test_values_and_dates_past_the_bounds_are_refused_in_words_and_change_nothing(rate, client, team) -> None:
    client.force_login(team.owner)
    for day, typed, said in REFUSED:
        response = add(client, day, typed)
        assert response.status_code == 422, typed
        errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), flags=re.S)
        text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(e)) for e in errors)
        assert said in text, (typed, text)
    assert rate.measurements.count() == 6
    every_page_opens(client, team, rate)


def test_2000_pasted_rows_with_3_bad_ones_add_nothing_and_name_the_3_lines(rate, client, team) -> None:
    client.force_login(team.owner)
    first = date(2020, 1, 1)
    lines = [
        f"{(first + timedelta(days=n)):%d/%m/%Y}\t{2 + n % 10 / 10:.1f}".replace(".", ",")
        for n in range(2000)
    ]
    lines[99] = "31/02/2020\t2,5"  # no such day
    lines[999] = f"{(first + timedelta(days=999)):%d/%m/%Y}\tbeaucoup"
    lines[1999] = "01/01/1899\t2"  # before 1900
    response = client.post(RATE + "paste/", {"table": "\n".join(lines), "source": "CRM"})
    assert response.status_code == 422
    assert rate.measurements.count() == 6
    problems = re.findall(r"<li>Ligne (\d+)", response.content.decode())
    assert problems == ["100", "1000", "2000"]
    lines[99], lines[999], lines[1999] = "", "", ""
    response = client.post(RATE + "paste/", {"table": "\n".join(lines), "source": "CRM"})
    assert response.status_code == 302 and rate.measurements.count() == 6 + 1997
    every_page_opens(client, team, rate)


def every_page_opens(client: Client, team: Any, kpi: Any) -> None:
    """The KPI list, its page (first and last page of measurements), its objective's page, the executive
    view, the strategic dashboard, and the PDF and XLSX reports, without a nan, an inf or a None."""
    from jalon.reports.presets import options_for
    from jalon.reports.services import render_report

    roadmap = kpi.roadmap
    urls = ["kpis/", "kpis/rate/", "kpis/rate/?page=999", "o/convert/", "executive/", "dashboard/"]
    for url in urls:
        response = client.get(ROADMAP + url)
        assert response.status_code == 200, url
        assert not re.search(r"\b(nan|NaN|inf|None)\b", words_of(response)), url
    for fmt in ("pdf", "xlsx"):
        options = options_for(roadmap, "", language="fr")
        assert render_report(actor=team.owner, roadmap=roadmap, fmt=fmt, options=options).content
