"""Use cases on a workspace's team: the people (team members and agencies) typed once for the workspace,
and the roadmap teams chosen from them.

A person belongs to a workspace; each roadmap chooses which of them work on it (``Staffing``). Activity
owners and assignments may only name people on the roadmap's team. Like every service, each function
checks permission, runs in one transaction, validates and records history.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.history.services import apply_changes, delete_recorded, record
from jalon.keys import free_key
from jalon.planning.models import Activity, Person, Staffing
from jalon.services import only, save_new
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Membership, Workspace
from jalon.workspaces.permissions import require_actor

FIELDS = frozenset({"name", "kind", "role", "capacity_hours_per_week", "user"})


def _check_user(workspace: Workspace, values: Mapping[str, Any], person: Person | None = None) -> None:
    """A person may be linked to a user account of their own workspace, and to one person there at most."""
    user = values.get("user")
    if user is None:
        return
    if not Membership.objects.filter(workspace=workspace, user=user).exists():
        raise ValidationFailed({"user": [_("This user is not a member of this workspace.")]})
    linked = Person.objects.filter(workspace=workspace, user=user)
    other = (linked.exclude(pk=person.pk) if person is not None else linked).first()
    if other is not None:
        raise ValidationFailed(
            {"user": [_("This user account is already linked to {name}.").format(name=other.name)]}
        )


def create_person(
    *, actor: User | None, workspace: Workspace, key: str = "", roadmap: Roadmap | None = None, **fields: Any
) -> Person:
    """Add a team member or an agency to the workspace (``key`` blank: made from the name); with
    ``roadmap``, they join that roadmap's team too."""
    require_actor(actor, "edit", workspace)
    if roadmap is not None and roadmap.workspace_id != workspace.pk:
        raise ValidationFailed({"roadmap": [_("This must belong to the same workspace.")]})
    values = only(FIELDS, fields)
    _check_user(workspace, values)
    people = Person.objects.filter(workspace=workspace)
    if not key:
        key = free_key(people, str(values.get("name", "")), fallback="person")
    elif people.filter(key=key).exists():
        raise ValidationFailed({"key": [_("This key is already used in this workspace.")]})
    with transaction.atomic():
        person = Person(workspace=workspace, key=key, position=people.count(), **values)
        save_new(person, actor=actor)
        if roadmap is not None:
            _staff(roadmap, person, actor=actor)
    return person


def update_person(
    person: Person, *, actor: User | None, expected_version: int, changes: Mapping[str, Any]
) -> Person:
    """Save changes to a person (seen by every roadmap they work on) unless someone saved meanwhile."""
    require_actor(actor, "edit", person.workspace)
    values = only(FIELDS, changes)
    _check_user(person.workspace, values, person)
    return apply_changes(person, actor=actor, expected_version=expected_version, changes=values)


def delete_person(person: Person, *, actor: User | None) -> None:
    """Remove a person from the workspace: off every roadmap team, their assignments go, the activities
    they owned have no owner."""
    require_actor(actor, "edit", person.workspace)
    delete_recorded(person, actor=actor, named_by="key")


def _staff(roadmap: Roadmap, person: Person, *, actor: User | None) -> Staffing:
    staffing, created = Staffing.objects.get_or_create(roadmap=roadmap, person=person)
    if created:
        record(roadmap, actor=actor, before={"team": None}, after={"team": person.key})
    return staffing


def add_to_roadmap(*, actor: User | None, roadmap: Roadmap, person: Person) -> Staffing:
    """Put a person of the workspace on the roadmap's team (already there: nothing changes)."""
    require_actor(actor, "edit", roadmap)
    if person.workspace_id != roadmap.workspace_id:
        raise ValidationFailed({"person": [_("This must belong to the same workspace.")]})
    with transaction.atomic():
        return _staff(roadmap, person, actor=actor)


def work_on(roadmap: Roadmap, person: Person) -> list[str]:
    """The titles of the roadmap's activities the person owns or is assigned to."""
    activities = Activity.objects.filter(Q(owner=person) | Q(assignments__person=person), roadmap=roadmap)
    return sorted(set(activities.values_list("title", flat=True)))


def remove_from_roadmap(*, actor: User | None, roadmap: Roadmap, person: Person) -> None:
    """Take a person off the roadmap's team (they stay in the workspace). Refused while they own or are
    assigned to activities of the roadmap: those must be handed over first."""
    require_actor(actor, "edit", roadmap)
    busy = work_on(roadmap, person)
    if busy:
        raise ValidationFailed({
            "person": [_("{name} still works on: {activities}. Hand these over first.").format(
                name=person.name, activities=", ".join(busy)
            )]
        })  # fmt: skip
    with transaction.atomic():
        deleted, _kinds = Staffing.objects.filter(roadmap=roadmap, person=person).delete()
        if deleted:
            record(roadmap, actor=actor, before={"team": person.key}, after={"team": None})


def is_on_team(roadmap: Roadmap, person: Person) -> bool:
    return Staffing.objects.filter(roadmap=roadmap, person=person).exists()
