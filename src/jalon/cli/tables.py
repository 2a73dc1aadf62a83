"""The command line's tables: rich tables whose cells never break at a no-break space.

Rich wraps a cell at any whitespace, U+00A0 and U+202F included, so ``10 000 €`` could end a line after
``10`` and ``Responsable : Léa`` start one with ``:``. :class:`Table` gives its text cells to
:class:`Unbroken`, which measures and wraps as rich does with each no-break space held by a placeholder of
the same width that is not whitespace, then puts the spaces back. Cells are plain text (no rich markup), so
a title such as ``[bold]`` typed by a user shows as typed. Import this module inside a command, as rich
itself is, so that ``jalon --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.measure import Measurement
from rich.table import Table as RichTable
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod
    from rich.containers import Lines

__all__ = ["Table", "Unbroken"]

# Private-use characters: one terminal cell wide like the spaces they hold, and never whitespace.
_HOLD = str.maketrans({"\u00a0": "\ue000", "\u202f": "\ue001"})
_RELEASE = str.maketrans({"\ue000": "\u00a0", "\ue001": "\u202f"})


class Unbroken(Text):
    """Text that rich wraps at plain spaces only: a number keeps its unit and a French colon its word."""

    def _held(self) -> Text:
        held = self.copy()
        held.plain = self.plain.translate(_HOLD)
        return held

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Text.__rich_measure__(self._held(), console, options)

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        lines = Text.wrap(
            self._held(),
            console,
            width,
            justify=justify,
            overflow=overflow,
            tab_size=tab_size,
            no_wrap=no_wrap,
        )
        for line in lines:
            line.plain = line.plain.translate(_RELEASE)
        return lines


class Table(RichTable):
    """A rich table whose text cells are :class:`Unbroken`."""

    def add_row(self, *renderables: Any, **options: Any) -> None:
        super().add_row(
            *(Unbroken(cell) if isinstance(cell, str) else cell for cell in renderables), **options
        )
