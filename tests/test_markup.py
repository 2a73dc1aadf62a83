"""jalon.markup.escape is html.escape with a fast path: it must give the same text for any input."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from jalon.markup import escape


@given(st.text(alphabet=st.sampled_from(list("ab &<>\"'é–…#;")) | st.characters(), max_size=40))
def test_escape_gives_what_html_escape_gives_for_any_text(text: str) -> None:
    assert escape(text) == html.escape(text)


def test_each_special_character_is_escaped_alone() -> None:
    assert [escape(c) for c in "&<>\"'"] == ["&amp;", "&lt;", "&gt;", "&quot;", "&#x27;"]
