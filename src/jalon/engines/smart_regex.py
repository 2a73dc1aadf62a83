"""What a regex can start with: lets the SMART coach skip patterns that cannot match at a position.

``first_chars(pattern)`` reads the pattern with the parser behind ``re`` and returns the ASCII characters
a non-empty match can start with: a superset (any construct it does not know makes it answer None, "any
character"), and None too when the pattern can match the empty string. A caller may skip the pattern at a
position whose character is ASCII and not in the set: ``pattern.match`` would fail there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

try:  # the parser behind ``re`` (Python 3.11+); without it every pattern is always tried
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sre_parse = None

__all__ = ["anchored_matches", "first_chars"]

_ASCII = [chr(code) for code in range(128)]
_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": frozenset(c for c in _ASCII if re.match(r"\d", c)),
    "CATEGORY_SPACE": frozenset(c for c in _ASCII if re.match(r"\s", c)),
    "CATEGORY_WORD": frozenset(c for c in _ASCII if re.match(r"\w", c)),
}


class _Unknown(Exception):
    """The analysis cannot bound the first character."""


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The ASCII characters a non-empty match of ``pattern`` can start with; None when unknown."""
    if _sre_parse is None or pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        chars, nullable = _first(_sre_parse.parse(pattern.pattern, pattern.flags))
    except _Unknown:
        return None
    return None if nullable else frozenset(chars)


def _first(items: Any) -> tuple[set[str], bool]:
    """(first characters, can the sequence match the empty string)."""
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(av))
            return chars, False
        if name == "IN":
            chars |= _charset(av)
            return chars, False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width: the next item gives the first character
        if name in ("SUBPATTERN", "ATOMIC_GROUP"):
            if name == "SUBPATTERN":
                _, add_flags, del_flags, body = av
                if add_flags or del_flags:
                    raise _Unknown
            else:
                body = av
            found, nullable = _first(body)
            chars |= found
            if not nullable:
                return chars, False
            continue
        if name == "BRANCH":
            nullable = False
            for alternative in av[1]:
                found, empty = _first(alternative)
                chars |= found
                nullable = nullable or empty
            if not nullable:
                return chars, False
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, body = av
            found, empty = _first(body)
            chars |= found
            if low > 0 and not empty:
                return chars, False
            continue
        raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, …
    return chars, True


def _charset(items: Any) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(av))
        elif name == "RANGE":
            chars.update(c for c in _ASCII if av[0] <= ord(c) <= av[1])
        elif name == "CATEGORY" and str(av) in _CATEGORY_CHARS:
            chars |= _CATEGORY_CHARS[str(av)]
        else:
            raise _Unknown  # NEGATE, other categories
    return chars


def anchored_matches(
    pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, earliest: Callable[[str, int, int], int]
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, found faster when every match holds an ``anchor`` match
    and starts at most a little before it: ``earliest(text, pos, anchor_start)`` says where a match that
    holds that anchor (and no earlier one) can start, ``pos`` at the least. A pattern that opens with
    assertions or ``\\s*`` is tried by ``re`` at every character; here only near each anchor."""
    pos = 0
    while (found := anchor.search(text, pos)) is not None:
        end = found.start()
        for at in range(earliest(text, pos, end), end + 1):
            match = pattern.match(text, at)
            if match is not None:
                yield match
                pos = match.end()
                break
        else:
            pos = end + 1
