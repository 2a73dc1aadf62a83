"""Forms of the workspace pages: a new workspace, its name, an invitation, a member's role."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jalon.workspaces.models import Role


class WorkspaceForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("Your team or company, e.g. Cloud Kicks Marketing."),
        widget=forms.TextInput(attrs={"autofocus": True}),
    )


class RenameForm(forms.Form):
    """The workspace's name on its members page, not focused when the page opens."""

    name = forms.CharField(label=_("Name"), max_length=200)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
