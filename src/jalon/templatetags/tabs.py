"""The roadmap's tabs and the framing's, written once as data: every roadmap page draws them from here, so a
new page is one line and every tab keeps the same markup, address and accessible name."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jalon.templatetags.jalon import is_current_page, nav_link

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


@dataclass(frozen=True)
class Tab:
    route: str
    label: StrOrPromise
    exact: bool = False
    """Current only on its own address, not on the pages under it."""
    also_under: str = ""
    """A route whose neighbours belong to this tab too: the backlog's are the activity's pages."""


@dataclass(frozen=True)
class TabGroup:
    key: str
    label: StrOrPromise
    tabs: tuple[Tab, ...]


ROADMAP_TABS = (
    TabGroup("strategy", _("Strategy"), (
        Tab("roadmap_start", _("Get started")),
        Tab("roadmap", _("Objectives"), exact=True),
        Tab("framing", _("Framing")),
        Tab("strategic_dashboard", _("Strategic dashboard")),
        Tab("executive", _("Executive view")),
    )),
    TabGroup("plan", pgettext_lazy("roadmap tab group", "Plan"), (
        Tab("timeline", _("Operational view")),
        Tab("backlog", _("Backlog"), also_under="activity_new"),
        Tab("milestones", _("Milestones")),
        Tab("budget", _("Budget")),
    )),
    TabGroup("team", pgettext_lazy("roadmap tab group", "Resources"), (
        Tab("people", _("Team")),
        Tab("workload", _("Workload")),
    )),
    TabGroup("follow", _("Follow-up"), (
        Tab("kpis", pgettext_lazy("roadmap tab", "KPIs")),
        Tab("risks", _("Risks")),
        Tab("communications", _("Communication plan")),
        Tab("reviews", _("Quarterly reviews")),
        Tab("documents", _("Documents")),
    )),
    TabGroup("optimise", _("Optimise"), (
        Tab("portfolio", _("Optimise the portfolio")),
        Tab("schedule", _("Plan the schedule")),
    )),
)  # fmt: skip

FRAMING_TABS = (
    Tab("framing", _("Kick-off"), exact=True),
    Tab("framing_personas", _("Personas and lifecycle")),
    Tab("framing_journeys", _("Experience maps")),
    Tab("framing_prototypes", _("Prototypes")),
    Tab("framing_plan", _("Animation plan")),
    Tab("framing_votes", _("Votes")),
)

HISTORY_TABS = (
    Tab("history_journal", _("Change log")),
    Tab("history", _("Versions kept"), exact=True),
)


@register.simple_tag
def history_tabs() -> tuple[Tab, ...]:
    return HISTORY_TABS


@register.simple_tag
def roadmap_tab_groups() -> tuple[TabGroup, ...]:
    return ROADMAP_TABS


@register.simple_tag
def framing_tabs() -> tuple[Tab, ...]:
    return FRAMING_TABS


def _addresses(context: template.Context, tab: Tab) -> tuple[str, str]:
    """The tab's address in the roadmap being shown, and the address whose pages belong to it too."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    workspace, roadmap = context["workspace"].slug, context["roadmap"].slug
    return _tab_addresses(tab.route, tab.also_under, workspace, roadmap, get_script_prefix(), urlconf)


@functools.lru_cache(maxsize=4096)
def _tab_addresses(
    route: str, also_under: str, workspace: str, roadmap: str, prefix: str, urlconf: str
) -> tuple[str, str]:
    """Each page draws some 25 tabs twice (the links, the current one's label): their addresses are reversed
    once per roadmap (a tenth of a small page's time), keyed on all a reversed address depends on."""
    kwargs = {"workspace": workspace, "roadmap": roadmap}
    # The neighbours of ``.../activities/new/`` are the pages under ``.../activities/``.
    also = reverse(also_under, kwargs=kwargs, urlconf=urlconf).rsplit("/", 2)[0] + "/" if also_under else ""
    return reverse(route, kwargs=kwargs, urlconf=urlconf), also


@register.simple_tag(takes_context=True)
def tab_links(context: template.Context, tabs: tuple[Tab, ...]) -> SafeString:
    """One ``<li>`` link a tab, to the pages of the roadmap being shown."""

    def link(tab: Tab) -> str:
        url, also = _addresses(context, tab)
        return nav_link(context, url, str(tab.label), exact=tab.exact, also=also)

    return format_html_join("\n", "{}", ((link(tab),) for tab in tabs))


@register.simple_tag(takes_context=True)
def current_tab(context: template.Context, groups: tuple[TabGroup, ...]) -> str:
    """The label of the tab the page belongs to (the one its link marks ``aria-current``), or "" when none
    does (a version kept, an objective's page): the phone's collapsed menu says it on its button."""
    path = context["request"].path
    for tab in (tab for group in groups for tab in group.tabs):
        url, also = _addresses(context, tab)
        if is_current_page(path, url, exact=tab.exact, also=also):
            return str(tab.label)
    return ""
