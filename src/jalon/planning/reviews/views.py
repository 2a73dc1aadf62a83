"""Quarterly reviews: the list, holding a review (a frozen snapshot), and a review's page with its decisions,
its snapshot and what changed since the previous review (and, for the latest, since the review itself)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from jalon.accounts.auth import current_user
from jalon.formatting import format_quantity
from jalon.forms import submit
from jalon.keys import free_key
from jalon.planning import queries, services
from jalon.planning.models import Review, Status, is_late
from jalon.planning.registers.budget import maintenance_sentence
from jalon.planning.reviews import services as review_services
from jalon.planning.reviews import snapshots as reviews
from jalon.planning.reviews.forms import NewReviewForm, ReviewForm
from jalon.strategy.kpis.presenting import percent
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import delete_from_page, edit_page, roadmap_page, save_from_page
from jalon.workspaces.permissions import require

SECTION_TITLES = {
    "objectives": gettext_lazy("Objectives"),
    "kpis": gettext_lazy("KPIs"),
    "activities": gettext_lazy("Activities"),
    "budget": gettext_lazy("Budget by thematic group"),
    "milestones": gettext_lazy("Milestones"),
}
FIELD_LABELS = {
    "title": gettext_lazy("title"),
    "name": gettext_lazy("name"),
    "target": gettext_lazy("target"),
    "deadline": gettext_lazy("deadline"),
    "value": gettext_lazy("latest value"),
    "odds": gettext_lazy("odds of reaching the target"),
    "theme": gettext_lazy("thematic group"),
    "status": gettext_lazy("status"),
    "start": gettext_lazy("start"),
    "end": gettext_lazy("end"),
    "cost": gettext_lazy("cost"),
    "spent": gettext_lazy("spent"),
    "planned": pgettext_lazy("budget", "planned"),
    "committed": pgettext_lazy("budget", "committed"),
    "over_budget": gettext_lazy("over budget"),
    "date": gettext_lazy("date"),
    "reached_on": gettext_lazy("reached on"),
    "missed": gettext_lazy("missed"),
}
DATES = frozenset({"deadline", "start", "end", "date", "reached_on", "measured_on"})
MONEY = frozenset({"cost", "spent", "planned", "committed"})
FLAGS = frozenset({"over_budget", "missed"})
MEASURED = frozenset({"target", "value", "baseline"})


# Showing snapshot values ---------------------------------------------------------------------------


def _day(value: str | None) -> str:
    return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT") if value else "—"


def show(name: str, value: Any, *, item: Mapping[str, Any], currency: str) -> str:
    """One snapshot value as the reader reads it: dates and amounts in their locale, statuses in words."""
    if name in FLAGS:
        return _("yes") if value else _("no")
    if value is None or value == "":
        return "—"
    if name in DATES:
        return _day(value)
    if name in MONEY:
        return format_quantity(value, currency)
    if name == "odds":
        return percent(value)
    if name in MEASURED:
        return format_quantity(value, str(item.get("unit") or ""))
    if name == "status":
        return str(Status(value).label) if value in Status.values else str(value)
    return str(value)


def band_target(kpi: Mapping[str, Any], currency: str) -> dict[str, str]:
    """A band KPI's target as the band it must stay in (its snapshot has no single target); an objective
    measured by a band KPI has that band as its target."""
    low, high = kpi.get("target_low"), kpi.get("target_high")
    if kpi.get("target") is not None or low is None or high is None:
        return {}
    shown = {
        end: show("target", value, item=kpi, currency=currency)
        for end, value in (("low", low), ("high", high))
    }
    return {"target": _("between {low} and {high}").format(**shown)}


def item_label(section: str, key: str, label: str) -> str:
    if section == "budget" and key == reviews.TOTAL_KEY:
        return _("Total")
    if section == "budget" and key == reviews.UNTHEMED_KEY:
        return _("Outside any thematic group")
    return label


@dataclass(frozen=True)
class ChangeLine:
    kind: str
    kind_label: str
    label: str
    fields: list[tuple[str, str, str]]  # field label, before, after


@dataclass(frozen=True)
class ChangeSection:
    key: str
    title: str
    lines: list[ChangeLine]


KIND_LABELS = {
    "added": gettext_lazy("added"),
    "removed": gettext_lazy("removed"),
    "changed": gettext_lazy("changed"),
}


BAND_ENDS = frozenset({"target_low", "target_high"})


def target_text(item: Mapping[str, Any], currency: str) -> str:
    """An objective's or a KPI's target as the snapshot table writes it: one value, or the band to stay in."""
    band = band_target(item, currency)
    return band["target"] if band else show("target", item.get("target"), item=item, currency=currency)


def _field_changes(change: reviews.ItemChange, currency: str) -> list[tuple[str, str, str]]:
    """Each changed field with its before (in the item's unit then) and its after (in its unit now); a
    target and a band's ends make one *target* line."""
    item, previous = change.item or {}, change.previous or change.item or {}
    fields: list[tuple[str, str, str]] = []
    target_listed = False
    for f in change.fields:
        if f.field == "target" or f.field in BAND_ENDS:
            if not target_listed:
                target_listed = True
                label = str(FIELD_LABELS["target"])
                fields.append((label, target_text(previous, currency), target_text(item, currency)))
            continue
        before = show(f.field, f.before, item=previous, currency=currency)
        after = show(f.field, f.after, item=item, currency=currency)
        fields.append((str(FIELD_LABELS.get(f.field, f.field)), before, after))
    return fields


def change_sections(changes: list[reviews.ItemChange], *, currency: str) -> list[ChangeSection]:
    """The diff in words: "Activity Brief — status: planned → done", grouped by part of the roadmap."""
    sections = []
    for section, items in reviews.by_section(changes).items():
        lines = []
        for change in items:
            fields = _field_changes(change, currency)
            # Odds of 0.8 % and 1.2 % both read "1 %": a change the reader cannot see is not listed.
            fields = [(name, before, after) for name, before, after in fields if before != after]
            if change.kind == "changed" and not fields:
                continue
            label = item_label(section, change.key, change.label)
            lines.append(ChangeLine(change.kind, str(KIND_LABELS[change.kind]), label, fields))
        if lines:
            sections.append(ChangeSection(section, str(SECTION_TITLES[section]), lines))
    return sections


@dataclass
class SnapshotView:
    """A review's snapshot, ready for the page."""

    as_of: str
    objectives: list[dict[str, str]] = field(default_factory=list)
    kpis: list[dict[str, str]] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[tuple[str, int]] = field(default_factory=list)
    budget: list[dict[str, Any]] = field(default_factory=list)
    maintenance_share: str = ""  # the sentence: its share, or that there is none
    milestones: list[dict[str, Any]] = field(default_factory=list)
    late: int = 0  # activities late on the day of the snapshot (``is_late``)

    @property
    def missed(self) -> int:
        return sum(1 for m in self.milestones if m["missed"])


def _late_on(activity: Mapping[str, Any], as_of: str | None) -> bool:
    """Whether a snapshot's activity was late on the snapshot's day (read from its status and end, so
    snapshots taken before the rule existed show it too)."""
    end = activity.get("end")
    return bool(as_of) and is_late(activity["status"], date.fromisoformat(end) if end else None,
                                   date.fromisoformat(str(as_of)))  # fmt: skip


def snapshot_view(snapshot: Mapping[str, Any]) -> SnapshotView:
    currency = str(snapshot.get("currency") or "EUR")

    def shown(item: Mapping[str, Any], *names: str) -> dict[str, str]:
        return {name: show(name, item.get(name), item=item, currency=currency) for name in names}

    view = SnapshotView(as_of=_day(snapshot.get("as_of")))
    view.objectives = [
        {
            **shown(o, "target", "deadline", "value", "measured_on", "odds"),
            "title": o["title"],
            **band_target(o, currency),
        }
        for o in snapshot.get("objectives", [])
    ]
    view.kpis = [
        {**shown(k, "target", "value", "measured_on", "odds"), "name": k["name"], **band_target(k, currency)}
        for k in snapshot.get("kpis", [])
    ]
    activities = snapshot.get("activities", [])
    as_of = snapshot.get("as_of")
    view.activities = [
        {**shown(a, "status", "start", "end", "cost", "spent"), "title": a["title"], "theme": a["theme"],
         "late": _late_on(a, as_of)}
        for a in activities
    ]  # fmt: skip
    view.late = sum(1 for a in view.activities if a["late"])
    counts = {status: 0 for status in Status.values}
    for a in activities:
        counts[a["status"]] = counts.get(a["status"], 0) + 1
    view.statuses = [(str(Status(s).label), n) for s, n in counts.items() if n and s in Status.values]
    budget = snapshot.get("budget") or {}
    lines = [*budget.get("themes", [])]
    if budget:
        lines.append({"key": reviews.TOTAL_KEY, "name": "", **budget})
    view.budget = [
        {
            **shown(line, "planned", "committed", "spent"),
            "name": item_label("budget", line["key"], line.get("name", "")),
            "over": bool(line.get("over_budget")),
            "total": line["key"] == reviews.TOTAL_KEY,
        }
        for line in lines
    ]
    if budget:
        view.maintenance_share = maintenance_sentence(
            float(budget.get("maintenance_share") or 0),
            has_maintenance=any(line.get("maintenance") for line in budget.get("themes", [])),
        )
    view.milestones = [
        {**shown(m, "date", "reached_on"), "title": m["title"], "missed": bool(m.get("missed"))}
        for m in snapshot.get("milestones", [])
    ]
    return view


# Pages --------------------------------------------------------------------------------------------


def _review(roadmap: Roadmap, key: str) -> Review:
    return queries.item_for(roadmap.reviews.select_related("created_by"), roadmap, key)


@login_required
def reviews_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Every review of the roadmap; POST holds a new one."""
    found, context = roadmap_page(request, workspace, roadmap)
    today = timezone.localdate()
    form = NewReviewForm(initial={"title": review_services.suggested_title(found, today), "held_on": today})
    status = 200
    if request.method == "POST":
        user = current_user(request)
        require(user, "edit", found)
        submission = submit(
            NewReviewForm(request.POST),
            lambda f: review_services.create_review(
                actor=user, roadmap=found, **f.cleaned_data,
                key=free_key(found.reviews, f.cleaned_data["title"], fallback="review"),
            ),
        )  # fmt: skip
        if submission.saved:
            review = submission.result
            messages.success(request, _("Review held: the roadmap is frozen as of {date}.").format(
                date=date_format(review.held_on, "SHORT_DATE_FORMAT")))  # fmt: skip
            return redirect("review", workspace=workspace, roadmap=roadmap, key=review.key)
        form, status = submission.form, submission.status
    listed = list(found.reviews.defer("snapshot").order_by("-held_on", "-pk"))
    context |= {"reviews": listed, "form": form}
    return render(request, "planning/reviews.html", context, status=status)


def _review_page(
    request: HttpRequest,
    roadmap: Roadmap,
    context: dict[str, Any],
    review: Review,
    *,
    form: ReviewForm | None = None,
    conflict: Any = None,
    delete_refused: bool = False,
    status: int = 200,
) -> HttpResponse:
    currency = roadmap.currency
    previous = review_services.previous_review(review)
    since_previous = None
    if previous is not None:
        since_previous = change_sections(reviews.diff(previous.snapshot, review.snapshot), currency=currency)
    since_review = None
    if review_services.is_latest(review):
        live = reviews.take_snapshot(roadmap, as_of=timezone.localdate())
        since_review = change_sections(reviews.diff(review.snapshot, live), currency=currency)
    return render(
        request,
        "planning/review.html",
        {
            **context,
            "review": review,
            "snapshot": snapshot_view(review.snapshot),
            # The date was changed after the review was recorded: the figures stay those of the day taken.
            "figures_elsewhen": review.snapshot.get("as_of") not in (None, review.held_on.isoformat()),
            "previous": previous,
            "since_previous": since_previous,
            "since_review": since_review,
            "form": form or ReviewForm(instance=review, initial={"version": review.version}),
            "conflict": conflict,
            "delete_refused": delete_refused,
        },
        status=status,
    )


@login_required
def review_page(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """A review: decisions and notes (POST saves them), the frozen snapshot and what changed."""
    found, context = roadmap_page(request, workspace, roadmap)
    review = _review(found, key)
    if request.method != "POST":
        return _review_page(request, found, context, review)
    return save_from_page(
        request,
        found,
        ReviewForm(request.POST, instance=_review(found, key)),
        lambda user, f: review_services.update_review(
            actor=user, review=review, expected_version=f.cleaned_data["version"], changes=f.changes()
        ),
        done_url=reverse("review", kwargs={"workspace": workspace, "roadmap": roadmap, "key": key}),
        again=lambda submission: _review_page(
            request, found, context, review, form=submission.form, conflict=submission.conflict,
            status=submission.status,
        ),
    )  # fmt: skip


@login_required
@require_POST
def review_delete(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, context, user = edit_page(request, workspace, roadmap)
    review = _review(found, key)
    return delete_from_page(
        request,
        review.version,
        lambda: services.delete(review, actor=user),
        done=_("Review deleted."),
        done_url=reverse("reviews", kwargs={"workspace": workspace, "roadmap": roadmap}),
        refused=lambda: _review_page(request, found, context, review, delete_refused=True, status=409),
    )


urlpatterns = [
    path("reviews/", reviews_page, name="reviews"),
    path("reviews/<slug:key>/", review_page, name="review"),
    path("reviews/<slug:key>/delete/", review_delete, name="review_delete"),
]
