"""The *Indicateurs / KPIs* tab, a KPI's page and the writes on it (plain forms, redirect after a save).

Members who may view read everything; editors create, edit and delete KPIs and measurements. A KPI saved
over a newer version is refused with what the other person changed (409), like every editable object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jalon.accounts.auth import current_user
from jalon.accounts.models import User
from jalon.documents.tables import file_label
from jalon.errors import ValidationFailed
from jalon.forms import Submission, submit
from jalon.job_pages import JobPages, job_url
from jalon.jobs.models import JobStatus
from jalon.jobs.services import start_job
from jalon.strategy import advising, queries, services
from jalon.strategy.coaching import reader_language
from jalon.strategy.forms import MeasurementForm
from jalon.strategy.kpis import dashboard, source_jobs, source_services, table
from jalon.strategy.kpis import services as measurement_services
from jalon.strategy.kpis.forms import ImportForm, KPIForm, NewKPIForm, PasteForm
from jalon.strategy.kpis.presenting import KPIView
from jalon.strategy.kpis.sources import RunsLong
from jalon.strategy.models import KPI, Measurement, Roadmap
from jalon.strategy.pages import page_context
from jalon.strategy.paging import table_page
from jalon.workspaces.permissions import NotFound, require

SOURCE_JOB = JobPages(
    kind=source_jobs.JOB_KIND,
    name="source",
    page="kpi_source_job",
    working=gettext_lazy("Refreshing the measurements"),
    leave_note=gettext_lazy(
        "You may leave this page: the refresh goes on, and the measurements appear on the KPI's page."
    ),
)


def _context(request: HttpRequest, roadmap: Roadmap) -> dict[str, Any]:
    return page_context(request, roadmap)


def _for_editor(request: HttpRequest, workspace: str, roadmap: str) -> tuple[Roadmap, User]:
    """The roadmap and the user, who must be an editor (403 otherwise)."""
    user = current_user(request)
    found = queries.roadmap_for(user, workspace, roadmap)
    require(user, "edit", found)
    return found, user


@login_required
def kpi_list(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found = queries.roadmap_for(current_user(request), workspace, roadmap)
    today = timezone.localdate()
    views = [KPIView(kpi, today) for kpi in queries.kpis_with_measurements(found)]
    return render(
        request,
        "strategy/kpis/list.html",
        {**_context(request, found), "kpis": views, "late": sum(v.late for v in views)},
    )


@login_required
def strategic_dashboard(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Goal -> strategies -> tactics -> activities, with progress, budget, KPIs and odds; 25 top-level goals a
    page, each with its sub-objectives (``strategy.paging``)."""
    found = queries.roadmap_for(current_user(request), workspace, roadmap)
    goals = table_page(dashboard.dashboard(found, timezone.localdate()), request.GET.get("page"))
    context = {**_context(request, found), "goals": goals.rows, "table": goals}
    return render(request, "strategy/kpis/dashboard.html", context)


def _kpi_page(
    request: HttpRequest, roadmap: Roadmap, key: str, status: int = 200, **extra: Any
) -> HttpResponse:
    kpi = queries.kpis_with_measurements(roadmap).select_related("source").filter(key=key).first()
    if kpi is None:
        queries.kpi_for(roadmap, key)  # raises NotFound
    assert kpi is not None
    view = KPIView(kpi, timezone.localdate())
    source = getattr(kpi, "source", None)
    left_out = source_services.left_out(source) if source is not None else None
    context = {
        **_context(request, roadmap),
        "view": view,
        "measurements": view.page(request.GET.get("page")),
        "kpi": kpi,
        "measurement_form": MeasurementForm(),
        "paste_form": PasteForm(),
        "import_form": ImportForm(),
        "benchmark_metrics": advising.metric_choices(reader_language()),
        "matched_metric": advising.matched_metric(kpi),
        "source_left_out": left_out.words() if left_out is not None else "",
        "source_error": source_services.last_error(source) if source is not None else "",
        **extra,
    }
    return render(request, "strategy/kpis/kpi.html", context, status=status)


@login_required
def kpi_page(request: HttpRequest, workspace: str, roadmap: str, kpi: str) -> HttpResponse:
    found = queries.roadmap_for(current_user(request), workspace, roadmap)
    return _kpi_page(request, found, kpi)


@login_required
def kpi_edit(request: HttpRequest, workspace: str, roadmap: str, kpi: str | None = None) -> HttpResponse:
    """Create (no key) or edit a KPI; ``?objective=<key>`` links a new KPI to that objective."""
    found, user = _for_editor(request, workspace, roadmap)
    existing = queries.kpi_for(found, kpi) if kpi else None
    form_class = KPIForm if existing else NewKPIForm
    if request.method != "POST":
        initial: dict[str, Any] = {"version": existing.version if existing else 1}
        if existing is None and request.GET.get("objective"):
            initial.update(NewKPIForm.initial_from(queries.objective_for(found, request.GET["objective"])))
        form = form_class(instance=existing, initial=initial, roadmap=found)
        return _edit_page(request, found, Submission(form, 200), existing)

    def save(form: KPIForm) -> KPI:
        changes = form.changes()
        if existing is None:
            return services.create_kpi(actor=user, roadmap=found, key=form.cleaned_data["key"], **changes)
        return services.update_kpi(
            actor=user, kpi=existing, expected_version=form.cleaned_data["version"], changes=changes
        )

    instance = queries.kpi_for(found, kpi) if kpi else None
    submission = submit(form_class(request.POST, instance=instance, roadmap=found), save)
    if submission.saved:
        messages.success(request, _("KPI saved."))
        return redirect("kpi", workspace=workspace, roadmap=roadmap, kpi=submission.result.key)
    return _edit_page(request, found, submission, existing)


def _edit_page(
    request: HttpRequest, roadmap: Roadmap, submission: Submission[Any], kpi: KPI | None
) -> HttpResponse:
    context = {
        **_context(request, roadmap),
        "form": submission.form,
        "conflict": submission.conflict,
        "kpi": kpi,
    }
    return render(request, "strategy/kpis/edit.html", context, status=submission.status)


@login_required
@require_POST
def kpi_delete(request: HttpRequest, workspace: str, roadmap: str, kpi: str) -> HttpResponse:
    found, user = _for_editor(request, workspace, roadmap)
    services.delete_kpi(actor=user, kpi=queries.kpi_for(found, kpi))
    messages.success(request, _("KPI deleted."))
    return redirect("kpis", workspace=workspace, roadmap=roadmap)


def _measurement(roadmap: Roadmap, kpi: str, pk: int) -> Measurement:
    return get_object_or_404(
        Measurement.objects.select_related("kpi__roadmap__workspace"),
        pk=pk,
        kpi=queries.kpi_for(roadmap, kpi),
    )


def _page_number(raw: str | None) -> int:
    """The KPI page's page of measurements a correction came from (1 when it is not a page number)."""
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) < 1_000_000 else 1


def _back_to(roadmap: Roadmap, kpi: str, page: int, pk: int | None = None) -> str:
    """The KPI's page at the page of measurements ``page``, on the row ``pk`` when given."""
    url = reverse("kpi", args=[roadmap.workspace.slug, roadmap.slug, kpi])
    return url + (f"?page={page}" if page > 1 else "") + (f"#m-{pk}" if pk else "#measurements")


@login_required
@require_http_methods(["GET", "POST"])
def measurement_edit(request: HttpRequest, workspace: str, roadmap: str, kpi: str, pk: int) -> HttpResponse:
    """Correct (or, with ``delete``, remove) one measurement, on a page of its own: the KPI's page lists
    its measurements with a link each, not a form each (500 forms weighed 461 kB)."""
    found, user = _for_editor(request, workspace, roadmap)
    measurement = _measurement(found, kpi, pk)
    page = _page_number(request.POST.get("page") if request.method == "POST" else request.GET.get("page"))
    prefix = f"m{pk}"
    if request.method != "POST":
        # the value as a float: the field shows every decimal (a rounded text would save the rounding)
        initial = {"date": measurement.date.isoformat(), "value": measurement.value}
        form = MeasurementForm(prefix=prefix, initial={**initial, "source": measurement.source})
        return _measurement_page(request, found, measurement, form, page)
    if request.POST.get("delete"):
        measurement_services.delete_measurement(actor=user, measurement=measurement)
        messages.success(request, _("Measurement deleted."))
        return redirect(_back_to(found, kpi, page))
    submission = submit(
        MeasurementForm(request.POST, prefix=prefix),
        lambda form: measurement_services.update_measurement(
            actor=user, measurement=measurement, **form.cleaned_data
        ),
    )
    if not submission.saved:
        return _measurement_page(request, found, measurement, submission.form, page, status=422)
    messages.success(request, _("Measurement corrected."))
    return redirect(_back_to(found, kpi, page, pk))


def _measurement_page(
    request: HttpRequest,
    roadmap: Roadmap,
    measurement: Measurement,
    form: MeasurementForm,
    page: int,
    status: int = 200,
) -> HttpResponse:
    context = {
        **_context(request, roadmap),
        "kpi": measurement.kpi,
        "form": form,
        "page": page,
        "back": _back_to(roadmap, measurement.kpi.key, page, measurement.pk),
    }
    return render(request, "strategy/kpis/measurement.html", context, status=status)


@login_required
@require_POST
def measurement_add(request: HttpRequest, workspace: str, roadmap: str, kpi: str) -> HttpResponse:
    found, user = _for_editor(request, workspace, roadmap)
    target = queries.kpi_for(found, kpi)
    submission = submit(
        MeasurementForm(request.POST),
        lambda form: measurement_services.add_measurements(
            actor=user, kpi=target, rows=[(form.cleaned_data["date"], form.cleaned_data["value"])],
            source=form.cleaned_data["source"],
        ),
    )  # fmt: skip
    if not submission.saved:
        return _kpi_page(request, found, kpi, 422, measurement_form=submission.form)
    messages.success(request, _("Measurement recorded."))
    return redirect("kpi", workspace=workspace, roadmap=roadmap, kpi=kpi)


def _bulk(
    request: HttpRequest, roadmap: Roadmap, kpi: KPI, rows: list[tuple[Any, float]], source: str
) -> HttpResponse:
    user = current_user(request)
    outcome = measurement_services.add_measurements(actor=user, kpi=kpi, rows=rows, source=source)
    added = ngettext("{count} measurement added", "{count} measurements added", outcome.added).format(
        count=outcome.added
    )
    replaced = ngettext("{count} replaced", "{count} replaced", outcome.replaced).format(
        count=outcome.replaced
    )
    messages.success(request, f"{added}, {replaced}.")
    return redirect("kpi", workspace=roadmap.workspace.slug, roadmap=roadmap.slug, kpi=kpi.key)


def _bulk_from(
    request: HttpRequest,
    workspace: str,
    roadmap: str,
    kpi: str,
    form: PasteForm | ImportForm,
    read: Callable[[dict[str, Any], table.Refusal], tuple[list[tuple[Any, float]], str]],
) -> HttpResponse:
    """Add the measurements of a pasted table or an imported file: ``read`` gives the rows and the source
    from the valid form, each line beyond the KPI's typed range a problem; the KPI's page again (422)
    shows the form's or the table's problems."""
    found, _user = _for_editor(request, workspace, roadmap)
    name = "paste_form" if isinstance(form, PasteForm) else "import_form"
    if not form.is_valid():
        return _kpi_page(request, found, kpi, 422, **{name: form})
    try:
        target = queries.kpi_for(found, kpi)
        return _bulk(request, found, target, *read(form.cleaned_data, target.outside_possible))
    except (table.TableProblems, ValidationFailed) as error:
        return _kpi_page(request, found, kpi, 422, problems=_problems(error), **{name: form})


def _uploaded(data: dict[str, Any], refuse: table.Refusal) -> tuple[list[tuple[Any, float]], str]:
    upload = data["file"]
    return table.read_file(upload.name, upload.read(), refuse), data["source"] or file_label(upload.name)


@login_required
@require_POST
def measurements_paste(request: HttpRequest, workspace: str, roadmap: str, kpi: str) -> HttpResponse:
    return _bulk_from(
        request, workspace, roadmap, kpi, PasteForm(request.POST),
        lambda data, refuse: (table.read_pasted(data["table"], refuse), data["source"]),
    )  # fmt: skip


@login_required
@require_POST
def measurements_import(request: HttpRequest, workspace: str, roadmap: str, kpi: str) -> HttpResponse:
    return _bulk_from(request, workspace, roadmap, kpi, ImportForm(request.POST, request.FILES), _uploaded)


@login_required
@require_POST
def kpi_source(request: HttpRequest, workspace: str, roadmap: str, kpi: str) -> HttpResponse:
    """Attach (or replace) the KPI's data file and query and refresh its measurements from them: a new
    file's query runs once, with the attachment; a changed query or *Refresh* runs it (in the background
    for a large file)."""
    found, user = _for_editor(request, workspace, roadmap)
    target = queries.kpi_for(found, kpi)
    attaching = not request.POST.get("refresh_only")
    upload, query = request.FILES.get("file"), request.POST.get("query", "")
    try:
        outcome = None
        if attaching and source_services.attaches_in_background(upload):
            assert upload is not None
            source_services.require_query(query)
            kept = source_services.keep_file(actor=user, kpi=target, upload=upload)  # saved first
            params = source_jobs.job_params(target, get_language() or "", attach=(kept, query))
            return _source_job(found, user, params)
        if attaching and upload is None and source_services.refreshes_in_background(target):
            source_services.require_query(query)  # a new query over a large kept file, kept if it works
            return _source_job(found, user, source_jobs.job_params(target, get_language() or "", query=query))
        inline = source_services.INLINE_SECONDS  # past it, handed over to a background job (RunsLong)
        if attaching:  # a new file or query is run (and its measurements written) once, here
            outcome = source_services.attach_source(
                actor=user, kpi=target, upload=upload, query=query, budget=inline
            ).refreshed
        if outcome is None:  # only the query changed, or *Refresh*
            if source_services.refreshes_in_background(target):
                return _source_job(found, user, source_jobs.job_params(target, get_language() or ""))
            outcome = source_services.refresh_source(actor=user, kpi=target, budget=inline)
    except RunsLong:  # nothing was kept: the same run again, in the background
        return _source_job(
            found,
            user,
            _handed_over(user, target, upload if attaching else None, query if attaching else None),
        )
    except ValidationFailed as error:
        messages_list = [str(m) for msgs in error.errors.values() for m in msgs]
        # a refused query is shown to mend (none when the upload was stopped before the query came)
        typed = request.POST.get("query") if attaching else None
        return _kpi_page(request, found, kpi, 422, source_errors=messages_list, source_query=typed)
    messages.success(request, source_services.refreshed_words(outcome.count, outcome.later))
    return redirect("kpi", workspace=workspace, roadmap=roadmap, kpi=kpi)


def _handed_over(user: User, kpi: KPI, upload: UploadedFile | None, query: str | None) -> dict[str, Any]:
    """The background job's parameters for a run that took longer than the page may wait: a new file
    (saved again: the inline run left nothing), a new query (None for *Refresh*), in the reader's language."""
    language = get_language() or ""
    if upload is not None:
        upload.seek(0)
        kept = source_services.keep_file(actor=user, kpi=kpi, upload=upload)
        return source_jobs.job_params(kpi, language, attach=(kept, query or ""))
    return source_jobs.job_params(kpi, language, query=query)


def _source_job(roadmap: Roadmap, user: User, params: dict[str, Any]) -> HttpResponse:
    """Start the source's job (a refresh, or a new file's attachment) and send the reader to its page."""
    job = start_job(kind=SOURCE_JOB.kind, roadmap=roadmap, actor=user, params=params)
    return redirect(job_url(SOURCE_JOB.page, roadmap, job))


@login_required
@require_GET
def kpi_source_job(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    """A source's background refresh: its progress on the KPI's page while it runs, then the KPI's page
    with the number of measurements written, or the error in words."""
    found, the_job, _context = SOURCE_JOB.find(request, workspace, roadmap, job)
    kpi = (
        KPI.objects.filter(pk=int(the_job.params.get("kpi") or 0), roadmap=found)
        .select_related("source")
        .first()
    )
    if kpi is None:
        raise NotFound
    if the_job.status == JobStatus.DONE:
        messages.success(request, source_jobs.result_words(the_job.result_data))
        return redirect("kpi", workspace=workspace, roadmap=roadmap, kpi=kpi.key)
    if the_job.status == JobStatus.FAILED:
        saved = None if source_jobs.changes_source(the_job.params) else getattr(kpi, "source", None)
        errors = (
            [source_services.last_error(saved)]
            if saved is not None and saved.error
            else [source_jobs.failure_text(the_job)]
        )
        return _kpi_page(request, found, kpi.key, source_errors=errors)
    return _kpi_page(
        request, found, kpi.key, source_job=the_job, source_panel=SOURCE_JOB.panel(found, the_job)
    )


def _problems(error: Exception) -> list[table.LineProblem]:
    if isinstance(error, table.TableProblems):
        return error.problems
    assert isinstance(error, ValidationFailed)
    return [table.LineProblem(0, " ".join(str(m) for msgs in error.errors.values() for m in msgs))]


urlpatterns = [
    path("kpis/", kpi_list, name="kpis"),
    path("dashboard/", strategic_dashboard, name="strategic_dashboard"),
    path("kpis/new/", kpi_edit, name="kpi_new"),
    *SOURCE_JOB.urls("kpis/source-jobs/<int:job>/", kpi_source_job),
    path("kpis/<slug:kpi>/", kpi_page, name="kpi"),
    path("kpis/<slug:kpi>/edit/", kpi_edit, name="kpi_edit"),
    path("kpis/<slug:kpi>/delete/", kpi_delete, name="kpi_delete"),
    path("kpis/<slug:kpi>/add/", measurement_add, name="kpi_measurement_add"),
    path("kpis/<slug:kpi>/paste/", measurements_paste, name="kpi_paste"),
    path("kpis/<slug:kpi>/import/", measurements_import, name="kpi_import"),
    path("kpis/<slug:kpi>/source/", kpi_source, name="kpi_source"),
    path("kpis/<slug:kpi>/measurements/<int:pk>/", measurement_edit, name="measurement_edit"),
]
