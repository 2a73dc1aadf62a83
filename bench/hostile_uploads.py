"""How long each reader a browser reaches takes to read or refuse a hostile upload: the KPI measurements
file (``table.read_file``), the orders file of the framing's personas (``read_orders``) and a KPI source
(``sources.run_query``, DuckDB).

    .venv/bin/python bench/hostile_uploads.py [--repeat 3] [--only WORDS]

Each figure is the best of ``--repeat`` runs, in the process (no HTTP), with what the reader answered.
The files are made in memory: a workbook whose entities expand a billion times, one naming a server file
as an external entity, a row numbered 99,999,999,999 (openpyxl made up every row before it), a sheet
of 2 GB of blanks in a 2 MB upload, a date cell past 9999-12-31, a CSV row starting with "#" (DuckDB took
it for a comment), a sheet of 1,048,576 rows that does not state its size (openpyxl's read-only
loader read such a sheet through once to measure it, 10 s, before any row limit could stop it: the
"openpyxl load alone" line shows that scan), a sheet 16,384 columns wide, shared strings that unzip past
100 MB, an old .xls, an image named .xlsx, and a CSV of 50 MB (the largest KPI source or orders file
taken). tests/test_hostile_uploads.py checks what each answers; this file only measures.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup() -> None:
    os.environ["JALON_HOME"] = tempfile.mkdtemp(prefix="jalon-bench-uploads-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalon.settings")
    sys.path.insert(0, str(ROOT))  # the tests' builders of hostile workbooks
    import django

    django.setup()


def _sheet(rows: str, doctype: str = "") -> bytes:
    from tests.hostile_files import sheet  # the tests' own builder: one way to make a hostile sheet

    return sheet(rows, doctype)


def hostile_files() -> dict[str, Callable[[], tuple[str, bytes]]]:
    """Each hostile upload by name: how to make it (the file's name, its bytes), made only when measured."""
    from openpyxl.utils import get_column_letter
    from tests.documents.test_hostile_workbooks import with_part, workbook
    from tests.hostile_files import LAUGHS

    cell = '<row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row>'
    header = '<row><c t="inlineStr"><is><t>client</t></is></c><c t="inlineStr"><is><t>date</t></is></c>'
    header += '<c t="inlineStr"><is><t>montant</t></is></c></row>'

    def million() -> bytes:  # numbers only, so the sheet stays under the 100 MB unzipped limit (60 MB)
        row = "<row><c><v>{}</v></c><c><v>{}</v></c><c><v>{}</v></c></row>"
        return _sheet(
            header + "".join(row.format(n % 5000, 45000 + n % 700, n % 90) for n in range(1_048_576))
        )

    def wide() -> bytes:
        cells = "".join(f'<c r="{get_column_letter(n)}2"><v>{n}</v></c>' for n in range(1, 16_385))
        return _sheet(f'<row r="2">{cells}</row>')

    def strings() -> bytes:
        text = b"<sst><si><t>" + b"A" * (100 * 1024 * 1024 + 1) + b"</t></si></sst>"
        return with_part(workbook([["date", "valeur"]]), "xl/sharedStrings.xml", text)

    def big_csv() -> bytes:  # 2,100,000 orders: 50 MB, the largest orders file or KPI source taken
        lines = (
            f"c{n % 40_000};{1 + n % 28:02d}/{1 + n % 12:02d}/2025;{10 + n % 90},50\n"
            for n in range(2_100_000)
        )
        return ("client;date;montant\n" + "".join(lines)).encode()

    def far_row() -> bytes:  # openpyxl made up every row before it, one by one: hours
        from tests.documents.test_hostile_workbooks import numbered_rows

        return numbered_rows("1", "99999999999")

    def inflating() -> bytes:  # a sheet of 2 GB of blanks in a 2 MB upload, its sizes stated truthfully
        out = io.BytesIO()
        source = zipfile.ZipFile(io.BytesIO(workbook([["x"]])))
        with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in source.infolist():
                if info.filename != "xl/worksheets/sheet1.xml":
                    archive.writestr(info, source.read(info))
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                for _ in range(128):
                    sheet.write(b" " * (16 * 1024 * 1024))
        return out.getvalue()

    def far_future() -> bytes:  # Excel's day 2,958,466 is past 9999-12-31: openpyxl reads "#VALUE!"
        from tests.hostile_files import dated_cell_workbook

        return dated_cell_workbook(2_958_466)

    entity = '<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return {
        "billion laughs in a sheet": lambda: ("bombe.xlsx", _sheet(cell.format("&l9;"), LAUGHS)),
        "external entity (file:///etc/passwd)": lambda: ("entite.xlsx", _sheet(cell.format("&x;"), entity)),
        "1,048,576 rows, size not stated": lambda: ("million.xlsx", million()),
        "16,384 columns": lambda: ("large.xlsx", wide()),
        "shared strings past 100 MB unzipped": lambda: ("zip.xlsx", strings()),
        "old .xls named .xlsx": lambda: ("ancien.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000)),
        "PNG named .xlsx": lambda: ("image.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(4000)),
        "CSV of 50 MB": lambda: ("commandes.csv", big_csv()),
        "a row numbered 99,999,999,999": lambda: ("loin.xlsx", far_row()),
        "a sheet inflating to 2 GB": lambda: ("gonfle.xlsx", inflating()),
        "a date cell past 9999-12-31": lambda: ("futur.xlsx", far_future()),
        "a CSV row starting with #": lambda: ("diese.csv", b"date;valeur\n05/01/2026;1\n#N/A;2\n"),
    }


def _best(run: Callable[[], str], repeat: int) -> tuple[float, str]:
    best, answer = float("inf"), ""
    for _ in range(repeat):
        started = time.perf_counter()
        answer = run()
        best = min(best, time.perf_counter() - started)
    return best, answer


def readers(folder: Path) -> dict[str, Callable[[str, bytes], str]]:
    from django.utils.translation import gettext

    from jalon.documents.orders_file import OrdersFileError, describe_error, read_orders
    from jalon.strategy.kpis.sources import SourceError, run_query
    from jalon.strategy.kpis.table import TableProblems, read_file

    def kpi_file(name: str, data: bytes) -> str:
        try:
            return f"read {len(read_file(name, data))} rows"
        except TableProblems as error:
            return error.problems[0].message

    def orders(name: str, data: bytes) -> str:
        try:
            found = read_orders(data, filename=name)
        except OrdersFileError as error:
            return describe_error(error, gettext)
        except Exception as error:  # MappingNeeded: the columns asked for
            return type(error).__name__
        return f"read {len(found.orders.customer_ids)} orders"

    def source(name: str, data: bytes) -> str:
        path = folder / name
        path.write_bytes(data)
        try:
            return f"read {len(run_query(path, 'select * from data'))} rows"
        except SourceError as error:
            return str(error)

    return {"KPI file": kpi_file, "orders": orders, "KPI source": source}


def openpyxl_load_alone(data: bytes) -> str:
    """What opening the workbook costs when openpyxl measures its sheets (the loader before the fix)."""
    from openpyxl import load_workbook

    load_workbook(io.BytesIO(data), read_only=True, data_only=True).close()
    return "loaded"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="only the files whose description holds these words")
    args = parser.parse_args()
    _setup()
    from django.utils import translation

    translation.activate("en")
    files = {label: make for label, make in hostile_files().items() if args.only.lower() in label.lower()}
    with tempfile.TemporaryDirectory() as folder:
        for label, make in files.items():
            name, data = make()
            print(f"{label} ({len(data) / 1_000_000:.1f} MB upload)")
            for reader, read in readers(Path(folder)).items():
                seconds, answer = _best(lambda: read(name, data), args.repeat)  # noqa: B023
                print(f"  {reader:<11} {seconds * 1000:8.0f} ms  {answer[:90]}")
            if name == "million.xlsx":
                seconds, _answer = _best(lambda: openpyxl_load_alone(data), 1)  # noqa: B023
                print(f"  {'openpyxl load alone, before the fix':<11} {seconds * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
