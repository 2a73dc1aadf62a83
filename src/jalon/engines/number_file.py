"""What the benchmark readers (PSPLIB, OR-Library knapsack) share: whole numbers read with their line, and
a refusal made of a code, the line of the file and the text at fault (the shells word it).

A number is at most ``MAX_DIGITS`` digits and ``MAX_NUMBER``, so a malformed file is refused at once (no
4,300-digit integer is ever read) and no sum overflows the solvers' 64-bit integers.
"""

from __future__ import annotations

from enum import StrEnum

MAX_NUMBER = 10**9
MAX_DIGITS = len(str(MAX_NUMBER))


class FileCode(StrEnum):
    NUMBER = "number"  # text: not a whole number from 0 to MAX_NUMBER
    SHORT_LINE = "short_line"  # the line lacks numbers the format needs there
    ENDS_EARLY = "ends_early"  # the file ends (at ``line``) before the instance does
    EMPTY = "empty"  # an instance needs at least one job or item, and one constraint
    OUT_OF_RANGE = "out_of_range"  # text: a successor that is not a job of the instance
    EXTRA = "extra"  # numbers remain after the last instance


class NumberFileError(ValueError):
    """A text the reader refuses: ``code``, the 1-based ``line`` of the file, the ``text`` at fault."""

    def __init__(self, code: FileCode, line: int, text: str = "") -> None:
        self.code, self.line, self.text = code, line, text[:20]
        super().__init__(f"line {line}: {code.value}" + (f" ({self.text})" if text else ""))


def whole(token: str, line: int, error: type[NumberFileError]) -> int:
    """``token`` as a whole number from 0 to ``MAX_NUMBER``, or ``error`` naming its line."""
    if len(token) > MAX_DIGITS or not token.isascii() or not token.isdigit() or int(token) > MAX_NUMBER:
        raise error(FileCode.NUMBER, line, token)
    return int(token)


def numbers_with_lines(text: str, error: type[NumberFileError]) -> tuple[list[int], list[int]]:
    """Every number of ``text`` in order, and the line each stands on."""
    numbers: list[int] = []
    lines: list[int] = []
    for number, line in enumerate(text.splitlines(), 1):
        for token in line.split():
            numbers.append(whole(token, number, error))
            lines.append(number)
    return numbers, lines


def last_line(text: str) -> int:
    return max(1, len(text.splitlines()))
