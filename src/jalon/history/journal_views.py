"""The change logs' pages, filters and CSV exports: a roadmap's (a tab of its history, readable by every
member of its workspace, as the history page is), and its workspace's (the team, absences, members and
invitations: its owners only, as the members page is). One piece of code serves both (``journal.Scope``)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from jalon.accounts.auth import current_user
from jalon.documents.backlog_export import escape_formula
from jalon.fields import LocaleDateField
from jalon.filter_words import form_applied
from jalon.history import journal
from jalon.history.wording import Scope
from jalon.ignored_filters import ignored_in, said
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.models import Workspace
from jalon.workspaces.permissions import require
from jalon.workspaces.queries import workspace_for

CSV_BATCH = 2_000  # changes put in words (and written) at a time: the export's memory whatever its length


class JournalFilters(forms.Form):
    """The journal's filters, read from the address; a person or kind no longer in the journal is left out,
    and said on the page (``ignored``)."""

    actor = forms.TypedChoiceField(label=gettext_lazy("Person"), required=False, coerce=int, empty_value=None)
    kind = forms.TypedChoiceField(
        label=gettext_lazy("Kind of item"), required=False, coerce=int, empty_value=None
    )
    since = LocaleDateField(label=gettext_lazy("From"), required=False)
    until = LocaleDateField(label=gettext_lazy("To"), required=False)

    def __init__(self, query: Any, *, scope: Scope) -> None:
        choices = {
            "actor": [(str(pk), name) for pk, name in journal.actors_of(scope)],
            "kind": [(str(pk), name) for pk, name in journal.kinds_of(scope)],
        }
        known = {name: {key for key, _label in options} for name, options in choices.items()}
        self.ignored = ignored_in(query, known)  # said on the page, not dropped without a word
        data = query.copy()
        for name in known:
            data.setlist(name, [value for value in query.getlist(name) if value in known[name]])
        super().__init__(data, auto_id="journal_%s")
        self.fields["actor"].choices = [("", _("Everyone"))] + choices["actor"]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("Every kind"))] + choices["kind"]  # type: ignore[attr-defined]

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


def _page(request: HttpRequest, scope: Scope, context: dict[str, Any], template: str) -> HttpResponse:
    form = JournalFilters(request.GET, scope=scope)
    filters = form.filters()
    page = Paginator(journal.changes_of(scope, filters).select_related("actor"), journal.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context |= {
        "filters": form,
        "filtered": filters != journal.Filters(),
        "applied": form_applied(form),
        "page": page,
        "days": list(journal.by_day(journal.entries(scope, list(page.object_list)))),
        "query": query.urlencode(),
        "ignored": said(form.ignored),
    }
    return render(request, template, context)


@login_required
def journal_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    return _page(request, found, context, "history/journal.html")


def _owned(request: HttpRequest, workspace: str) -> Workspace:
    """The workspace (404 for outsiders) for its owners (403 for the other members): its log names who was
    invited and with what role, which only the members page shows."""
    user = current_user(request)
    found = workspace_for(user, workspace)
    require(user, "manage", found)
    return found


@login_required
def workspace_journal_page(request: HttpRequest, workspace: str) -> HttpResponse:
    found = _owned(request, workspace)
    return _page(request, found, {"workspace": found}, "history/workspace_journal.html")


CSV_HEADERS = (
    gettext_lazy("Date and time"), gettext_lazy("Person"), gettext_lazy("Kind of item"), gettext_lazy("Item"),
    gettext_lazy("What changed"), gettext_lazy("Before"), gettext_lazy("After"),
)  # fmt: skip


@login_required
def journal_csv(request: HttpRequest, workspace: str, roadmap: str) -> StreamingHttpResponse:
    found, _context = roadmap_page(request, workspace, roadmap)
    return _csv(request, found, f"{found.slug}-journal.csv")


@login_required
def workspace_journal_csv(request: HttpRequest, workspace: str) -> StreamingHttpResponse:
    found = _owned(request, workspace)
    return _csv(request, found, f"{found.slug}-journal.csv")


def _csv(request: HttpRequest, scope: Scope, filename: str) -> StreamingHttpResponse:
    """The log as filtered on the page, one row a changed field, in the page language's conventions
    (French: ``;`` between cells and a decimal comma, as the backlog's export), written as it is read:
    a batch of changes at a time, so that neither its length nor the server's memory caps it."""
    filters = JournalFilters(request.GET, scope=scope).filters()
    rows = _csv_rows(scope, filters, get_language() or "fr", timezone.get_current_timezone())
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Line:
    """What ``csv.writer`` writes to: it hands each row back as text."""

    def write(self, text: str) -> str:
        return text


def _csv_rows(scope: Scope, filters: journal.Filters, language: str, zone: Any) -> Iterator[bytes]:
    """The export's bytes: the BOM and headers, then the rows of a batch of changes at a time (the next
    batch begins after the last change of this one: no offset to count, whatever the log's length). Runs
    after the view returns, so it sets the page's language and time zone itself."""
    with translation.override(language), timezone.override(zone):
        writer = csv.writer(
            _Line(), delimiter=";" if language.startswith("fr") else ",", lineterminator="\r\n"
        )
        yield ("\ufeff" + writer.writerow([str(header) for header in CSV_HEADERS])).encode("utf-8")
        changes = journal.changes_of(scope, filters).select_related("actor")
        after: Q | None = None
        while True:
            batch = list((changes.filter(after) if after is not None else changes)[:CSV_BATCH])
            if not batch:
                return
            lines = [
                writer.writerow([escape_formula(cell) for cell in row])
                for entry in journal.entries(scope, batch, links=False)
                for row in _rows(entry)
            ]
            yield "".join(lines).encode("utf-8")
            last = batch[-1]  # newest first: the next batch is older, or as old with a smaller id
            after = Q(at__lt=last.at) | Q(at=last.at, id__lt=last.pk)


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
