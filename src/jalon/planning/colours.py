"""The colours Jalon gives new thematic groups, so that groups stand apart on the timelines and charts
without anyone choosing a colour."""

from __future__ import annotations

from collections.abc import Iterable

# Distinct, colour-blind-friendly colours a new thematic group is offered in turn (the first is the default).
THEME_COLOURS = ("#4c6ef5", "#e8590c", "#2f9e44", "#9c36b5", "#1098ad", "#f59f00", "#d6336c", "#868e96")


def fresh_colours(taken: Iterable[str], count: int) -> list[str]:
    """``count`` colours for new thematic groups beside groups of the ``taken`` colours: each the first of
    ``THEME_COLOURS`` neither taken nor given to an earlier one (in turn once all are used), so that groups
    added together (a roadmap file's, several forms in a row) stand apart as a group added alone does."""
    used = [colour.lower() for colour in taken]
    given: list[str] = []
    for _index in range(count):
        free = [c for c in THEME_COLOURS if c not in used]
        colour = free[0] if free else THEME_COLOURS[len(used) % len(THEME_COLOURS)]
        used.append(colour)
        given.append(colour)
    return given
