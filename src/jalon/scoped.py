"""A context variable that holds a value for the length of a ``with`` block, then its value before.

Imports nothing of Jalon or Django: the command line's translations (``jalon.i18n``) and the origin of a
change (``jalon.history.origin``) both use it before Django is set up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def holding(variable: ContextVar[T], value: T) -> Iterator[None]:
    """``variable`` is ``value`` inside the block (the innermost block wins), and what it was after it."""
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)
