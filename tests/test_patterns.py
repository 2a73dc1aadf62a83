"""Every `pattern` attribute, in a template or a form widget, avoids what the `v` flag refuses.

Browsers compile `pattern` with the `v` flag; an invalid expression is ignored and checks nothing. The
browser itself compiles every pattern of every form page in tests/e2e/test_e2e_typed_input.py; this check
needs no browser and covers the known pitfalls."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import jalon
from jalon.keys import KEY_PATTERN
from tests.forms_found import form_classes

TEMPLATES = Path(jalon.__file__).resolve().parent / "templates"
_SYNTAX_IN_CLASS = set("()[]{}/|")
_DOUBLED = ("&&", "!!", "##", "$$", "%%", "**", "++", ",,", "..", "::", ";;", "<<", "==", ">>", "??", "@@",
            "^^", "``", "~~")  # fmt: skip


def v_flag_problems(pattern: str) -> list[str]:
    """What the `v` flag refuses inside a character class: an unescaped `-` that is not a range, an
    unescaped ( ) [ ] { } / |, a doubled punctuator."""
    problems, in_class, i = [], False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if not in_class:
            in_class = ch == "["
            i += 1
            continue
        if ch == "]":
            in_class = False
        elif ch == "-":
            before, after = pattern[i - 1 : i], pattern[i + 1 : i + 2]
            if before in ("[", "") or after in ("]", ""):
                problems.append(f"unescaped - at {i}")
        elif ch in _SYNTAX_IN_CLASS:
            problems.append(f"unescaped {ch} at {i}")
        elif pattern[i : i + 2] in _DOUBLED:
            problems.append(f"doubled {pattern[i : i + 2]} at {i}")
        i += 1
    return problems


def test_the_checker_finds_what_chromium_refused() -> None:
    assert v_flag_problems("[-a-zA-Z0-9_]+")  # the key pattern Chromium ignored
    assert v_flag_problems("[a-z-]")
    assert v_flag_problems("[(a)]")
    assert v_flag_problems(KEY_PATTERN) == []
    assert v_flag_problems("[a-z0-9\\-]+") == []
    assert v_flag_problems("#[0-9a-fA-F]{6}") == []


def _template_patterns() -> list[tuple[str, str]]:
    found = []
    for path in TEMPLATES.rglob("*.html"):
        for match in re.finditer(r'\spattern="([^"]*)"', path.read_text(encoding="utf-8")):
            found.append((str(path.relative_to(TEMPLATES)), html.unescape(match[1])))
    return found


def _form_patterns() -> list[tuple[str, str]]:
    found = []
    for form_class in form_classes():
        for name, field in form_class.base_fields.items():
            attrs = {**field.widget.attrs, **field.widget_attrs(field.widget)}
            if "pattern" in attrs:
                found.append((f"{form_class.__name__}.{name}", str(attrs["pattern"])))
    return found


def test_template_and_form_patterns_exist() -> None:
    assert len(_template_patterns()) >= 1
    assert len(_form_patterns()) >= 5


@pytest.mark.parametrize(("where", "pattern"), _template_patterns() + _form_patterns())
def test_every_pattern_is_valid_with_the_v_flag(where: str, pattern: str) -> None:
    assert v_flag_problems(pattern) == [], where
