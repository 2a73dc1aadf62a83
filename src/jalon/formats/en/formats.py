"""English dates written day first, so that no reader can take 12/01/2026 for a month it is not: ``31 Dec
2026`` in tables, ``31 December 2026`` in sentences and documents (Django's ``en`` writes ``12/31/2026`` and
``Dec. 31, 2026``, two styles, one of them American only). Date fields follow the same order: they show
``31/12/2026`` and read it (or ``31 Dec 2026``) day first, as the French ones do; Django's input formats
are not used, the fields read what people type with :func:`jalon.parsing.parse_date`."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, P"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, P"
# What a plain Django date field would read (Jalon's fields read with ``parse_date``): day first, never
# Django's month-first ``%m/%d/%Y``, so that 05/06/2026 is the 5th of June on every English page.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
