"""The KPIs tab in Chromium: an editor creates a KPI, pastes measurements copied from a spreadsheet and
sees the odds of reaching the target, the forecast fan on the chart and the objective's odds."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
PASTED = "Mois\tDépense\n30/06/2026\t180,0\n31/07/2026\t183,5\n31/08/2026\t186,1\n30/09/2026\t189,8\n" \
    "31/10/2026\t192,4\n30/11/2026\t195,9\n"  # fmt: skip


def wait_for_measurements(page: Any, count: str) -> None:
    """Until the KPI page's measurement table has ``count`` rows (``"=== 6"``, ``"> 5"``)."""
    page.wait_for_function(
        f"() => document.querySelectorAll('table.measurements tbody tr[id^=m-]').length {count}"
    )


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_an_editor_creates_a_kpi_pastes_measurements_and_sees_the_odds(logged_in_page, shot):
    from jalon.strategy.models import KPI

    page = logged_in_page("editor@example.com")
    page.goto(ROADMAP)
    page.get_by_role("navigation", name="Feuille de route").get_by_role(
        "link", name="Indicateurs / KPIs"
    ).click()
    page.wait_for_url(re.compile(re.escape(ROADMAP) + "kpis/$"))
    page.get_by_role("link", name="Ajouter un indicateur").click()

    page.locator("#id_name").fill("Dépense annuelle par client")
    page.locator("#id_objective").select_option(label="Augmenter la valeur vie client")
    page.locator("#id_unit").fill("€")
    page.locator("#id_direction").select_option("increase")
    page.locator("#id_frequency").select_option("monthly")
    page.locator("#id_owner").select_option("Yasmin Ahmad")
    page.locator("#id_benchmark_low").fill("190")
    page.locator("#id_benchmark_high").fill("215")
    page.locator("#id_benchmark_source").fill("Panel e-commerce 2025")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(re.escape(ROADMAP) + "kpis/depense-annuelle-par-client/$"))
    # The objective's target: one value.
    assert KPI.objects.get(key="depense-annuelle-par-client").target == 201.6

    page.locator("#id_table").fill(PASTED)
    page.get_by_role("button", name="Ajouter ces mesures").click()
    wait_for_measurements(page, "=== 6")
    assert "6 mesures ajoutées" in squash(page.get_by_role("status").inner_text())
    odds = page.locator(".kpi-forecast .odds")
    assert re.fullmatch(r"Chances d’atteindre la cible : \d+ %", squash(odds.inner_text()))
    chart = page.locator("svg.kpi-chart")
    assert chart.locator("polygon.forecast-fan").count() == 1
    assert chart.locator("rect.benchmark-band").count() == 1
    assert len(chart.locator("polyline.series").get_attribute("points").split()) == 6
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"kpi-{width}")

    page.get_by_role("link", name="Augmenter la valeur vie client").first.click()
    page.wait_for_url(re.compile(re.escape(ROADMAP) + "o/valeur-vie-client/$"))
    assert re.fullmatch(
        r"Chances d’atteindre cet objectif : \d+ %",
        squash(page.locator(".objective-odds strong").inner_text()),
    )
    page.goto(ROADMAP + "kpis/")
    row = page.locator("#kpi-row-depense-annuelle-par-client")
    assert re.fullmatch(r"\d+ %", squash(row.locator("td.odds").inner_text()))
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"kpis-{width}")
    page.goto(ROADMAP + "executive/")
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"executive-{width}")


@pytest.mark.reads_only
def test_a_stakeholder_reads_the_strategic_dashboard(logged_in_page, shot):
    page = logged_in_page("stakeholder@example.com")
    page.goto(ROADMAP + "dashboard/")
    goal = page.locator("#goal-taux-conversion")
    assert "Chances :" in squash(goal.locator(".goal-summary").inner_text())
    assert goal.get_by_text("E-mail panier abandonné").count() == 1
    page.wait_for_function("() => document.querySelectorAll('.dashboard-goal').length >= 7")
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"dashboard-{width}")


def test_an_editor_refreshes_a_kpi_from_a_data_file_and_a_query(logged_in_page, shot, tmp_path, settings):
    from pathlib import Path

    settings.MEDIA_ROOT = tmp_path
    sample = Path(__file__).resolve().parents[1] / "engines" / "fixtures" / "cdnow_first_400.txt"
    page = logged_in_page("editor@example.com")
    page.goto(ROADMAP + "kpis/new/")
    page.get_by_text("Avancé").click()  # the key is optional, in the advanced section
    page.locator("#id_key").fill("ca-hebdo")
    page.locator("#id_name").fill("Chiffre d'affaires hebdomadaire")
    page.locator("#id_unit").fill("$")
    page.locator("#id_target").fill("60000")
    page.locator("#id_target_date").fill("1997-12-31")
    page.locator("#id_frequency").select_option("weekly")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(re.escape(ROADMAP) + "kpis/ca-hebdo/$"))

    form = page.locator("#source-form")
    form.get_by_label("Fichier de données").set_input_files(str(sample))
    form.get_by_label("Requête").fill("select * from read_csv('/etc/passwd')")
    form.get_by_role("button", name="Enregistrer et actualiser").click()
    problems = squash(page.locator("#source-problems").inner_text())
    assert "Rien n’a été actualisé" in problems
    assert "La requête ne peut lire que la table data" in problems and "Permission Error" not in problems

    form = page.locator("#source-form")  # a refused first file is not kept: it is chosen again
    form.get_by_label("Fichier de données").set_input_files(str(sample))
    form.get_by_label("Requête").fill(
        "select date_trunc('week', strptime(cast(date as varchar), '%Y%m%d'))::date, sum(dollar_value) "
        "from data group by 1 order by 1"
    )
    form.get_by_role("button", name="Enregistrer et actualiser").click()
    wait_for_measurements(page, "> 5")
    assert "Actualisé :" in squash(page.get_by_role("status").inner_text())
    assert "cdnow_first_400.txt" in page.locator("#source").inner_text()
    assert page.locator("svg.kpi-chart polyline.series").count() == 1
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"source-{width}")


def test_a_large_source_refreshes_as_a_background_job_with_a_progress_bar(
    logged_in_page, shot, tmp_path, settings, monkeypatch
):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from jalon.accounts.models import User
    from jalon.jobs import runner
    from jalon.jobs.models import Job
    from jalon.strategy import services
    from jalon.strategy.kpis import source_services
    from jalon.strategy.models import Roadmap

    settings.MEDIA_ROOT = tmp_path
    sample = Path(__file__).resolve().parents[1] / "engines" / "fixtures" / "cdnow_first_400.txt"
    owner = User.objects.get(email="demo@jalon.local")
    kpi = services.create_kpi(
        actor=owner, roadmap=Roadmap.objects.get(slug="cloud-kicks"), key="ca-hebdo",
        name="Chiffre d'affaires hebdomadaire", frequency="weekly",
    )  # fmt: skip
    query = (
        "select date_trunc('week', strptime(cast(date as varchar), '%Y%m%d'))::date, sum(dollar_value) "
        "from data group by 1 order by 1"
    )
    upload = SimpleUploadedFile(sample.name, sample.read_bytes())
    source_services.attach_source(actor=owner, kpi=kpi, upload=upload, query=query)
    kpi.measurements.all().delete()  # attaching wrote them: the refresh below writes them again
    monkeypatch.setattr(source_services, "BACKGROUND_FROM_BYTES", 0)  # the sample counts as large
    wake = runner.wake
    monkeypatch.setattr(runner, "wake", lambda: None)  # hold the job until the progress bar is seen

    page = logged_in_page("editor@example.com")
    page.goto(ROADMAP + "kpis/ca-hebdo/")
    page.locator("#source-form").get_by_role("button", name="Actualiser", exact=True).click()
    page.wait_for_url(re.compile(re.escape(ROADMAP) + r"kpis/source-jobs/\d+/$"))
    bar = page.locator("progress#source-progress-bar")
    bar.wait_for()
    assert bar.get_attribute("max") == "100"
    assert Job.objects.get().status == "queued" and not kpi.measurements.exists()
    shot(page, "progress")

    wake()  # the web process's job thread takes it; the page polls every second and then reloads
    page.wait_for_url(re.compile(re.escape(ROADMAP) + "kpis/ca-hebdo/$"), timeout=30_000)
    wait_for_measurements(page, "> 5")
    assert "Actualisé :" in squash(page.get_by_role("status").inner_text())
    assert Job.objects.get().status == "done"
    shot(page, "refreshed")


def test_a_kpi_without_measurements_says_how_to_add_them_in_the_readers_language(
    members, logged_in_page, shot
):
    """An English reader's new band KPI: no empty chart box but what to do, a paste example written the
    English way, a benchmark typed without a source said so (never "—"), and English percentages."""
    from datetime import date

    from jalon.strategy import services
    from jalon.strategy.models import Roadmap

    members["editor"].language = "en"
    members["editor"].save()
    services.create_kpi(
        actor=members["owner"], roadmap=Roadmap.objects.get(slug="cloud-kicks"), key="unsubscribes",
        name="Unsubscribe rate", unit="%", direction="band", target_low=0.2, target_high=0.5,
        target_date=date(2027, 3, 31), frequency="weekly", benchmark_low=0.1, benchmark_high=0.3,
    )  # fmt: skip
    page = logged_in_page("editor@example.com")
    page.goto(ROADMAP + "kpis/unsubscribes/")
    assert page.locator("svg.kpi-chart").count() == 0
    assert "The chart appears with the first measurement" in page.locator("#no-chart").inner_text()
    assert "No forecast yet: it needs measurements" in page.locator(".kpi-forecast").inner_text()
    note = squash(page.locator("#benchmark-unsubscribes").inner_text())
    assert note == "Benchmark band 0.1% – 0.3% (no source given: add it in the KPI's form)."
    assert page.locator("#id_table").get_attribute("placeholder") == "15/01/2026\t1,234.5"
    shot(page, "empty")

    page.locator("#id_table").fill(
        "Week\tRate\n10/05/2026\t0.31\n10/12/2026\t0.29\n10/19/2026\t0.33\n10/26/2026\t0.35\n"
        "11/02/2026\t0.32\n11/09/2026\t0.36\n"
    )
    page.get_by_role("button", name="Add these measurements").click()
    wait_for_measurements(page, "=== 6")
    assert page.locator("svg.kpi-chart rect.benchmark-band title").text_content() == "benchmark"
    forecast = squash(page.locator(".kpi-forecast").inner_text())
    assert "(80% interval " in forecast and "80 %" not in forecast
    assert "80% interval (violet)" in page.locator("figure figcaption").inner_text()
    shot(page, "measured")

    page.get_by_role("link", name="Edit the KPI").click()
    save = page.get_by_role("button", name="Save", exact=True).bounding_box()
    cancel = page.get_by_role("link", name="Cancel", exact=True).bounding_box()
    assert cancel["x"] - (save["x"] + save["width"]) >= 10  # the link is not glued to the button


def test_an_empty_roadmaps_tracking_pages_say_what_to_do_next(members, logged_in_page, shot):
    from datetime import date

    from jalon.strategy import services
    from jalon.workspaces.models import Workspace

    services.create_roadmap(
        actor=members["owner"], workspace=Workspace.objects.get(slug="cloud-kicks"), slug="vide",
        title="Vide", type="strategic", start=date(2026, 7, 1), end=date(2027, 6, 30),
    )  # fmt: skip
    page = logged_in_page("editor@example.com")
    empty = "/w/cloud-kicks/r/vide/"
    page.goto(empty + "kpis/")
    assert "Ajoutez-en un avec «" in squash(page.locator("#no-kpi").inner_text())
    page.goto(empty)
    assert squash(page.locator(".smart-summary").inner_text()) == (
        "Le coach SMART vérifie chaque objectif pendant que vous l’écrivez."
    )
    for tab, where in (("dashboard/", "#no-goal"), ("executive/", "#no-objective")):
        page.goto(empty + tab)
        link = page.locator(where).get_by_role("link", name="Ajoutez le premier objectif")
        assert link.get_attribute("href") == empty + "objectives/new/"
        shot(page, tab.strip("/"))
    viewer = logged_in_page("viewer@example.com")
    viewer.goto(empty + "dashboard/")
    assert squash(viewer.locator("#no-goal").inner_text()) == "Aucun objectif pour l’instant."
