"""Break opportunities in the report's long unbroken runs of text, for WeasyPrint.

The report's CSS once let any text break anywhere (``overflow-wrap: anywhere``) so that a 300-character
hashtag never pushed a table's columns off the page. WeasyPrint pays that with every character of a table cell
as a break opportunity: a cell's narrowest width is measured letter by letter, and its cost grows with the
square of the text's length (a 5,000-character objective took the SMART section to half a minute, a roadmap at
the edge of its forms did not finish in minutes). Instead, a run of ``LONG`` characters or more without a
space gets a zero-width space every ``EVERY`` characters, and the CSS says ``overflow-wrap: break-word``: a
long word still breaks inside its column, at most ``EVERY`` characters at a time, and WeasyPrint lays a long
text out line by line on its fast path. Nothing is cut: every character is printed (a copy from the PDF holds
the invisible spaces too).
"""

from __future__ import annotations

import re

LONG = 30
"""An unbroken run of this many characters or more is cut (a hashtag, a link, a name glued together); a
word shorter is left whole, to break only when it overflows its column: a break opportunity is a line's end
wherever the line needs one, and every 10 characters it cut « stratégiqu / e » at a line's end."""
EVERY = 10
"""Characters between two break opportunities in a long run: under the narrowest column's width in letters, so
that the run breaks at a piece's end and fills its lines (with 20, a piece a little wider than its column left
its last letter or two alone on a line; with 40, the animation plan's narrow columns went back to the slow
path, past 90 s for the SMART and framing sections)."""
ZERO_WIDTH_SPACE = "\u200b"
# One character of a run: an HTML entity (« &amp; », « &#x27; ») counts as one and is never cut inside.
_CHARACTER = r"(?:&#?\w+;|[^\s&<>\u200b])"
# Never between a letter and what joins it: a combining accent, a joiner, a variation selector, a skin tone.
_JOINED = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
    "\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
)
_RUN = re.compile(rf"({_CHARACTER}{{{EVERY}}})(?<!\u200d)(?={_CHARACTER})(?![{_JOINED}])")
_LONG_RUN = re.compile(rf"{_CHARACTER}{{{LONG},}}")
_TEXT = re.compile(r">([^<>]+)<")


def breakable(html: str) -> str:
    """``html`` with a zero-width space after every ``EVERY`` characters of each unbroken run of ``LONG``
    characters or more (never in a tag, its attributes or an entity). The text between tags is Django's
    escaped output: no « < » in it. The head (its title, its styles) is left as it is; a fragment without a
    body is cut throughout."""
    start = html.find("<body")
    head, body = (html[:start], html[start:]) if start >= 0 else ("", html)
    return head + _TEXT.sub(lambda text: ">" + _LONG_RUN.sub(_cut, text[1]) + "<", body)


def _cut(run: re.Match[str]) -> str:
    return _RUN.sub(r"\1" + ZERO_WIDTH_SPACE, run[0])
