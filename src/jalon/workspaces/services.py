"""Use cases on workspaces and memberships."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.workspaces.models import Membership, Role, Workspace
from jalon.workspaces.permissions import forget_roles, require_actor


def create_workspace(*, actor: User, slug: str, name: str) -> Workspace:
    with transaction.atomic():
        workspace = Workspace.objects.create(slug=slug, name=name)
        Membership.objects.create(workspace=workspace, user=actor, role=Role.OWNER)
    forget_roles(actor)
    return workspace


def set_membership(*, actor: User | None, workspace: Workspace, user: User, role: str) -> Membership:
    """Add a member or change their role. ``actor=None`` is the operator at the command line."""
    if role not in Role.values:
        raise ValidationFailed({"role": [_("Unknown role {role}.").format(role=role)]})
    require_actor(actor, "manage", workspace)
    owners = Membership.objects.filter(workspace=workspace, role=Role.OWNER)
    with transaction.atomic():
        had_owner = owners.exists()
        membership, _created = Membership.objects.update_or_create(
            workspace=workspace, user=user, defaults={"role": role}
        )
        # A change may not take away the last owner; a workspace that never had one (made at the command
        # line) still takes members, so that someone can be added and then made owner.
        if had_owner and not owners.exists():
            raise ValidationFailed({"role": [_("A workspace needs at least one owner.")]})
    forget_roles(user)
    return membership
