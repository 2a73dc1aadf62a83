"""`jalon forecast …`: a KPI's projection and odds from a CSV of dated values, or a JSON-lines batch.

No database and no Django here: this path imports only the pure engine, and only when the command runs
(numpy and SciPy take a while), so that `jalon --help` stays fast. Bad input prints one line and exits 2,
and nothing is written.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from jalon.cli.common import day_option, fail, in_years, json_lines, optional, read_table_text, show
from jalon.engines.number_text import localise_digits, with_unit
from jalon.i18n import cli_language, ngettext
from jalon.i18n import gettext as _
from jalon.parsing import foreign_digits

_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
MAX_BATCH_HORIZON = 1000
MAX_BATCH_VALUES = 20_000  # as a KPI's import: a series of 1,000,000 values kept the command busy for minutes

if TYPE_CHECKING:
    from jalon.engines.forecast import Bounds, Reason, Result


def _date(text: str) -> date:
    text = text.strip()
    if foreign_digits(text):  # 0 to 9 only, as every reader (jalon.parsing)
        raise ValueError(text)
    slashed = _SLASHED.match(text)
    if slashed:
        return date(int(slashed[3]), int(slashed[2]), int(slashed[1]))
    return date.fromisoformat(text)


def _number(text: str) -> float:
    from jalon.engines.forecast import MAX_ABS_VALUE

    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    if foreign_digits(cleaned):  # float() reads ١٢ as 12: 0 to 9 only, as every reader (jalon.parsing)
        raise ValueError(text)
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        cleaned = cleaned.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    else:
        cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    if not abs(value) <= MAX_ABS_VALUE:
        raise ValueError(text)
    return value


def _thousands(count: int) -> str:
    """``20,000`` in English, ``20 000`` in French (a narrow no-break space)."""
    return localise_digits(f"{count:,}", french=cli_language() == "fr")


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """The non-blank CSV rows with their line numbers (``,``, ``;`` or tab, as the first line uses); a cell
    too long for the csv module, or a quote never closed, is a refusal in words."""
    from jalon.documents.tables import UnreadableTable, read_rows

    try:
        return read_rows(text, whitespace=False)
    except UnreadableTable:
        message = _("{path}: a cell is longer than {limit} characters, or a quote is not closed.")
        limit = _thousands(csv.field_size_limit())
        raise fail(message.format(path=path, limit=limit)) from None


def read_measurements(path: Path) -> list[tuple[date, float]]:
    """``date,value`` rows (``;`` or tab also work; a header line is skipped); every bad line is listed.
    The file may be UTF-8, UTF-16 or Windows-1252 (Excel's CSV), as every other importer reads it."""
    rows: list[tuple[date, float]] = []
    problems: list[str] = []
    for index, (number, row) in enumerate(_rows(path, read_table_text(path))):
        try:
            if len(row) < 2:
                raise ValueError
            day, value = _date(row[0]), _number(row[1])
            if not in_years(day):
                raise ValueError
        except ValueError:
            if index == 0:
                continue  # a header line
            problems.append(str(number))
            continue
        rows.append((day, value))
    if problems:
        lines = ", ".join(problems[:20]) + (" …" if len(problems) > 20 else "")
        raise fail(
            ngettext(
                "{path}: line {lines} needs a date (YYYY-MM-DD or DD/MM/YYYY) and a number.",
                "{path}: lines {lines} need a date (YYYY-MM-DD or DD/MM/YYYY) and a number.",
                len(problems),
            ).format(path=path, lines=lines)
        )
    if not rows:
        raise fail(_("{path}: no measurements (expected date,value rows).").format(path=path))
    days = [d for d, _ in rows]
    if len(set(days)) != len(days):
        raise fail(_("{path}: two measurements on the same date.").format(path=path))
    return rows


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if "e" in text:
        text = f"{value:,.0f}"
    return localise_digits(text, french=cli_language() == "fr")


def _day(day: date) -> str:
    """A date in words in the command's language: ``31 décembre 2026`` / ``31 December 2026``."""
    from jalon.engines.smart_messages import format_date

    return format_date(day, cli_language())


def _percent(value: float | None) -> str:
    """``45 %`` in French (a no-break space), ``45%`` in English, as the pages write it."""
    return "—" if value is None else with_unit(str(round(100 * value)), "%", french=cli_language() == "fr")


def describe_reason(code: Reason, value: float | None, when: date | None) -> str:
    from jalon.engines.forecast import Reason

    texts = {
        Reason.PROPORTIONAL: _("Changes are modelled in percent (every value is positive)."),
        Reason.ADDITIVE: _("Changes are modelled in units (some values are zero or negative)."),
        Reason.SEASONAL: _("Seasonal pattern removed before forecasting (strength {value})."),
        Reason.SEASONALITY_WEAK: _("No seasonal pattern: too weak (strength {value})."),
        Reason.SEASONALITY_SHORT: _("No seasonal pattern: {value} seasons of data, two are needed."),
        Reason.TREND_UP: _("Upward trend (t = {value}), damped over the horizon."),
        Reason.TREND_DOWN: _("Downward trend (t = {value}), damped over the horizon."),
        Reason.NO_TREND: _("No clear trend (t = {value})."),
        Reason.LEVEL_SHIFT: _("Level shift on {when}: only the new level is used."),
        Reason.LEVEL_SHIFT_KEPT: _("Level shift on {when}: too recent to use the new level alone."),
        Reason.GAPS_FILLED: _("{value} missing periods interpolated."),
        Reason.NO_MOVEMENT: _("No movement measured yet: the odds use the usual variation of such KPIs."),
        Reason.RANGE_LOW: _("The interval stops at {value}: the KPI cannot go lower."),
        Reason.RANGE_HIGH: _("The interval stops at {value}: the KPI cannot go higher."),
    }
    shown = "" if value is None else (_fmt(value) if code is not Reason.GAPS_FILLED else f"{value:.0f}")
    return texts[code].format(value=shown, when=_day(when) if when else "")


def _print(result: Result) -> None:
    from jalon.engines.forecast import MIN_POINTS, Direction, Status

    target = result.target
    sign = "≥" if target.direction is Direction.INCREASE else "≤"
    aim = f"{sign} {_fmt(target.value)}"
    if target.direction is Direction.BAND:
        aim = f"{_fmt(target.low)} – {_fmt(target.high)}"
    pace = result.pace
    if result.status is not Status.FORECAST:
        if result.status is Status.NO_MOVEMENT:
            typer.echo(
                _("No odds yet: every measurement is zero, there is no movement to estimate them from.")
            )
        else:
            typer.echo(
                _("Not enough data: {count} measurements, at least {needed} are needed for odds.").format(
                    count=result.points, needed=MIN_POINTS
                )
            )
        if pace is not None:
            typer.echo(
                _("The target ({aim}) needs {pace} a month from {value} until {deadline}.").format(
                    aim=aim, pace=_fmt(pace.required_per_month), value=_fmt(pace.last_value),
                    deadline=_day(result.deadline),
                )
            )  # fmt: skip
            if pace.observed_per_month is not None:
                typer.echo(
                    _("So far it moved {pace} a month: at that pace it would reach {value}.").format(
                        pace=_fmt(pace.observed_per_month), value=_fmt(pace.at_observed_pace)
                    )
                )
        return
    typer.echo(
        _("Projection on {deadline}: {value} ({level} interval: {low} – {high})").format(
            deadline=_day(result.deadline), value=_fmt(result.projection), level=_percent(result.level),
            low=_fmt(result.low), high=_fmt(result.high),
        )
    )  # fmt: skip
    typer.echo(
        _("Probability of reaching the target ({aim}): {p}").format(aim=aim, p=_percent(result.probability))
    )
    typer.echo(
        _("Reached at least once before the deadline: {p}").format(p=_percent(result.path_probability))
    )
    method = result.method
    if method is not None:
        typer.echo(
            _(
                "Method: average of simple exponential smoothing, a damped trend and Theta ({points} points)."
            ).format(points=method.points_used)
        )
        for reason in method.reasons:
            typer.echo(f"  - {describe_reason(reason.code, reason.value, reason.when)}")


def _listed(value: object) -> list[Any]:
    """A batch line's list (a text is not one: ``"123456"`` was read as six values)."""
    if not isinstance(value, list):
        raise TypeError(value)
    return value


def _batch_rows(path: Path) -> list[dict[str, Any]]:
    from jalon.engines.forecast import MAX_ABS_VALUE, MIN_POINTS, Direction

    rows: list[dict[str, Any]] = []
    for number, row in json_lines(path):
        try:
            values = [float(v) for v in _listed(row["values"])]
            targets = [float(t) for t in _listed(row.get("targets") or [])]
            frequency = row.get("frequency")
            if frequency is not None and not isinstance(frequency, str):
                raise TypeError(frequency)
            horizon, season = int(row["horizon"]), int(row.get("season_length", 1))
            level = float(row.get("level", 80))
            direction = Direction(row.get("direction", "increase"))
            lowest, highest = (
                None if row.get(end) is None else float(row[end]) for end in ("lowest", "highest")
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise fail(
                _(
                    "Batch line {line}: needs values (a list) and horizon, and valid season_length, level, "
                    "targets (a list), direction, frequency."
                ).format(line=number)
            ) from None
        numbers_ok = all(abs(v) <= MAX_ABS_VALUE for v in values + targets)
        if (
            direction is Direction.BAND or not numbers_ok or not MIN_POINTS <= len(values) <= MAX_BATCH_VALUES
            or not 1 <= horizon <= MAX_BATCH_HORIZON or not 1 <= season <= 366 or not 0 < level < 100
        ):  # fmt: skip
            raise fail(
                _(
                    "Batch line {line}: {needed} to {most} finite values, horizon 1 to {max}, "
                    "level between 0 and 100, direction increase or decrease."
                ).format(
                    line=number, needed=MIN_POINTS, most=_thousands(MAX_BATCH_VALUES), max=MAX_BATCH_HORIZON
                )
            )
        rows.append({"id": row.get("id"), "values": values, "targets": targets, "horizon": horizon,
                     "season": season, "level": level, "direction": direction,
                     "frequency": frequency,
                     "bounds": _batch_bounds(number, (lowest, highest), values)})  # fmt: skip
    return rows


def _batch_bounds(line: int, ends: tuple[float | None, float | None], values: list[float]) -> Bounds | None:
    """A batch line's optional ``lowest`` / ``highest``: the range its values keep to."""
    from jalon.engines.forecast import Bounds, InvalidSeriesError

    if ends == (None, None):
        return None
    bounds = Bounds(*ends)
    try:
        bounds.check()
        if not all(bounds.contains(value) for value in values):
            raise InvalidSeriesError("a value lies outside the range")
    except InvalidSeriesError:
        raise fail(
            _("Batch line {line}: lowest must be below highest, and every value between them.").format(
                line=line
            )
        ) from None
    return bounds


def _bounds(
    lowest: float | None, highest: float | None, measurements: list[tuple[date, float]]
) -> Bounds | None:
    """``--lowest`` / ``--highest`` as the engine's range, refused in words when empty or contradicted."""
    from jalon.engines.forecast import MAX_ABS_VALUE, Bounds

    if lowest is None and highest is None:
        return None
    if any(end is not None and not abs(end) <= MAX_ABS_VALUE for end in (lowest, highest)):
        raise fail(_("--lowest and --highest must be numbers."))
    if lowest is not None and highest is not None and lowest >= highest:
        raise fail(_("--lowest must be below --highest."))
    bounds = Bounds(lowest, highest)
    if not all(bounds.contains(value) for _day, value in measurements):
        raise fail(_("A measurement lies outside --lowest and --highest."))
    return bounds


def _run_batch(path: Path) -> None:
    from jalon.engines.forecast import Status, forecast_values

    for row in _batch_rows(path):
        result = forecast_values(
            row["values"],
            season_length=row["season"],
            horizon=row["horizon"],
            level=row["level"] / 100,
            thresholds=row["targets"],
            direction=row["direction"],
            frequency=row["frequency"],
            bounds=row["bounds"],
        )
        line = {
            "id": row["id"],
            "mean": list(result.projection),
            "low": list(result.low),
            "high": list(result.high),
            # a series at zero all along has no odds (null), as the single-KPI command says; the line's
            # shape stays the issue's
            "probability": list(result.probabilities) if result.status is Status.FORECAST else None,
        }
        sys.stdout.write(json.dumps(line) + "\n")


def command(
    file: Path | None = typer.Argument(None, help=_("CSV file of date,value rows."), show_default=False),
    target: float | None = optional("--target", _("The target value.")),
    deadline: str | None = optional("--deadline", _("The deadline, YYYY-MM-DD.")),
    direction: str = typer.Option("increase", "--direction", help=_("increase or decrease.")),
    seed: int = typer.Option(0, "--seed", help=_("Seed of the Monte Carlo simulation.")),
    lowest: float | None = typer.Option(
        None, "--lowest", help=_("The lowest value the KPI can take (0 for a count)."), show_default=False
    ),
    highest: float | None = typer.Option(
        None,
        "--highest",
        help=_("The highest value the KPI can take (100 for a rate in %)."),
        show_default=False,
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON instead of text.")),
    batch: Path | None = optional(
        "--batch", _("JSON-lines file of series; prints one JSON object per line.")
    ),
) -> None:
    """Forecast a KPI to its deadline and give the odds of reaching its target."""
    from jalon.engines.forecast import MAX_ABS_VALUE, InvalidSeriesError, Target, forecast

    if batch is not None:
        if file is not None:
            raise fail(_("Give either a CSV file or --batch, not both."))
        _run_batch(batch)
        return
    if file is None or target is None or deadline is None:
        raise fail(_("Give a CSV file, --target and --deadline (or --batch FILE.jsonl)."))
    if direction not in ("increase", "decrease"):
        raise fail(_("Invalid direction {value!r}: expected increase or decrease.").format(value=direction))
    due = day_option(deadline, "--deadline")
    if not abs(target) <= MAX_ABS_VALUE:
        raise fail(_("The target must be a number."))
    measurements = read_measurements(file)
    if due <= max(day for day, _ in measurements):
        raise fail(_("The deadline must be after the last measurement, and between 1900 and 2200."))
    goal = Target.at_least(target) if direction == "increase" else Target.at_most(target)
    bounds = _bounds(lowest, highest, measurements)
    try:
        result = forecast(measurements, target=goal, deadline=due, seed=seed, bounds=bounds)
    except InvalidSeriesError:
        raise fail(_("The deadline is too far away for measurements this frequent.")) from None
    show(result, as_json=as_json, table=_print)
