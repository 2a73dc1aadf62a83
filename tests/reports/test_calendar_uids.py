"""The roadmap's calendar file read with icalendar as an agenda imports it: its events' UIDs name the
workspace too (RFC 5545 wants a UID unique the world over), so that two clients' roadmaps of the same name,
imported into one consultant's agenda, do not overwrite each other's events; and they stay the same from one
export to the next, so that importing the file again updates the events instead of doubling them."""

from __future__ import annotations

from icalendar import Calendar

from jalon.documents.services import copy_roadmap
from jalon.reports.options import ReportOptions
from jalon.reports.services import render_report
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Membership, Workspace


def _events(roadmap: Roadmap, language: str = "fr") -> dict[str, str]:
    """Each event's UID and its description, as the file gives them."""
    options = ReportOptions(sections=(), language=language)
    made = render_report(actor=None, roadmap=roadmap, fmt="ics", options=options)
    events = Calendar.from_ical(made.content).walk("VEVENT")
    return {str(event["UID"]): str(event.get("DESCRIPTION", "")) for event in events}


def test_two_workspaces_roadmaps_of_the_same_name_share_no_event_uid(demo, members) -> None:
    acme = Workspace.objects.create(slug="acme-ltd", name="Acme Ltd")
    Membership.objects.create(workspace=acme, user=members["owner"], role="owner")
    copied = copy_roadmap(actor=members["owner"], roadmap=demo.roadmap, title="Cloud Kicks 2027", into=acme)
    Roadmap.objects.filter(pk=copied.pk).update(slug=demo.roadmap.slug)  # the same name in both workspaces
    copied.refresh_from_db()
    ours, theirs = _events(demo.roadmap), _events(copied)
    assert len(ours) == len(theirs) > 10  # the same plan: as many events
    assert not set(ours) & set(theirs)
    assert all(uid.endswith("@cloud-kicks.cloud-kicks.jalon") for uid in ours)
    assert all(uid.endswith("@acme-ltd.cloud-kicks.jalon") for uid in theirs)


def test_an_event_keeps_its_uid_from_one_export_to_the_next(demo) -> None:
    first = _events(demo.roadmap)
    activity = demo.roadmap.activities.exclude(status="dropped").filter(start__isnull=False).first()
    activity.title = "Audit du parcours d’achat, revu"
    activity.save()
    again = _events(demo.roadmap, language="en")
    assert set(first) == set(again)
    assert f"activity-{activity.key}@cloud-kicks.cloud-kicks.jalon" in again


def test_an_activitys_status_is_labelled_in_its_event_description(demo) -> None:
    done = demo.roadmap.activities.filter(status="done", start__isnull=False).first()
    uid = f"activity-{done.key}@cloud-kicks.cloud-kicks.jalon"
    assert _events(demo.roadmap, "fr")[uid].startswith("Statut\u00a0: terminée\n")
    assert _events(demo.roadmap, "en")[uid].startswith("Status: done\n")


def test_the_framing_workshops_are_events_named_by_their_key_and_the_workspace(demo, framed) -> None:
    from datetime import timedelta

    from jalon.framing.models import Workshop

    moved = framed.workshops.get(kind="restitution")
    Workshop.objects.filter(pk=moved.pk).update(status="cancelled")  # a cancelled one is left out
    framed.workshops.get(kind="prototypes").delete()
    Workshop.objects.create(framing=framed, kind="personas", position=9, day=moved.day, status="planned")
    options = ReportOptions(sections=(), language="en")
    made = render_report(actor=None, roadmap=demo.roadmap, fmt="ics", options=options)
    events = {str(e["UID"]): e for e in Calendar.from_ical(made.content).walk("VEVENT")}
    workshops = {uid: e for uid, e in events.items() if uid.startswith("workshop-")}
    domain = "@cloud-kicks.cloud-kicks.jalon"
    assert sorted(workshops) == sorted(
        f"workshop-{key}{domain}" for key in ("kickoff", "personas", "journeys", "plan", "personas-2")
    )
    kickoff = framed.workshops.get(kind="kickoff")
    event = workshops[f"workshop-kickoff{domain}"]
    assert str(event["SUMMARY"]) == "Workshop: Kick-off"
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        kickoff.day,
        kickoff.day + timedelta(days=1),
    )
    assert str(event["LOCATION"]) == "Siège, salle Oxford"
    assert str(event["DESCRIPTION"]).startswith("Status: held\nDeliverable: Note de cadrage\nParticipants: ")
    assert "Status: planned" in str(workshops[f"workshop-personas-2{domain}"]["DESCRIPTION"])
    again = Calendar.from_ical(
        render_report(actor=None, roadmap=demo.roadmap, fmt="ics", options=options).content
    )
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(
        events
    )  # the same UIDs from one export to the next
