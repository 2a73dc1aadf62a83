"""Import activities from a CSV file or an XLSX workbook (Jalon, Trello, Asana, Jira); export the backlog
as CSV or XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from jalon.accounts.auth import current_user
from jalon.documents.backlog_export import backlog_csv, backlog_xlsx
from jalon.documents.csv_headers import Source
from jalon.documents.csv_import import SOURCES, CsvProblems
from jalon.documents.csv_write import import_activities
from jalon.documents.tables import (
    boolean_words,
    decode,
    is_workbook,
    listed,
    not_a_table_hint,
    workbook_table,
)
from jalon.documents.views import MAX_UPLOAD_BYTES
from jalon.documents.workbook_rows import UnreadableWorkbook
from jalon.strategy.pages import edit_page, roadmap_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 10_000  # a workbook's rows read at most (a CSV file is bounded by its 5 MB)
# The backlog page's filters, kept in its export links.
FILTERS = ("theme", "owner", "status", "objective", "late", "reach")


def _source(value: str) -> Source | None:
    return next((source for source, _label in SOURCES if source == value), None)


@login_required
def backlog_import(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context, user = edit_page(request, workspace, roadmap)
    options = {"create_people": False, "other_columns": False}  # the boxes, unticked at first
    context |= {"sources": SOURCES, "chosen": "", "problems": []} | options
    if request.method != "POST":
        return render(request, "documents/backlog_import.html", context)
    chosen = _source(request.POST.get("source", ""))
    options = {name: bool(request.POST.get(name)) for name in options}
    context |= {"chosen": chosen or ""} | options
    upload = request.FILES.get("file")
    if upload is None:
        context["problems"] = [(pgettext("where", "file"), _("Choose a file to import."))]
    elif upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        context["problems"] = [(pgettext("where", "file"), _("The file is larger than 5 MB."))]
    elif hint := not_a_table_hint(upload.name or "", data := upload.read(), _):
        context["problems"] = [(pgettext("where", "file"), hint)]
    else:
        try:
            read = (
                {"table": workbook_table(data, limit=MAX_ROWS, booleans=boolean_words(_))}
                if is_workbook(upload.name or "", data)
                else {"text": decode(data)}
            )
            created = import_activities(
                actor=user,
                roadmap=found,
                source=chosen,
                create_people=options["create_people"],
                other_columns=options["other_columns"],
                **read,
            )
        except UnreadableWorkbook as error:
            context["problems"] = [(pgettext("where", "file"), error.describe(_))]
        except CsvProblems as error:
            context["problems"] = error.problems
        else:
            count = len(created)
            done = ngettext("%(count)d activity imported.", "%(count)d activities imported.", count) % {
                "count": count
            }
            if created.left_out:  # said, so that a column Jalon names otherwise is not lost unseen
                done += " " + _("Columns left out: {names}.").format(names=listed(created.left_out))
            if lines := created.total_lines:
                said = ngettext(
                    "Total row left out: line {lines}.", "Total rows left out: lines {lines}.", len(lines)
                )
                done += " " + said.format(lines=listed([str(line) for line in lines]))
            messages.success(request, done)
            return redirect("backlog", workspace=found.workspace.slug, roadmap=found.slug)
    return render(request, "documents/backlog_import.html", context, status=422)


@login_required
def backlog_export(request: HttpRequest, workspace: str, roadmap: str, fmt: str) -> HttpResponse:
    found, _context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    filters = {name: request.GET.getlist(name) for name in FILTERS}
    if fmt == "csv":
        data = backlog_csv(actor=user, roadmap=found, filters=filters)
        response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(backlog_xlsx(actor=user, roadmap=found, filters=filters), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{found.slug}-backlog.{fmt}"'
    return response
