"""The workbook's SMART sheet marks the sub-objectives as the SMART table does: each names its parent in a
column of its own and its title is indented under it, read back with openpyxl in French and English."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

HEADINGS = {"fr": ("Objectif", "Objectif parent"), "en": ("Objective", "Parent objective")}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_sub_objective_names_its_parent_and_is_indented_under_it(document, language: str) -> None:
    sheet = load_workbook(io.BytesIO(document("xlsx", language))).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    title, parent = (headers.index(heading) + 1 for heading in HEADINGS[language])
    rows = {
        row[0].value: (row[title - 1].value, row[parent - 1].value, row[title - 1].alignment.indent)
        for row in sheet.iter_rows(min_row=2)
    }
    assert rows["abandon-panier"] == ("Réduire l’abandon de panier", "Augmenter les taux de conversion", 2)
    assert rows["taux-conversion"] == ("Augmenter les taux de conversion", None, 0)
    assert [key for key, (_t, above, _i) in rows.items() if above] == ["abandon-panier"]
    keys = list(rows)
    assert keys.index("abandon-panier") == keys.index("taux-conversion") + 1  # right under its parent
