"""The Documents page of a roadmap: choose sections, language, timeline and budgets (or a preset), download
the roadmap in any format, save the choice as a preset. A viewer or stakeholder may export what they read;
saving a preset takes an editor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from jalon.accounts.auth import current_user
from jalon.errors import ValidationFailed
from jalon.jobs.services import start_job
from jalon.reports.jobs import BACKGROUND_FORMATS, BACKGROUND_FROM_ACTIVITIES, JOB_KIND, job_params
from jalon.reports.options import FORMATS, SECTIONS, BadOptions, ReportOptions
from jalon.reports.presets import UnknownPreset, options_for, preset_choices, save_preset
from jalon.reports.services import render_report
from jalon.reports.sources import job_url, roadmap_page
from jalon.workspaces.permissions import require

FORMAT_LABELS = {
    "pdf": _("PDF report"),
    "pptx": _("Slide deck (PowerPoint)"),
    "md": _("Markdown"),
    "ics": _("Calendar (ICS)"),
    "xlsx": _("SMART table and KPIs (XLSX)"),
}


class ReportForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("Sections"), choices=SECTIONS, widget=forms.CheckboxSelectMultiple, required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the document"), choices=(("fr", _("French")), ("en", _("English"))),
        widget=forms.RadioSelect,
    )  # fmt: skip
    zoom = forms.ChoiceField(
        label=_("Timeline zoom"),
        choices=(("month", _("month")), ("quarter", _("quarter")), ("year", _("year"))),
    )
    lanes = forms.ChoiceField(
        label=_("Timeline lanes"),
        choices=(("theme", _("thematic group")), ("objective", _("objective")), ("owner", _("owner"))),
    )
    include_budgets = forms.BooleanField(label=_("Include the budgets"), required=False)

    def options(self) -> ReportOptions:
        data = self.cleaned_data
        return ReportOptions(
            sections=tuple(key for key, _title in SECTIONS if key in data["sections"]),
            language=data["language"],
            zoom=data["zoom"],
            lanes=data["lanes"],
            include_budgets=data["include_budgets"],
        )


# A choice of the form that does not exist (a language, a section or a zoom in an address written by hand):
# said on top, and each field refused says why beside it.
CHOICES_REFUSED = _("Some of these choices do not exist: correct those marked below.")


def _initial(options: ReportOptions) -> dict[str, Any]:
    return {
        "sections": list(options.sections),
        "language": options.language,
        "zoom": options.zoom,
        "lanes": options.lanes,
        "include_budgets": options.include_budgets,
    }


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    page_language = "en" if (get_language() or "fr").startswith("en") else "fr"
    preset = request.GET.get("preset", "")
    problem = ""
    try:
        chosen = options_for(found, preset, language=page_language)
    except UnknownPreset as error:
        chosen, problem = ReportOptions(language=page_language), str(error)
    fmt = request.GET.get("format", "")
    if request.method == "POST":
        require(user, "edit", found)
        form = ReportForm(request.POST)
        if not form.is_valid():
            problem = str(CHOICES_REFUSED)
        else:
            try:
                saved = save_preset(actor=user, roadmap=found, name=request.POST.get("name", ""),
                                    options=form.options())  # fmt: skip
            except ValidationFailed as error:
                problem = " ".join(m for messages in error.errors.values() for m in messages)
            else:
                url = reverse("documents", args=[found.workspace.slug, found.slug])
                return redirect(f"{url}?preset={saved.key}")
    elif fmt:
        form = ReportForm(request.GET)
        if fmt not in FORMATS:
            problem = str(_("Choose a format."))
        elif not form.is_valid():
            problem = str(CHOICES_REFUSED)
        else:
            if fmt in BACKGROUND_FORMATS and found.activities.count() >= BACKGROUND_FROM_ACTIVITIES:
                params = job_params(fmt, form.options())
                job = start_job(kind=JOB_KIND, roadmap=found, actor=user, params=params, action="view")
                return redirect(job_url("document_job", found, job))
            try:
                made = render_report(actor=user, roadmap=found, fmt=fmt, options=form.options())
            except BadOptions as error:
                problem = str(error)
            else:
                response = HttpResponse(made.content, content_type=made.content_type)
                response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
                return response
    else:
        form = ReportForm(initial=_initial(chosen))
    return render(
        request,
        "reports/documents.html",
        {
            **context,
            "form": form,
            "presets": preset_choices(found),
            "preset": preset,
            "formats": [(key, FORMAT_LABELS[key]) for key in FORMATS],
            "problem": problem,
        },
        status=422 if problem else 200,
    )
