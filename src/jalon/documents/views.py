"""Download a roadmap as a file; upload one (all or nothing). Replacing a roadmap is confirmed on a page
that says what is lost; the uploaded file waits in the session meanwhile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from jalon.accounts.auth import current_user
from jalon.documents.replace import ReplaceNeedsConfirmation
from jalon.documents.roadmap_file import FileProblems, Format, guess_format
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.documents.tables import old_excel_hint
from jalon.strategy import queries
from jalon.workspaces.views import workspace_to_edit

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PENDING = "pending_import"


@login_required
def export(request: HttpRequest, workspace: str, roadmap: str, fmt: str) -> HttpResponse:
    user = current_user(request)
    found = queries.roadmap_for(user, workspace, roadmap)
    kind: Format = "json" if fmt == "json" else "yaml"
    text = export_roadmap(actor=user, roadmap=found, fmt=kind)
    content_type = "application/json" if kind == "json" else "application/yaml"
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.slug}.{kind}"'
    return response


@login_required
@require_POST
def import_file(request: HttpRequest, workspace: str) -> HttpResponse:
    found, user = workspace_to_edit(request, workspace)
    upload = request.FILES.get("file")
    problems: list[tuple[str, str]] = []
    if upload is None:
        problems = [(pgettext("where", "file"), _("Choose a file to import."))]
    elif upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        problems = [(pgettext("where", "file"), _("The file is larger than 5 MB."))]
    elif hint := old_excel_hint(data := upload.read(), _):
        problems = [(pgettext("where", "file"), hint)]
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            problems = [(pgettext("where", "file"), _("The file is not UTF-8 text."))]
        else:
            fmt = guess_format(upload.name or "", text)
            try:
                roadmap = import_roadmap(
                    actor=user, workspace=found, text=text, fmt=fmt, replace=bool(request.POST.get("replace"))
                )
            except FileProblems as error:
                problems = error.problems
            except ReplaceNeedsConfirmation as question:
                request.session[PENDING] = {"workspace": found.slug, "text": text, "fmt": fmt}
                context = {"workspace": found, "lines": question.losses.lines(), "slug": question.losses.slug}
                return render(request, "documents/import_confirm.html", context)
            else:
                messages.success(request, _("Roadmap imported."))
                return redirect("roadmap", workspace=found.slug, roadmap=roadmap.slug)
    return render(
        request, "documents/import_problems.html", {"workspace": found, "problems": problems}, status=422
    )


@login_required
@require_POST
def import_confirm(request: HttpRequest, workspace: str) -> HttpResponse:
    """The replace-import the person confirmed, with the file they uploaded before."""
    found, user = workspace_to_edit(request, workspace)
    pending = request.session.pop(PENDING, None)
    if not pending or pending.get("workspace") != found.slug:
        messages.error(request, _("There is no import waiting for confirmation; upload the file again."))
        return redirect("workspace", workspace=found.slug)
    fmt: Format = "json" if pending["fmt"] == "json" else "yaml"
    try:
        roadmap = import_roadmap(
            actor=user, workspace=found, text=pending["text"], fmt=fmt, replace=True, confirmed=True
        )
    except FileProblems as error:
        context = {"workspace": found, "problems": error.problems}
        return render(request, "documents/import_problems.html", context, status=422)
    messages.success(request, _("Roadmap replaced. The previous version is kept in its history."))
    return redirect("roadmap", workspace=found.slug, roadmap=roadmap.slug)
