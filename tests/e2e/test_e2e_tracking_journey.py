"""The first quarter of tracking, from an empty database, in French and in English: a marketing manager's
roadmap with two objectives (an increase and a decrease), KPIs created in the pages (owner, frequency,
benchmark band), measurements added one by one, pasted from a spreadsheet, imported from a CSV and an
XLSX, and refreshed from a data source (a small CSV and a DuckDB query); then the tracking pages — the KPI
chart and its forecast fan, the late flags, each objective's odds, the strategic dashboard, the executive
view — a quarterly review held, more measurements a month later and the review compared with the roadmap,
the history, and the roadmap's PDF and XLSX read back with real readers.

The days move the way the pages read them (``timezone.localdate``): the manager starts on 20 May 2027 and
comes back on 12 July 2027. Each page is looked at as a person meets it (tests/e2e/look.py): nothing wider
than the window at 1440 and 1280 px, no serious or critical axe-core fault, no word of the other language.
"""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.journeys import squash

from .conftest import download, log_in
from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/acme/r/plan-2027/"
FIRST_DAY, COMEBACK = date(2027, 5, 20), date(2027, 7, 12)
SOURCE_CSV = b"day,orders,unsubscribed\n2027-01-31,4000,52\n2027-02-28,4100,49\n2027-03-31,4300,47\n"
# What the manager types, in the page's language (content is not checked for giveaways).
DATA: dict[str, dict[str, Any]] = {
    "fr": {
        "sales": "Augmenter les ventes en ligne", "churn": "Réduire les désabonnements",
        "person": "Camille Martin", "kpi": "Ventes en ligne mensuelles", "band_kpi": "Taux de désabonnement",
        "benchmark": "Panel e-commerce 2026", "one_date": "2027-01-05", "one_value": "98 500",
        "pasted": "Mois\tVentes\n05/02/2027\t101 234,5\n05/03/2027\t103 900\n05/04/2027\tn/d\n",
        "pasted_ok": "Mois\tVentes\n05/02/2027\t101 234,5\n05/03/2027\t103 900\n05/04/2027\t106 250,75\n",
        "csv": "Date;Valeur\n05/05/2027;108 100,0\n", "later": "05/06/2027\t110 400\n05/07/2027\t112 900\n",
        "save": "Enregistrer", "add": "Ajouter", "add_these": "Ajouter ces mesures", "import": "Importer",
        "refresh": "Enregistrer et actualiser", "hold": "Tenir la revue", "late": "mesure en retard",
        "odds": "Chances d’atteindre cet objectif", "added": "3 mesures ajoutées",
        "future": "Le 5 janvier 2107 est dans le futur (nous sommes le 20 mai 2027)",
        "correct": "Corriger", "delete": "Supprimer la mesure", "off_track": "hors trajectoire",
        "target_moved": "Cible : 130 000 € → 125 000 €", "kpi_odds": "chances d’atteindre la cible : ",
        "pdf": "Rapport PDF", "xlsx": "Tableau SMART et indicateurs clés (XLSX)",
    },
    "en": {
        "sales": "Grow online sales", "churn": "Cut unsubscribes", "person": "Sam Taylor",
        "kpi": "Monthly online sales", "band_kpi": "Unsubscribe rate", "benchmark": "E-commerce panel 2026",
        "one_date": "2027-01-05", "one_value": "98,500",
        "pasted": "Month\tSales\n02/05/2027\t101,234.5\n03/05/2027\t103,900\n04/05/2027\tn/a\n",
        "pasted_ok": "Month\tSales\n02/05/2027\t101,234.5\n03/05/2027\t103,900\n04/05/2027\t106,250.75\n",
        "csv": "Date,Value\n05/05/2027,\"108,100.0\"\n",
        "later": "06/05/2027\t110,400\n07/05/2027\t112,900\n",
        "save": "Save", "add": "Add", "add_these": "Add these measurements", "import": "Import",
        "refresh": "Save and refresh", "hold": "Hold the review", "late": "measurement late",
        "odds": "Odds of reaching this objective", "added": "3 measurements added",
        "future": "5 January 2107 is in the future (today is 20 May 2027)",
        "correct": "Correct", "delete": "Delete the measurement", "off_track": "off track",
        "target_moved": "Target: €130,000 → €125,000",
        "kpi_odds": "odds of reaching the target: ",
        "pdf": "PDF report", "xlsx": "SMART table and KPIs (XLSX)",
    },
}  # fmt: skip


@pytest.fixture
def day(monkeypatch: pytest.MonkeyPatch) -> dict[str, date]:
    """The day the pages and the services read; the test moves it forward (never sleeps)."""
    from django.utils import timezone

    today = {"day": FIRST_DAY}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today["day"])
    return today


def wait_for_measurements(page: Any, count: int) -> None:
    page.wait_for_function(
        f"() => document.querySelectorAll('table.measurements tbody tr[id^=m-]').length === {count}"
    )


def submit(page: Any, form: Any, button: str) -> None:
    with page.expect_navigation():
        form.get_by_role("button", name=button, exact=True).click()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_first_quarter_of_tracking_from_an_empty_database(
    language, team, day, new_context, shot, tmp_path, settings
):
    from openpyxl import Workbook, load_workbook

    from jalon.planning.models import Person
    from jalon.planning.people import services as people
    from jalon.strategy import services as strategy
    from jalon.strategy.models import KPI

    settings.MEDIA_ROOT = tmp_path
    data = DATA[language]
    owner = team.owner
    roadmap = strategy.create_roadmap(
        actor=owner, workspace=team.workspace, slug="plan-2027", title="Plan 2027", type="strategic",
        start=date(2027, 1, 1), end=date(2027, 12, 31),
    )  # fmt: skip
    sales = strategy.create_objective(
        actor=owner, roadmap=roadmap, title=data["sales"], unit="€", baseline=95_000.0, target=130_000.0,
        direction="increase", deadline=date(2027, 12, 31),
    )  # fmt: skip
    churn = strategy.create_objective(
        actor=owner, roadmap=roadmap, title=data["churn"], unit="%", direction="decrease",
        deadline=date(2027, 12, 31),
    )  # fmt: skip
    people.create_person(actor=owner, workspace=team.workspace, roadmap=roadmap, name=data["person"])
    owner.language = language
    owner.save(update_fields=["language"])
    content = (data["sales"], data["churn"], data["kpi"], data["band_kpi"], data["person"], data["benchmark"],
               owner.email, "Plan 2027", "source.csv", "ventes.csv", "ventes.xlsx")  # fmt: skip
    look = Look(shot, language, content)
    page = log_in(new_context().new_page(), owner.email)

    # The KPI list before any KPI, then a KPI typed in its form: owner, frequency, benchmark band.
    page.goto(ROADMAP + "kpis/new/")
    page.locator("#id_name").fill(data["kpi"])
    page.locator("#id_objective").select_option(label=data["sales"])
    page.locator("#id_unit").fill("€")
    page.locator("#id_frequency").select_option("monthly")
    page.locator("#id_owner").select_option(data["person"])
    page.locator("#id_benchmark_low").fill("100000")
    page.locator("#id_benchmark_high").fill("120000")
    page.locator("#id_benchmark_source").fill(data["benchmark"])
    look(page, "kpi-form")
    submit(page, page.locator("main form").last, data["save"])
    kpi = KPI.objects.get(roadmap=roadmap, objective=sales)
    assert (kpi.target, kpi.owner, kpi.frequency) == (130_000.0, data["person"], "monthly")
    kpi_url = ROADMAP + f"kpis/{kpi.key}/"
    assert page.url.endswith(kpi_url)

    # One measurement typed, then three pasted from a spreadsheet (a bad line first: nothing is added).
    form = page.locator("form[action$='/add/']")
    form.locator("[name=date]").fill(data["one_date"])
    form.locator("[name=value]").fill(data["one_value"])
    submit(page, form, data["add"])
    wait_for_measurements(page, 1)
    look(page, "kpi-one-measurement")
    # A measurement dated after today (2107 for 2017): refused in words naming the day and today, not added.
    form = page.locator("form[action$='/add/']")
    form.locator("[name=date]").fill("2107-01-05")
    form.locator("[name=value]").fill(data["one_value"])
    submit(page, form, data["add"])
    assert data["future"] in look(page, "kpi-future-refused") and kpi.measurements.count() == 1
    page.locator("#id_table").fill(data["pasted"])
    submit(page, page.locator("#paste-form"), data["add_these"])
    assert page.locator("#table-problems").count() == 1 and kpi.measurements.count() == 1
    look(page, "kpi-paste-refused")
    page.locator("#id_table").fill(data["pasted_ok"])
    submit(page, page.locator("#paste-form"), data["add_these"])
    wait_for_measurements(page, 4)
    assert data["added"] in squash(page.get_by_role("status").inner_text())
    values = sorted(kpi.measurements.values_list("date", "value"))
    assert values[0] == (date(2027, 1, 5), 98_500.0) and values[1] == (date(2027, 2, 5), 101_234.5)

    # A CSV (Excel's, with its separator and decimals), then an XLSX.
    importer = page.locator("form[action$='/import/']")
    importer.locator("input[type=file]").set_input_files(
        files=[{"name": "ventes.csv", "mimeType": "text/csv", "buffer": data["csv"].encode("utf-8-sig")}]
    )
    submit(page, importer, data["import"])
    wait_for_measurements(page, 5)
    book = Workbook()
    book.active.append(["Date", "Value"])
    book.active.append([date(2027, 5, 19), 109_300.25])
    buffer = io.BytesIO()
    book.save(buffer)
    importer = page.locator("form[action$='/import/']")
    importer.locator("input[type=file]").set_input_files(
        files=[{"name": "ventes.xlsx", "mimeType": "application/octet-stream", "buffer": buffer.getvalue()}]
    )
    submit(page, importer, data["import"])
    wait_for_measurements(page, 6)
    chart = page.locator("svg.kpi-chart")
    assert chart.locator("polygon.forecast-fan").count() == 1
    assert chart.locator("rect.benchmark-band").count() == 1
    look(page, "kpi-forecast")

    # The band KPI of the second objective, refreshed from a data source; its last value is of March.
    page.goto(ROADMAP + "kpis/new/")
    page.locator("#id_name").fill(data["band_kpi"])
    page.locator("#id_objective").select_option(label=data["churn"])
    page.locator("#id_unit").fill("%")
    page.locator("#id_direction").select_option("band")
    page.locator("#id_target_low").fill("0,5" if language == "fr" else "0.5")
    page.locator("#id_target_high").fill("1,5" if language == "fr" else "1.5")
    page.locator("#id_frequency").select_option("monthly")
    submit(page, page.locator("main form").last, data["save"])
    band = KPI.objects.get(roadmap=roadmap, objective=churn)
    source = page.locator("#source-form")
    source.locator("#source-file").set_input_files(
        files=[{"name": "source.csv", "mimeType": "text/csv", "buffer": SOURCE_CSV}]
    )
    source.locator("#source-query").fill("select day, 100.0 * unsubscribed / orders from data order by 1")
    submit(page, source, data["refresh"])
    wait_for_measurements(page, 3)
    assert band.measurements.count() == 3
    assert page.locator(".late-badge").count() == 1, "a monthly KPI last measured on 31 March is late in May"
    look(page, "band-kpi")

    # The tracking pages: the list, each objective, the dashboard, the executive view.
    page.goto(ROADMAP + "kpis/")
    text = look(page, "kpis")
    assert data["late"] in text
    page.goto(ROADMAP + f"o/{sales.key}/")
    odds = re.search(re.escape(data["odds"]) + r" ?: (\d+ ?%)", look(page, "objective-sales"))
    assert odds, "the objective's odds, from its main KPI's six measurements"
    page.goto(ROADMAP + f"o/{churn.key}/")
    assert data["late"] in squash(page.locator("main").inner_text())
    page.goto(ROADMAP + "dashboard/")
    look(page, "dashboard")
    page.goto(ROADMAP + "executive/")
    executive = look(page, "executive")
    assert data["late"] in squash(page.locator(f"#health-{churn.key}").inner_text()), executive

    # A quarterly review held on the day, with the date and title it proposes.
    page.goto(ROADMAP + "reviews/")
    submit(page, page.locator("form.review-form"), data["hold"])
    review_url = page.url
    look(page, "review-held")
    kept = squash(page.locator("main tr", has_text=data["sales"]).first.inner_text())
    assert kept.endswith(odds.group(1)), "the snapshot keeps the odds of the day"

    # A month and a half later: two more measurements, the one the review last read deleted, a new
    # target, and the owner leaves the workspace; the review keeps its day and lists what changed since.
    day["day"] = COMEBACK
    page.goto(kpi_url)
    page.locator("#id_table").fill(data["later"])
    submit(page, page.locator("#paste-form"), data["add_these"])
    wait_for_measurements(page, 8)
    used = kpi.measurements.get(date=date(2027, 5, 19))
    with page.expect_navigation():  # each row links to its own correction page (no form a row)
        page.locator(f"#m-{used.pk}").get_by_role("link", name=re.compile("^" + data["correct"])).click()
    submit(page, page.locator("#measurement-form"), data["delete"])
    wait_for_measurements(page, 7)
    page.goto(kpi_url + "edit/")
    page.locator("#id_target").fill("125000")
    submit(page, page.locator("main form").last, data["save"])
    people.delete_person(Person.objects.get(name=data["person"]), actor=owner)
    page.goto(kpi_url + "edit/")
    assert page.locator("#id_owner").input_value() == data["person"], "the owner who left stays named"
    page.goto(kpi_url)
    now = re.search(r"\d+ ?%", squash(page.locator(".kpi-forecast .odds").inner_text()))
    assert now and data["person"] in page.locator("main").inner_text()
    page.goto(review_url)
    compared = look(page, "review-compared")
    assert kept in compared and data["target_moved"] in compared, compared

    # The documents: the PDF and the workbook, read back, show each objective's odds.
    page.goto(ROADMAP + "documents/")
    look(page, "documents")
    for button, reader in ((data["pdf"], "pdf"), (data["xlsx"], "xlsx")):
        file = Path(download(page.get_by_role("button", name=button)).path())
        if reader == "pdf":
            text = subprocess.run(
                ["pdftotext", "-layout", str(file), "-"], capture_output=True, text=True, check=True
            ).stdout
        else:
            sheets = load_workbook(io.BytesIO(file.read_bytes()), read_only=True)
            text = "\n".join(
                " ".join(str(c) for c in row if c is not None)
                for sheet in sheets.worksheets for row in sheet.iter_rows(values_only=True)
            )  # fmt: skip
        assert data["off_track"] in text, reader  # the executive view's status, by the odds
        if reader == "pdf":
            assert f"{data['kpi_odds']}{now.group(0)}" in squash(text), text
        else:
            assert re.search(re.escape(data["sales"]) + r".* 0\.\d+ ", text), text  # the objective's odds


def test_kpis_at_their_edges_read_well_in_the_browser(team, new_context, shot, monkeypatch):
    """One measurement, 0 and negative values, a target equal to the baseline, a flat series, a deadline today
    or past with measurements after it, a band, 500 daily measurements: every page fits, passes axe and
    stays in English (tests/tracking_edges.py)."""
    from django.utils import timezone

    from tests.tracking_edges import TODAY, make_edges

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    roadmap = make_edges(team)
    look = Look(shot, "en", ("Grow sales", "Cut churn", "KPI", team.owner.email))
    page = log_in(new_context().new_page(), team.owner.email, "en")
    for kpi in roadmap.kpis.all():
        page.goto(ROADMAP + f"kpis/{kpi.key}/")
        text = look(page, f"kpi-{kpi.key}")
        assert "-0 " not in text and "nan" not in text.split(), kpi.key
    for tab in ("kpis/", "dashboard/", "executive/"):
        page.goto(ROADMAP + tab)
        look(page, tab.strip("/"))
