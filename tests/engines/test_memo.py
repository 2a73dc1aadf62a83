"""A memo keeps answers until it is full, then forgets them all before keeping the next one."""

from __future__ import annotations

from jalon.engines.memo import Memo


def test_a_memo_keeps_its_answers_until_it_is_full() -> None:
    memo: Memo[str, int] = Memo(3)
    assert memo.remember("a", 1) == 1
    memo.remember("b", 2)
    memo.remember("c", 3)
    assert memo == {"a": 1, "b": 2, "c": 3}


def test_a_full_memo_forgets_every_answer_before_keeping_the_next() -> None:
    memo: Memo[str, int | None] = Memo(2)
    memo.remember("a", 1)
    memo.remember("b", None)  # an answer may be None: read it with ``in`` or ``[]``
    assert memo.remember("c", 3) == 3
    assert memo == {"c": 3}
