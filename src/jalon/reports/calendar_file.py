"""Milestones, activities and the framing's workshops (held or to come, not the cancelled ones) as an
iCalendar file (RFC 5545) that any calendar imports.

Every event is a whole-day event (``VALUE=DATE``: no time, so no time zone; DTEND is the day after the last,
as the standard asks, across a change of summer time too) with a stable UID built from the workspace, the
roadmap and the item's key (``activity-KEY@WORKSPACE.ROADMAP.jalon``; ``workshop-KEY@…``, a workshop's key
being the roadmap file's: its kind, then ``kind-2``…; as the animation plan's calendar names its events):
importing the file again updates the events instead of doubling them, and two workspaces'
roadmaps of the same name, imported into one agenda, keep their events apart (RFC 5545 wants a UID unique
the world over).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from jalon import __version__
from jalon.clock import start_of_day
from jalon.formatting import labelled
from jalon.reports.framing_model import WorkshopRow
from jalon.reports.model import Report


def report_ics(report: Report) -> bytes:
    with translation.override(report.options.language):
        calendar = Calendar()
        calendar.add("prodid", f"-//Jalon//Jalon {__version__}//{report.options.language.upper()}")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", report.title)
        stamp = start_of_day(report.generated_on)
        domain = f"{report.workspace_slug}.{report.slug}.jalon"
        for milestone in report.milestones:
            event = Event()
            event.add("uid", f"milestone-{milestone.key}@{domain}")
            event.add("dtstamp", stamp)
            event.add("summary", _("Milestone: {title}").format(title=milestone.title))
            event.add("dtstart", milestone.date)
            event.add("dtend", milestone.date + timedelta(days=1))
            event.add("categories", [_("Milestone")])
            calendar.add_component(event)
        for activity in report.activities:
            if activity.start is None or activity.end is None or activity.status == "dropped":
                continue
            event = Event()
            event.add("uid", f"activity-{activity.key}@{domain}")
            event.add("dtstamp", stamp)
            event.add("summary", activity.title)
            event.add("dtstart", activity.start)
            event.add("dtend", activity.end + timedelta(days=1))
            details = [labelled(_("Status"), activity.status_label)]
            if activity.theme:
                details.append(_("Thematic group: {theme}").format(theme=activity.theme))
            if activity.owner:
                details.append(_("Owner: {owner}").format(owner=activity.owner))
            event.add("description", "\n".join([*details, activity.description]).strip())
            event.add("categories", [activity.theme or _("Activity")])
            calendar.add_component(event)
        for workshop in report.framing.workshops if report.framing is not None else ():
            if workshop.day is not None and not workshop.cancelled:
                calendar.add_component(_workshop_event(workshop, domain, stamp))
        return bytes(calendar.to_ical())


def _workshop_event(workshop: WorkshopRow, domain: str, stamp: datetime) -> Event:
    """A framing workshop, held or to come, as a whole-day event named by its key in the roadmap file."""
    event = Event()
    event.add("uid", f"workshop-{workshop.key}@{domain}")
    event.add("dtstamp", stamp)
    event.add("summary", _("Workshop: {workshop}").format(workshop=capfirst(workshop.kind)))
    event.add("dtstart", workshop.day)
    event.add("dtend", (workshop.day or date.min) + timedelta(days=1))
    if workshop.place:
        event.add("location", workshop.place)
    details = [labelled(_("Status"), workshop.status)]
    if workshop.deliverable:
        details.append(labelled(_("Deliverable"), workshop.deliverable))
    if workshop.participants:
        details.append(labelled(_("Participants"), workshop.participants))
    event.add("description", "\n".join(details))
    event.add("categories", [_("Framing workshops")])
    return event
