"""`jalon portfolio …`: the portfolio optimiser on a JSON problem, and on OR-Library knapsack files.

The JSON problem format is documented in docs/portfolio.md. Bad input gives one line on stderr and
exit status 2. No Django here: the commands must start fast and run anywhere, so the solver (OR-Tools) and
the problem file's schema (pydantic, jalon.cli.portfolio_file) are imported when a command runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jalon.cli.common import (
    JsonInsteadOfTable,
    Seed,
    TimeLimit,
    checked_time_limit,
    fail,
    read_text,
    rules_text,
    show,
    status_text,
)
from jalon.engines.portfolio_model import ConstraintKind
from jalon.engines.status import Status
from jalon.i18n import cli_language
from jalon.i18n import gettext as _

if TYPE_CHECKING:
    from jalon.engines import portfolio

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


def describe_rule(ref: portfolio.ConstraintRef) -> str:
    """One rule in the reader's language."""
    kind, subject, limit = ConstraintKind, ref.subject, ref.limit
    texts = {
        kind.BUDGET: lambda: _("overall budget of {amount}").format(amount=_money(limit)),
        kind.THEME_MIN: lambda: _("minimum of {amount} on theme {theme}").format(
            amount=_money(limit), theme=subject[0]
        ),
        kind.THEME_MAX: lambda: _("maximum of {amount} on theme {theme}").format(
            amount=_money(limit), theme=subject[0]
        ),
        kind.CAPACITY: lambda: _("{days} days of {team} in {quarter}").format(
            days=_number(limit), team=subject[0], quarter=subject[1]
        ),
        kind.REQUIRES: lambda: _("{activity} requires {other}").format(activity=subject[0], other=subject[1]),
        kind.EXCLUDES: lambda: _("{activity} excludes {other}").format(activity=subject[0], other=subject[1]),
        kind.AT_MOST: lambda: _("at most {count} of group {group}").format(
            count=_number(limit), group=subject[0]
        ),
        kind.MUST_DO: lambda: _("{activity} is a must-do").format(activity=subject[0]),
        kind.MUST_NOT: lambda: _("{activity} is ruled out").format(activity=subject[0]),
        kind.COVER_OBJECTIVE: lambda: _("objective {objective} needs a funded activity").format(
            objective=subject[0]
        ),
    }
    return texts[ref.kind]()


def describe_reason(reason: portfolio.Reason, *, cutoff: float | None) -> str:
    from jalon.engines.portfolio_explain import ReasonCode

    code = ReasonCode
    rules = rules_text([describe_rule(ref) for ref in reason.constraints])
    if reason.code is code.MUST_DO:
        text = _("must-do")
    elif reason.code is code.MUST_NOT:
        text = _("ruled out")
    elif reason.code is code.HELD_BY_RULES:
        text = _("kept in by: {rules}").format(rules=rules)
    elif reason.code is code.BLOCKED_BY_RULES:
        text = _("would break: {rules}").format(rules=rules)
    elif reason.code is code.WORTH_ITS_COST:
        text = _("worth its cost")
    else:
        text = _("adds no value")
    if reason.value_per_eur is not None and cutoff is not None and reason.code is not code.MUST_DO:
        text += " — " + _("{ratio} per € (cut-off {cutoff})").format(
            ratio=_number(reason.value_per_eur, 3), cutoff=_number(cutoff, 3)
        )
    if reason.flip_possible is False and not reason.funded and reason.code is not code.MUST_NOT:
        text += " — " + _("cannot enter under these rules")
    elif reason.value_gap_to_flip is not None:
        template = (
            _("enters with {gap} more value") if not reason.funded else _("stays in unless it loses {gap}")
        )
        text += " — " + template.format(gap=_number(reason.value_gap_to_flip))
    return text


def _number(value: float | None, digits: int = 2) -> str:
    """``1 500,5`` in French, ``1,500.5`` in English (the pages' rule, :mod:`jalon.engines.number_text`)."""
    from jalon.engines.number_text import localise_digits

    if value is None:
        return "—"
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return localise_digits(text, french=cli_language() == "fr")


def _money(value: float | None) -> str:
    """``1 500 €`` in French (no-break spaces), ``€1,500`` in English."""
    from jalon.engines.number_text import with_unit

    return "—" if value is None else with_unit(_number(value), "EUR", french=cli_language() == "fr")


def _print_table(result: portfolio.Result) -> None:
    from rich.console import Console

    from jalon.cli.tables import Table

    console = Console(soft_wrap=True)  # sentences are left to the terminal to wrap, whole
    console.print(_("Status: {status}").format(status=status_text(result.status)))
    if result.status is Status.INFEASIBLE:
        console.print(_("These rules cannot all hold together:"))
        for ref in result.conflict:
            console.print(f"  - {describe_rule(ref)}")
        return
    if result.objective_value is None:
        return
    console.print(
        _("Value: {value} (bound {bound}), cost: {cost}").format(
            value=_number(result.objective_value),
            bound=_number(result.bound),
            cost=_money(result.total_cost_eur),
        )
    )
    table = Table(show_lines=False)
    titles = (_("Activity"), _("Funded"), _("Why"))
    for title in titles:
        table.add_column(title)
    for reason in result.reasons:  # the table keeps 140 000 € and "par €" whole (jalon.cli.tables)
        table.add_row(
            reason.activity_id,
            _("yes") if reason.funded else _("no"),
            describe_reason(reason, cutoff=result.cutoff_value_per_eur),
        )
    console.print(table)


@app.command("solve", help=_("Choose the best portfolio for a JSON problem (see docs/portfolio.md)."))
def solve_command(
    file: Path = typer.Argument(..., help=_("The JSON problem file.")),
    time_limit: TimeLimit = 10.0,
    seed: Seed = 0,
    as_json: JsonInsteadOfTable = False,
) -> None:
    from jalon.cli.portfolio_file import load_problem
    from jalon.engines import portfolio

    problem = load_problem(file)
    seconds = checked_time_limit(time_limit)
    try:
        result = portfolio.solve(problem, time_limit=seconds, seed=seed)
    except portfolio.ProblemError as error:
        from jalon.refusals import refusal

        raise fail(_("Invalid problem: {message}").format(message=refusal(error))) from None
    show(result, as_json=as_json, table=_print_table)


@app.command("mkp", help=_("Solve every instance of an OR-Library multidimensional knapsack file."))
def mkp_command(
    file: Path = typer.Argument(..., help=_("The OR-Library file (mknapcb*.txt).")),
    time_limit: float = typer.Option(1.0, "--time-limit", help=_("Seconds allowed per instance.")),
    seed: Seed = 0,
    as_json: bool = typer.Option(False, "--json", help=_("Print one JSON object per line and instance.")),
) -> None:
    from jalon.engines.portfolio_mkp import MkpFormatError, parse_orlib_mkp, solve_mkp

    seconds = checked_time_limit(time_limit)
    try:
        instances = parse_orlib_mkp(read_text(file))
    except MkpFormatError as error:
        from jalon.refusals import file_refusal

        raise fail(
            _("{path} is not an OR-Library knapsack file (line {line}): {message}").format(
                path=file, line=error.line, message=file_refusal(error)
            )
        ) from None
    for index, instance in enumerate(instances):
        result = solve_mkp(instance, time_limit=seconds, seed=seed)
        line = {
            "index": index,
            "value": result.value,
            "bound": result.bound,
            "status": result.status.value,
            "seconds": round(result.seconds, 3),
        }
        if as_json:
            typer.echo(json.dumps(line))
        else:
            typer.echo(
                _("#{index}: value {value}, bound {bound}, {status}, {seconds} s").format(
                    index=index,
                    value=_number(result.value),
                    bound=_number(result.bound),
                    status=status_text(result.status),
                    seconds=_number(result.seconds, 3),
                )
            )
