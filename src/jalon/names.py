"""How two names are compared: people, thematic groups, column headers.

One rule wherever Jalon asks whether two names are the same (a CSV owner and a team member, a new person
and the workspace's team, a header and a known column): ``normalise`` both and compare. ``same_title`` and
``refuse_namesake`` apply it to a queryset: two roadmaps of a workspace, two objectives of a roadmap, two
groups, two proposals of a vote, two workspaces of one owner never read alike.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

# Latin, Greek and Cyrillic letters (and the combining accents) come before this character: their marks are
# accents to fold. Other scripts' marks (Japanese dakuten, Devanagari virama...) make other letters: kept.
_LAST_ACCENTED_ALPHABET = "\u0530"


def normalise(text: str) -> str:
    """Casefolded, without accents or repeated spaces: how names and headers are compared.

    ``Élodie`` is ``elodie`` and ``Ελένη`` is ``ελενη`` (accents fold), but letters of every script stay:
    ``王伟`` and ``李娜`` remain two names, and so do ``カトウ`` and ``ガトウ``. Other non-ASCII signs
    (``€``, ``°``, ``«``) are dropped, so ``N° client`` reads ``n client``. An empty result names nothing:
    callers must not match it.
    """
    text = text.replace("\u2019", "'")
    if text.isascii():
        return " ".join(text.casefold().split())
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        if char.isascii():
            kept.append(char)
        elif unicodedata.combining(char) and (not kept or kept[-1] < _LAST_ACCENTED_ALPHABET):
            continue  # an accent, cedilla, tonos... that NFKD split off a Latin, Greek or Cyrillic letter
        elif char.isspace():
            kept.append(" ")
        elif unicodedata.category(char)[0] in "LMN":
            kept.append(char)
    return " ".join(unicodedata.normalize("NFC", "".join(kept)).split())


def free_title(title: str, taken: Iterable[str], *, max_length: int = 200) -> str:
    """``title``, or ``title (2)``, ``title (3)``… the first that reads as none of ``taken`` (how an import
    and the upgrade name a later namesake)."""
    used = {normalise(other) for other in taken}
    if not normalise(title) or normalise(title) not in used:
        return title
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = title[: max_length - len(suffix)].rstrip() + suffix
        if normalise(candidate) not in used:
            return candidate
        number += 1


def namesakes(titles: Iterable[str]) -> Iterator[tuple[int, str, str]]:
    """Each title of ``titles`` that reads as an earlier one: (its index, itself, the earlier title). Two
    proposals of a vote typed in a form or read from a file are checked by this one rule."""
    seen: dict[str, str] = {}
    for index, title in enumerate(titles):
        read = normalise(title) or title
        if read in seen:
            yield index, title, seen[read]
        else:
            seen[read] = title


def same_title(
    items: models.QuerySet[Any], title: str, exclude_pk: int | None = None, *, field: str = "title"
) -> str | None:
    """The title (or other ``field``) among ``items`` (a queryset: the title's scope) that reads as ``title``
    (case, accents and spaces aside, ``jalon.names.normalise``), if any. A title of signs only is nobody's
    namesake."""
    wanted = normalise(title)
    if not wanted:
        return None
    titles = items.exclude(pk=exclude_pk).values_list(field, flat=True)
    return next((other for other in titles if normalise(other) == wanted), None)


def refuse_namesake(others: models.QuerySet[Any], title: str, message: Any, *, field: str = "title") -> None:
    """A ``ValidationError`` on ``field`` naming the one of ``others`` that reads as ``title``, if any
    (``message`` names it by ``{title}``, or by the field's own name: ``{name}``)."""
    taken = same_title(others, title, field=field)
    if taken is not None:
        raise ValidationError({field: str(message).format(**{field: taken})}, code=f"duplicate_{field}")
