"""The range every value Jalon keeps or computes with stays in, in one place without Django: the web
application's model bounds (:mod:`jalon.bounds`), the commands that read files (:mod:`jalon.cli.common`)
and the engines that parse or forecast numbers all read these.

Dates run from 1900 to 2200 (a plan computed from the year 9999 would reach the year 10,000); numbers are
finite and at most 10^15 either way (beyond it a value is a typing error, and its square overflows).
"""

from __future__ import annotations

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
NUMBER_LIMIT = 1e15
MAX_LAG_DAYS = 3650  # a dependency's lag, either way
