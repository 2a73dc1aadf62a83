"""French typography: a non-breaking space (U+00A0) before « : ; ! ? », inside « guillemets », before a unit
sign (« 10 % », « par € ») and between a number and its unit (« 3 jours », « {hours} h »), and the typographic
apostrophe (’, U+2019) in words (« l’équipe », « aujourd’hui », « qu’il »).

One rule for every French message, the one the team pages chose: U+00A0, never the narrow U+202F nor a plain
space; ’, never the straight ' between two letters. ``french`` applies it to a text;
``tools/french_typography.py`` applies it to the whole catalogue and tests/test_translations.py fails on any
French message that breaks it; French text that is data (the playbook, the demo roadmap, the SMART coach's and
the advisor's sentences) is written with it too, and tests/test_french_data_typography.py checks it.

Only punctuation in prose is touched, not the same characters inside a token: URLs (``https://``), times and
ratios (``10:30``, ``3:2``), ``::``, placeholders (``%(name)s``, ``{value!r}``, ``{hours:g}``), HTML tags and
their attributes, code samples (``<code>…</code>``, ``<kbd>``, ``<samp>``, ``<pre>``, text between backticks),
or a scheme name followed by a comma (``console:,``).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
APOSTROPHE = "\u2019"
HIGH_PUNCTUATION = ":;!?"
# Spaces that may stand before a high punctuation mark or inside guillemets, and become one NBSP.
_SPACES = " \t\u202f\u2009\u00a0"
# Spans where the characters are not prose: code samples, placeholders, HTML tags, URLs.
_PROTECTED = re.compile(
    r"<(code|kbd|samp|pre)\b[^<>]*>.*?</\1>"  # <code>SELECT 'x'</code>, the element's tags included
    r"|`[^`]*`"  # `jalon import --format csv`
    r"|%\([a-z_]+\)[sd]"  # %(name)s
    r"|\{[^{}\s]*\}"  # {name}, {value!r}, {hours:g}
    r"|<[^<>]*>"  # <a href="...">, </strong>
    r"|[a-z][a-z0-9+.-]*://[^\s<>«»]*",  # https://example.com/path
    re.IGNORECASE | re.DOTALL,
)
# A space before a unit sign (a percent sign that starts a placeholder, %(name)s or %d, is not one), and a
# space between a number (digits, or a placeholder such as {days} or %(hours)s) and a unit word.
_UNIT_SIGN = re.compile(r"[ \t\u202f](?=[€$£‰]|%(?![(a-zA-Z]))")
_UNIT_WORD = re.compile(
    r"(?:(?<=[\d}])|(?<=\)[sd]))[ \t\u202f]"
    r"(?=(?:h|j|min|jours?|heures?|minutes?|semaines?|mois|ans|points?|pts|k€|M€)(?![\w€]))"
)
# After a high punctuation mark in prose: the end of the text, a space, or a closing sign.
_AFTER_PROSE = set(_SPACES) | set(HIGH_PUNCTUATION) | set("\n)]»\"'’<.…")


def _protected_positions(text: str) -> set[int]:
    return {index for match in _PROTECTED.finditer(text) for index in range(match.start(), match.end())}


def _is_prose_mark(text: str, index: int) -> bool:
    """Whether the high punctuation mark at ``index`` ends a clause (and not a token such as ``10:30``)."""
    if index == 0:
        return False
    before = text[index - 1]
    after = text[index + 1] if index + 1 < len(text) else " "
    if before in HIGH_PUNCTUATION or text[index : index + 2] == "::":  # "?!" and "::" stay together
        return False
    if before in _SPACES:  # "mot :" is prose whatever follows
        return True
    return after in _AFTER_PROSE  # "mot:" is prose only at a clause's end, unlike "10:30" or "console:,"


def _is_elision(text: str, index: int) -> bool:
    """Whether the straight apostrophe at ``index`` stands between two letters, as in « l'équipe »."""
    return 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()


def apostrophes(text: str) -> str:
    """``text`` with ’ for each straight apostrophe between two letters outside code, tags and placeholders:
    the first half of ``french``."""
    protected = _protected_positions(text)
    return "".join(
        APOSTROPHE if char == "'" and index not in protected and _is_elision(text, index) else char
        for index, char in enumerate(text)
    )


def french(text: str) -> str:
    """``text`` with a single NBSP before each high punctuation mark and inside each pair of guillemets, and
    ’ for each straight apostrophe between two letters."""
    text = apostrophes(text)
    protected = _protected_positions(text)
    out: list[str] = []
    for index, char in enumerate(text):
        if out and out[-1] == "«":
            if char in _SPACES:
                continue  # the space after « is written once, before the quotation
            out.append(NBSP)
        if index not in protected and (
            (char in HIGH_PUNCTUATION and _is_prose_mark(text, index)) or char == "»"
        ):
            spaced = bool(out) and out[-1] in _SPACES
            while out and out[-1] in _SPACES:
                out.pop()
            if (out or spaced) and out[-1:] != ["\n"]:
                out.append(NBSP)
        out.append(char)
    if out and out[-1] == "«":
        out.append(NBSP)
    return units("".join(out))


def units(text: str) -> str:
    """``text`` with a NBSP before each unit sign and between a number and its unit word (« 10 % », « par
    € », « {days} jours »), outside code, tags and URLs: a unit never starts a line."""
    protected = _protected_positions(text)
    spaces = {m.start() for pattern in (_UNIT_SIGN, _UNIT_WORD) for m in pattern.finditer(text)}
    return "".join(NBSP if i in spaces and i not in protected else char for i, char in enumerate(text))


def breaks_french_typography(text: str) -> bool:
    return french(text) != text
