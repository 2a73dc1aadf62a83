"""The Cloud Kicks demo's quarterly review: the plan's first quarter (its first three months), reviewed by
Yasmin once it is over, with the decisions a marketing director takes then.

A review freezes the roadmap as it stood on the day it was held (``take_snapshot``): KPI values and odds
are read from the measurements up to that day, but statuses, dates and amounts are the roadmap's own, those
of the day the demo is loaded on. So the review is held on a day whose roadmap the demo's data is: not
before the written "today" moved as the dated work moves (``Shift.work(AS_WRITTEN)``: from it to the load day
nothing of the plan starts, ends or falls due, see ``jalon.demo.dates``), and not before the quarter's last
measurements (its last day, moved as the calendar moves): the first working day after both, at most the load
day. Loaded on ``AS_WRITTEN`` that is the load day itself, a Monday after the quarter ended on a Saturday.

Its words are written in English and translated like the product's, then stored in the roadmap's language
(the demo's is French), as a person writes a review in the language of the plan.
"""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from jalon.demo.dates import AS_WRITTEN, DAY, is_working_day, shift_for
from jalon.history import origin
from jalon.planning.models import Review
from jalon.planning.reviews.services import create_review, suggested_title
from jalon.planning.reviews.snapshots import take_snapshot
from jalon.strategy.models import Roadmap

# The last day of the fiscal quarter before AS_WRITTEN (the file's fiscal year starts in February).
QUARTER_END_AS_WRITTEN = date(2026, 10, 31)
REVIEW_KEY = "revue-premier-trimestre"

DECISIONS = _(
    "1. Conversion (3.1 per cent, target 4 per cent): the rate keeps rising but, at this pace, it would end "
    "around 3.5 per cent at the deadline: the odds are low. We keep the target for now and protect the "
    "one-page express checkout, the plan's biggest lever; if the gap remains at the next review, we propose "
    "a revised target to management.\n"
    "2. Cart abandonment (64.5 per cent, target 60 per cent): the abandoned-cart e-mails work; the SMS "
    "reminder pilot waits for the mobile study's recommendations.\n"
    "3. Customer data: in a worse state than expected. The cleaning deals first with the fields the "
    "campaigns use (e-mail, consent, preferred channel); the data architecture is documented once the base "
    "is clean.\n"
    "4. Preference centre: the mock-ups were approved a week late. Léo follows the CRM integration every "
    "week; if it slips, a simple version (form and daily export to the CRM) goes live first.\n"
    "5. Live chat: dropped; evening and weekend support would cost more than it brings."
)
NOTES = _(
    "The plan's first three months are on track: the customer journey audit, the customer interviews, the "
    "data inventory and the preference centre's design are done, and every measured objective has "
    "progressed. The anniversary campaign went slightly over its budget. To prepare for the next review: the "
    "clean customer base, the preference centre's integration and the mobile channel recommendation for "
    "the half-yearly presentation to management."
)


def review_day(today: date) -> date:
    """The day the demo loaded on ``today`` holds its review on (see the module's docstring)."""
    shift = shift_for(today)
    day = max(shift.work(AS_WRITTEN), shift.calendar(QUARTER_END_AS_WRITTEN) + DAY)
    while not is_working_day(day) and day < today:
        day += DAY
    return min(day, today)


@origin.acting(origin.Origin.DEMO)
def load_demo_review(roadmap: Roadmap, *, today: date) -> Review:
    """Hold the demo roadmap's review of its first quarter, as the operator, through the reviews' service:
    a snapshot of the roadmap as of the review's day, the title the review page suggests for that day."""
    held_on = review_day(today)
    with translation.override(roadmap.language):
        return create_review(
            actor=None, roadmap=roadmap, key=REVIEW_KEY, title=suggested_title(roadmap, held_on),
            held_on=held_on, decisions=str(DECISIONS), notes=str(NOTES),
            # Given, so that a demo loaded for a day to come (``--today``) holds it too: that day's past.
            snapshot=take_snapshot(roadmap, as_of=held_on),
        )  # fmt: skip
