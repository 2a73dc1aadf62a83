"""People move from the roadmap to the workspace (step 2 of 3): every roadmap's people become people of
its workspace, on that roadmap's team, without losing an assignment.

The merge rule (docs/team-and-reviews.md): within a workspace, people typed in several roadmaps with the
same key, or with the same name (ignoring case, accents and spaces), are one person. The merged person is
the one created first: it keeps its key, name and kind; its role is the first non-empty one; its capacity
is the largest of the copies (the same person was typed with their own weekly hours each time); its
absences are all the copies' absences, an absence typed twice (same first and last day) kept once. Every
activity owner and assignment of a copy points at the merged person, who is on the team of every roadmap
a copy was on. Backwards, each person gets a copy per roadmap of its team again.
"""

import unicodedata
from collections import defaultdict

from django.db import migrations


def _identity(name):
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def _groups(people):
    """People of one workspace in sets to merge (same key or same name), each sorted by id."""
    parent = {p.pk: p.pk for p in people}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    first_by = {}
    for person in people:
        for mark in (("key", person.key), ("name", _identity(person.name))):
            if mark[1] == "" and mark[0] == "name":
                continue
            other = first_by.setdefault(mark, person.pk)
            a, b = root(other), root(person.pk)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups = defaultdict(list)
    for person in people:
        groups[root(person.pk)].append(person)
    return [sorted(group, key=lambda p: p.pk) for group in groups.values()]


def _merge(apps, kept, copies):
    Activity = apps.get_model("planning", "Activity")
    Assignment = apps.get_model("planning", "Assignment")
    Absence = apps.get_model("planning", "Absence")
    for copy in copies:
        Activity.objects.filter(owner=copy).update(owner=kept)
        for assignment in Assignment.objects.filter(person=copy):
            twin = Assignment.objects.filter(person=kept, activity_id=assignment.activity_id).first()
            if twin is None:
                assignment.person = kept
                assignment.save(update_fields=["person"])
            else:  # both copies on one activity (not made by Jalon): the larger load stays
                twin.hours_per_week = max(twin.hours_per_week, assignment.hours_per_week)
                twin.save(update_fields=["hours_per_week"])
                assignment.delete()
        Absence.objects.filter(person=copy).update(person=kept)
        kept.role = kept.role or copy.role
        kept.capacity_hours_per_week = max(kept.capacity_hours_per_week, copy.capacity_hours_per_week)
    seen = set()
    for absence in Absence.objects.filter(person=kept).order_by("-note", "id"):
        if (absence.start, absence.end) in seen:
            absence.delete()
        else:
            seen.add((absence.start, absence.end))


def forwards(apps, schema_editor):
    Person = apps.get_model("planning", "Person")
    Staffing = apps.get_model("planning", "Staffing")
    by_workspace = defaultdict(list)
    for person in Person.objects.select_related("roadmap").order_by("id"):
        by_workspace[person.roadmap.workspace_id].append(person)
    for workspace_id, people in by_workspace.items():
        groups = _groups(people)
        groups.sort(key=lambda g: (g[0].roadmap_id, g[0].position, g[0].pk))
        for position, (kept, *copies) in enumerate(groups):
            roadmaps = sorted({p.roadmap_id for p in (kept, *copies)})
            _merge(apps, kept, copies)
            kept.workspace_id, kept.position = workspace_id, position
            kept.save(update_fields=["workspace", "position", "role", "capacity_hours_per_week"])
            Staffing.objects.bulk_create(Staffing(roadmap_id=r, person_id=kept.pk) for r in roadmaps)
            Person.objects.filter(pk__in=[c.pk for c in copies]).delete()


def backwards(apps, schema_editor):
    """Each person back on each roadmap of its team: the first keeps the row, the others get a copy
    (with the absences) that the roadmap's owners and assignments point at; people on no roadmap go to
    their workspace's first roadmap, or away when it has none."""
    Person = apps.get_model("planning", "Person")
    Staffing = apps.get_model("planning", "Staffing")
    Roadmap = apps.get_model("strategy", "Roadmap")
    Activity = apps.get_model("planning", "Activity")
    Assignment = apps.get_model("planning", "Assignment")
    Absence = apps.get_model("planning", "Absence")
    for person in Person.objects.order_by("id"):
        roadmaps = list(
            Staffing.objects.filter(person=person).order_by("roadmap_id").values_list("roadmap_id", flat=True)
        )
        if not roadmaps:
            first = Roadmap.objects.filter(workspace_id=person.workspace_id).order_by("id").first()
            if first is None:
                person.delete()
                continue
            roadmaps = [first.pk]
        absences = list(Absence.objects.filter(person=person))
        person.roadmap_id = roadmaps[0]
        person.save(update_fields=["roadmap"])
        for roadmap_id in roadmaps[1:]:
            copy = Person.objects.create(
                roadmap_id=roadmap_id, workspace_id=person.workspace_id, key=person.key, name=person.name,
                kind=person.kind, role=person.role, capacity_hours_per_week=person.capacity_hours_per_week,
                position=person.position, version=person.version,
            )
            Absence.objects.bulk_create(
                Absence(person=copy, start=a.start, end=a.end, note=a.note) for a in absences
            )
            Activity.objects.filter(roadmap_id=roadmap_id, owner=person).update(owner=copy)
            Assignment.objects.filter(activity__roadmap_id=roadmap_id, person=person).update(person=copy)
    Staffing.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0004_people_in_workspace")]

    operations = [migrations.RunPython(forwards, backwards)]
