"""`jalon report` writes each format and refuses bad choices with one line and exit code 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from jalon.cli import app


@pytest.fixture
def runner(demo) -> CliRunner:
    return CliRunner()


ARGS = ["report", "--workspace", "cloud-kicks", "--roadmap", "cloud-kicks"]


def test_report_writes_a_markdown_file_in_english(runner, tmp_path) -> None:
    out = tmp_path / "roadmap.md"
    result = runner.invoke(app, [*ARGS, "--format", "md", "--lang", "en", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "## SMART objectives" in out.read_text(encoding="utf-8")


def test_report_with_the_board_preset_leaves_the_activities_out(runner, tmp_path) -> None:
    out = tmp_path / "board.md"
    result = runner.invoke(app, [*ARGS, "--format", "md", "--preset", "board", "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "## Jalons" in text and "## Activités" not in text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "doc"], "pdf, pptx, md, ics, xlsx"),
        (["--format", "md", "--preset", "nope"], "board, team"),
        (["--format", "md", "--lang", "de"], "fr, en"),
    ],
)
def test_report_refuses_bad_choices_and_writes_nothing(runner, tmp_path, extra, message) -> None:
    out = tmp_path / "nothing"
    result = runner.invoke(app, [*ARGS, *extra, "--output", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_report_on_an_unknown_roadmap_says_so(runner, tmp_path) -> None:
    result = runner.invoke(
        app, ["report", "--workspace", "cloud-kicks", "--roadmap", "nope", "--format", "md", "--output",
              str(tmp_path / "x.md")]
    )  # fmt: skip
    assert result.exit_code == 2
    assert "nope" in result.output
