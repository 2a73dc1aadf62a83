"""Forms of the workspace pages: a new workspace, its name, an invitation, a member's role."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jalon.accounts.models import User
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
    # The e-mail's language, chosen for the person invited (the page offers the inviter's own first);
    # left out (a script posting the form), it is the inviter's.
    language = forms.ChoiceField(
        label=_("Language of the e-mail"), choices=User.Language.choices, required=False
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
