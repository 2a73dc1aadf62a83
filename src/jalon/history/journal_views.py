"""The change log of a roadmap (a tab of its history), its filters, pages and CSV export: readable by every
member of the roadmap's workspace, as the history page is."""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from jalon.documents.backlog_export import escape_formula
from jalon.fields import LocaleDateField
from jalon.history import journal
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import roadmap_page

CSV_LIMIT = 100_000  # changes in one export; a journal longer than this is exported a period at a time
CSV_BATCH = 5_000


class JournalFilters(forms.Form):
    """The journal's filters, read from the address; a person or kind no longer in the journal is dropped."""

    actor = forms.TypedChoiceField(label=gettext_lazy("Person"), required=False, coerce=int, empty_value=None)
    kind = forms.TypedChoiceField(
        label=gettext_lazy("Kind of item"), required=False, coerce=int, empty_value=None
    )
    since = LocaleDateField(label=gettext_lazy("From"), required=False)
    until = LocaleDateField(label=gettext_lazy("To"), required=False)

    def __init__(self, query: Any, *, roadmap: Roadmap) -> None:
        super().__init__(query, auto_id="journal_%s")
        everyone = [("", _("Everyone"))]
        everything = [("", _("Every kind"))]
        self.fields["actor"].choices = everyone + [(str(pk), name) for pk, name in journal.actors_of(roadmap)]  # type: ignore[attr-defined]
        self.fields["kind"].choices = everything + [(str(pk), name) for pk, name in journal.kinds_of(roadmap)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period comes before its start."))
        return cleaned

    def filters(self) -> journal.Filters:
        """The valid filters (a wrong date is shown with its error and not applied)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return journal.Filters(
            actor=data.get("actor"), kind=data.get("kind"), since=data.get("since"),
            until=data.get("until") if "until" not in self.errors else None,
        )  # fmt: skip


@login_required
def journal_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    form = JournalFilters(request.GET, roadmap=found)
    filters = form.filters()
    page = Paginator(journal.changes_of(found, filters).select_related("actor"), journal.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context |= {
        "filters": form,
        "filtered": filters != journal.Filters(),
        "page": page,
        "days": list(journal.by_day(journal.entries(found, list(page.object_list)))),
        "query": query.urlencode(),
    }
    return render(request, "history/journal.html", context)


CSV_HEADERS = (
    gettext_lazy("Date and time"), gettext_lazy("Person"), gettext_lazy("Kind of item"), gettext_lazy("Item"),
    gettext_lazy("What changed"), gettext_lazy("Before"), gettext_lazy("After"),
)  # fmt: skip


@login_required
def journal_csv(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """The journal as filtered on the page, one row a changed field, in the page language's conventions
    (French: ``;`` between cells and a decimal comma, as the backlog's export)."""
    found, _context = roadmap_page(request, workspace, roadmap)
    filters = JournalFilters(request.GET, roadmap=found).filters()
    french = (get_language() or "fr").startswith("fr")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow([str(header) for header in CSV_HEADERS])
    changes = journal.changes_of(found, filters).select_related("actor")[:CSV_LIMIT]
    for start in range(0, len(changes), CSV_BATCH):  # the names of a batch at a time
        for entry in journal.entries(found, list(changes[start : start + CSV_BATCH]), links=False):
            for row in _rows(entry):
                writer.writerow([escape_formula(cell) for cell in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.slug}-journal.csv"'
    return response


def _rows(entry: journal.Entry) -> list[list[str]]:
    head = [date_format(entry.at, "SHORT_DATETIME_FORMAT"), entry.who, entry.kind, entry.name]
    if entry.event == "created":
        return [[*head, pgettext("change log event", "created"), "", ""]]
    if entry.event == "deleted":
        return [[*head, pgettext("change log event", "deleted"), "", ""]]
    return [
        [*head, line.label, line.before.full or line.before.text, line.after.full or line.after.text]
        for line in entry.lines
    ]
