"""What awaits a member on a workspace's roadmaps (a vote to cast…), shown on the workspace page and on each
roadmap's page.

Tenancy knows no feature: the apps above it register a reader here from their ``AppConfig.ready`` with
``register`` (a dotted path, imported on first use), as the jobs queue's kinds are registered. A reader takes
the member and the roadmaps' ids and returns what awaits that member there, in a fixed number of queries
whatever the number of roadmaps; its words are in the active language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.module_loading import import_string

from jalon.accounts.models import User


@dataclass(frozen=True)
class Awaiting:
    """One thing a member is asked to do: the sentence saying it, the link's words and address, and on which
    roadmap (its id and title)."""

    roadmap_id: int
    roadmap_title: str
    text: str
    action: str
    url: str


Reader = Callable[[User, Sequence[int]], list[Awaiting]]

_readers: list[str] = []


def register(path: str) -> None:
    """Say where things awaiting a member are read (a dotted path to a ``Reader``)."""
    if path not in _readers:
        _readers.append(path)


def unregister(path: str) -> None:
    if path in _readers:
        _readers.remove(path)


def awaiting(user: User, roadmap_ids: Sequence[int]) -> list[Awaiting]:
    """Everything awaiting ``user`` on these roadmaps, in the readers' order (none without roadmaps)."""
    if not roadmap_ids or not user.is_authenticated:
        return []
    readers: list[Reader] = [import_string(path) for path in _readers]
    return [item for read in readers for item in read(user, roadmap_ids)]
