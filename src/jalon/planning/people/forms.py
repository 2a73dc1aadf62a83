"""Forms of the team and workload pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jalon.accounts.models import User
from jalon.fields import KeyField, LocaleDateField, LocaleDecimalField, as_typed
from jalon.forms import VersionedForm, date_widget
from jalon.planning.models import Activity, Person
from jalon.workspaces.models import Workspace


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields: tuple[str, ...] = ("name", "kind", "role", "capacity_hours_per_week")
        localized_fields = ("capacity_hours_per_week",)
        formfield_callback = as_typed


class NewPersonForm(PersonForm):
    key = KeyField()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ("name", "kind", "role", "capacity_hours_per_week", "key")


def _user_label(user: User) -> str:
    return user.display_name or user.email


class WorkspacePersonForm(PersonForm):
    """A person's details, with the user account they may be linked to. The workspace's page of the person
    shows the account; a roadmap's page does not, and what it posts (without ``user``) leaves the account
    as it is."""

    class Meta(PersonForm.Meta):
        fields: tuple[str, ...] = ("name", "kind", "role", "capacity_hours_per_week", "user")

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        if self.is_bound and "user" not in self.data:
            del self.fields["user"]
            return
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(memberships__workspace=workspace).order_by("email")
        field.label_from_instance = _user_label  # type: ignore[method-assign,assignment]
        field.help_text = _("Optional: the member of this workspace this person is.")

    def extra_kwargs(self) -> dict[str, Any]:
        return {"workspace": self.workspace}

    def model_field_names(self) -> list[str]:
        return [name for name in super().model_field_names() if name in self.fields]


class NewWorkspacePersonForm(WorkspacePersonForm):
    key = KeyField()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ("name", "kind", "role", "capacity_hours_per_week", "user", "key")


class AbsenceForm(forms.Form):
    start = LocaleDateField(label=_("start"), widget=date_widget())
    end = LocaleDateField(label=_("end"), widget=date_widget())
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must not be before the start."))
        return data


class AssignmentForm(forms.Form):
    """Put a person on an activity for some hours each week (again on the same activity: new hours)."""

    activity = forms.ModelChoiceField(
        label=_("activity"), queryset=Activity.objects.none(), to_field_name="key"
    )
    hours_per_week = LocaleDecimalField(kind="float", label=_("hours per week"), min_value=0, max_value=168)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, activities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["activity"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = activities
