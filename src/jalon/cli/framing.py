"""`jalon framing …`: the e-CRM framing engines on files, without a database.

``rfm`` segments the customers of an orders file (CSV, space-aligned text such as the CDNOW file, or
XLSX) and counts them per lifecycle stage; ``synthetic-orders`` writes the seeded shoe-retail orders the
Cloud Kicks demo uses. A file with bad lines computes nothing and lists every bad line on standard
error (exit status 2). See docs/framing.md. The orders reader and the engines (numpy, scikit-learn) are
imported when a command runs, so that `jalon --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from jalon.cli.common import JsonInsteadOfTable, day_option, fail
from jalon.clock import site_today
from jalon.engines.smart_messages import format_date
from jalon.i18n import cli_language, ngettext
from jalon.i18n import gettext as _

if TYPE_CHECKING:
    from jalon.documents.orders_file import OrdersRead
    from jalon.engines import rfm, rfm_stages

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

SEGMENTS_RANGE = (4, 6)


def _read(path: Path, mapping: dict[str, str | int]) -> OrdersRead:
    from jalon.documents.orders_file import (
        MappingNeeded,
        OrdersFileError,
        describe_bad_line,
        describe_error,
        read_orders,
    )
    from jalon.documents.tables import boolean_words

    try:
        data = path.read_bytes()
    except OSError as error:
        raise fail(
            _("Cannot read {path}: {error}").format(path=path, error=error.__class__.__name__)
        ) from None
    try:
        found = read_orders(data, filename=path.name, mapping=mapping, booleans=boolean_words(_))
    except MappingNeeded as error:
        raise fail(
            describe_error(error, _) + " " + _("Name them with --customer, --date and --amount.")
        ) from None
    except OrdersFileError as error:
        raise fail(describe_error(error, _)) from None
    if found.bad_lines:
        for bad in found.bad_lines:
            typer.echo(describe_bad_line(bad, _), err=True)
        count = len({bad.line for bad in found.bad_lines})
        raise fail(
            ngettext(
                "{count} bad line in {path}: nothing was computed.",
                "{count} bad lines in {path}: nothing was computed.",
                count,
            ).format(count=count, path=path)
        )
    return found


def _json(result: rfm.Result, stages: rfm_stages.StageCounts, language: str) -> dict[str, Any]:
    data = result.as_json(language)
    data["stages"] = [
        {"key": count.stage.key, "name": count.stage.name(language), "customers": count.customers}
        for count in stages.stages
    ]
    return data


def _print_tables(result: rfm.Result, stages: rfm_stages.StageCounts, language: str) -> None:
    from rich.console import Console

    from jalon.cli.tables import Table
    from jalon.engines.number_text import localise_digits, with_unit

    console = Console()
    console.print(
        _("{customers} customers, recency counted to {as_of}.").format(
            customers=localise_digits(f"{result.customers:,}", french=language == "fr"),
            as_of=format_date(result.as_of, language),
        )
    )
    table = Table()
    table.add_column(_("Segment"), no_wrap=True)
    for header in (_("Customers"), _("Revenue share"), _("Recency (days)"), _("Orders per customer"),
                   _("Average basket")):  # fmt: skip
        table.add_column(header, justify="right")
    french = cli_language() == "fr"
    for segment in result.segments:
        table.add_row(
            segment.name.text(language),
            str(segment.customers),
            with_unit(
                localise_digits(f"{100 * segment.revenue_share:.1f}", french=french), "%", french=french
            ),
            localise_digits(f"{segment.recency_days:,.0f}", french=french),
            localise_digits(f"{segment.orders_per_customer:.2f}", french=french),
            localise_digits(f"{segment.average_basket:,.2f}", french=french),
        )
    console.print(table)
    stage_table = Table()
    stage_table.add_column(_("Lifecycle stage"), no_wrap=True)
    stage_table.add_column(_("Customers"), justify="right")
    for count in stages.stages:
        stage_table.add_row(count.stage.name(language), str(count.customers))
    console.print(stage_table)


@app.command(
    "rfm", help=_("Segment the customers of an orders file by recency, frequency and monetary value.")
)
def rfm_command(
    file: Path = typer.Argument(..., help=_("The orders file (CSV, text or XLSX).")),
    segments: int | None = typer.Option(
        None, "--segments", help=_("Number of segments, 4 to 6 (the best of the three when left out).")
    ),
    customer: str | None = typer.Option(None, "--customer", help=_("Column of the customer id.")),
    order_date: str | None = typer.Option(None, "--date", help=_("Column of the order date.")),
    amount: str | None = typer.Option(None, "--amount", help=_("Column of the amount.")),
    as_of: str | None = typer.Option(
        None, "--as-of", help=_("Count recency to this date (default: the day after the last order).")
    ),
    seed: int = typer.Option(0, "--seed", help=_("Random seed (same seed, same answer).")),
    as_json: JsonInsteadOfTable = False,
) -> None:
    from jalon.documents.orders_file import ROLES
    from jalon.engines import rfm, rfm_stages

    if segments is not None and not SEGMENTS_RANGE[0] <= segments <= SEGMENTS_RANGE[1]:
        raise fail(_("--segments must be 4, 5 or 6."))
    day = None if as_of is None else day_option(as_of, "--as-of")
    given = dict(zip(ROLES, (customer, order_date, amount), strict=True))
    found = _read(file, {role: column for role, column in given.items() if column})
    if day is None and not len(found.orders):
        day = site_today()  # no order to count from: "no order on or before" the Paris day
    result = rfm.segment(found.orders, segments=segments, as_of=day, seed=seed)
    if result.status is rfm.Status.NO_ORDERS:
        raise fail(
            _("No order on or before {as_of}: nothing to segment.").format(
                as_of=format_date(result.as_of, cli_language())
            )
        )
    stages = rfm_stages.count(result.profiles)
    language = cli_language()
    if as_json:
        typer.echo(json.dumps(_json(result, stages, language), ensure_ascii=False))
    else:
        _print_tables(result, stages, language)


@app.command(
    "synthetic-orders",
    help=_("Write the seeded orders of a shoe retailer (the Cloud Kicks demo's data) as CSV."),
)
def synthetic_orders_command(
    customers: int = typer.Option(3000, "--customers", help=_("Number of customers.")),
    seed: int = typer.Option(0, "--seed", help=_("Random seed (same seed, same answer).")),
    english: bool = typer.Option(
        False, "--english", help=_("Comma-separated, ISO dates and decimal points.")
    ),
    output: Path | None = typer.Option(None, "--output", help=_("Write to this file instead of the screen.")),
) -> None:
    from jalon.demo.orders import synthetic_orders
    from jalon.documents.orders_file import orders_csv

    if not 1 <= customers <= 1_000_000:
        raise fail(_("--customers must be from 1 to 1,000,000."))
    text = orders_csv(synthetic_orders(customers=customers, seed=seed), french=not english)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise fail(
            _("Cannot write {path}: {error}").format(path=output, error=error.__class__.__name__)
        ) from None
