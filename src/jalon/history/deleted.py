"""A save that reaches something deleted meanwhile (in another tab, by someone else) is told so: the item was
deleted, by whom and when when the change log knows, with a link back to its list, instead of a bare "page
not found". One mechanism for every edit, whatever the model: the site's 404 handler
(``jalon.views.page_not_found``) asks :func:`gone_item` about any POST under a roadmap the user may see, and
about a page asked for (GET) when the change log names its item as deleted: Back to a deleted item's page,
or a link on a page the browser kept from before the deletion, says so too.

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
# The pages that list a roadmap's items, by route name: the registers, and the pages of an item that list
# its own (a KPI its measurements, an objective its strategies and tactics, an activity its dependencies and
# people, a person their assignments). Addresses that only receive forms (``…/strategies/``,
# ``…/measurements/``) are not pages to go back to.
LIST_PAGES = frozenset({
    "kpis", "kpi", "objective", "backlog", "activity", "budget", "milestones", "risks", "communications",
    "people", "person", "reviews", "portfolio",
})  # fmt: skip
# Collections whose address lists nothing: the list of their items is another page.
LIST_OF_COLLECTION = {"activities": "backlog"}


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
    """The item a POST under a roadmap did not find, or None (not under a roadmap the user may see, or
    nothing but the roadmap in the address: a plain "page not found" then). A page asked for (GET, HEAD)
    is told only of a deletion the change log knows: a mistyped address stays "page not found"."""
    saving = request.method == "POST"
    user = getattr(request, "user", None)  # none on a request no middleware saw (a static file's 404)
    if request.method not in ("POST", "GET", "HEAD") or user is None or not user.is_authenticated:
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
        Roadmap.objects.filter(workspace__slug=workspace, slug=slug, workspace__memberships__user=user)
        .select_related("workspace")
        .first()
    )
    if roadmap is None:
        return None
    change, key = _deletion(roadmap, keys)
    if change is None and not saving:
        return None
    back = _list_address(request.path_info, key, roadmap)
    if change is None:
        return Gone("", "", None, back)
    return Gone(change.label, who(change), change.at, back)


def _deletion(roadmap: Roadmap, keys: list[str]) -> tuple[Change | None, str]:
    """The latest deletion in ``roadmap``'s change log of an item with one of ``keys`` (innermost first),
    with the key it names; (None, the innermost key) when the log names none of them (a measurement, a
    strategy: the innermost item is the one the form saved).

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
                return change, key
    return None, keys[-1]


def _list_address(path: str, key: str, roadmap: Roadmap) -> str:
    """The page that listed the deleted item (the one keyed ``key`` in ``path``): the nearest list page above
    it — an activity's backlog, a milestone's register, a measurement's KPI, a strategy's objective, a
    dependency's activity — the roadmap's page (its SMART table, the objectives' list) when there is none."""
    base = reverse("roadmap", args=[roadmap.workspace.slug, roadmap.slug])
    parts = path.removeprefix(base).strip("/").split("/")
    deleted = parts.index(key) if key in parts else len(parts)
    for end in range(deleted, 0, -1):
        if parts[end - 1] in LIST_OF_COLLECTION:
            return reverse(LIST_OF_COLLECTION[parts[end - 1]], args=[roadmap.workspace.slug, roadmap.slug])
        candidate = base + "/".join(parts[:end]) + "/"
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        if match.url_name in LIST_PAGES:
            return candidate
    return base
