"""A problem in an imported backlog file (CSV or XLSX) names its column as the file heads it: with a start
and an end both out of range, an amount too large for the database's column, or a cell that is not a
number, the list says which cell to mend, in the page's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from jalon.documents.csv_import import CsvProblems
from jalon.documents.csv_write import import_activities
from jalon.planning.models import Activity

FRENCH = "\ufeffTitre;Statut;Début;Fin;Coût;Valeur attendue\n"


def problems(roadmap, text: str, language: str) -> list[tuple[str, str]]:
    before = Activity.objects.count()
    with translation.override(language), pytest.raises(CsvProblems) as refused:
        import_activities(actor=None, roadmap=roadmap, text=text)
    assert Activity.objects.count() == before
    return refused.value.problems


def test_two_dates_out_of_range_on_one_line_each_name_their_column(demo) -> None:
    text = FRENCH + "Lancement;Planifiée;1850-01-01;9999-12-31;;\n"
    assert problems(demo.roadmap, text, "fr") == [
        ("ligne 2", "Début\u00a0: Saisissez une date comprise entre 1900 et 2200."),
        ("ligne 2", "Fin\u00a0: Saisissez une date comprise entre 1900 et 2200."),
    ]


def test_an_amount_too_large_for_its_column_names_the_column(demo) -> None:
    text = FRENCH + "Lancement;Planifiée;;;1000000000000000;\n"
    [(where, message)] = problems(demo.roadmap, text, "fr")
    assert where == "ligne 2" and message.startswith("Coût\u00a0: "), message
    text = "title,cost\nLaunch,1000000000000000\n"
    [(where, message)] = problems(demo.roadmap, text, "en")
    money = "Enter an amount between 0 and 999,999,999,999.99."
    assert (where, message) == ("line 2", f"cost: {money}")  # the column named as the file heads it


def test_a_cell_that_is_not_a_number_names_its_column_in_both_languages(demo) -> None:
    text = FRENCH + "Lancement;Planifiée;;;;abc\n"
    assert problems(demo.roadmap, text, "fr") == [
        ("ligne 2", "Valeur attendue\u00a0: abc n’est pas un nombre.")
    ]
    text = "title,cost,value\nLaunch,12,abc\n"
    assert problems(demo.roadmap, text, "en") == [("line 2", "value: abc is not a number.")]


def test_a_workbook_cell_that_is_not_a_number_names_its_column(demo) -> None:
    from jalon.documents.tables import workbook_table
    from tests.documents.workbooks import workbook

    table = workbook_table(
        workbook([["Titre", "Coût", "Valeur attendue"], ["Lancement", "douze", 3]]), limit=10
    )
    before = Activity.objects.count()
    with translation.override("fr"), pytest.raises(CsvProblems) as refused:
        import_activities(actor=None, roadmap=demo.roadmap, table=table)
    assert Activity.objects.count() == before
    assert refused.value.problems == [("ligne 2", "Coût\u00a0: douze n’est pas un nombre.")]
