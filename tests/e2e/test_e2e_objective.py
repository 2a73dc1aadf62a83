"""The objective page: KPI chart with its target line, and an editor recording a measurement."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OBJECTIVE = "/w/cloud-kicks/r/cloud-kicks/o/taux-conversion/"


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_an_editor_adds_a_measurement_and_sees_it_in_the_table_and_chart(logged_in_page, shot):
    from jalon.strategy.models import KPI

    kpi = KPI.objects.get(roadmap__slug="cloud-kicks", key="taux-conversion")
    before = kpi.measurements.count()
    last = kpi.measurements.order_by("date").last()
    assert last is not None
    page = logged_in_page("editor@example.com")
    page.goto(OBJECTIVE)

    assert page.locator("h1").inner_text() == "Augmenter les taux de conversion"
    card = page.locator("#kpi-taux-conversion")
    chart = card.locator("svg.chart")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("title").first.text_content() == kpi.name
    target = chart.locator("line.target-line")
    assert target.count() == 1
    assert target.bounding_box()["width"] > 300, "the target line should cross the chart"
    assert "cible 4 %" in squash(chart.text_content() or "")
    assert len(chart.locator("polyline.series").get_attribute("points").split()) == before
    assert card.locator("table.measurements tbody tr").count() == before
    shot(page, "objective")

    new_date = last.date.replace(day=28) if last.date.month != 12 else last.date
    new_date = new_date.replace(month=new_date.month % 12 + 1) if new_date.month != 12 else new_date
    form = card.locator("form", has=page.get_by_role("group", name="Ajouter une mesure"))
    form.get_by_label("Date").fill(new_date.isoformat())
    form.get_by_label("Valeur").fill("3.4")
    form.get_by_label("Source").fill("Analyse web (test)")
    form.get_by_role("button", name="Ajouter").click()

    page.wait_for_url(re.compile(re.escape(OBJECTIVE) + "#kpi-taux-conversion$"))
    assert page.get_by_role("status").inner_text() == "Mesure enregistrée."
    rows = page.locator("#kpi-taux-conversion table.measurements tbody tr")
    assert rows.count() == before + 1
    # Newest first, as on the KPI's page (the older ones fold away after the 12 most recent).
    assert squash(rows.first.inner_text()) == f"{new_date:%d/%m/%Y} 3,4 % Analyse web (test)"
    chart = page.locator("#kpi-taux-conversion svg.chart")
    assert len(chart.locator("polyline.series").get_attribute("points").split()) == before + 1
    assert kpi.measurements.count() == before + 1
    newest = kpi.measurements.order_by("date").last()
    assert newest is not None and newest.value == 3.4
    shot(page)


@pytest.mark.reads_only
def test_a_viewer_reads_the_chart_but_gets_no_measurement_form(logged_in_page):
    page = logged_in_page("viewer@example.com")
    page.goto(OBJECTIVE)
    assert page.locator("#kpi-taux-conversion svg.chart line.target-line").count() == 1
    assert page.get_by_role("group", name="Ajouter une mesure").count() == 0
    assert page.get_by_role("link", name="Modifier l’objectif").count() == 0
