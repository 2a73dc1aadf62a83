"""`jalon advise --objective TEXT`: proven strategies and tactics for an objective, and peer benchmarks.

Prints the metric recognised in the objective, the ranked strategies with their best tactics and why
each is proposed, then the benchmark band for that metric with every source (publisher, title, year,
sample, URL, date read). ``--json`` prints the same as one JSON object. No database and no Django; the
playbook and the advisor are imported when the command runs, so that `jalon --help` stays fast.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import typer

from jalon.cli.common import JsonInsteadOfTable, fail, optional
from jalon.engines.smart_messages import format_date, format_number
from jalon.i18n import cli_language, language
from jalon.i18n import gettext as _

MAX_OBJECTIVE_LENGTH = 500
TERMS = ("short", "medium", "long")


def _check_key(value: str | None, table: dict[str, Any], option: str) -> str | None:
    if value is None:
        return None
    if value not in table:
        choices = ", ".join(sorted(table))
        raise fail(
            _("Invalid {option} {value!r}: expected one of {choices}.").format(
                option=option, value=value, choices=choices
            )
        )
    return value


def _quantity(value: float, unit: str, lang: str) -> str:
    if unit == "ratio":
        return f"{format_number(value, lang)}:1"
    return format_number(value, lang, unit)


def _print_report(report: dict[str, Any], lang: str) -> None:
    from rich.console import Console

    from jalon.cli.tables import Table

    console = Console(highlight=False)
    console.print(_("Objective: {text}").format(text=report["objective"]))
    metric = report["metric"]
    if metric is None:
        console.print(_("No known KPI recognised in the objective; strategies are ranked by its words."))
    else:
        confidence = format_number(round(metric["confidence"] * 100), lang, "%")
        line = _("Recognised KPI: {name} (confidence {confidence}, matched “{matched}”)").format(
            name=metric["name"], confidence=confidence, matched=metric["matched"]
        )
        console.print(line)
        if report["direction_label"]:
            console.print(_("Wanted direction: {direction}").format(direction=report["direction_label"]))
        if metric["ambiguous"] and metric["alternatives"]:
            console.print(
                _("Close alternatives: {names}").format(
                    names=", ".join(a["name"] for a in metric["alternatives"])
                )
            )
    if not report["strategies"]:
        console.print(_("The playbook has nothing that fits this objective."))
    for number, strategy in enumerate(report["strategies"], start=1):
        console.print()
        heading = _("{number}. {strategy} (goal: {goal})").format(
            number=number, strategy=strategy["title"], goal=strategy["goal"]["title"]
        )
        console.print(f"[bold]{heading}[/bold]")
        if strategy["why"]:
            console.print("   " + _("Why: {reasons}").format(reasons=" ".join(strategy["why"])))
        for index, tactic in enumerate(strategy["tactics"], start=1):
            console.print(f"   [bold]{number}.{index} {tactic['title']}[/bold]")
            console.print(f"       {tactic['description']}")
            facts = _(
                "Channels: {channels} · Effort: {effort} · Cost: {cost} · Effect within: {delay}"
            ).format(
                channels=", ".join(tactic["channels"]),
                effort=tactic["effort"],
                cost=tactic["cost"],
                delay=tactic["time_to_impact"],
            )
            console.print(f"       {facts}")
            kpis = ", ".join(f"{k['name']} ({k['direction_label']})" for k in tactic["kpis"])
            console.print("       " + _("KPIs that show it works: {kpis}").format(kpis=kpis))
            if tactic["why"]:
                console.print("       " + _("Why: {reasons}").format(reasons=" ".join(tactic["why"])))
    _print_benchmarks(console, Table, report["benchmarks"], lang)


def _print_benchmarks(console: Any, table_class: Any, benchmarks: dict[str, Any] | None, lang: str) -> None:
    console.print()
    if benchmarks is None:
        console.print(_("No sourced benchmark for this KPI."))
        return
    unit = benchmarks["unit"]
    low, high = _quantity(benchmarks["low"], unit, lang), _quantity(benchmarks["high"], unit, lang)
    span = low if benchmarks["low"] == benchmarks["high"] else f"{low} – {high}"
    console.print(
        "[bold]"
        + _("Benchmarks for {name}: {span} ({count} figures)").format(
            name=benchmarks["name"], span=span, count=len(benchmarks["points"])
        )
        + "[/bold]"
    )
    if benchmarks["fallbacks"]["sector"]:
        console.print(_("No figure for this sector: figures for all sectors are shown."))
    if benchmarks["fallbacks"]["region"]:
        console.print(_("No figure for this region: figures for every region are shown."))
    if benchmarks["fallbacks"]["device"]:
        console.print(_("No figure for this device: figures for all devices are shown."))
    table = table_class(show_lines=False)
    for header in (_("Value"), _("Year"), _("Sector"), _("Region"), _("Device"), _("Source")):
        table.add_column(header)
    for number, point in enumerate(benchmarks["points"], start=1):
        value = _quantity(point["low"], unit, lang)
        if point["high"] != point["low"]:
            value = f"{value} – {_quantity(point['high'], unit, lang)}"
        table.add_row(
            value,
            str(point["year"]),
            point["sector"],
            point["region"],
            point["device"],
            f"[{number}] {point['source']['publisher']}",
        )
    console.print(table)
    console.print(_("Sources"))
    for number, point in enumerate(benchmarks["points"], start=1):
        source = point["source"]
        console.print(
            f"[{number}] "
            + _("{publisher}, “{title}” ({year}); sample: {sample}; read on {read_on}: {url}").format(
                **{**source, "read_on": _read_on(source["read_on"])}
            ),
            soft_wrap=True,
        )


def _read_on(day: object) -> str:
    """The day a source was read, in words in the answer's language (``5 décembre 2026``)."""
    try:
        return format_date(date.fromisoformat(str(day)), cli_language())
    except ValueError:
        return str(day)


def command(
    objective: str = typer.Option(..., "--objective", help=_("The objective, in your own words.")),
    lang: str | None = optional("--lang", _("Language of the answer: fr or en (default: JALON_LANGUAGE).")),
    as_json: JsonInsteadOfTable = False,
    sector: str | None = optional("--sector", _("Your sector, to choose the benchmarks (e.g. fashion).")),
    region: str | None = optional("--region", _("Your region, to choose the benchmarks (e.g. fr).")),
    term: str | None = optional("--term", _("Term of the objective: short, medium or long.")),
    channel: list[str] = typer.Option(
        [], "--channel", help=_("A channel the roadmap already uses (repeat the option for several).")
    ),
    persona: list[str] = typer.Option(
        [],
        "--persona",
        help=_("A kind of persona the roadmap addresses, e.g. vip (repeat the option for several)."),
    ),
    stage: list[str] = typer.Option(
        [],
        "--stage",
        help=_("A lifecycle stage the roadmap works on, e.g. at-risk (repeat the option for several)."),
    ),
    limit: int = typer.Option(5, "--limit", help=_("How many strategies to show (1-20).")),
) -> None:
    """Propose strategies and tactics for an objective, with sourced benchmarks."""
    from jalon.engines.advisor_model import Objective
    from jalon.knowledge.advice import advice_report
    from jalon.knowledge.loader import load_knowledge

    chosen = lang or cli_language()
    if chosen not in ("fr", "en"):
        raise fail(_("Invalid language {value!r}: expected fr or en.").format(value=chosen))
    with language(chosen):
        text = " ".join(objective.split())
        if not text:
            raise fail(_("Give the objective to advise on."))
        if len(text) > MAX_OBJECTIVE_LENGTH:
            raise fail(
                _("The objective is too long: at most {count} characters.").format(count=MAX_OBJECTIVE_LENGTH)
            )
        if term is not None and term not in TERMS:
            raise fail(_("Invalid term {value!r}: expected short, medium or long.").format(value=term))
        if not 1 <= limit <= 20:
            raise fail(_("Invalid limit {value}: expected 1 to 20.").format(value=limit))
        vocabulary = load_knowledge().vocabulary
        _check_key(sector, vocabulary.sectors, "--sector")
        _check_key(region, vocabulary.regions, "--region")
        for item in channel:
            _check_key(item, vocabulary.channels, "--channel")
        for item in persona:
            _check_key(item, vocabulary.personas, "--persona")
        for item in stage:
            _check_key(item, vocabulary.stages, "--stage")
        request = Objective(
            text=text,
            term=term,  # type: ignore[arg-type]  # checked against TERMS above
            channels=frozenset(channel),
            personas=frozenset(persona),
            stages=frozenset(stage),
        )
        report = advice_report(request, lang=chosen, sector=sector, region=region, max_strategies=limit)
        if as_json:
            typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            _print_report(report, chosen)
