"""Forms of the quarterly-review pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jalon.fields import LocaleDateField, as_typed
from jalon.forms import VersionedForm, date_widget
from jalon.planning.models import Review


class ReviewForm(VersionedForm):
    """Decisions and notes stay editable after the review; the snapshot never is."""

    class Meta:
        model = Review
        fields = ("title", "held_on", "decisions", "notes")
        formfield_callback = as_typed
        widgets = {
            "held_on": date_widget(),
            "decisions": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }


class NewReviewForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    held_on = LocaleDateField(label=_("held on"), widget=date_widget())
    decisions = forms.CharField(
        label=_("decisions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
