"""Keys (the short names in addresses and files) are made from titles: nobody has to type one.

``Lancer l'été !`` -> ``lancer-lete``; a second one in the same scope -> ``lancer-lete-2``; a title with no
letter or digit to keep (``🚀🚀``, ``!!!``, ``王伟``) -> the kind's initial and a number, in no language
(``r-1``, ``o-1``, ``a-1``…). A key is never one of the words that addresses use beside keys (``new``,
``edit``, ``delete``…): ``activities/new/`` must stay the page that adds an activity.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator
from typing import Any

from django.utils.text import slugify

from jalon.bounds import RESERVED_KEYS  # the models refuse these too

__all__ = ["KEY_MAX_LENGTH", "KEY_PATTERN", "RESERVED_KEYS", "base_key", "derive_key", "free_key"]

KEY_MAX_LENGTH = 60
_BASE_MAX_LENGTH = 50  # room for a "-123" suffix
# The ``pattern`` of a key input: valid with the ``v`` flag that browsers use (``-`` escaped in a class).
KEY_PATTERN = r"[a-zA-Z0-9][a-zA-Z0-9\-]*"  # capitals are lowered (``jalon.fields.KeyField``)


# What separates two words as a hyphen does, though ``slugify`` drops it and glues them: any dash
# (``2027–2029``) and a slash (``2027/2028``).
_SEPARATORS = re.compile(r"[\u2010-\u2015\u2212/\\]")


def _stem(title: str) -> str:
    """Lower-case ASCII words of ``title`` joined by ``-`` (an underscore, which ``slugify`` keeps, is a
    hyphen too: a jalon/1 file's keys have none; a dash or a slash between words too); "" when nothing is
    left (emoji, signs, another script)."""
    return re.sub(r"[-_]+", "-", slugify(_SEPARATORS.sub(" ", title)))[:_BASE_MAX_LENGTH].strip("-")


def _initial(fallback: str) -> str:
    """The letter a key made from nothing starts with: the kind's initial (``roadmap`` -> ``r``)."""
    return (slugify(fallback)[:1] or "x").lower()


def base_key(title: str, fallback: str) -> str:
    """The key ``title`` would get if it were free. A title with nothing to keep gets a key in no language,
    the kind's initial and a number (``🚀🚀`` -> ``r-1`` for a roadmap): a word such as ``roadmap`` would be
    English in a French person's address."""
    return _stem(title) or f"{_initial(fallback)}-1"


def _candidates(title: str, fallback: str) -> Iterator[str]:
    """The keys ``title`` may get, in order: ``launch``, ``launch-2``…, or ``r-1``, ``r-2``… from nothing."""
    stem = _stem(title)
    if stem:
        yield stem
    for n in itertools.count(2 if stem else 1):
        yield f"{stem or _initial(fallback)}-{n}"


def derive_key(title: str, taken: Collection[str], *, fallback: str = "item") -> str:
    """A key made from ``title`` that is neither in ``taken`` nor reserved: ``launch``, ``launch-2``…;
    ``fallback`` names the kind (its initial starts a key made from a title with nothing to keep)."""
    return next(key for key in _candidates(title, fallback) if key not in taken and key not in RESERVED_KEYS)


def free_key(items: Any, title: str, *, fallback: str = "item", field: str = "key") -> str:
    """``derive_key`` against the keys already used in ``items`` (a queryset: the key's scope)."""
    prefix = _stem(title) or f"{_initial(fallback)}-"
    taken = set(items.filter(**{f"{field}__startswith": prefix}).values_list(field, flat=True))
    return derive_key(title, taken, fallback=fallback)
