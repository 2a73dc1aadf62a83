"""A new workspace, its members and invitations, and accepting an invitation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalon.accounts.auth import current_user
from jalon.accounts.forms import PasswordsForm
from jalon.accounts.models import User
from jalon.config import CONSOLE_EMAIL
from jalon.errors import ValidationFailed
from jalon.forms import submit
from jalon.workspaces import services
from jalon.workspaces.forms import InviteForm, RenameForm, RoleForm, WorkspaceForm
from jalon.workspaces.models import Invitation, Membership, Role
from jalon.workspaces.permissions import require
from jalon.workspaces.queries import workspace_for

BACKEND = "django.contrib.auth.backends.ModelBackend"
_LINK_KEY = "jalon_invitation_link"


def mail_server_set() -> bool:
    """Whether e-mails leave this Jalon: without ``JALON_EMAIL_URL`` they are only printed in the server's
    output (``console:``), where the person invited never reads them."""
    return bool(CONSOLE_EMAIL["EMAIL_BACKEND"] != settings.EMAIL_BACKEND)


@login_required
def new_workspace(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = WorkspaceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        submission = submit(
            form, lambda f: services.create_workspace(actor=user, name=f.cleaned_data["name"])
        )
        if submission.saved:
            workspace = submission.result
            messages.success(request, _("Workspace {name} created.").format(name=workspace.name))
            return redirect("workspace", workspace=workspace.slug)
        status = submission.status
    return render(request, "workspaces/new.html", {"form": form}, status=status)


def _members_page(
    request: HttpRequest, slug: str, invite_form: InviteForm | None = None, status: int = 200,
    rename_form: RenameForm | None = None,
) -> HttpResponse:  # fmt: skip
    user = current_user(request)
    workspace = workspace_for(user, slug)
    require(user, "manage", workspace)
    now = timezone.now()
    invitations = list(workspace.invitations.select_related("invited_by", "accepted_by"))
    link = request.session.pop(_LINK_KEY, None)
    context = {
        "workspace": workspace,
        "memberships": workspace.memberships.select_related("user").order_by("user__email"),
        "roles": Role.choices,
        "owners": workspace.memberships.filter(role=Role.OWNER).count(),
        "form": invite_form or InviteForm(initial={"language": user.language or get_language()}),
        "pending": [i for i in invitations if i.is_pending(now)],
        "accepted": [i for i in invitations if i.accepted_at is not None],
        "new_link": link if link and link.get("workspace") == workspace.pk else None,
        "days": settings.INVITATION_DAYS,
        "mail_server": mail_server_set(),
        "rename_form": rename_form or RenameForm(initial={"name": workspace.name}, auto_id="rename-%s"),
        "former_names": services.former_names(workspace),
    }
    return render(request, "workspaces/members.html", context, status=status)


@login_required
def members(request: HttpRequest, workspace: str) -> HttpResponse:
    """Owners only: the members and their roles, the invitations, and a form to invite someone."""
    if request.method != "POST":
        return _members_page(request, workspace)
    user = current_user(request)
    found = workspace_for(user, workspace)
    require(user, "manage", found)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _members_page(request, workspace, form, 422)
    try:
        sent = services.invite(
            actor=user,
            workspace=found,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            language=form.cleaned_data["language"],
            link_for=lambda token: request.build_absolute_uri(reverse("invitation", args=[token])),
        )
    except ValidationFailed as error:
        error.add_to_form(form)
        return _members_page(request, workspace, form, 422)
    server = mail_server_set()
    posted = sent.emailed and server
    email = sent.invitation.email
    request.session[_LINK_KEY] = {
        "workspace": found.pk, "url": sent.link, "email": email, "posted": posted, "server": server,
    }  # fmt: skip
    if posted:
        messages.success(request, _("Invitation e-mailed to {email}.").format(email=email))
    elif sent.emailed:  # written to the server's output only: nobody receives it
        messages.warning(
            request,
            _("No e-mail server is set up on this Jalon: nothing reached {email}. Copy the link below and "
              "send it to them yourself.").format(email=email),
        )  # fmt: skip
    else:
        messages.warning(
            request, _("The e-mail could not be sent; copy the link below and send it yourself.")
        )
    return redirect("members", workspace=found.slug)


@login_required
@require_POST
def rename(request: HttpRequest, workspace: str) -> HttpResponse:
    """Owners only: give the workspace another name (its address stays)."""
    user = current_user(request)
    found = workspace_for(user, workspace)
    require(user, "manage", found)
    form = RenameForm(request.POST, auto_id="rename-%s")
    submission = submit(
        form, lambda f: services.rename_workspace(actor=user, workspace=found, name=f.cleaned_data["name"])
    )
    if not submission.saved:
        return _members_page(request, workspace, status=submission.status, rename_form=form)
    messages.success(request, _("Workspace renamed {name}.").format(name=submission.result.name))
    return redirect("members", workspace=found.slug)


def _membership(request: HttpRequest, workspace: str, user_id: int) -> Membership:
    user = current_user(request)
    found = workspace_for(user, workspace)
    require(user, "manage", found)
    return get_object_or_404(Membership.objects.select_related("user"), workspace=found, user_id=user_id)


def _refused(request: HttpRequest, error: ValidationFailed) -> None:
    for message in (m for ms in error.errors.values() for m in ms):
        messages.error(request, message)


@login_required
@require_POST
def change_role(request: HttpRequest, workspace: str, user_id: int) -> HttpResponse:
    membership = _membership(request, workspace, user_id)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.set_membership(
                actor=current_user(request),
                workspace=membership.workspace,
                user=membership.user,
                role=form.cleaned_data["role"],
            )
        except ValidationFailed as error:
            _refused(request, error)
        else:
            messages.success(request, _("Role of {user} changed.").format(user=membership.user))
    else:
        messages.error(request, _("Choose a role from the list."))
    return redirect("members", workspace=workspace)


@login_required
@require_POST
def remove_member(request: HttpRequest, workspace: str, user_id: int) -> HttpResponse:
    membership = _membership(request, workspace, user_id)
    user = current_user(request)
    try:
        services.remove_member(actor=user, workspace=membership.workspace, user=membership.user)
    except ValidationFailed as error:
        _refused(request, error)
        return redirect("members", workspace=workspace)
    messages.success(request, _("{user} no longer belongs to the workspace.").format(user=membership.user))
    if membership.user.pk == user.pk:
        return redirect("home")
    return redirect("members", workspace=workspace)


@login_required
@require_POST
def revoke(request: HttpRequest, workspace: str, invitation: int) -> HttpResponse:
    user = current_user(request)
    found = workspace_for(user, workspace)
    require(user, "manage", found)
    target = get_object_or_404(Invitation, workspace=found, pk=invitation)
    try:
        services.revoke_invitation(actor=user, invitation=target)
    except ValidationFailed as error:
        _refused(request, error)
    else:
        messages.success(request, _("Invitation to {email} withdrawn.").format(email=target.email))
    return redirect("members", workspace=workspace)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Where the e-mailed link leads: join the workspace, creating an account first if needed."""
    found = services.find_invitation(token)
    problem = services.invitation_problem(found)
    if problem is not None or found is None:
        return render(request, "workspaces/invitation_problem.html", {"problem": problem}, status=404)
    existing = User.objects.filter(email__iexact=found.email).first()
    signed_in = current_user(request) if request.user.is_authenticated else None
    form = PasswordsForm(request.POST or None) if existing is None else None
    status = 200
    if request.method == "POST":
        status = 422
        if form is None or form.is_valid():
            try:
                member, workspace = services.accept_invitation(
                    token=token,
                    user=signed_in,
                    password=form.cleaned_data["password1"] if form else "",
                    display_name=form.cleaned_data["display_name"] if form else "",
                    language=get_language() or "",
                )
            except ValidationFailed as error:
                if form is None:
                    _refused(request, error)
                else:
                    error.add_to_form(form)
            else:
                if signed_in is None or signed_in.pk != member.pk:
                    login(request, member, backend=BACKEND)
                messages.success(request, _("Welcome to {name}.").format(name=workspace.name))
                return redirect("workspace", workspace=workspace.slug)
    invitee = (
        signed_in if existing is not None and signed_in is not None and signed_in.pk == existing.pk else None
    )
    context = {
        "invitation": found,
        "form": form,
        "existing": existing,
        "signed_in": signed_in,
        "role": found.get_role_display(),
        # told before they try, with a way to their own workspace's name (the refusal, after a try, too)
        "held": services.acceptance_held(found, invitee) if status == 200 else None,
    }
    return render(request, "workspaces/invitation.html", context, status=status)
