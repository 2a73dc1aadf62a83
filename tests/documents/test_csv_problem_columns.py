"""A problem in an imported backlog file that does not quote its cell names its column: with a start and an
end both out of range, or an amount too large for the database's column, the list says which cell to mend,
in the page's language; a problem that quotes its cell (« abc » is not a number) reads as before."""

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


def test_a_problem_that_quotes_its_cell_is_not_prefixed(demo) -> None:
    text = FRENCH + "Lancement;Planifiée;;;;abc\n"
    assert problems(demo.roadmap, text, "fr") == [("ligne 2", "abc n’est pas un nombre.")]
