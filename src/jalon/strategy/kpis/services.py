"""Use cases on measurements: typed one at a time, corrected, deleted, or added in bulk (pasted, imported).

A bulk addition is all or nothing: the lines are read first (``table``), every bad line is reported, and
only a fully readable table is written, in one transaction. A date that already has a measurement gets
the new value (the table is the newer word on that day).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.documents.bulk_write import insert_all
from jalon.documents.safe_load import MAX_PROBLEMS
from jalon.errors import ValidationFailed
from jalon.formatting import format_long_date, format_number
from jalon.history import origin
from jalon.history.services import record
from jalon.strategy.kpis import forecast_store
from jalon.strategy.models import KPI, Measurement
from jalon.workspaces.permissions import require, require_actor


@dataclass(frozen=True)
class BulkOutcome:
    added: int
    replaced: int


def checked(measurement: Measurement) -> None:
    """The model's rules (a date from 1900 to 2200, a value within the KPI's range), and a day not after
    today: a measurement is an observation, and one dated later is a typing error (2107 for 2017) that
    would become the KPI's latest value and its status. Today is the site's day (``TIME_ZONE``), read at
    call time. Every way a measurement is typed, pasted, imported or read from a source comes through
    here, a roadmap file's import too (``documents.roadmap_write``); a kept version restored and a copy do
    not: they carry what a roadmap held, and refusing it would leave a version that once held such a day
    impossible to put back."""
    problems: dict[str, list[str]] = {}
    try:
        measurement.full_clean(exclude=["kpi"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        problems = error.message_dict
    future = future_problem(measurement.date)
    if future is not None and "date" not in problems:
        problems["date"] = [future]
    if problems:
        raise ValidationFailed(problems)


def future_problem(day: object) -> str | None:
    """Why a measurement of ``day`` is refused for being after today (None when it is not)."""
    today = timezone.localdate()
    if not isinstance(day, date) or day <= today:
        return None
    return _("{day} is in the future (today is {today}): a measurement records what was observed.").format(
        day=format_long_date(day), today=format_long_date(today)
    )


def update_measurement(
    *, actor: User, measurement: Measurement, date: date, value: float, source: str = ""
) -> Measurement:
    """Correct a measurement; moving it onto a day that already has one is refused."""
    kpi = measurement.kpi
    require(actor, "edit", kpi.roadmap)
    with transaction.atomic():
        if kpi.measurements.filter(date=date).exclude(pk=measurement.pk).exists():
            raise ValidationFailed({"date": [_("This KPI already has a measurement on that day.")]})
        before = {"date": measurement.date, "value": measurement.value, "source": measurement.source}
        measurement.date, measurement.value, measurement.source = date, value, source
        checked(measurement)
        measurement.save()
        _record_on_kpi(kpi, actor, before, {"date": date, "value": value, "source": source})
        forecast_store.after_commit(kpi.roadmap, [kpi.pk])
    return measurement


def delete_measurement(*, actor: User, measurement: Measurement) -> None:
    kpi = measurement.kpi
    require(actor, "edit", kpi.roadmap)
    with transaction.atomic():
        _record_on_kpi(
            kpi, actor, {"date": measurement.date, "value": measurement.value}, {"date": None, "value": None}
        )
        measurement.delete()
        forecast_store.after_commit(kpi.roadmap, [kpi.pk])


def add_measurements(
    *, actor: User | None, kpi: KPI, rows: Sequence[tuple[date, float]], source: str = ""
) -> BulkOutcome:
    """Add every (date, value) row, or none of them: checked in memory, then written in a fixed number of
    queries whatever the rows (new days inserted at once, the values of days already measured replaced at
    once), with one history entry on the KPI, as a file import."""
    require_actor(actor, "edit", kpi.roadmap)
    check_rows(kpi, rows, source)
    latest = dict(rows)  # a day given twice: its last value, as when the rows were written one by one
    with transaction.atomic():
        existing = dict(kpi.measurements.values_list("date", "id"))
        new = [
            Measurement(kpi=kpi, date=day, value=value, source=source)
            for day, value in latest.items()
            if day not in existing
        ]
        insert_all(new)
        kept = [(value, source, existing[day]) for day, value in latest.items() if day in existing]
        if kept:
            table, quote = Measurement._meta.db_table, connection.ops.quote_name
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {quote(table)} SET {quote('value')} = %s, {quote('source')} = %s "
                    f"WHERE {quote(Measurement._meta.pk.column)} = %s",
                    kept,
                )
        replaced = sum(1 for day, _value in rows if day in existing)
        with origin.importing():
            _record_on_kpi(kpi, actor, {"measurements": None}, {"measurements": len(rows)})
        forecast_store.after_commit(kpi.roadmap, [kpi.pk])
    return BulkOutcome(added=len(rows) - replaced, replaced=replaced)


def check_rows(kpi: KPI, rows: Sequence[tuple[date, float]], source: str) -> None:
    """Every row the model refuses (a value beyond the KPI's typed range, a day out of bounds), each named
    by its day among several (a data source's rows have no line a user sees), as ``table`` lists lines."""
    refused: dict[str, list[str]] = {}
    for day, value in rows:
        try:
            checked(Measurement(kpi=kpi, date=day, value=value, source=source))
        except ValidationFailed as error:
            for field, reasons in error.errors.items():
                if len(rows) > 1:  # one row (a form's) needs no day: the form shows it, as a reason naming it
                    shown = format_long_date(day)
                    reasons = [
                        r if shown in r else _("{day}: {reason}").format(day=shown, reason=r) for r in reasons
                    ]
                refused.setdefault(field, []).extend(reasons)
    if refused:  # the first 200 per field, then a count (a page of 20,000 refusals says nothing more)
        for field, reasons in refused.items():
            if len(reasons) > MAX_PROBLEMS:
                more = _("And {count} more problems.").format(
                    count=format_number(len(reasons) - MAX_PROBLEMS)
                )
                refused[field] = [*reasons[:MAX_PROBLEMS], more]
        raise ValidationFailed(refused)


def _record_on_kpi(kpi: KPI, actor: User | None, before: dict[str, object], after: dict[str, object]) -> None:
    """Measurements are not versioned objects: their changes are written in the KPI's history."""
    record(kpi, actor=actor, before=before, after=after)
