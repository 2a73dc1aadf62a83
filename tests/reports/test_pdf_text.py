"""The PDF's break opportunities (jalon.reports.pdf_text.breakable): a zero-width space after every 10
characters of an unbroken run of 30 characters or more, so that WeasyPrint lays out a long word or text in
seconds with ``overflow-wrap: break-word``; never inside a tag, an attribute, an entity or a letter's accent
or joiner; shorter words and everything else left as they were."""

from __future__ import annotations

from jalon.reports.pdf_text import EVERY, LONG, ZERO_WIDTH_SPACE, breakable

WORD = ("#RéactivationDesClientsDormants" * 12)[:300]


def page(body: str, *, attribute: str = "") -> str:
    head = f"<html><head><title>{WORD}</title></head>"
    return head + f'<body><p data-running="{attribute}">{body}</p></body></html>'


def test_a_long_word_gets_a_break_opportunity_every_ten_characters_and_loses_nothing() -> None:
    made = breakable(page(WORD))
    printed = made.split('">')[1].split("</p>")[0]
    assert printed.replace(ZERO_WIDTH_SPACE, "") == WORD
    assert [len(part) for part in printed.split(ZERO_WIDTH_SPACE)] == [EVERY] * (300 // EVERY)


def test_words_shorter_than_thirty_characters_are_left_whole() -> None:
    sentence = "Relancer les clients anticonstitutionnellement, 1 000 000 000 € au plus, " + "x" * (LONG - 1)
    assert breakable(page(sentence)) == page(sentence)


def test_tags_attributes_and_the_head_are_never_cut() -> None:
    made = breakable(page("court", attribute=WORD))
    assert made == page("court", attribute=WORD)


def test_an_entity_counts_as_one_character_and_is_never_cut() -> None:
    made = breakable(page("&amp;" * 35))
    assert made.count(ZERO_WIDTH_SPACE) == 3
    assert ("&amp;" * 10 + ZERO_WIDTH_SPACE) * 3 + "&amp;" * 5 in made


def test_an_accent_a_joiner_or_a_skin_tone_stays_with_its_letter() -> None:
    accented = "e" * (EVERY - 1) + "e\u0301" + "x" * LONG
    emoji = "a" * (EVERY - 1) + "👩\U0001f3fd\u200d💻" + "x" * LONG
    for run in (accented, emoji):
        made = breakable(page(run))
        assert made.replace(ZERO_WIDTH_SPACE, "") == page(run)
        before, after = made.split(ZERO_WIDTH_SPACE)[:2]
        assert after[0] not in "\u0301\u200d\U0001f3fd" and not before.endswith("\u200d")


def test_a_fragment_without_a_body_is_cut_and_nothing_is_added_to_it() -> None:
    """A fragment once came back with « <body » glued to its end and its text left whole."""
    fragment = f"<p>{WORD}</p>"
    made = breakable(fragment)
    assert made.startswith("<p>") and made.endswith("</p>") and "<body" not in made
    assert made.count(ZERO_WIDTH_SPACE) == 300 // EVERY - 1  # between the pieces, not after the last
