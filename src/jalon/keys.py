"""Keys (the short names in addresses and files) are made from titles: nobody has to type one.

``Lancer l'été !`` -> ``lancer-lete``; a second one in the same scope -> ``lancer-lete-2``. A key is never
one of the words that addresses use beside keys (``new``, ``edit``, ``delete``…): ``activities/new/``
must stay the page that adds an activity.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from django.utils.text import slugify

from jalon.bounds import RESERVED_KEYS  # the models refuse these too

__all__ = ["KEY_MAX_LENGTH", "KEY_PATTERN", "RESERVED_KEYS", "base_key", "derive_key", "free_key"]

KEY_MAX_LENGTH = 60
_BASE_MAX_LENGTH = 50  # room for a "-123" suffix
# The ``pattern`` of a key input: valid with the ``v`` flag that browsers use (``-`` escaped in a class).
KEY_PATTERN = r"[a-zA-Z0-9][a-zA-Z0-9\-]*"  # capitals are lowered (``jalon.fields.KeyField``)


def base_key(title: str, fallback: str) -> str:
    """The key ``title`` would get if it were free: lower-case ASCII words joined by ``-`` (an underscore,
    which ``slugify`` keeps, is a hyphen too: a jalon/1 file's keys have none)."""
    base = re.sub(r"[-_]+", "-", slugify(title))[:_BASE_MAX_LENGTH].strip("-")
    return base or fallback


def derive_key(title: str, taken: Collection[str], *, fallback: str = "item") -> str:
    """A key made from ``title`` that is neither in ``taken`` nor reserved: ``launch``, ``launch-2``…"""
    base = base_key(title, fallback)
    key, n = base, 1
    while key in taken or key in RESERVED_KEYS:
        n += 1
        key = f"{base}-{n}"
    return key


def free_key(items: Any, title: str, *, fallback: str = "item", field: str = "key") -> str:
    """``derive_key`` against the keys already used in ``items`` (a queryset: the key's scope)."""
    base = base_key(title, fallback)
    taken = set(items.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    return derive_key(title, taken, fallback=fallback)
