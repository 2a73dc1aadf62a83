"""Click's and Typer's own words ("Usage", "Options", "Missing option", the error box) follow
JALON_LANGUAGE like Jalon's own help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from jalon.cli import app

JALON = str(Path(sys.executable).with_name("jalon"))
runner = CliRunner()


def test_the_french_help_has_no_english_word_of_click(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    clean.update({"JALON_HOME": str(tmp_path), "JALON_LANGUAGE": "fr"})
    result = subprocess.run(
        [JALON, "--help"], env=clean, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0
    for french in (
        "Utilisation\u00a0: jalon [OPTIONS] COMMANDE [ARGUMENTS]...",
        "Options\u00a0:",
        "Commandes\u00a0:",
        "Afficher ce message et quitter.",
    ):
        assert french in result.stdout
    for english in ("Usage:", "Show this message", "Commands:"):
        assert english not in result.stdout


def test_a_missing_option_is_reported_in_french() -> None:
    result = runner.invoke(app, ["member", "add", "--workspace", "x"], env={"JALON_LANGUAGE": "fr"})
    assert result.exit_code == 2
    assert "Erreur\u00a0: Option manquante '--email'." in result.output
    assert "Essayez «\u00a0jalon member add --help\u00a0» pour l’aide." in result.output
    assert "Missing option" not in result.output and "Try '" not in result.output


def test_an_unknown_command_is_reported_in_french() -> None:
    result = runner.invoke(app, ["nope"], env={"JALON_LANGUAGE": "fr"})
    assert result.exit_code == 2
    assert "Erreur\u00a0: Commande 'nope' inconnue." in result.output
    assert "Utilisation\u00a0:" in result.output


def test_a_bad_number_is_reported_in_french() -> None:
    result = runner.invoke(app, ["serve", "--port", "abc"], env={"JALON_LANGUAGE": "fr"})
    assert result.exit_code == 2
    assert "Erreur\u00a0: Valeur invalide pour '--port'\u00a0: Saisissez un nombre entier." in result.output
    result = runner.invoke(app, ["serve", "--port", "0"], env={"JALON_LANGUAGE": "fr"})
    assert "Saisissez un nombre d’au moins 1." in result.output
    result = runner.invoke(app, ["serve", "--nope"], env={"JALON_LANGUAGE": "fr"})
    assert "Erreur\u00a0: Option inconnue\u00a0: --nope" in result.output


def test_in_english_click_keeps_its_own_words() -> None:
    result = runner.invoke(app, ["member", "add", "--workspace", "x"], env={"JALON_LANGUAGE": "en"})
    assert "Missing option '--email'" in result.output
    assert "Usage:" in result.output
    help_result = runner.invoke(app, ["serve", "--help"], env={"JALON_LANGUAGE": "en"})
    assert "Show this message and exit." in help_result.output


def test_value_types_beside_options_are_words_of_the_readers_language() -> None:
    french = runner.invoke(app, ["serve", "--help"], env={"JALON_LANGUAGE": "fr"}).output
    assert "--host <texte>" in french and "--port <entier>" in french
    english = runner.invoke(app, ["serve", "--help"], env={"JALON_LANGUAGE": "en"}).output
    assert "--host <text>" in english and "--port <integer>" in english
    assert "<str>" not in french + english and "int range" not in french + english


def test_every_command_that_prints_a_table_words_its_json_option_alike() -> None:
    commands = (["portfolio", "solve"], ["schedule", "solve"], ["smart"], ["advise"], ["framing", "rfm"])
    helps = set()
    for command in commands:
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, result.output
        (line,) = [line for line in result.output.splitlines() if "--json" in line]
        helps.add(" ".join(line.split()))
    assert len(helps) == 1
    assert helps.pop().startswith("--json ")
