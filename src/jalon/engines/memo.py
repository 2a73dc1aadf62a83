"""Answers remembered by key, for hot paths that ask the same question again and again (a page matching
the same KPI names, the SMART coach repairing the same words, a table writing the same rows).

A ``Memo`` is a plain dict for reading (``memo.get(key)``: no call on the way); ``remember`` stores an
answer and, once ``size`` answers are kept, forgets them all first: cheaper than an LRU's bookkeeping,
and the answers never change, so forgetting only costs computing them again.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, key: K, answer: V) -> V:
        """Keep ``answer`` for ``key`` (all the others forgotten first when the memo is full); return it."""
        if len(self) >= self.size:
            self.clear()
        self[key] = answer
        return answer
