"""The SMART coach's shortcuts read exactly what the plain patterns read (issue 17: faster, same verdicts).

Each shortcut replaces a slower way of finding the same thing; these tests hold it to the slow way on the
labelled statements and on random strings made of the characters that matter.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from jalon.engines.smart_clauses import _SENTENCE, _separators
from jalon.engines.smart_dates import EXPRESSIONS
from jalon.engines.smart_quantities import _QUANTITY, _quantity_matches
from jalon.engines.smart_regex import first_chars
from jalon.engines.smart_text import normalize, words_regex

pytestmark = pytest.mark.engine

FIXTURES = Path(__file__).parent / "fixtures"


def _statements() -> list[str]:
    lines = (FIXTURES / "smart_corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return [normalize(json.loads(line)["text"]) for line in lines if line.strip()]


def test_first_chars_names_where_a_match_can_start() -> None:
    assert first_chars(re.compile(r"\bq[1-4]|fy\b")) == frozenset("qf")
    assert first_chars(re.compile(r"(?:the\s+)?next\b")) == frozenset("tn")
    assert first_chars(re.compile(r"\d{1,2}(?:er)?")) == frozenset("0123456789")


def test_first_chars_answers_none_when_a_match_may_start_anywhere() -> None:
    assert first_chars(re.compile(r"a*")) is None  # may match the empty string
    assert first_chars(re.compile(r".b")) is None  # any character
    assert first_chars(re.compile(r"[^a]b")) is None  # a negated set
    assert first_chars(re.compile(r"ab", re.IGNORECASE)) is None


def test_no_date_expression_matches_where_its_first_characters_say_it_cannot() -> None:
    bounded = [(pattern, first) for _, pattern in EXPRESSIONS if (first := first_chars(pattern)) is not None]
    for text in _statements()[::8]:
        for position, char in enumerate(text):
            for pattern, first in bounded:
                if char in first or not char.isascii():
                    continue
                match = pattern.match(text, position)
                assert match is None or match.end() == position, (pattern.pattern, text[position:])


def test_trie_alternation_matches_like_the_longest_first_flat_alternation() -> None:
    phrases = ("so", "so that", "so as to", "to", "to make sure", "pour", "pour que", "pour qu", "=")
    flat = re.compile(
        r"(?P<m>" + "|".join(map(re.escape, sorted(phrases, key=len, reverse=True))) + r")(?=\s|$)"
    )
    trie = re.compile(r"(?P<m>" + words_regex(*phrases, space=" ") + r")(?=\s|$)")
    rng = random.Random(7)
    words = ["so", "that", "as", "to", "make", "sure", "pour", "que", "qu", "=", "x"]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        assert [m.span() for m in flat.finditer(text)] == [m.span() for m in trie.finditer(text)], text


def test_sentence_separators_are_the_matches_of_the_sentence_pattern() -> None:
    rng = random.Random(11)
    texts = _statements()
    texts += ["".join(rng.choice(" \t.!?;|=>-ab") for _ in range(rng.randint(0, 24))) for _ in range(20000)]
    for text in texts:
        expected = [(m.span(), m.group(0)) for m in _SENTENCE.finditer(text)]
        assert [(m.span(), m.group(0)) for m in _separators(text)] == expected, text


def test_quantities_found_from_the_digits_are_the_matches_of_the_quantity_pattern() -> None:
    rng = random.Random(5)
    pieces = [*"0123456789+-$€£ ., /%kmxa\u00a0٣", "eur", "k€", " points", "/5", "mds "]
    texts = _statements()
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 16))) for _ in range(20000)]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in _QUANTITY.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _quantity_matches(text)] == expected, text


def test_the_noun_then_deliverable_shapes_only_match_where_their_one_pass_key_finds_a_word() -> None:
    from jalon.engines.smart_reading import (
        _NOUN_THEN_CADENCE,
        _NOUN_THEN_CHANGE,
        _NOUN_THEN_DONE,
        _NOUN_THEN_KEY,
    )

    texts = [
        *_statements(),
        "pricing page redesign in q2",
        "new brochure site live by 3/31",
        "webinar client tous les mois",
        "agency brief + photo shoot wrapped by 7/15",
    ]
    matched = 0
    for text in texts:
        for pattern in (_NOUN_THEN_CHANGE, _NOUN_THEN_DONE, _NOUN_THEN_CADENCE):
            if pattern.match(text) is not None:
                matched += 1
                assert _NOUN_THEN_KEY.search(text) is not None, (pattern.pattern, text)
    assert matched >= 4
