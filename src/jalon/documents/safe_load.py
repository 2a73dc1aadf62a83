"""Reading YAML and JSON that anyone may have written, with bounded time and memory.

A roadmap file comes from users, and a file is also an attack: an alias that expands into a billion
items, a list nested a hundred thousand levels deep (libyaml's own composer then crashes the process),
a 5,000-digit number, an impossible date, the same key twice. ``load`` reads the text into plain Python
values (dicts, lists, strings, numbers, booleans, None) or raises ``FileProblems`` with a translated
message and the line, and never quotes more than a short excerpt of the input. See docs/roadmap-file.md.

- Depth: at most ``MAX_DEPTH`` nested lists and mappings.
- Aliases (``*name``): everything they repeat weighs at most ``MAX_ALIAS_WEIGHT`` (one per node plus
  the length of each repeated text); an alias to the node that contains it is refused.
- Numbers: at most ``MAX_NUMBER_DIGITS`` characters; infinities and NaN are read, then refused with
  their path by the schema.
- YAML is read as a person means it, by YAML 1.2's core schema with decimal numbers only: ``1:30``,
  ``0x1F``, ``0o17`` and ``1_000`` are texts (the schema says *Not a number.* where one is wanted), and so
  are ``on``, ``yes`` and ``NO``; only ``true``/``false`` are booleans. ``dump_yaml`` quotes every text a
  YAML 1.1 or 1.2 reader would take for something else, so an export reads back as written.
- Dates stay text (the schema reads them), so ``2027-02-30`` is a problem at its path, not a crash.
- Only the plain tags: text, numbers, booleans, null, lists and mappings (``!!binary``, ``!!set`` and
  the like are refused).
- A key written twice in the same mapping is refused.
- A NUL character (``"\\u0000"`` in JSON, ``"\\0"`` in YAML) in a key or a text is refused at its path:
  PostgreSQL cannot store one, and no one types it.
"""

from __future__ import annotations

import importlib
import json
import re
from collections import Counter
from typing import Any

import yaml
from django.utils.translation import gettext as _
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import BaseResolver

from jalon.documents.tables import excerpt
from jalon.formatting import format_number

MAX_DEPTH = 32
MAX_ALIAS_WEIGHT = 10_000
MAX_NUMBER_DIGITS = 30
MAX_FILE_CHARS = 10_000_000
TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS = ("null", "bool", "int", "float", "str", "seq", "map")


MAX_PROBLEMS = 200


def duplicate_keys(keys: list[str], where: str) -> list[tuple[str, str]]:
    """A problem at ``where[i].key`` for each key of a list used more than once."""
    counts = Counter(keys)
    return [
        (f"{where}[{index}].key", _("The key {key} is used more than once.").format(key=excerpt(key)))
        for index, key in enumerate(keys)
        if counts[key] > 1
    ]


def at_most(problems: list[tuple[str, str]], limit: int = MAX_PROBLEMS) -> list[tuple[str, str]]:
    """The first ``limit`` problems, then one line that counts the others (a file of 100,000 bad keys
    would otherwise make a page of megabytes)."""
    if len(problems) <= limit:
        return problems
    more = len(problems) - limit
    return [*problems[:limit], ("…", _("And {count} more problems.").format(count=more))]


class FileProblems(Exception):
    """Every problem found in a roadmap file, as (where, message) pairs (the first 200, then a count)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = at_most(problems)
        super().__init__("\n".join(f"{where}: {message}" for where, message in self.problems))


class _Refused(Exception):
    """A reason to refuse the file, at a line when the reader knows it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message, self.line = message, line
        super().__init__(message)


def _line(node_or_event: Any) -> int | None:
    mark = getattr(node_or_event, "start_mark", None)
    return None if mark is None else int(mark.line) + 1


_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


class _PlainResolver(BaseResolver):
    """YAML 1.2's core schema, as a person means it: decimal numbers only (``1:30``, ``0x1F``, ``1_000``
    and ``0o17`` stay text, for the schema to refuse where a number is wanted), ``true``/``false`` (``on``,
    ``yes`` and ``NO`` stay text), ``null``/``~``/nothing; no timestamps (``2027-13-45`` stays text for the
    schema to refuse). The merge key ``<<`` is kept."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


for _tag, _pattern, _first in (
    ("bool", _BOOL, "tTfF"),
    ("int", _INT, "-+0123456789"),
    ("float", _FLOAT, "-+.0123456789"),
    ("null", _NULL, ["~", "n", "N", ""]),
    ("merge", re.compile(r"^<<$"), "<"),
):
    _PlainResolver.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", _pattern, list(_first))


class QuotingDumper(yaml.SafeDumper):
    """PyYAML's safe dumper (it quotes every text YAML 1.1 would read as something else: ``'on'``,
    ``'1:30'``), which also quotes the texts YAML 1.2 reads as numbers (``'1e3'``), so every reader of
    Jalon's exports, ours and others', reads back the texts written. Pure Python: libyaml's emitter is
    three times faster (a consultancy's 1.2 MB roadmap in 0.9 s of processor time instead of 2.6 s) but
    writes what a person typed otherwise (an emoji as ``\\U0001F680``, in double quotes), and the file is
    meant to be read and edited by people."""


QuotingDumper.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))


def dump_yaml(data: Any) -> str:
    """``data`` as the YAML Jalon exports."""
    return yaml.dump(
        data, Dumper=QuotingDumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


class _BoundedComposer(Composer):
    """PyYAML's composer (in Python, so depth is ours to bound) that weighs what aliases repeat."""

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0
        self._aliased = 0
        self._open: set[str] = set()
        self._weights: dict[int, int] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, AliasEvent):
            if event.anchor in self._open:
                raise _Refused(_("An alias refers to the list or mapping that contains it."), _line(event))
            node: Node = super().compose_node(parent, index)  # type: ignore[assignment]
            self._aliased += self._weights.get(id(node), 1)
            if self._aliased > MAX_ALIAS_WEIGHT:
                raise _Refused(
                    _("The aliases of this file repeat too much (at most {limit} items).").format(
                        limit=MAX_ALIAS_WEIGHT
                    ),
                    _line(event),
                )
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(
                _("The file is nested more than {depth} levels deep.").format(depth=MAX_DEPTH), _line(event)
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._open.add(anchor)
        node = super().compose_node(parent, index)  # type: ignore[assignment]
        self._open.discard(anchor)
        self._depth -= 1
        self._weights[id(node)] = self._weight(node)
        return node

    def _weight(self, node: Node) -> int:
        if isinstance(node, ScalarNode):
            return 1 + len(node.value)
        children = (
            [part for pair in node.value for part in pair] if isinstance(node, MappingNode) else node.value
        )
        return 1 + sum(self._weights.get(id(child), 1) for child in children)


try:  # libyaml's scanner and parser: ten times faster, and iterative
    _Parsing: tuple[type, ...] = (importlib.import_module("yaml._yaml").CParser,)
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parsing = (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser)


class _Loader(_BoundedComposer, *_Parsing, SafeConstructor, _PlainResolver):  # type: ignore[misc]
    """libyaml's events (when installed), our composer, the safe constructor without timestamps."""

    yaml_constructors = {
        tag: constructor
        for tag, constructor in SafeConstructor.yaml_constructors.items()
        if tag is None or tag.rsplit(":", 1)[-1] in _PLAIN_TAGS
    }

    def __init__(self, stream: str) -> None:
        if len(_Parsing) == 1:
            _Parsing[0].__init__(self, stream)  # type: ignore[misc]
        else:  # pragma: no cover
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
        _BoundedComposer.__init__(self)
        SafeConstructor.__init__(self)
        _PlainResolver.__init__(self)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: the base class says so
                continue
            if duplicate:
                raise _Refused(
                    _("The key {key} is written twice in the same mapping.").format(key=excerpt(key)),
                    _line(key_node),
                )
        return super().construct_mapping(node, deep=deep)

    def construct_bounded_int(self, node: ScalarNode) -> int:
        if len(node.value) > MAX_NUMBER_DIGITS:
            raise _Refused(
                _("A number is longer than {digits} characters.").format(digits=MAX_NUMBER_DIGITS),
                _line(node),
            )
        if not _INT.match(node.value):  # ``!!int 1_000``: YAML 1.1's forms are not read even when tagged
            raise ConstructorError(None, None, "not a decimal integer", node.start_mark)
        return int(node.value)

    def construct_decimal_float(self, node: ScalarNode) -> float:
        if not _FLOAT.match(node.value):  # ``!!float 1:30``, ``!!float 1_0.5``
            raise ConstructorError(None, None, "not a decimal number", node.start_mark)
        return float(super().construct_yaml_float(node))


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_bounded_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_decimal_float)


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Refused(_("A number is longer than {digits} characters.").format(digits=MAX_NUMBER_DIGITS))
    return int(text)


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise _Refused(_("The key {key} is written twice in the same mapping.").format(key=excerpt(key)))
        mapping[key] = value
    return mapping


def path_text(loc: tuple[int | str, ...]) -> str:
    """``objectives[3].deadline`` for the path ``("objectives", 3, "deadline")``; a key is the file's own
    text, so at most an excerpt of it is quoted."""
    text = ""
    for part in loc:
        name = excerpt(str(part))
        text += f"[{part}]" if isinstance(part, int) else (f".{name}" if text else name)
    return text or "/"


def nul_message() -> str:
    """Why a text holding a NUL character is refused, in the reader's words."""
    return _("This text holds a NUL character (code 0), which Jalon cannot keep: remove it.")


def nul_path(value: Any) -> tuple[int | str, ...] | None:
    """The path of the first key or text of ``value`` holding a NUL character, else None (iteratively)."""
    todo: list[tuple[Any, tuple[int | str, ...]]] = [(value, ())]
    while todo:
        item, path = todo.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return path
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and "\x00" in key:
                    return (*path, key)
                todo.append((child, (*path, key)))
        elif isinstance(item, list):
            todo.extend((child, (*path, index)) for index, child in enumerate(item))
    return None


def depth(value: Any) -> int:
    """How many lists and mappings are nested in ``value`` (iteratively: any depth is safe to measure)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, level = todo.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        todo.extend((child, level + 1) for child in children)
    return deepest


def _problem(message: str, line: int | None) -> FileProblems:
    where = _("line {line}").format(line=line) if line is not None else "/"
    return FileProblems([(where, message)])


def load(text: str, fmt: str) -> Any:
    """The YAML or JSON ``text`` as plain values, or ``FileProblems`` (never another exception). A
    leading byte-order mark (Windows editors write one) is not part of the document."""
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_FILE_CHARS:
        limit = format_number(MAX_FILE_CHARS)
        raise _problem(_("The file is longer than {limit} characters.").format(limit=limit), None)
    too_deep = _("The file is nested more than {depth} levels deep.").format(depth=MAX_DEPTH)
    try:
        if fmt == "json":
            data = json.loads(text, object_pairs_hook=_unique_pairs, parse_int=_bounded_int)
        else:
            data = yaml.load(text, Loader=_Loader)  # our loader only builds plain values
    except _Refused as refused:
        raise _problem(refused.message, refused.line) from None
    except json.JSONDecodeError as error:
        raise _problem(_("This is not valid JSON."), error.lineno) from None
    except (yaml.YAMLError, ConstructorError) as error:
        mark = getattr(error, "problem_mark", None)
        raise _problem(_("This is not valid YAML."), None if mark is None else mark.line + 1) from None
    except RecursionError:
        raise _problem(too_deep, None) from None
    except MemoryError:
        raise _problem(_("The file is too large to read."), None) from None
    except (ValueError, OverflowError, TypeError):
        invalid = _("This is not valid JSON.") if fmt == "json" else _("This is not valid YAML.")
        raise _problem(invalid, None) from None
    if depth(data) > MAX_DEPTH:
        raise _problem(too_deep, None)
    where = nul_path(data)
    if where is not None:
        raise FileProblems([(path_text(where), nul_message())])
    return data
