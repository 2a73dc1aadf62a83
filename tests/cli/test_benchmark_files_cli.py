"""`jalon schedule psplib` and `jalon portfolio mkp` on a malformed file: one translated line that names
the file and the line at fault, exit status 2, at once (no Python message, no 4,300-digit number read)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from jalon.cli import portfolio as portfolio_cli
from jalon.cli import schedule as schedule_cli
from jalon.engines import number_file
from jalon.engines.number_file import FileCode, NumberFileError
from jalon.engines.portfolio_mkp import MkpFormatError, parse_orlib_mkp
from jalon.engines.scheduling_rcpsp import InvalidInstanceError, parse_psplib

PSPLIB, MKP = ["psplib"], ["mkp"]
JOBS = "3 1\n4\n0 0 1 2\n2 1 1 3\n0 0 0\n"  # a good three-job instance


READ_PSPLIB, READ_MKP = (parse_psplib, InvalidInstanceError), (parse_orlib_mkp, MkpFormatError)


@pytest.mark.parametrize(
    ("reader", "text", "code", "line"),
    [
        (READ_PSPLIB, "hello world\n", FileCode.NUMBER, 1),
        (READ_PSPLIB, "3 1\n\n4\n0 0 1 2\n2 x 1 3\n0 0 0\n", FileCode.NUMBER, 5),
        (READ_PSPLIB, "3 1\n4\n0 0 1 2\n2 -1 1 3\n0 0 0\n", FileCode.NUMBER, 4),
        (READ_PSPLIB, "3 1\n4\n0 0 1 2\n2 1\n0 0 0\n", FileCode.SHORT_LINE, 4),
        (READ_PSPLIB, "3 1\n4\n0 0 2 2\n2 1 1 3\n0 0 0\n", FileCode.SHORT_LINE, 3),
        (READ_PSPLIB, "3 1\n4\n0 0 1 2\n2 1 1 7\n0 0 0\n", FileCode.OUT_OF_RANGE, 4),
        (READ_PSPLIB, "3 1\n4\n0 0 1 2\n", FileCode.ENDS_EARLY, 3),
        (READ_PSPLIB, "0 1\n4\n", FileCode.EMPTY, 1),
        (READ_PSPLIB, "", FileCode.ENDS_EARLY, 1),
        (READ_MKP, "1\n2 1 0\n3 x\n1 1\n1\n", FileCode.NUMBER, 3),
        (READ_MKP, "1\n2 1 0\n3 4\n1 1\n", FileCode.ENDS_EARLY, 4),
        (READ_MKP, "1\n0 1 0\n\n1\n", FileCode.EMPTY, 2),
        (READ_MKP, "1\n1 1 0\n1\n1\n1\n9\n", FileCode.EXTRA, 6),
        (READ_MKP, "1\n1 1 0\n1\n1\n" + "9" * 5000 + "\n", FileCode.NUMBER, 5),
    ],
)
def test_a_benchmark_reader_names_the_line_at_fault(
    reader: tuple[Callable[[str], object], type[NumberFileError]], text: str, code: FileCode, line: int
) -> None:
    parse, error = reader
    with pytest.raises(error) as refused:
        parse(text)
    assert (refused.value.code, refused.value.line) == (code, line)


def test_the_psplib_reader_still_reads_a_good_instance() -> None:
    instance = parse_psplib(JOBS)
    assert instance.durations == (0, 2, 0) and instance.successors == ((1,), (2,), ())


def _run(tmp_path: Path, app: typer.Typer, command: list[str], text: str) -> tuple[int, str]:
    path = tmp_path / "instance.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, [*command, str(path), "--time-limit", "1"])
    return result.exit_code, result.output.replace(str(path), "FILE").strip()


@pytest.mark.parametrize(
    ("app", "command", "text", "lang", "expected"),
    [
        (schedule_cli.app, PSPLIB, "3 1\n4\n0 0 1 2\n2 x 1 3\n", "en",
         "FILE is not a PSPLIB instance (line 4): “x” is not a whole number from 0 to 1,000,000,000."),
        (schedule_cli.app, PSPLIB, "3 1\n4\n0 0 1 2\n2 x 1 3\n", "fr",
         "FILE n’est pas une instance PSPLIB (ligne 4)\u00a0: «\u00a0x\u00a0» n’est pas un nombre entier "
         "de 0 à 1\u202f000\u202f000\u202f000."),
        (schedule_cli.app, PSPLIB, "3 1\n4\n0 0 1 2\n", "en",
         "FILE is not a PSPLIB instance (line 3): the file ends before the instance does."),
        (schedule_cli.app, PSPLIB, "3 1\n4\n0 0 1 2\n", "fr",
         "FILE n’est pas une instance PSPLIB (ligne 3)\u00a0: le fichier se termine avant la fin de "
         "l’instance."),
        (portfolio_cli.app, MKP, "1\n1 1 0\n1\n1\n1\n9\n", "en",
         "FILE is not an OR-Library knapsack file (line 6): numbers remain after the last instance."),
        (portfolio_cli.app, MKP, "1\n1 1 0\n1\n1\n1\n9\n", "fr",
         "FILE n’est pas un fichier OR-Library de sac à dos (ligne 6)\u00a0: des nombres restent après la "
         "dernière instance."),
    ],
)  # fmt: skip
def test_a_malformed_benchmark_file_is_refused_in_one_translated_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    app: typer.Typer,
    command: list[str],
    text: str,
    lang: str,
    expected: str,
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", lang)
    assert _run(tmp_path, app, command, text) == (2, expected)


@pytest.mark.parametrize(("app", "command"), [(schedule_cli.app, PSPLIB), (portfolio_cli.app, MKP)])
def test_a_huge_number_is_refused_at_once_without_pythons_digit_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app: typer.Typer, command: list[str]
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "en")
    read: list[str] = []  # every token the reader turned into a number or refused
    whole = number_file.whole

    def counted(token: str, line: int, error: type[NumberFileError]) -> int:
        read.append(token)
        return whole(token, line, error)

    monkeypatch.setattr("jalon.engines.number_file.whole", counted)
    monkeypatch.setattr("jalon.engines.scheduling_rcpsp.whole", counted)
    code, output = _run(tmp_path, app, command, "3 1\n" + "7" * 100_000 + "\n" + "1 2 3\n" * 200_000)
    assert len(read) == 3  # at once: the reader stops at the huge number, not after 600,000 more
    assert code == 2 and "(line 2): “77777777777777777777” is not a whole number" in output
    assert "4300" not in output and "int()" not in output
