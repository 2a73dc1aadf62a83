"""Build the SMART coach's labelled corpus (JSON lines) from its hand-written compact sources.

    python tools/smart_corpus.py   # rewrites tests/engines/fixtures/smart_{corpus,probe,fresh}.jsonl

Sources ``NN-*.txt`` make the corpus (a hash of the id puts a third of it in the held-out part);
``probe-*.txt`` are development rows written during tuning to probe new phrasings (never held out);
``fresh-*.txt`` were written after tuning and are held out entirely.

Each source line is one objective, fields separated by `` | ``::

    id | lang | today | fiscal start | SMTR | deadline | metric | target | text | note

``SMTR`` holds the four labels (specific, measurable, time_bound, relevant) as ``Y``/``N``. The deadline
is written the way a careful reader resolves it, and computed here by rules written independently of the
coach (``jalon.engines`` is not imported), following the SMART coach issues and ``../shared/data/README.md``:

- ``-``: no deadline; ``2027-03-31``: that date;
- ``+6m`` / ``+90d`` / ``+8w`` / ``+2y``: today plus the period (months clamp to the month's end);
- ``YE``: 31 December of today's year; ``Y2027``: 31 December 2027;
- ``M06``: end of the next June (this one if not over); ``M2027-06``: end of June 2027;
- ``D12-20``: the next 20 December (today included);
- ``FYE``: end of the fiscal year containing today; ``FYE2027``: end of the fiscal year that ends in 2027;
- ``FQ2`` / ``FH1``: end of that fiscal quarter / half of the fiscal year containing today, or of the next
  fiscal year when it is already over; ``FQ2@2027``: fiscal Q2 of the fiscal year ending in 2027;
- ``CQ3-2027`` / ``CH2-2027``: end of that calendar quarter / half;
- ``TQ`` / ``NQ``: end of the current / next fiscal quarter; ``TM`` / ``NM``: end of this / next month;
- ``NY``: 31 December of next year.

``target`` is ``value unit direction [rel]`` (e.g. ``2 % increase rel``) or ``-``.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "engines" / "fixtures" / "smart_corpus"
OUTPUTS = {
    "corpus": ROOT / "tests" / "engines" / "fixtures" / "smart_corpus.jsonl",
    "probe": ROOT / "tests" / "engines" / "fixtures" / "smart_probe.jsonl",
    "fresh": ROOT / "tests" / "engines" / "fixtures" / "smart_fresh.jsonl",
}
CRITERIA = ("specific", "measurable", "time_bound", "relevant")


def held_out(row_id: str) -> bool:
    """The deterministic split: a third of the corpus (by a hash of the id) is never tuned on."""
    return int(hashlib.sha256(row_id.encode()).hexdigest(), 16) % 3 == 0


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _fiscal_start(today: date, start_month: int) -> date:
    year = today.year if today.month >= start_month else today.year - 1
    return date(year, start_month, 1)


def _period_end(fy_start: date, months: int, index: int) -> date:
    return _add_months(fy_start, months * index) - timedelta(days=1)


def resolve(spec: str, today: date, start_month: int) -> str | None:
    if spec == "-":
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", spec):
        return spec
    if m := re.fullmatch(r"\+(\d+)([dwmy])", spec):
        n, unit = int(m[1]), m[2]
        if unit == "d":
            return (today + timedelta(days=n)).isoformat()
        if unit == "w":
            return (today + timedelta(weeks=n)).isoformat()
        return _add_months(today, n * (12 if unit == "y" else 1)).isoformat()
    if spec == "YE":
        return date(today.year, 12, 31).isoformat()
    if spec == "NY":
        return date(today.year + 1, 12, 31).isoformat()
    if m := re.fullmatch(r"Y(\d{4})", spec):
        return date(int(m[1]), 12, 31).isoformat()
    if m := re.fullmatch(r"M(\d\d)", spec):
        end = _month_end(today.year, int(m[1]))
        return (end if end >= today else _month_end(today.year + 1, int(m[1]))).isoformat()
    if m := re.fullmatch(r"M(\d{4})-(\d\d)", spec):
        return _month_end(int(m[1]), int(m[2])).isoformat()
    if m := re.fullmatch(r"D(\d\d)-(\d\d)", spec):
        day = date(today.year, int(m[1]), int(m[2]))
        return (day if day >= today else date(today.year + 1, int(m[1]), int(m[2]))).isoformat()
    fy_start = _fiscal_start(today, start_month)
    if spec == "FYE":
        return _period_end(fy_start, 12, 1).isoformat()
    if m := re.fullmatch(r"FYE(\d{4})", spec):
        return _fiscal_year_end(int(m[1]), start_month).isoformat()
    if m := re.fullmatch(r"F([QH])(\d)(?:@(\d{4}))?", spec):
        months = 3 if m[1] == "Q" else 6
        if m[3]:
            start = _add_months(_fiscal_year_end(int(m[3]), start_month) + timedelta(days=1), -12)
            return _period_end(start, months, int(m[2])).isoformat()
        end = _period_end(fy_start, months, int(m[2]))
        if end < today:
            end = _period_end(_add_months(fy_start, 12), months, int(m[2]))
        return end.isoformat()
    if m := re.fullmatch(r"C([QH])(\d)-(\d{4})", spec):
        months = 3 if m[1] == "Q" else 6
        return _period_end(date(int(m[3]), 1, 1), months, int(m[2])).isoformat()
    if spec in ("TQ", "NQ"):
        index = ((today.year * 12 + today.month) - (fy_start.year * 12 + fy_start.month)) // 3
        index += 1 if spec == "NQ" else 0
        return _period_end(fy_start, 3, index + 1).isoformat()
    if spec in ("TM", "NM"):
        shifted = _add_months(today.replace(day=1), 1 if spec == "NM" else 0)
        return _month_end(shifted.year, shifted.month).isoformat()
    raise ValueError(f"unknown deadline spec {spec!r}")


def _fiscal_year_end(label: int, start_month: int) -> date:
    return date(label, 12, 31) if start_month == 1 else _month_end(label, start_month - 1)


_UNITS = {
    "%",
    "pts",
    "EUR",
    "USD",
    "GBP",
    "score",
    "days",
    "weeks",
    "hours",
    "minutes",
    "seconds",
    "months",
    "count",
}
_DIRECTIONS = {"increase", "decrease", "reach", "maintain"}


def _target(spec: str) -> dict[str, object] | None:
    if spec == "-":
        return None
    parts = spec.split()
    value = float(parts[0])
    unit, direction = parts[1], parts[2]
    if unit not in _UNITS or direction not in _DIRECTIONS or parts[3:] not in ([], ["rel"]):
        raise ValueError(f"bad target {spec!r}")
    shown: float | int = int(value) if value == int(value) else value
    return {"value": shown, "unit": unit, "direction": direction, "relative": parts[3:] == ["rel"]}


def parse(line: str, where: str) -> dict[str, object]:
    fields = [field.strip() for field in line.split(" | ")]
    if len(fields) != 10:
        raise ValueError(f"{where}: expected 10 fields, got {len(fields)}")
    row_id, lang, today_raw, fiscal, smtr, deadline, metric, target, text, note = fields
    if lang not in ("fr", "en") or not re.fullmatch(r"[YN]{4}", smtr):
        raise ValueError(f"{where}: bad lang or labels")
    today = date.fromisoformat(today_raw)
    labels = {name: flag == "Y" for name, flag in zip(CRITERIA, smtr, strict=True)}
    resolved = resolve(deadline, today, int(fiscal))
    if labels["time_bound"] != (resolved is not None):
        raise ValueError(f"{where}: time_bound and deadline disagree")
    return {
        "id": row_id,
        "lang": lang,
        "text": text,
        "today": today.isoformat(),
        "fiscal_year_start": int(fiscal),
        "labels": labels,
        "deadline": resolved,
        "metric": None if metric == "-" else metric,
        "target": _target(target),
        "note": note,
    }


def build() -> dict[str, list[dict[str, object]]]:
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in OUTPUTS}
    seen: set[str] = set()
    for source in sorted(SOURCES.glob("*.txt")):
        kind = "corpus"
        for prefix in ("fresh", "probe"):
            kind = prefix if source.name.startswith(prefix) else kind
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            row = parse(line, f"{source.name}:{number}")
            if row["id"] in seen:
                raise ValueError(f"{source.name}:{number}: duplicate id {row['id']}")
            seen.add(str(row["id"]))
            rows[kind].append(row)
    return rows


def main() -> None:
    rows = build()
    for name, path in OUTPUTS.items():
        lines = [json.dumps(row, ensure_ascii=False) for row in rows[name]]
        path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
        held = sum(held_out(str(row["id"])) for row in rows[name]) if name == "corpus" else 0
        held = len(rows[name]) if name == "fresh" else held
        print(f"{path.relative_to(ROOT)}: {len(lines)} rows ({held} in the held-out third)", file=sys.stderr)


if __name__ == "__main__":
    main()
