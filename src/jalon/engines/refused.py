"""The error an engine raises for a problem it cannot solve as stated: a code of the engine's own
enumeration and its parameters, which the shells word (``jalon.refusals``); ``str()`` is a plain English
line for logs. A leaf module (standard library only)."""

from __future__ import annotations

from enum import StrEnum
from typing import Generic, TypeVar

__all__ = ["Refused"]

Code = TypeVar("Code", bound=StrEnum)


class Refused(ValueError, Generic[Code]):
    """A problem refused for ``code`` (one of the engine's enumeration), with the ids and values it names
    in ``params`` (``activity``, ``person``, ``other``… as each code needs)."""

    def __init__(self, code: Code, **params: str) -> None:
        self.code: Code = code
        self.params = params
        details = ", ".join(f"{key} {value!r}" for key, value in params.items())
        super().__init__(f"{code.value}: {details}" if details else code.value)
