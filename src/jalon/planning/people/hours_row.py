"""An assignment's hours changed in its own row of a table (an activity's team members, a person's
activities): the row's form posts the same assignment form as the *Assign* form under the table, with
``in_row``. When it is refused, its error belongs to that row — the row's field marked invalid, naming the
error, focused, what was typed kept — and the *Assign* form stays as it was (blank)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import HttpRequest

IN_ROW = "in_row"


@dataclass(frozen=True)
class RefusedRow:
    """The row whose hours were refused: its key (the person's or the activity's) and the refused form."""

    key: str
    form: forms.Form


def refused_row(
    request: HttpRequest, form: forms.Form, key_field: str, *, refused: bool
) -> RefusedRow | None:
    """The row that ``form`` was posted from, when it was refused; None when it came from the *Assign*
    form or was not refused."""
    if not refused or request.POST.get(IN_ROW) != "1":
        return None
    return RefusedRow(request.POST.get(key_field, ""), form)
