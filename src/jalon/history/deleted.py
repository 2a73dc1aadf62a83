"""A save that reaches something deleted meanwhile (in another tab, by someone else) is told so: the item was
deleted, by whom and when when the change log knows, with a link back to its list, instead of a bare "page
not found". One mechanism for every edit, whatever the model: the site's 404 handler
(``jalon.views.page_not_found``) asks :func:`gone_item` about any POST under a roadmap the user may see.

The deleted item is found from the address the form was sent to: its keys (or ids) are the route's
arguments beside the workspace and the roadmap, and ``delete_recorded`` keeps the key of what it deletes
(beside its title or name) in the change log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse

from jalon.history.journal import who
from jalon.history.models import Change
from jalon.history.wording import is_deletion
from jalon.strategy.models import Roadmap

SCOPE = ("workspace", "roadmap")  # the route's arguments that are not the item's


@dataclass(frozen=True)
class Gone:
    """What the page says of an item a save did not find: its last name, who deleted it and when ("" and None
    when the change log does not know), and the address of its list."""

    name: str
    by: str
    at: datetime | None
    back: str

    @property
    def known(self) -> bool:
        return self.at is not None


def gone_item(request: HttpRequest) -> Gone | None:
    """The item a POST under a roadmap did not find, or None (not a POST, not under a roadmap the user may
    see, or nothing but the roadmap in the address: a plain "page not found" then)."""
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    workspace, slug = match.kwargs.get("workspace"), match.kwargs.get("roadmap")
    keys = [str(value) for name, value in match.kwargs.items() if name not in SCOPE]
    if not workspace or not slug or not keys:
        return None
    roadmap = (
        Roadmap.objects.filter(
            workspace__slug=workspace, slug=slug, workspace__memberships__user=request.user
        )
        .select_related("workspace")
        .first()
    )
    if roadmap is None:
        return None
    back = _list_address(request.path_info, keys, roadmap)
    change = _deletion(roadmap, keys)
    if change is None:
        return Gone("", "", None, back)
    return Gone(change.label, who(change), change.at, back)


def _deletion(roadmap: Roadmap, keys: list[str]) -> Change | None:
    """The latest deletion in ``roadmap``'s change log of an item with one of ``keys`` (innermost first).

    The database finds the changes whose key or id went from one of ``keys`` to nothing (a JSON lookup,
    on SQLite and PostgreSQL alike), so a change log of 100,000 rows is never read into Python; an id is
    recorded as a number, so a key of digits is looked for as a number too."""
    named = Q()
    for key in keys:
        for value in [key, int(key)] if key.isdigit() else [key]:
            for field in ("key", "id"):
                named |= Q(**{f"fields__{field}__0": value, f"fields__{field}__1": None})
    found = (
        Change.objects.filter(roadmap=roadmap).filter(named).select_related("actor").order_by("-at", "-pk")
    )
    deletions = [change for change in found if is_deletion(change.fields)]
    for key in reversed(keys):
        for change in deletions:
            named_as = change.fields.get("key") or change.fields.get("id")
            if str(named_as[0]) == key:
                return change
    return None


def _list_address(path: str, keys: list[str], roadmap: Roadmap) -> str:
    """The nearest page above ``path`` that names no item (``…/kpis/`` above ``…/kpis/visits/edit/``), the
    roadmap's page when there is none."""
    base = reverse("roadmap", args=[roadmap.workspace.slug, roadmap.slug])
    parts = path.removeprefix(base).strip("/").split("/")
    first = min((i for i, part in enumerate(parts) if part in keys), default=len(parts))
    for end in range(first, 0, -1):
        candidate = base + "/".join(parts[:end]) + "/"
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        if not set(match.kwargs) - set(SCOPE):
            return candidate
    return base
