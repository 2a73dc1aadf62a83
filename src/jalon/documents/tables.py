"""Reading tables from text files, shared by every importer; no Django here, so the CLI can use it.

Excel's CSV in France is Windows-1252 with semicolons; elsewhere UTF-8 with commas or tabs. Some data
sets (the CDNOW orders file, for one) align their columns with spaces instead.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import reprlib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from jalon.names import normalise

if TYPE_CHECKING:
    from _csv import Reader  # what csv.reader returns (a name only the type stubs know)

__all__ = [
    "BOOLEANS",
    "LINES_ABOVE_HEADER",
    "LINES_BETWEEN_REPORTS",
    "MONTHS",
    "Booleans",
    "LinesRead",
    "UnreadableTable",
    "boolean_words",
    "cell_text",
    "decode",
    "excerpt",
    "file_label",
    "is_old_office",
    "is_workbook",
    "listed",
    "looks_binary",
    "month_number",
    "normalise",
    "not_a_table_hint",
    "not_a_table_message",
    "old_excel_hint",
    "old_excel_message",
    "read_rows",
    "read_table",
    "shown_booleans",
    "sniff_delimiter",
    "workbook_table",
]

EXCERPT_CHARS = 40
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = EXCERPT_CHARS
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict = 2, 3, 3


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue (no Django here); it is translated where it is shown."""
    return message


class UnreadableTable(ValueError):
    """A cell longer than the csv module's limit (``limit`` characters), or a quote never closed."""

    def __init__(self) -> None:
        self.limit = csv.field_size_limit()
        super().__init__(f"a cell longer than {self.limit} characters, or a quote not closed")

    def describe(self, _: Callable[[str], str]) -> str:
        """In the reader's words: pass the translation function (``gettext``); Django must be set up."""
        from jalon.formatting import format_number  # the one Django-bound line, for the reader's digits

        message, numbers = self.words()
        return _(message).format(**{name: format_number(value) for name, value in numbers.items()})

    def words(self) -> tuple[str, dict[str, int]]:
        """The English message id (in the catalogue) and its numbers, to be worded where it is shown."""
        return gettext_noop("A cell is longer than {limit} characters, or a quote is not closed."), {
            "limit": self.limit
        }


# Month names and abbreviations, French and English, as normalise() writes them.
MONTHS = {
    "jan": 1, "janv": 1, "january": 1, "janvier": 1, "feb": 2, "fev": 2, "fevr": 2, "february": 2,
    "fevrier": 2, "mar": 3, "mars": 3, "march": 3, "apr": 4, "avr": 4, "april": 4, "avril": 4, "may": 5,
    "mai": 5, "jun": 6, "june": 6, "juin": 6, "jul": 7, "july": 7, "juil": 7, "juillet": 7, "aug": 8,
    "august": 8, "aou": 8, "aout": 8, "sep": 9, "sept": 9, "september": 9, "septembre": 9, "oct": 10,
    "october": 10, "octobre": 10, "nov": 11, "november": 11, "novembre": 11, "dec": 12, "december": 12,
    "decembre": 12,
}  # fmt: skip


def month_number(name: str) -> int | None:
    """The month a name or abbreviation says, French or English, whatever its case and accents (``Sept``,
    ``févr``, ``June``); None for any other word. What every date reader that reads month names asks."""
    return MONTHS.get(normalise(name))


# What may follow a date in a cell: a time of day (``T10:30``, `` 17:00:00.000Z``, `` 9:15 AM``,
# ``T00:00:00+01:00``), checked by ``possible_time``.
_TIME = re.compile(
    r"(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:\s*([AaPp][Mm]))?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)


def possible_time(rest: str) -> bool:
    """Whether ``rest``, what follows a date in a cell, is nothing or a time of day that exists: ``T25:00``,
    ``10:60``, ``13:00 PM`` or a word after the date make the cell no date, where it was read as its day."""
    if not rest.strip():
        return True
    match = _TIME.fullmatch(rest.rstrip())
    if match is None:
        return False
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    hours = range(1, 13) if match[4] else range(24)
    return hour in hours and minute < 60 and second < 60


def excerpt(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters of what a user wrote, for a message: never the whole input, whatever
    its size or nesting (a text is cut, a list or mapping shows its first items)."""
    text = value if isinstance(value, str) else _REPR.repr(value)
    text = " ".join(text[: limit * 4].split())
    text = "".join(char if char >= " " else "\ufffd" for char in text)  # a NUL or another control
    return text if len(text) <= limit else text[: limit - 1] + "…"


MAX_LISTED = 30


def listed(names: Sequence[str], limit: int = MAX_LISTED) -> str:
    """``a, b, c`` for a message: at most ``limit`` names, each an excerpt, then ``…`` (a file of 5,000
    columns made a message of 260 kB)."""
    shown = [excerpt(name, 60) for name in names[:limit]]
    return ", ".join(shown + (["…"] if len(names) > limit else []))


MAX_FILE_LABEL = 200


def file_label(name: str, limit: int = MAX_FILE_LABEL) -> str:
    """An uploaded file's name as Jalon keeps and shows it: its last part (never a folder), without control
    or formatting characters (a right-to-left override shows ``exe.jpg`` as ``gpj.exe``, a NUL cannot be
    stored), at most ``limit`` characters with its extension kept."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    label = "".join(char for char in base if unicodedata.category(char) not in ("Cc", "Cf")).strip()
    if len(label) <= limit:
        return label
    stem, dot, suffix = label.rpartition(".")
    if not dot or len(suffix) > 10:
        return label[:limit]
    return f"{stem[: limit - len(suffix) - 1]}.{suffix}"


def decode(data: bytes) -> str:
    """UTF-16 with its byte-order mark (Excel's "Unicode text"), UTF-8 (with or without Excel's
    byte-order mark), else Windows-1252 (Excel's "CSV" in France)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# An OLE2 compound file: Excel's binary workbook before 2007 (.xls), and old Word and PowerPoint files.
# Its first 4 bytes (D0 CF 11 E0) are enough to tell one; the full 8 are checked.
OLD_OFFICE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_old_office(data: bytes) -> bool:
    """Whether ``data`` is an old binary Office file (an ``.xls`` workbook most often), which no importer
    reads: its user is told to save it as XLSX or CSV."""
    return data.startswith(OLD_OFFICE_SIGNATURE)


def old_excel_message(_: Callable[[str], str]) -> str:
    """What to do with an old ``.xls`` workbook, in the reader's words (pass ``gettext``)."""
    return _(
        "This is an old Excel workbook (.xls), which Jalon does not read: open it in Excel or "
        "LibreOffice, save it as XLSX or CSV, and import that file."
    )


def old_excel_hint(data: bytes, _: Callable[[str], str]) -> str | None:
    """:func:`old_excel_message` when ``data`` (a file's bytes, or only its first 8) is an old binary Office
    file, else None: every reader of a user's file asks this first, so that an ``.xls`` gets the same
    advice wherever it is given (and not "not UTF-8 text" or "could not be read")."""
    return old_excel_message(_) if is_old_office(data) else None


def is_workbook(name: str, data: bytes) -> bool:
    """Whether an upload is to be read as an XLSX workbook: named so, or a zip whatever its name (Excel's
    workbook saved as ``mesures.csv`` is still a workbook)."""
    return name.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


_BINARY_SIGNATURES = (b"%PDF-", b"\x89PNG\r\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"\x1f\x8b\x08")
_SAMPLE_BYTES = 8192


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is not a text table: an image, a PDF or a compressed file by its first bytes, or
    a start where control characters (a NUL, or more than 1 % of the characters once decoded) show it
    is not text. UTF-16 text, whose byte-order mark says so, is text."""
    head = data[:_SAMPLE_BYTES]
    if head.startswith(_BINARY_SIGNATURES):
        return True
    text = decode(head)
    if "\x00" in text:
        return True
    odd = sum(1 for char in text if (char < " " and char not in "\t\r\n\f") or char == "\ufffd")
    return odd > len(text) / 100


def not_a_table_message(_: Callable[[str], str]) -> str:
    """What to say of an image, a PDF or another binary file sent where a table is read (pass ``gettext``)."""
    return _("This file is not a table (an image, a PDF or another binary file?).")


def utf16_without_mark(data: bytes) -> bool:
    """Whether ``data`` looks like UTF-16 text without its byte-order mark: one byte in two is NUL, on the
    same side (Latin letters, digits and separators in UTF-16 have a NUL high byte), which no other text
    and no table a reader reads has. Decoded as Windows-1252 it was refused as "not a table"."""
    head = data[: _SAMPLE_BYTES - _SAMPLE_BYTES % 2]
    if len(head) < 4 or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    return max(even, odd) >= pairs * 0.6 and min(even, odd) <= pairs * 0.05


def unknown_encoding_message(_: Callable[[str], str]) -> str:
    """What to say of text whose encoding cannot be read (UTF-16 without its mark; pass ``gettext``)."""
    return _(
        "The file’s text encoding could not be read (UTF-16 without its byte-order mark?): save it as UTF-8, "
        "in Excel as “CSV UTF-8”, and use that file."
    )


def not_a_table_hint(name: str, data: bytes, _: Callable[[str], str]) -> str | None:
    """What a table reader tells the user before reading ``data`` at all: an old ``.xls`` workbook
    (:func:`old_excel_message`), text in an encoding it cannot read (:func:`unknown_encoding_message`), or
    a binary file that is no XLSX workbook (:func:`not_a_table_message`: one message, not a problem per
    line); None for a workbook or text, which the reader then reads."""
    if hint := old_excel_hint(data, _):
        return hint
    if not is_workbook(name, data) and utf16_without_mark(data):
        return unknown_encoding_message(_)
    return not_a_table_message(_) if not is_workbook(name, data) and looks_binary(data) else None


def sniff_delimiter(first_line: str, *, whitespace: bool = False) -> str | None:
    """The most frequent of ``;``, ``,`` and tab on the first line; None for columns aligned with spaces
    when ``whitespace`` is allowed and none of the three appears (else ``,``)."""
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    if any(counts.values()):
        return max(counts, key=lambda sep: counts[sep])
    return None if whitespace and len(first_line.split()) > 1 else ","


# Lines above a table's header where a title or an empty row may stand (the header search of the
# activities import, ``jalon.documents.csv_headers``, looks as far), and a separator is not looked for.
LINES_ABOVE_HEADER = 10


def _table_delimiter(text: str) -> str:
    """The separator of the first few lines that are not blank: the one that most lines hold the same number
    of times (then the one held more often). A title typed above the header (« Plan marketing 2027 » or
    « Plan, 2027 ») holds none or another, and a file of semicolons below it was read as one column, or cut
    at its commas; a comma inside a description varies from row to row where the separator does not."""
    filled = (line for line in io.StringIO(text) if line.strip())
    lines = list(itertools.islice(filled, LINES_ABOVE_HEADER + 1))
    best: tuple[int, int, str] = (0, 0, ",")
    for sep in (";", ",", "\t"):
        counts = Counter(line.count(sep) for line in lines if sep in line)
        if counts:
            times, lines_alike = max(counts.items(), key=lambda item: (item[1], item[0]))
            best = max(best, (lines_alike, times, sep), key=lambda found: found[:2])
    return best[2]


def read_table(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (the first row that is not blank) and the non-blank rows below it, each with the line
    where it starts (line 1 is the file's first, blank or not)."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return [], []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_table_delimiter(text))
    try:  # an empty first line made the header empty: the file was "empty"
        header = next((row for row in reader if any(cell.strip() for cell in row)), [])
    except csv.Error:
        raise UnreadableTable() from None
    return [cell.strip() for cell in header], _non_blank(reader, reader.line_num + 1)


def _non_blank(reader: Reader, line: int, limit: int | None = None) -> list[tuple[int, list[str]]]:
    """The reader's non-blank rows, each with the line where it starts, from ``line`` on; reading stops
    at ``limit + 1`` rows (one more than the caller accepts tells it there are too many)."""
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((line, row))
                if limit is not None and len(rows) > limit:
                    break
            line = reader.line_num + 1
    except csv.Error:
        raise UnreadableTable() from None
    return rows


# Reading a large file: how many lines are read between two reports of ``read_rows``'s ``on_lines``.
LINES_BETWEEN_REPORTS = 50_000
LinesRead = Callable[[int, float], None]
"""Lines read so far and the share of the text they cover (1.0 once the whole text is read)."""


def _watched(lines: Iterable[str], size: int, on_lines: LinesRead) -> Iterator[str]:
    """``lines``, reporting to ``on_lines`` every ``LINES_BETWEEN_REPORTS`` lines and at the end."""
    count = done = 0
    for count, line in enumerate(lines, 1):
        done += len(line)
        if count % LINES_BETWEEN_REPORTS == 0:
            on_lines(count, min(done / max(size, 1), 1.0))
        yield line
    on_lines(count, 1.0)


def read_rows(
    text: str, *, whitespace: bool = True, limit: int | None = None, on_lines: LinesRead | None = None
) -> list[tuple[int, list[str]]]:
    """Every non-blank row, header included, with the line where it starts (the first line is 1), at
    most ``limit + 1`` of them. Columns aligned with spaces are split on runs of blanks when
    ``whitespace`` is allowed. ``on_lines`` hears how far the reading is (a 50 MB file takes seconds)."""
    text = text.removeprefix("\ufeff")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = sniff_delimiter(first_line, whitespace=whitespace)
    if delimiter is None:
        lines: Iterable[str] = text.splitlines()
        lines = lines if on_lines is None else _watched(lines, len(text), on_lines)
        split = ((number, cells) for number, line in enumerate(lines, 1) if (cells := line.split()))
        return list(itertools.islice(split, None if limit is None else limit + 1))
    source: Iterable[str] = io.StringIO(text, newline="")
    source = source if on_lines is None else _watched(source, len(text), on_lines)
    return _non_blank(csv.reader(source, delimiter=delimiter), 1, limit)


Booleans = tuple[str, str]
BOOLEANS: Booleans = ("TRUE", "FALSE")
"""How a spreadsheet in English shows a boolean cell: the text such a cell is read as, without a language."""


def boolean_words(_: Callable[[str], str]) -> Booleans:
    """How a spreadsheet shows a boolean cell in the language of ``_`` (a gettext function): TRUE and FALSE,
    VRAI and FAUX. A message quoting a cell quotes it so, never as Python's ``True``."""
    return _("TRUE"), _("FALSE")


def workbook_table(
    data: bytes, *, limit: int, booleans: Booleans = BOOLEANS
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """An XLSX workbook's first sheet as ``read_table`` reads a CSV file: the header and the rows with
    their row numbers, every cell as the text a CSV file would hold (a date as ``2027-03-01``, a number
    without a trailing ``.0``, a boolean as ``booleans`` say it). ``UnreadableWorkbook`` when it is not one,
    or has more than ``limit`` rows."""
    from jalon.documents.workbook_rows import xlsx_rows

    rows = xlsx_rows(data, limit=limit + 1)  # the header's row too
    if not rows:
        return [], []
    (_first, header), body = rows[0], rows[1:]
    return [cell_text(cell, booleans=booleans).strip() for cell in header], [
        (n, [cell_text(c, booleans=booleans) for c in cells]) for n, cells in body
    ]


def shown_booleans(
    rows: Sequence[tuple[int, Sequence[object]]], booleans: Booleans
) -> list[tuple[int, Sequence[object]]]:
    """A workbook's rows (number, cells), each boolean cell as the text the spreadsheet shows (``booleans``),
    the other cells as they were read."""
    return [
        (line, [cell_text(cell, booleans=booleans) if isinstance(cell, bool) else cell for cell in cells])
        for line, cells in rows
    ]


def cell_text(value: object, *, booleans: Booleans = BOOLEANS) -> str:
    """A workbook cell as a CSV file would hold it, a boolean as the spreadsheet shows it (``booleans``)."""
    if isinstance(value, bool):
        return booleans[0] if value else booleans[1]
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
