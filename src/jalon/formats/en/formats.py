"""English dates written day first, so that no reader can take 12/01/2026 for a month it is not: ``31 Dec
2026`` in tables, ``31 December 2026`` in sentences and documents (Django's ``en`` writes ``12/31/2026`` and
``Dec. 31, 2026``, two styles, one of them American only). Only the *displayed* formats change: the input
formats stay Django's, and the fields read what people type with :func:`jalon.parsing.parse_date`."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, P"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, P"
