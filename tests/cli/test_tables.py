"""The command line's tables keep a number with its unit and a French colon with its word: rich would break
a cell at any no-break space (jalon.cli.tables)."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from rich.table import Table as RichTable
from typer.testing import CliRunner

from jalon.cli.tables import Table

NBSP, NNBSP = "\u00a0", "\u202f"
CELL = f"budget 140{NNBSP}000{NBSP}€, soit 2,5{NBSP}% par{NBSP}€, responsable{NBSP}: Léa"
WHOLE = (f"140{NNBSP}000{NBSP}€", f"2,5{NBSP}%", f"par{NBSP}€", f"responsable{NBSP}:")


def rendered(table_class: type[RichTable], width: int) -> list[str]:
    out = io.StringIO()
    table = table_class()
    table.add_column("Clé")
    table.add_column("Pourquoi")
    table.add_row("seo", CELL)
    Console(file=out, width=width, color_system=None).print(table)
    return [line.strip("│ ┃") for line in out.getvalue().splitlines()]


def broken(lines: list[str]) -> list[str]:
    """The pieces of WHOLE that do not stand on one line."""
    return [piece for piece in WHOLE if not any(piece in line for line in lines)]


@pytest.mark.parametrize("width", range(24, 70))
def test_a_narrow_table_keeps_each_number_with_its_unit_and_each_colon_with_its_word(width: int) -> None:
    lines = rendered(Table, width)
    assert broken(lines) == [], "\n".join(lines)
    assert "".join(lines).replace(" ", "").count("Léa") == 1  # nothing cut off


def test_rich_alone_breaks_them_which_is_why_the_table_exists() -> None:
    assert any(broken(rendered(RichTable, width)) for width in range(24, 70))


def test_a_cell_is_shown_as_typed_and_not_read_as_rich_markup() -> None:
    out = io.StringIO()
    table = Table()
    table.add_column("Titre")
    table.add_row("[bold]Lancement[/bold] [1]")
    Console(file=out, width=60, color_system=None).print(table)
    assert "[bold]Lancement[/bold] [1]" in out.getvalue()


def test_the_smart_table_keeps_its_marks_and_its_french_colons(monkeypatch: pytest.MonkeyPatch) -> None:
    from jalon.cli import app

    monkeypatch.setenv("JALON_LANGUAGE", "fr")
    objective = (
        f"Réduire le taux de rebond de 70{NBSP}% à 60{NBSP}% d’ici juin 2027 pour augmenter les ventes"
    )
    for columns in (40, 52, 64):
        monkeypatch.setenv("COLUMNS", str(columns))
        result = CliRunner().invoke(app, ["smart", objective, "--lang", "fr", "--today", "2026-03-10"])
        assert result.exit_code == 0, result.output
        assert "✓" in result.output and "[green]" not in result.output
        assert not re.search(r"^[│ ]*[:;!?»%€]", result.output, re.MULTILINE), result.output
