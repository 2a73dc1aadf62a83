"""Without JavaScript the pages still read; the no-JS edit link (?edit=key:field) saves with a plain POST."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_without_javascript_read_the_table_and_edit_a_deadline(logged_in_page, shot):
    from jalon.strategy.models import Objective

    page = logged_in_page(DEMO, java_script_enabled=False)
    page.goto(ROADMAP)
    table = page.get_by_role("table", name="Objectifs SMART")
    assert table.locator("thead th").nth(4).inner_text() == "Délimités dans le temps"
    assert table.locator("tbody tr").count() == Objective.objects.filter(roadmap__slug="cloud-kicks").count()
    row = page.locator("#obj-taux-conversion")
    assert "31/01/2027" in row.locator("td").nth(4).inner_text()

    link = row.locator("td").nth(4).get_by_role("link", name=re.compile("^Modifier l’échéance"))
    assert link.get_attribute("href") == "?edit=taux-conversion:deadline#obj-taux-conversion"
    link.click()
    page.wait_for_url(re.compile(r"\?edit=taux-conversion:deadline#obj-taux-conversion$"))
    form = page.locator("#obj-taux-conversion form.cell-form")
    assert form.get_attribute("method") == "post"
    rule = form.get_by_label("Règle d’échéance")
    assert rule.input_value() == "fiscal_year_end"
    rule.select_option(label="fin du T2 de l’exercice")
    shot(page, "editing")
    form.get_by_role("button", name="Enregistrer").click()

    page.wait_for_url(re.compile(re.escape(ROADMAP) + "#obj-taux-conversion$"))
    assert page.locator("#obj-taux-conversion form").count() == 0
    stored = Objective.objects.get(key="taux-conversion")
    assert stored.deadline_rule == "fiscal_quarter_end:2"
    deadline = squash(page.locator("#obj-taux-conversion td").nth(4).inner_text())
    assert f"{stored.deadline:%d/%m/%Y}" in deadline
    assert "Fin du T2 de l’exercice" in deadline
    assert stored.deadline is not None and (stored.deadline.month, stored.deadline.day) == (7, 31)
    shot(page)
