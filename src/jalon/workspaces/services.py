"""Use cases on workspaces, memberships and invitations.

Membership changes lock the workspace row first, so that two owners removing each other at the same moment
cannot leave a workspace without an owner. An invitation keeps its own record of who invited, accepted or
revoked it and when; every change of a membership or an invitation is also in the workspace's change log
(``jalon.history``: ``record``, with the team's).
"""

from __future__ import annotations

import hashlib
import secrets
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.accounts.services import new_account, signup_mode
from jalon.errors import ValidationFailed
from jalon.history.models import Change
from jalon.history.services import record
from jalon.keys import free_key
from jalon.names import same_title
from jalon.workspaces.models import Invitation, Membership, Role, Workspace
from jalon.workspaces.permissions import forget_roles, require_actor


def unique_slug(name: str) -> str:
    """An identifier for a new workspace from its name: ``Équipe Marketing`` → ``equipe-marketing``, then
    ``equipe-marketing-2`` if taken."""
    return free_key(Workspace.objects.all(), name, fallback="workspace", field="slug")


def owned_namesake(user: User, name: str, *, besides: Workspace | None = None) -> str | None:
    """The name of a workspace ``user`` owns (other than ``besides``) that reads as ``name``, if any.

    Nobody owns two workspaces that read alike (``jalon.names.same_title``): a consultant with two clients
    could not tell them apart in their list, nor in the invitations they send. The rule holds however one
    comes to own a workspace: creating it, being made its owner, accepting an invitation as its owner, or
    renaming it. Two people may each own a workspace of the same name: each list reads clearly. Locks the
    user's row, so that two of these at once cannot both pass."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    return _owned_alike(user, name, besides=besides)


def _owned_alike(user: User, name: str, *, besides: Workspace | None = None) -> str | None:
    owned = Workspace.objects.filter(memberships__user=user, memberships__role=Role.OWNER)
    return same_title(owned, name, exclude_pk=besides.pk if besides else None, field="name")


def _own_another(name: str) -> str:
    return _("You already own a workspace called {name}: give this one another name.").format(name=name)


def rename_workspace(*, actor: User | None, workspace: Workspace, name: str) -> Workspace:
    """Give the workspace another name (its owners only; its identifier, in every address, stays). Refused
    when one of its owners owns another workspace that reads like the new name; kept in the history."""
    require_actor(actor, "manage", workspace)
    name = name.strip()
    if not name:
        raise ValidationFailed({"name": [_("Give the workspace a name.")]})
    with transaction.atomic():
        locked = Workspace.objects.select_for_update().get(pk=workspace.pk)
        owners = User.objects.filter(memberships__workspace=locked, memberships__role=Role.OWNER)
        for owner in owners.order_by("pk"):
            taken = owned_namesake(owner, name, besides=locked)
            if taken is None:
                continue
            if actor is not None and owner.pk == actor.pk:
                raise ValidationFailed({"name": [_own_another(taken)]})
            raise ValidationFailed({"name": [_(
                "{owner}, an owner of this workspace, already owns a workspace called {name}: give this one "
                "another name."
            ).format(owner=owner, name=taken)]})  # fmt: skip
        if locked.name != name:
            locked.version += 1
            record(locked, actor=actor, before={"name": locked.name}, after={"name": name})
            Workspace.objects.filter(pk=locked.pk).update(name=name, version=locked.version)
            _release_holds(actor, workspace=locked, users=list(owners))
    workspace.refresh_from_db()
    return workspace


@dataclass(frozen=True)
class FormerName:
    name: str
    renamed_by: User | None
    renamed_at: datetime


def former_names(workspace: Workspace) -> list[FormerName]:
    """The names the workspace had before, latest first, with who renamed it and when (its history)."""
    kind = ContentType.objects.get_for_model(Workspace)
    changes = Change.objects.filter(content_type=kind, object_id=workspace.pk, roadmap=None)
    return [
        FormerName(change.fields["name"][0], change.actor, change.at)
        for change in changes.select_related("actor").order_by("-version")
        if "name" in change.fields
    ]


def create_workspace(*, actor: User, name: str, slug: str | None = None) -> Workspace:
    """A workspace whose first owner is ``actor``; its identifier comes from the name unless given. Nobody
    owns two workspaces that read alike (``owned_namesake``)."""
    name = name.strip()
    if not name:
        raise ValidationFailed({"name": [_("Give the workspace a name.")]})
    with transaction.atomic():
        taken = owned_namesake(actor, name)
        if taken is not None:
            raise ValidationFailed({"name": [_own_another(taken)]})
        workspace = Workspace.objects.create(slug=slug or unique_slug(name), name=name)
        owner = Membership.objects.create(workspace=workspace, user=actor, role=Role.OWNER)
        record(owner, actor=actor, before={"role": None}, after={"role": Role.OWNER})
    forget_roles(actor)
    return workspace


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationFailed({"role": [_("Unknown role {role}.").format(role=role)]})


def _lock(workspace: Workspace) -> None:
    Workspace.objects.select_for_update().filter(pk=workspace.pk).first()


def _keep_an_owner(workspace: Workspace) -> None:
    if not Membership.objects.filter(workspace=workspace, role=Role.OWNER).exists():
        raise ValidationFailed({"role": [_("A workspace needs at least one owner.")]})


def set_membership(*, actor: User | None, workspace: Workspace, user: User, role: str) -> Membership:
    """Add a member or change their role. ``actor=None`` is the operator at the command line. Making
    someone an owner is refused when they own another workspace that reads alike (``owned_namesake``)."""
    _check_role(role)
    require_actor(actor, "manage", workspace)
    owners = Membership.objects.filter(workspace=workspace, role=Role.OWNER)
    with transaction.atomic():
        _lock(workspace)
        if role == Role.OWNER and not owners.filter(user=user).exists():
            taken = owned_namesake(user, workspace.name, besides=workspace)
            if taken is not None:
                raise ValidationFailed({"role": [_(
                    "{user} already owns a workspace called {name}, which reads like this one: rename one of "
                    "them first, so that {user} can tell them apart."
                ).format(user=user, name=taken)]})  # fmt: skip
        had_owner = owners.exists()
        was = Membership.objects.filter(workspace=workspace, user=user).values_list("role", flat=True).first()
        membership, _created = Membership.objects.update_or_create(
            workspace=workspace, user=user, defaults={"role": role}
        )
        if was != role:
            record(membership, actor=actor, before={"role": was}, after={"role": role})
        # A change may not take away the last owner; a workspace that never had one (made at the command
        # line) still takes members, so that someone can be added and then made owner.
        if had_owner and not owners.exists():
            raise ValidationFailed({"role": [_("A workspace needs at least one owner.")]})
        if was == Role.OWNER and role != Role.OWNER:  # a namesake they owned no longer stands in the way
            _release_holds(actor, users=[user])
    forget_roles(user)
    return membership


def remove_member(*, actor: User | None, workspace: Workspace, user: User) -> None:
    """Take ``user`` out of the workspace; never its last owner."""
    require_actor(actor, "manage", workspace)
    with transaction.atomic():
        _lock(workspace)
        membership = Membership.objects.filter(workspace=workspace, user=user).first()
        if membership is None:
            raise ValidationFailed({"user": [_("{user} is not a member.").format(user=user)]})
        record(membership, actor=actor, before={"id": membership.pk}, after={"id": None})  # a deletion
        membership.delete()
        _keep_an_owner(workspace)
        if membership.role == Role.OWNER:
            _release_holds(actor, users=[user])
    forget_roles(user)


# Invitations -----------------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    """What the database keeps of an invitation link: its token is 256 random bits, so one SHA-256 is
    enough to make the stored value useless for joining."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Sent:
    invitation: Invitation
    link: str
    emailed: bool


def invite(
    *, actor: User, workspace: Workspace, email: str, role: str, link_for: Callable[[str], str],
    language: str = "",
) -> Sent:  # fmt: skip
    """Invite ``email`` to the workspace with ``role`` and e-mail them the link (``link_for(token)``), in
    ``language`` (the one the inviter chose for them; blank: the inviter's).

    A pending invitation to the same address is replaced. The link is returned so the owner can copy it;
    ``emailed`` is false when the mail server refused it (the invitation stands)."""
    _check_role(role)
    require_actor(actor, "manage", workspace)
    email = User.objects.normalize_email(email.strip()).lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationFailed({"email": [_("Enter a valid e-mail address.")]}) from error
    if Membership.objects.filter(workspace=workspace, user__email__iexact=email).exists():
        raise ValidationFailed({"email": [_("{email} is already a member.").format(email=email)]})
    if signup_mode() == "closed" and not User.objects.filter(email__iexact=email).exists():
        raise ValidationFailed(
            {"email": [_("Sign-up is closed: only people who already have an account can be invited.")]}
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        replaced = Invitation.objects.filter(
            workspace=workspace, email__iexact=email, accepted_at=None, revoked_at=None
        )
        for old in replaced:
            record(old, actor=actor, before={"revoked_at": None}, after={"revoked_at": now})
        replaced.update(revoked_at=now, revoked_by=actor)
        invitation = Invitation.objects.create(
            workspace=workspace,
            email=email,
            role=role,
            token_hash=token_hash(token),
            invited_by=actor,
            expires_at=now + timedelta(days=settings.INVITATION_DAYS),
        )
        record(invitation, actor=actor, before={"role": None}, after={"role": role})
    link = link_for(token)
    return Sent(invitation, link, _send_invitation(invitation, actor, link, language))


def _send_invitation(invitation: Invitation, inviter: User, link: str, language: str) -> bool:
    """The invitation e-mail in ``language``, else the inviter's, else the instance's."""
    languages = dict(settings.LANGUAGES)
    chosen = next(c for c in (language, inviter.language, settings.LANGUAGE_CODE, "fr") if c in languages)
    with translation.override(chosen):
        context = {
            "invitation": invitation,
            "inviter": inviter,
            "link": link,
            "role": invitation.get_role_display(),
            "days": settings.INVITATION_DAYS,
        }
        subject = _("{inviter} invites you to {workspace} on Jalon").format(
            inviter=inviter, workspace=invitation.workspace.name
        )
        body = render_to_string("workspaces/invitation_email.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except (OSError, smtplib.SMTPException):
        return False
    return True


def revoke_invitation(*, actor: User, invitation: Invitation) -> None:
    require_actor(actor, "manage", invitation.workspace)
    now = timezone.now()
    with transaction.atomic():
        updated = Invitation.objects.filter(pk=invitation.pk, accepted_at=None, revoked_at=None).update(
            revoked_at=now, revoked_by=actor
        )
        if updated:
            record(invitation, actor=actor, before={"revoked_at": None}, after={"revoked_at": now})
    if not updated:
        raise ValidationFailed({"invitation": [_("This invitation was already used or revoked.")]})


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("workspace", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why a link cannot be used, in words for its visitor; None when it can."""
    if invitation is None:
        return _("This invitation link is not valid. Check that you copied all of it.")
    if invitation.accepted_at is not None:
        return _("This invitation was already used. Log in to reach the workspace.")
    if invitation.revoked_at is not None:
        return _("This invitation was withdrawn. Ask the workspace's owner for a new one.")
    if invitation.is_expired(timezone.now()):
        return _("This invitation expired. Ask the workspace's owner for a new one.")
    return None


def accept_invitation(
    *,
    token: str,
    user: User | None,
    password: str = "",
    display_name: str = "",
    language: str = "",
) -> tuple[User, Workspace]:
    """Join the invitation's workspace: as ``user`` when the address already has an account (the one the
    invitation names), else with a new account and ``password``. The link then stops working.

    An invitee asked to own the workspace who owns one whose name reads alike is refused (``held``), in
    their language, naming their own workspace; the invitation is marked held, so that its inviters see it
    not accepted and why in words that name none of the invitee's workspaces (``Invitation.held_at``)."""
    held: str | None = None
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
        problem = invitation_problem(invitation)
        if problem is not None:
            raise ValidationFailed({"invitation": [problem]})
        assert invitation is not None
        existing = User.objects.filter(email__iexact=invitation.email).first()
        if existing is not None:
            if user is None or user.pk != existing.pk:
                raise ValidationFailed(
                    {
                        "invitation": [
                            _("Log in as {email} to accept this invitation.").format(email=existing.email)
                        ]
                    }
                )
            member = existing
        else:
            if signup_mode() == "closed":
                raise ValidationFailed(
                    {"invitation": [_("Sign-up is closed: ask the administrator to create your account.")]}
                )
            member = new_account(
                email=invitation.email, password=password, display_name=display_name, language=language
            )
        _lock(invitation.workspace)
        User.objects.select_for_update().filter(pk=member.pk).first()  # as ``owned_namesake`` locks it
        held = _held(invitation, member)
        if held is None:
            _join(invitation, member)
    if held is not None:  # the hold is kept (committed above); the link stays usable once renamed
        raise ValidationFailed({"invitation": [held]})
    forget_roles(member)
    return member, invitation.workspace


def acceptance_held(invitation: Invitation, user: User | None) -> str | None:
    """What stops ``user``, the invitee signed in, from accepting ``invitation`` now, in their words
    (naming their own workspace), if anything of their own: shown on the invitation's page before they try,
    and the invitation marked held as when they try."""
    if user is None or user.email.lower() != invitation.email.lower():
        return None
    with transaction.atomic():
        return _held(Invitation.objects.select_for_update().get(pk=invitation.pk), user)


def _clash(invitation: Invitation, member: User) -> str | None:
    """The name of the workspace ``member`` owns that reads like the invitation's, when the invitation asks
    them to own it and they are not in it yet; None when nothing of theirs stands in the way."""
    workspace = invitation.workspace
    if invitation.role != Role.OWNER or Membership.objects.filter(workspace=workspace, user=member).exists():
        return None
    return _owned_alike(member, workspace.name, besides=workspace)


def _held(invitation: Invitation, member: User) -> str | None:
    """Why ``member`` may not accept ``invitation`` yet (they own a workspace whose name reads like its
    workspace, and are asked to own it), marking it held the first time; None when they may."""
    workspace = invitation.workspace
    taken = _clash(invitation, member)
    if taken is None:
        return None
    if invitation.held_at is None:
        invitation.held_at = timezone.now()
        invitation.save(update_fields=["held_at"])
        record(invitation, actor=member, before={"held_at": None}, after={"held_at": invitation.held_at})
    return _(
        "You already own a workspace called {name}, which reads like {workspace}: rename yours "
        "first, then accept to own this one."
    ).format(name=taken, workspace=workspace.name)


def _join(invitation: Invitation, member: User) -> None:
    membership, joined = Membership.objects.get_or_create(
        workspace=invitation.workspace, user=member, defaults={"role": invitation.role}
    )
    if joined:
        record(membership, actor=member, before={"role": None}, after={"role": invitation.role})
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = member
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        invitation,
        actor=member,
        before={"accepted_at": None},
        after={"accepted_at": invitation.accepted_at},
    )


def _release_holds(
    actor: User | None, *, workspace: Workspace | None = None, users: Iterable[User] = ()
) -> None:
    """Clear the hold of the open invitations to ``workspace`` or addressed to ``users`` whose clash is gone
    (the invitee renamed theirs or no longer owns it, the inviting workspace was renamed): nothing blocks
    any more, so the inviters read the invitation as any other not yet accepted. Kept in the change log; the
    hold comes back if the invitee meets a clash again (``_held``)."""
    which = Q(pk__in=())
    if workspace is not None:
        which |= Q(workspace=workspace)
    for user in users:
        which |= Q(email__iexact=user.email)
    open_held = Invitation.objects.filter(which, held_at__isnull=False, accepted_at=None, revoked_at=None)
    for invitation in open_held.select_related("workspace"):
        invitee = User.objects.filter(email__iexact=invitation.email).first()
        if invitee is not None and _clash(invitation, invitee) is not None:
            continue
        record(invitation, actor=actor, before={"held_at": invitation.held_at}, after={"held_at": None})
        Invitation.objects.filter(pk=invitation.pk).update(held_at=None)
