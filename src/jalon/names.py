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


def title_key(text: str) -> str:
    """What two titles are compared by: ``normalise``, or, for a title of signs only (``€``, ``—``, which
    normalises to nothing), its own text with case and spaces aside. ``€`` and ``€`` are then namesakes, as
    the database's unique constraints on titles see them (``Lower(Trim(title))``), but ``€`` and ``$`` are
    not. A key of signs can never be a key of words: ``normalise`` drops the signs it keeps."""
    return normalise(text) or " ".join(text.casefold().split())


def free_title(title: str, taken: Iterable[str], *, max_length: int = 200) -> str:
    """``title``, or ``title (2)``, ``title (3)``… the first that reads as none of ``taken`` (how an import
    and the upgrade name a later namesake)."""
    used = {title_key(other) for other in taken}
    if not title_key(title) or title_key(title) not in used:
        return title
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = title[: max_length - len(suffix)].rstrip() + suffix
        if title_key(candidate) not in used:
            return candidate
        number += 1


def distinct_titles(titles: Iterable[str]) -> list[str]:
    """``titles`` in their order, each later namesake of an earlier one as ``free_title`` names it
    (``… (2)``): how an import names the namesakes an older file may hold."""
    kept: list[str] = []
    for title in titles:
        kept.append(free_title(title, kept))
    return kept


def numbered_namesakes(rows: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """For rows (id, title) of one scope, oldest first: each later namesake's id and its new title,
    ``… (2)``, ``… (3)`` (``free_title``), the first keeping its own. How an upgrade that adds a unique
    constraint on titles makes the rows already saved fit it, instead of failing on them."""
    rows = list(rows)
    seen: list[str] = []
    for pk, title in rows:
        if title_key(title) and title_key(title) in {title_key(other) for other in seen}:
            title = free_title(title, [*seen, *(other for _pk, other in rows)])
            yield pk, title
        seen.append(title)


def number_namesakes(
    model: type[models.Model], *, field: str, scope: str, blank_from: str | None = None
) -> None:
    """Rename the later namesakes among ``model``'s rows of each ``scope`` (``numbered_namesakes``): the
    step an upgrade takes before adding a unique constraint on ``field`` (``model`` may be a migration's
    historical model). With ``blank_from``, a blank or spaces-only ``field`` (which no check calls anyone's
    namesake, but ``Lower(Trim(...))`` reads as every other blank) first takes that field's value (a
    roadmap's slug), then is numbered like any title."""
    by_scope: dict[Any, list[tuple[int, str]]] = {}
    renamed: dict[int, str] = {}
    rows = model._default_manager.order_by("pk").values_list("pk", scope, field, blank_from or field)
    for pk, owner, title, fallback in rows:
        if blank_from is not None and not title.split() and fallback.strip():
            title = renamed[pk] = fallback.strip()
        by_scope.setdefault(owner, []).append((pk, title))
    for titles in by_scope.values():
        renamed.update(numbered_namesakes(titles))
    for pk, title in renamed.items():
        model._default_manager.filter(pk=pk).update(**{field: title})


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
    (case, accents and spaces aside, ``title_key``), if any. A title of signs only reads only as the same
    signs; an empty title as nothing."""
    wanted = title_key(title)
    if not wanted:
        return None
    titles = items.exclude(pk=exclude_pk).values_list(field, flat=True)
    return next((other for other in titles if title_key(other) == wanted), None)


def refuse_namesake(others: models.QuerySet[Any], title: str, message: Any, *, field: str = "title") -> None:
    """A ``ValidationError`` on ``field`` naming the one of ``others`` that reads as ``title``, if any
    (``message`` names it by ``{title}``, or by the field's own name: ``{name}``)."""
    taken = same_title(others, title, field=field)
    if taken is not None:
        raise ValidationError({field: str(message).format(**{field: taken})}, code=f"duplicate_{field}")
