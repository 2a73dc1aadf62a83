"""Files as a French marketer's spreadsheets write them, not as Jalon's own export does: Excel's CSV
(semicolons, decimal comma, day-first dates, Windows-1252 or UTF-8 with a byte-order mark), LibreOffice
Calc's XLSX (date cells, formulas with their cached values, a merged title row above the header, a hidden
column, an empty first row, percentages), Google Sheets' CSV (commas, ISO or day-first dates), a KPI's
history copied from Excel and an orders file with bad lines. Built by code, so a test shows what it reads."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

NNBSP, NBSP = "\u202f", "\u00a0"  # what Excel writes between thousands in French, depending on Windows

# The backlog as the marketer keeps it: a title row above the header, a column Jalon does not know
# (« Canal »), statuses in the team's own words, French amounts, day-first dates and a total row.
EXCEL_BACKLOG_ROWS = [
    "Plan marketing 2027;;;;;;;",
    "Titre;Responsable;Statut;Début;Fin;Coût;Effort (jours-personne);Canal",
    f"Refonte page d’accueil;Élodie Gérard;À faire;15/03/2027;30/04/2027;1{NBSP}234,50 €;12,5;Site",
    f"Campagne été « soldes »;Élodie Gérard;En cours;01/06/2027;31/07/2027;8{NBSP}000,00 €;3;E-mail",
    "Salon Équip’Auto;Noël Françoise;Idée;05/10/2027;07/10/2027;12 500;2,5;Événement",
    f"Total;;;;;21{NBSP}734,50 €;18;",
]


def excel_backlog_csv(encoding: str = "cp1252") -> bytes:
    """Excel's *CSV (séparateur : point-virgule)* (Windows-1252, no byte-order mark) or *CSV UTF-8*
    (``utf-8-sig``): CRLF line ends, nothing quoted."""
    return "\r\n".join(EXCEL_BACKLOG_ROWS).encode(encoding) + b"\r\n"


def google_sheets_csv() -> bytes:
    """Google Sheets' *Download → CSV*: UTF-8 without a byte-order mark, commas, a French number quoted,
    dates as the sheet shows them (ISO in one row, day first in another)."""
    return (
        "Titre,Responsable,Statut,Début,Fin,Coût\n"
        'Webinaire produit,Élodie Gérard,Planifiée,2027-03-15,2027-03-20,"1 200,00 €"\n'
        "Newsletter mensuelle,Élodie Gérard,Fait,15/03/2027,20/03/2027,250\n"
    ).encode()


def libreoffice_xlsx() -> bytes:
    """A workbook as LibreOffice Calc saves one: an empty first row, a merged title row, the header, then
    date cells shown ``JJ/MM/AAAA``, a cost computed by a formula whose value is cached in the file, a
    confidence shown as a percentage (stored 0.8), a hidden column of internal ids and a total row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A2"] = "Plan marketing 2027 — T2"
    sheet.merge_cells("A2:G2")
    header = ["Titre", "Responsable", "Début", "Fin", "Coût", "Confiance (%)", "Réf. interne"]
    who = "Élodie Gérard"
    rows: list[list[object]] = [
        ["Fête des mères", who, datetime(2027, 4, 12), datetime(2027, 5, 28), "=1000+234.5", 0.8, "M-12"],
        ["Jeu concours Instagram", who, datetime(2027, 6, 1), datetime(2027, 6, 30), "=4000*2", 0.55, "M-13"],
        ["Total", None, None, None, "=SUM(E4:E5)", None, None],
    ]  # fmt: skip
    for column, name in enumerate(header, 1):
        sheet.cell(row=3, column=column, value=name)
    for number, row in enumerate(rows, 4):
        for column, value in enumerate(row, 1):
            cell = sheet.cell(row=number, column=column, value=value)
            cell.number_format = {3: "DD/MM/YYYY", 4: "DD/MM/YYYY", 5: '#,##0.00 "€"', 6: "0%"}.get(
                column, "General"
            )
    sheet.column_dimensions["G"].hidden = True
    written = io.BytesIO()
    book.save(written)
    # openpyxl writes no cached value for a formula; Calc does: put them in, as Calc would
    cached = {b"<f>1000+234.5</f><v></v>": b"<f>1000+234.5</f><v>1234.5</v>",
              b"<f>4000*2</f><v></v>": b"<f>4000*2</f><v>8000</v>",
              b"<f>SUM(E4:E5)</f><v></v>": b"<f>SUM(E4:E5)</f><v>9234.5</v>"}  # fmt: skip
    return _rewritten(written.getvalue(), "xl/worksheets/sheet1.xml", cached)


def _rewritten(data: bytes, member: str, replacements: dict[bytes, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == member:
                for old, new in replacements.items():
                    assert old in content, old
                    content = content.replace(old, new)
            archive.writestr(item, content)
    return out.getvalue()


def kpi_percent_xlsx() -> bytes:
    """A conversion rate by month, each shown ``12,5 %`` (stored 0.125)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Mois", "Taux de conversion"])
    for month, rate in ((1, 0.125), (2, 0.131), (3, 0.129)):
        sheet.append([datetime(2026, month, 1), rate])
        sheet.cell(row=sheet.max_row, column=2).number_format = "0.0%"
    written = io.BytesIO()
    book.save(written)
    return written.getvalue()


# Two columns copied from Excel (tabs), French numbers with Excel's thousands spaces, months shown mmm-aa
# (past months: a measurement cannot be dated after today).
KPI_PASTE = f"Mois\tVisites\r\njanv.-26\t1{NNBSP}234,5\r\nfévr.-26\t1{NBSP}310\r\nmars-26\t1 402,25\r\n"
KPI_PASTE_PERCENT = "Date\tTaux\r\n05/01/2026\t12,5 %\r\n05/02/2026\t13,1 %\r\n05/03/2026\t12,9 %\r\n"


def orders_csv(*, bad: bool) -> bytes:
    """An online shop's orders of 2025 as Excel saves them (Windows-1252, semicolons; none after today);
    ``bad``: an impossible date, a missing customer and an amount in words, as real exports have."""
    lines = ["N° commande;Client;Date;Montant TTC"]
    for n in range(60):
        customer = f"client-{n % 12:02d}"
        lines.append(
            f"{1000 + n};{customer};{(n % 27) + 1:02d}/{(n % 12) + 1:02d}/2025;{(n % 9) * 10 + 19},90 €"
        )
    if bad:
        lines[5] = "1004;client-04;31/02/2026;49,90 €"
        lines[9] = "1008;;12/03/2026;29,90 €"
        lines[14] = "1013;client-01;14/04/2026;offert"
    return "\r\n".join(lines).encode("cp1252") + b"\r\n"
