"""`jalon smart …`: judge marketing objectives against the SMART criteria, one or a JSON-lines batch.

No database and no Django here: the command imports only the pure engine, and only when it runs (its
lexicons take a while to compile), so that `jalon --help` stays fast.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from jalon.cli.common import JsonInsteadOfTable, day_option, fail, in_years, json_lines, optional
from jalon.clock import site_today
from jalon.i18n import cli_language
from jalon.i18n import gettext as _

if TYPE_CHECKING:
    from rich.text import Text

    from jalon.engines.smart import Verdict

_CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound")

# The longest objective the command judges: ten times an objective's title on the web (200 characters),
# room for a whole paragraph; a longer text is a mistake (a file pasted) and would only cost time.
STATEMENT_MAX = 2_000


def _count(number: int) -> str:
    """``2 000`` in French, ``2,000`` in English (:mod:`jalon.engines.number_text`)."""
    from jalon.engines.number_text import localise_digits

    return localise_digits(f"{number:,}", french=cli_language() == "fr")


def _check_lang(lang: str) -> str:
    if lang not in ("fr", "en"):
        raise fail(_("Invalid language {value!r}: expected fr or en.").format(value=lang))
    return lang


def _check_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise fail(_("Invalid fiscal year start month {value}: expected 1 to 12.").format(value=month))
    return month


def _labels() -> dict[str, str]:
    from jalon.engines.smart_types import CRITERION_NAMES

    return {name: _(wording) for name, wording in CRITERION_NAMES.items()}


def _mark(ok: bool | None) -> Text:
    from rich.text import Text

    if ok is None:
        return Text("?", style="yellow")
    return Text("✓", style="green") if ok else Text("✗", style="red")


def _print_table(verdict: Verdict) -> None:
    from rich.console import Console, Group

    from jalon.cli.tables import Table, Unbroken
    from jalon.formatting import labelled

    table = Table(title=_("SMART verdict"), show_lines=True)
    table.add_column(_("Criterion"))
    table.add_column("", justify="center")
    table.add_column(_("Reason"))
    for name, label in _labels().items():
        criterion = getattr(verdict, name)
        table.add_row(label, _mark(criterion.ok), criterion.reason)
    console = Console()
    console.print(table)
    # Each line as plain text (the user's words are not rich markup) that wraps at plain spaces only.
    lines: list[tuple[str, str]] = []
    if verdict.deadline is not None:
        lines.append((_("Deadline"), verdict.deadline_label or ""))
    if verdict.metric:
        lines.append((_("Metric"), verdict.metric))
    if verdict.target is not None:
        t = verdict.target
        relative = _("relative") if t.relative else _("absolute")
        # the direction's words (increase, decrease, reach, maintain) are the objective form's, translated
        lines.append((_("Target"), f"{t.value:g} {t.unit} ({_(t.direction)}, {relative})"))
    lines += [(_("Warning"), warning) for warning in (*verdict.warnings, *verdict.conflicts)]
    lines.append((_("Suggestion"), verdict.suggestion))
    shown = [Unbroken(labelled(label, value, translate=_)) for label, value in lines]
    for line, (label, _value) in zip(shown, lines, strict=True):
        if label == _("Warning"):
            line.stylize("yellow", 0, len(label))
    console.print(Group(*shown))  # a group: console.print would join bare texts into one plain Text


def _batch_rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number, row in json_lines(path):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise fail(_("Batch line {line}: a row needs a text.").format(line=number))
        try:
            today = date.fromisoformat(str(row["today"])) if "today" in row else site_today()
            month = int(row.get("fiscal_year_start", 1))
            if not in_years(today):
                raise ValueError
        except (TypeError, ValueError):
            raise fail(
                _("Batch line {line}: invalid today or fiscal_year_start.").format(line=number)
            ) from None
        if len(row["text"]) > STATEMENT_MAX:
            raise fail(
                _("Batch line {line}: the objective is {length} characters long; keep it to {limit}.").format(
                    line=number, length=_count(len(row["text"])), limit=_count(STATEMENT_MAX)
                )
            )
        lang = row.get("lang", "fr")
        if lang not in ("fr", "en") or not 1 <= month <= 12:
            raise fail(_("Batch line {line}: invalid lang or fiscal_year_start.").format(line=number))
        rows.append({"id": row.get("id"), "text": row["text"], "lang": lang, "today": today, "month": month})
    return rows


def _run_batch(path: Path, reader: str | None) -> None:
    from jalon.engines.smart import coach

    out = sys.stdout
    for row in _batch_rows(path):
        verdict = coach(
            row["text"],
            lang="en" if (reader or row["lang"]) == "en" else "fr",
            text_lang=row["lang"],
            today=row["today"],
            fiscal_year_start_month=row["month"],
        )
        out.write(json.dumps({"id": row["id"], **verdict.to_dict()}, ensure_ascii=False) + "\n")


def command(
    text: str | None = typer.Argument(None, help=_("The objective to judge."), show_default=False),
    lang: str | None = optional(
        "--lang", _("Language of the reasons and the suggestion: fr or en (default: the interface's).")
    ),
    text_lang: str | None = optional(
        "--text-lang", _("Language the objective is written in, when its words leave a doubt: fr or en.")
    ),
    today: str | None = optional("--today", _("Reference date, YYYY-MM-DD (default: today).")),
    fiscal_year_start: int = typer.Option(
        1, "--fiscal-year-start", help=_("Month in which the fiscal year starts (1-12).")
    ),
    baseline: float | None = optional("--baseline", _("Current value of the KPI, to judge achievability.")),
    as_json: JsonInsteadOfTable = False,
    batch: Path | None = optional(
        "--batch", _("JSON-lines file of objectives; prints one JSON object per line.")
    ),
) -> None:
    """Judge a marketing objective against the SMART criteria."""
    from jalon.engines.smart import CoachContext, coach

    reader = _check_lang(lang) if lang is not None else None
    written = _check_lang(text_lang) if text_lang is not None else None
    if batch is not None:
        if text is not None:
            raise fail(_("Give either an objective or --batch, not both."))
        _run_batch(batch, reader)
        return
    if text is None or not text.strip():
        raise fail(_("Give the objective to judge, or --batch FILE.jsonl."))
    if len(text) > STATEMENT_MAX:
        raise fail(
            _("The objective is {length} characters long; keep it to {limit}.").format(
                length=_count(len(text)), limit=_count(STATEMENT_MAX)
            )
        )
    checked_lang = reader or cli_language()
    reference = site_today() if today is None else day_option(today, "--today")
    month = _check_month(fiscal_year_start)
    context = CoachContext(baseline=baseline) if baseline is not None else None
    verdict = coach(
        text,
        lang="fr" if checked_lang == "fr" else "en",
        text_lang=None if written is None else ("fr" if written == "fr" else "en"),
        today=reference,
        fiscal_year_start_month=month,
        context=context,
    )
    if as_json:
        typer.echo(json.dumps(verdict.to_dict(), ensure_ascii=False))
    else:
        _print_table(verdict)
