"""Quarterly reviews' use cases: hold one (freezing a snapshot), edit its words, find its neighbours."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.engines.calendar import FiscalCalendar
from jalon.errors import ValidationFailed
from jalon.history.models import Change
from jalon.names import free_title
from jalon.planning import services as planning
from jalon.planning.models import Review
from jalon.planning.reviews.snapshots import Snapshot, take_snapshot
from jalon.planning.timeline.words import period_label
from jalon.services import save_new
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require_actor


def suggested_title(roadmap: Roadmap, day: date) -> str:
    """ "Review Q2 FY2027": the fiscal quarter a review held on ``day`` looks back on (the one whose end is
    nearest: on 2 April, the first quarter just ended; ``FiscalCalendar.reviewed_quarter``) and its fiscal
    year, as the timeline names them; "Review Q2 FY2027 (2)" when a review of the roadmap is called that
    already (two reviews of a quarter)."""
    fiscal_start = roadmap.fiscal_year_start_month
    reviewed = FiscalCalendar(fiscal_start).reviewed_quarter(day)
    quarter = period_label("quarter", reviewed.start, fiscal_year_start_month=fiscal_start, long=True)
    title = _("Review {quarter}").format(quarter=quarter)
    return free_title(title, roadmap.reviews.values_list("title", flat=True))


def check_held(roadmap: Roadmap, held_on: date, *, from_start: bool = True) -> None:
    """A review is recorded once held, on the roadmap's days: a day to come would freeze today's roadmap
    under a later date, and compare it with the roadmap as if that day had passed (milestones missed that
    are not yet due); a day before the roadmap's start (1900, a slip of the year) would freeze a roadmap that
    had not begun and be named after a quarter it does not cover — unless the roadmap was made before its
    start: a team reviews a plan to come from the day it was made (a first hour's roadmap starts next
    spring). A roadmap file meets the rule too (``documents.roadmap_write``), but for a kept version restored,
    which puts back what the roadmap held (its start may have moved since). ``from_start=False`` (a file)
    keeps "not after today" only: a file carries no day its roadmap was made, and a review before the start
    is what a roadmap made before it exports (refusing it would refuse the roadmap's own file)."""
    today = timezone.localdate()  # read at call time: one place a test moves the day
    if held_on > today:
        raise ValidationFailed({"held_on": [
            _("A review is recorded once it is held: choose today ({today}) or an earlier day.").format(
                today=date_format(today, "SHORT_DATE_FORMAT")
            )
        ]})  # fmt: skip
    if not from_start:
        return
    first = Change.objects.filter(roadmap=roadmap).aggregate(first=Min("at"))["first"] if roadmap.pk else None
    made = timezone.localdate(first) if first else roadmap.start  # the day the change log saw it made
    if held_on < min(roadmap.start, made):
        if roadmap.start <= made:
            said = _(
                "A review looks back on the roadmap, which starts on {start}: choose that day or a later one."
            )
        else:  # a roadmap made before it starts is reviewed from the day it was made
            said = _("A review looks back on the roadmap, made on {start}: choose that day or a later one.")
        day = min(roadmap.start, made)
        raise ValidationFailed({"held_on": [said.format(start=date_format(day, "SHORT_DATE_FORMAT"))]})


def create_review(
    *,
    actor: User | None,
    roadmap: Roadmap,
    key: str,
    title: str,
    held_on: date,
    decisions: str = "",
    notes: str = "",
    snapshot: Snapshot | None = None,
) -> Review:
    """Hold a review: freeze the roadmap as of ``held_on`` and record the decisions, in one transaction.

    ``snapshot`` brings back a review read from a roadmap file: frozen history, restored as it was exported.
    """
    require_actor(actor, "edit", roadmap)
    if snapshot is None:  # a review held now (a roadmap file's reviews come back as they were exported)
        check_held(roadmap, held_on)
    with transaction.atomic():
        if snapshot is None:
            snapshot = take_snapshot(roadmap, as_of=held_on)
        review = Review(
            roadmap=roadmap, key=key, title=title, held_on=held_on, decisions=decisions, notes=notes,
            position=roadmap.reviews.count(), created_by=actor, snapshot=snapshot,
        )  # fmt: skip
        save_new(review, actor=actor)  # validates, saves and records the creation in the history
    return review


def update_review(
    *, actor: User | None, review: Review, expected_version: int, changes: Mapping[str, Any]
) -> Review:
    """Edit the title, date, decisions or notes (never the snapshot) unless someone saved first."""
    if isinstance(changes.get("held_on"), date) and changes["held_on"] != review.held_on:
        check_held(review.roadmap, changes["held_on"])
    return planning.update(review, actor=actor, expected_version=expected_version, changes=changes)


def _neighbours(review: Review) -> tuple[Q, Q]:
    before = Q(held_on__lt=review.held_on) | Q(held_on=review.held_on, pk__lt=review.pk)
    after = Q(held_on__gt=review.held_on) | Q(held_on=review.held_on, pk__gt=review.pk)
    return before, after


def previous_review(review: Review) -> Review | None:
    """The review held just before this one (reviews are ordered by date, then by creation)."""
    before, _after = _neighbours(review)
    return Review.objects.filter(before, roadmap_id=review.roadmap_id).order_by("-held_on", "-pk").first()


def is_latest(review: Review) -> bool:
    _before, after = _neighbours(review)
    return not Review.objects.filter(after, roadmap_id=review.roadmap_id).exists()
