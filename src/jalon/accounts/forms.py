"""Forms for creating an account: the first one, sign-up, and the one an invitation creates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class PasswordsForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not a common password."),
        strip=False,
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return data


class AccountForm(PasswordsForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("You log in with it."),
        # "username", not "email": the address is what the account logs in with, so a password manager
        # saves the new password under it (as the login page's field says).
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    field_order = ("email", "display_name", "password1", "password2")
