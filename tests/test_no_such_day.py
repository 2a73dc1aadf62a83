"""A date written the way each reader asks but naming no day of the calendar (29 February 2027: 2027 is no
leap year; 31 April) is refused in words that say the day is wrong, and how long its month is, in every
reader people type or import dates into: the forms, the roadmap files, the KPI tables, the orders files and
the command line's date options. 29 February 2028 is a day (a leap year). Before, the forms and the roadmap
files answered « not a date, type it as 15/03/2027 »: the very way it was typed."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.utils import translation
from typer.testing import CliRunner

from jalon.cli import app
from jalon.fields import LocaleDateField
from jalon.strategy.kpis.table import TableProblems, read_file
from jalon.workspaces.models import Workspace
from tests.documents.roadmap_files import as_yaml, base_document, refused_import
from tests.hostile_files import orders_message

NBSP = "\u00a0"


@pytest.fixture
def workspace(db) -> Workspace:
    return Workspace.objects.create(slug="agence", name="Agence")


class Dated(forms.Form):
    day = LocaleDateField(required=False)


def form_errors(language: str, typed: str) -> list[str]:
    with translation.override(language):
        form = Dated({"day": typed})
        form.is_valid()
        return [str(message) for message in form.errors.get("day", [])]


@pytest.mark.parametrize("typed", ["29/02/2027", "2027-02-29", "29.02.2027", "29 févr. 2027"])
def test_a_form_refuses_29_february_2027_saying_february_2027_has_28_days(typed: str) -> None:
    assert form_errors("fr", typed) == [
        f"«{NBSP}{typed}{NBSP}» n’existe pas dans le calendrier{NBSP}: février 2027 compte 28{NBSP}jours."
    ]
    assert form_errors("en", typed) == [f"“{typed}” is not a day of the calendar: February 2027 has 28 days."]
    leap = Dated({"day": typed.replace("2027", "2028")})
    assert leap.is_valid() and leap.cleaned_data["day"] == date(2028, 2, 29)  # a leap year's day


def test_a_form_refuses_31_april_and_a_13th_month_as_no_day_of_the_calendar() -> None:
    assert form_errors("en", "31/04/2026") == [
        "“31/04/2026” is not a day of the calendar: April 2026 has 30 days."
    ]
    assert form_errors("en", "15/13/2026") == ["“15/13/2026” is not a day of the calendar."]
    assert form_errors("en", "demain") == [
        "“demain” is not a date. Type it as 15/03/2027 (day first) or 2027-03-15."
    ]  # no date at all: how to write one is what helps


def test_a_roadmap_file_dated_29_february_2027_is_refused_at_its_path_saying_why(
    workspace: Workspace,
) -> None:
    document = base_document()
    document["objectives"][3]["deadline"] = "2027-02-29"
    with translation.override("fr"):
        problems = dict(refused_import(workspace, as_yaml(document)))
    assert problems == {
        "objectives[3].deadline": f"«{NBSP}2027-02-29{NBSP}» n’existe pas dans le calendrier{NBSP}: "
        f"février 2027 compte 28{NBSP}jours."
    }


def test_a_kpi_table_line_dated_29_february_2027_is_refused_saying_why() -> None:
    data = b"date;valeur\n28/02/2027;1\n29/02/2027;2\n29/02/2028;3\n"
    with translation.override("en"), pytest.raises(TableProblems) as refused:
        read_file("mesures.csv", data)
    assert [(p.line, p.message) for p in refused.value.problems] == [
        (3, "“29/02/2027” is not a day of the calendar: February 2027 has 28 days.")
    ]


def test_an_orders_file_line_dated_29_february_2027_is_refused_saying_why() -> None:
    data = b"client;date;montant\nc1;05/01/2026;10\nc2;29/02/2027;12\n"
    with translation.override("fr"):
        message = orders_message("commandes.csv", data)
    assert "ligne 3" in message and "le 29/02/2027 n’existe pas dans le calendrier" in message


def test_the_command_line_refuses_today_29_february_2027_saying_it_is_no_day() -> None:
    for language, said in (
        ("en", "--today: 2027-02-29 is not a day of the calendar."),
        ("fr", f"--today{NBSP}: le 2027-02-29 n’existe pas dans le calendrier."),
    ):
        result = CliRunner().invoke(
            app, ["smart", "Grow sales.", "--today", "2027-02-29"], env={"JALON_LANGUAGE": language}
        )
        assert (result.exit_code, result.stderr.strip()) == (2, said)
    leap = CliRunner().invoke(
        app, ["smart", "Grow sales.", "--lang", "en", "--today", "2028-02-29", "--json"]
    )
    assert leap.exit_code == 0, leap.stderr
