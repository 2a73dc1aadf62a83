"""The ``progress=`` callback of the engines' ``solve``: the share of the work done, from 0 to 1."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["ProgressCallback", "Rising"]

ProgressCallback = Callable[[float], None]


class Rising:
    """Passes on a share of the work done only when it grows, so the caller sees a rising series."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.last = 0.0

    def __call__(self, fraction: float) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if self.callback is not None and fraction > self.last:
            self.last = fraction
            self.callback(fraction)
