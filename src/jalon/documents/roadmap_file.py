"""The roadmap file, format ``jalon/1``: the same tree in YAML and JSON.

``parse`` turns text into a checked ``RoadmapFile`` or raises ``FileProblems`` listing every problem
with its path (``objectives[3].deadline``) or line, in the active language. Unknown keys are errors.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import timedelta
from typing import Any, Literal, get_args

from annotated_types import Ge, Le
from django.utils.translation import gettext as _
from pydantic import ValidationError
from pydantic.fields import FieldInfo

from jalon import bounds
from jalon.documents.framing_file import framing_problems, indicator_problems
from jalon.documents.roadmap_schema import (
    MAX_SNAPSHOT_CHARS,
    ActivityItem,
    MeasurableItem,
    ObjectiveItem,
    PersonItem,
    RoadmapFile,
    RoadmapItem,
)
from jalon.documents.safe_load import FileProblems, dump_yaml, duplicate_keys, load, path_text
from jalon.documents.schema_types import COLOUR_PATTERN, CURRENCY_PATTERN
from jalon.documents.tables import excerpt
from jalon.engines.calendar import InvalidRuleError, resolve_rule
from jalon.engines.graph import reaches
from jalon.formatting import format_number, no_such_day_words
from jalon.parsing import no_such_day
from jalon.planning.windows import window_problems

__all__ = [
    "FORMAT", "ActivityItem", "FileProblems", "Format", "MeasurableItem", "PersonItem", "RoadmapFile", "dump",
    "guess_format", "parse",
]  # fmt: skip

FORMAT = "jalon/1"
Format = Literal["yaml", "json"]


def _field_bounds(loc: tuple[int | str, ...]) -> tuple[Any, Any]:
    """The lowest and highest values the file's field at ``loc`` takes (its ``ge`` and ``le``; None when
    not found), so that a refusal gives the whole range, not only the end crossed."""
    model: Any = RoadmapFile
    metadata: list[Any] = []
    for part in loc:
        fields = getattr(model, "model_fields", None)
        if isinstance(part, int) or fields is None or part not in fields:
            continue
        field = fields[part]
        metadata = list(field.metadata)
        model = field.annotation
        while get_args(model):  # list[Item], Item | None, Annotated[int, …]: the item's type and rules
            parts = [a for a in get_args(model) if a is not type(None)]
            for rule in parts[1:]:
                metadata += rule.metadata if isinstance(rule, FieldInfo) else [rule]
            model = parts[0]
    low = next((m.ge for m in metadata if isinstance(m, Ge)), None)
    high = next((m.le for m in metadata if isinstance(m, Le)), None)
    return low, high


def _range_message(error: Any) -> str:
    low, high = _field_bounds(tuple(error["loc"]))
    ctx = error.get("ctx") or {}
    low, high = ctx.get("ge", low), ctx.get("le", high)
    if low is not None and high is not None:
        return _("Enter a number between %(low)s and %(high)s.") % {
            "low": format_number(low), "high": format_number(high),
        }  # fmt: skip
    if low is not None:
        return _("Enter a number of at least {minimum}.").format(minimum=format_number(low))
    return _("Enter a number of at most {maximum}.").format(maximum=format_number(high))


def _message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("Unknown key.")
    if kind in {"literal_error", "enum"}:
        # pydantic words the choices in English ("'a', 'b' or 'c'"): the file's own words, listed plainly
        expected = str(ctx.get("expected", ""))
        choices = ", ".join(re.findall(r"'([^']*)'", expected)) or expected
        return _("Must be one of: {choices}.").format(choices=choices)
    if kind == "decimal_max_places":
        return _("At most two decimal places.")
    if kind in {"decimal_max_digits", "decimal_whole_digits"}:  # only amounts of money are decimals
        return str(bounds.MONEY_OUT_OF_RANGE)
    if kind == "bool_parsing" or kind == "bool_type":
        return _("Must be true or false.")
    if kind == "date_out_of_range":
        return str(bounds.OUT_OF_RANGE)
    if kind in {"number_out_of_range", "finite_number"}:
        return str(bounds.NUMBER_OUT_OF_RANGE)
    if kind == "money_out_of_range":
        return str(bounds.MONEY_OUT_OF_RANGE)
    if kind == "amount_out_of_range":
        return str(bounds.NON_NEGATIVE_OUT_OF_RANGE)
    if kind == "snapshot_too_large":
        return _("The snapshot is larger than {limit} characters.").format(
            limit=format_number(MAX_SNAPSHOT_CHARS)
        )
    if kind == "snapshot_not_json":
        return _("The snapshot holds a value that is not plain JSON (an infinite number?).")
    if kind == "string_too_long" and ctx.get("max_length") == bounds.TEXT_MAX:
        return str(bounds.TEXT_TOO_LONG)
    if kind.startswith("date"):
        value = error.get("input")
        refused = (
            no_such_day(value, iso=True) if isinstance(value, str) else None
        )  # 2027-02-29: the day is wrong
        if refused is not None:
            return no_such_day_words(refused.text, refused.written)
        return _("Not a valid date (expected YYYY-MM-DD).")
    if kind.startswith(("float", "int", "decimal")):
        return _("Not a number.")
    if kind in {"greater_than_equal", "less_than_equal"}:
        return _range_message(error)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == CURRENCY_PATTERN:
        return _("Write the currency as its three-letter code, such as EUR, USD or GBP.")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == COLOUR_PATTERN:
        return _("Write the colour as # and six hexadecimal digits, such as #4c6ef5.")
    if kind == "string_pattern_mismatch":
        return _("Use lowercase letters, digits and hyphens only.")
    if kind == "string_too_long":  # a 2,000-character title says how long it may be
        return _("Write at most {count} characters.").format(count=format_number(ctx.get("max_length", 0)))
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return _("Cannot be empty.")
    if kind == "string_too_short":
        return _("Wrong length.")
    if kind == "string_type":
        return _("Must be text.")
    if kind == "list_type":
        return _("Must be a list.")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _("Must be a mapping of keys to values.")
    return _("Invalid value.")


def guess_format(filename: str, text: str) -> Format:
    if filename.lower().endswith(".json") or text.removeprefix("\ufeff").lstrip().startswith("{"):
        return "json"
    return "yaml"


def parse(text: str, fmt: Format) -> RoadmapFile:
    data = load(text, fmt)
    if not isinstance(data, dict):
        raise FileProblems([("/", _("Must be a mapping of keys to values."))])
    if data.get("format") not in (None, FORMAT):
        raise FileProblems([("format", _("Unsupported format {value}; expected {expected}.").format(
            value=excerpt(data.get("format")), expected=FORMAT))])  # fmt: skip
    try:
        document = RoadmapFile.model_validate(data)
    except ValidationError as error:
        raise FileProblems([(path_text(e["loc"]), _message(e)) for e in error.errors()]) from error
    problems = _semantic_problems(document)
    if problems:
        raise FileProblems(problems)
    return document


def _semantic_problems(document: RoadmapFile) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    roadmap = document.roadmap
    if roadmap.horizon.end < roadmap.horizon.start:
        problems.append(("roadmap.horizon.end", _("The horizon ends before it starts.")))
    objective_keys = [o.key for o in document.objectives]
    known = set(objective_keys)
    problems += duplicate_keys(objective_keys, "objectives")
    problems += duplicate_keys([k.key for k in document.kpis], "kpis")
    problems += duplicate_keys([s.key for s in document.strategies], "strategies")
    parents = {o.key: o.parent for o in document.objectives}
    for index, objective in enumerate(document.objectives):
        where = f"objectives[{index}]"
        if objective.parent is not None and objective.parent not in known:
            problems.append(
                (
                    f"{where}.parent",
                    _("No objective has the key {key}.").format(key=excerpt(objective.parent)),
                )
            )
        elif _in_cycle(objective.key, parents):
            problems.append((f"{where}.parent", _("An objective cannot be its own ancestor.")))
        problems += _deadline_problems(objective, roadmap, where)
    for index, kpi in enumerate(document.kpis):
        if kpi.objective is not None and kpi.objective not in known:
            problems.append(
                (
                    f"kpis[{index}].objective",
                    _("No objective has the key {key}.").format(key=excerpt(kpi.objective)),
                )
            )
        dates = Counter(m.date for m in kpi.measurements)
        for m_index, measurement in enumerate(kpi.measurements):
            if dates[measurement.date] > 1:
                problems.append(
                    (f"kpis[{index}].measurements[{m_index}].date", _("Two measurements on the same day."))
                )
    for index, strategy in enumerate(document.strategies):
        if strategy.objective not in known:
            problems.append(
                (
                    f"strategies[{index}].objective",
                    _("No objective has the key {key}.").format(key=excerpt(strategy.objective)),
                )
            )
        problems += duplicate_keys([t.key for t in strategy.tactics], f"strategies[{index}].tactics")
    for index, objective in enumerate(document.objectives):
        problems += indicator_problems(objective.qualitative_indicators, f"objectives[{index}]")
    problems += framing_problems(
        document.framing, objectives=known, activities={a.key for a in document.activities}
    )
    return problems + _planning_problems(document, known)


def _unknown(where: str, message: str, key: str) -> tuple[str, str]:
    return where, message.format(key=excerpt(key))


def _planning_problems(document: RoadmapFile, objective_keys: set[str]) -> list[tuple[str, str]]:
    """Keys used once per list, every reference known, no end before its start, no dependency cycle."""
    problems: list[tuple[str, str]] = []
    for name in ("themes", "people", "activities", "milestones", "risks", "communications", "reviews"):
        problems += duplicate_keys([item.key for item in getattr(document, name)], name)
    for index, person in enumerate(document.people):
        for a_index, absence in enumerate(person.absences):
            if absence.end < absence.start:
                problems.append(
                    (f"people[{index}].absences[{a_index}].end", _("The end is before the start."))
                )
    themes = {t.key for t in document.themes}
    people = {p.key for p in document.people}
    activities = {a.key for a in document.activities}
    tactics = {f"{s.key}/{t.key}" for s in document.strategies for t in s.tactics}
    for index, activity in enumerate(document.activities):
        where = f"activities[{index}]"
        if activity.theme is not None and activity.theme not in themes:
            problems.append(
                _unknown(f"{where}.theme", _("No thematic group has the key {key}."), activity.theme)
            )
        if activity.owner is not None and activity.owner not in people:
            problems.append(
                _unknown(f"{where}.owner", _("No team member has the key {key}."), activity.owner)
            )
        if activity.tactic is not None and activity.tactic not in tactics:
            problems.append(
                _unknown(f"{where}.tactic", _("No tactic is {key} (write strategy-key/tactic-key)."),
                         activity.tactic)
            )  # fmt: skip
        problems += _unknown_keys(activity.objectives, objective_keys, f"{where}.objectives",
                                  _("No objective has the key {key}."))  # fmt: skip
        problems += _dates_problems(activity, where)
        problems += _link_problems(activity, activities, people, where)
    problems += _cycle_problems(document.activities)
    for index, milestone in enumerate(document.milestones):
        where = f"milestones[{index}]"
        problems += _unknown_keys(milestone.objectives, objective_keys, f"{where}.objectives",
                                  _("No objective has the key {key}."))  # fmt: skip
        problems += _unknown_keys(milestone.activities, activities, f"{where}.activities",
                                  _("No activity has the key {key}."))  # fmt: skip
    return problems


def _unknown_keys(keys: list[str], known: set[str], where: str, message: str) -> list[tuple[str, str]]:
    return [_unknown(f"{where}[{index}]", message, key) for index, key in enumerate(keys) if key not in known]


def _dates_problems(activity: ActivityItem, where: str) -> list[tuple[str, str]]:
    if activity.duration_days is not None:
        if activity.end is not None:
            return [(f"{where}.duration_days", _("Give either an end or a duration, not both."))]
        if activity.start is None:
            return [(f"{where}.duration_days", _("Give a start date with the duration."))]
    if activity.start is not None and activity.end is not None and activity.end < activity.start:
        return [(f"{where}.end", _("The end is before the start."))]
    end = activity.end
    if end is None and activity.start is not None and activity.duration_days is not None:
        end = activity.start + timedelta(days=activity.duration_days - 1)
    problems = window_problems(
        start=activity.start, end=end, not_before=activity.not_before, must_finish_by=activity.must_finish_by
    )
    return [(f"{where}.{field}", message) for field, messages in problems.items() for message in messages]


def _link_problems(
    activity: ActivityItem, activities: set[str], people: set[str], where: str
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, link in enumerate(activity.after):
        at = f"{where}.after[{index}].activity"
        if link.activity not in activities:
            problems.append(_unknown(at, _("No activity has the key {key}."), link.activity))
        elif link.activity == activity.key:
            problems.append((at, _("An activity cannot depend on itself.")))
        elif link.activity in seen:
            problems.append((at, _("This dependency is listed twice.")))
        seen.add(link.activity)
    assigned: set[str] = set()
    for index, assignment in enumerate(activity.assignments):
        at = f"{where}.assignments[{index}].person"
        if assignment.person not in people:
            problems.append(_unknown(at, _("No team member has the key {key}."), assignment.person))
        elif assignment.person in assigned:
            problems.append((at, _("This person is assigned twice.")))
        assigned.add(assignment.person)
    return problems


def _cycle_problems(activities: list[ActivityItem]) -> list[tuple[str, str]]:
    """Each dependency that lies on a cycle (its predecessor already follows its successor)."""
    successors: dict[str, set[str]] = {a.key: set() for a in activities}
    for activity in activities:
        for link in activity.after:
            if link.activity in successors and link.activity != activity.key:
                successors[link.activity].add(activity.key)
    problems: list[tuple[str, str]] = []
    for index, activity in enumerate(activities):
        for l_index, link in enumerate(activity.after):
            on_cycle = link.activity in successors and link.activity != activity.key
            if on_cycle and reaches(successors, activity.key, link.activity):
                problems.append(
                    (f"activities[{index}].after[{l_index}].activity", _("This dependency makes a cycle."))
                )
    return problems


def _in_cycle(key: str, parents: dict[str, str | None]) -> bool:
    seen = {key}
    node = parents.get(key)
    while node is not None:
        if node in seen:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def _deadline_problems(objective: ObjectiveItem, roadmap: RoadmapItem, where: str) -> list[tuple[str, str]]:
    if not objective.deadline_rule:
        return []
    try:
        resolved = resolve_rule(
            objective.deadline_rule,
            reference=roadmap.horizon.start,
            fiscal_year_start_month=roadmap.fiscal_year_start_month,
        )
    except InvalidRuleError:
        return [
            (
                f"{where}.deadline_rule",
                _("Unknown deadline rule {rule}.").format(rule=excerpt(objective.deadline_rule)),
            )
        ]
    if objective.deadline is not None and objective.deadline != resolved:
        return [
            (
                f"{where}.deadline",
                _("The deadline does not match its rule, which gives {date}.").format(
                    date=resolved.isoformat()
                ),
            )
        ]
    return []


def dump(data: dict[str, Any], fmt: Format) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    return dump_yaml(data)
