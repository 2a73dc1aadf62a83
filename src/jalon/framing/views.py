"""The framing pages. Each page is one GET and a few POST operations (``op``), each calling a service."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jalon.accounts.auth import current_user
from jalon.documents.tables import file_label
from jalon.errors import Conflict, ValidationFailed
from jalon.framing import orders_jobs, pending_orders, plan, services
from jalon.framing.forms import (
    ActionForm,
    CeilingForm,
    KickoffForm,
    MappingForm,
    OrdersUploadForm,
    PersonaForm,
    StageForm,
    StakeholderForm,
    WorkshopForm,
)
from jalon.framing.models import (
    Framing,
    InFraming,
    LifecycleStage,
    Persona,
    PlanAction,
    Stakeholder,
    Workshop,
)
from jalon.ignored_filters import ignored_in, said
from jalon.job_pages import job_url
from jalon.jobs.services import start_job
from jalon.strategy import queries
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.permissions import require

SESSION_UPLOAD = "jalon_framing_orders"


def framing_page(
    request: HttpRequest, workspace: str, roadmap: str
) -> tuple[Roadmap, Framing, dict[str, Any]]:
    """The roadmap (404 for outsiders), its framing (unsaved until a first change) and the context of its
    framing pages: the roadmap page's, and the ``framing``."""
    found, context = roadmap_page(request, workspace, roadmap)
    framing = services.framing_for(found)
    return found, framing, {**context, "framing": framing}


def _save_framing(request: HttpRequest, roadmap: Roadmap, form: KickoffForm | CeilingForm) -> bool:
    """Save the framing's own fields posted in ``form`` (the kick-off, the pressure ceilings), opening the
    framing on its first change; whether it was saved (else the errors are on the form)."""
    user = current_user(request)
    require(user, "edit", roadmap)
    if not form.is_valid():
        return False
    framing = services.open_framing(actor=user, roadmap=roadmap)
    try:
        services.update_framing(
            actor=user, framing=framing, expected_version=framing.version, changes=form.changes()
        )
    except ValidationFailed as error:
        error.add_to_form(form)
        return False
    return True


def _item(framing: Framing, kind: type[InFraming], pk: str) -> Any:
    found = kind._default_manager.filter(framing=framing, pk=pk).first() if pk.isdigit() else None
    if found is None:
        raise ValidationFailed({"__all__": [_("This item no longer exists.")]})
    return found


def _save(
    request: HttpRequest,
    roadmap: Roadmap,
    form: forms.ModelForm,  # type: ignore[type-arg]
    kind: type[InFraming],
) -> bool:
    """Create (no ``item``) or update the posted item; errors go on the form."""
    if not form.is_valid():
        return False
    user = current_user(request)
    framing = services.open_framing(actor=user, roadmap=roadmap)
    changes = form.changes()  # type: ignore[attr-defined]
    try:
        item_id = request.POST.get("item", "")
        if item_id:
            item = _item(framing, kind, item_id)
            expected = form.cleaned_data.get("version") or item.version
            services.update(item, actor=user, expected_version=expected, changes=changes)
        else:
            services.create(kind, actor=user, framing=framing, **changes)
    except (ValidationFailed, Conflict) as error:
        if isinstance(error, Conflict):
            form.add_error(None, _("Someone saved this item meanwhile; reload the page."))
        else:
            error.add_to_form(form)
        return False
    return True


def _delete(request: HttpRequest, roadmap: Roadmap, kind: type[InFraming]) -> None:
    user = current_user(request)
    framing = services.open_framing(actor=user, roadmap=roadmap)
    services.delete(_item(framing, kind, request.POST.get("item", "")), actor=user)


def _edit_operations(
    request: HttpRequest, roadmap: Roadmap, forms_by_op: dict[str, tuple[Callable[..., Any], type[InFraming]]]
) -> tuple[bool, dict[str, Any]]:
    """Run the posted operation; return whether it succeeded and the forms to show again on failure."""
    require(current_user(request), "edit", roadmap)
    op = request.POST.get("op", "")
    if op.startswith("delete-"):
        deleted = forms_by_op.get(op.removeprefix("delete-"))
        if deleted is not None:
            try:
                _delete(request, roadmap, deleted[1])
            except ValidationFailed as error:  # said above the page it comes back to
                for said in error.errors.get("__all__", []):
                    messages.error(request, said)
        return True, {}
    if op not in forms_by_op:
        return True, {}
    make, kind = forms_by_op[op]
    form = make(request.POST)
    form.editing_item = request.POST.get("item", "")
    return _save(request, roadmap, form, kind), {f"{op}_form": form}


def _form(
    request: HttpRequest,
    framing: Framing,
    shown: dict[str, Any],
    op: str,
    make: Callable[..., Any],
    kind: type[InFraming],
) -> Any:
    """The form shown for ``op``: the one that failed, the item asked by ``?edit=op-id``, or a blank one."""
    if f"{op}_form" in shown:
        return shown[f"{op}_form"]
    wanted = request.GET.get("edit", "").removeprefix(op + "-")
    if framing.pk and wanted.isdigit() and request.GET.get("edit", "").startswith(op + "-"):
        item = kind._default_manager.filter(framing=framing, pk=wanted).first()
        if item is not None:
            form = make(instance=item, initial={"version": item.version})
            form.editing_item = str(item.pk)
            return form
    return make()


# Kick-off ---------------------------------------------------------------------------------------------


@login_required
def kickoff(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, framing, context = framing_page(request, workspace, roadmap)
    shown: dict[str, Any] = {}
    if request.method == "POST":
        if request.POST.get("op") == "kickoff":
            form = KickoffForm(request.POST, instance=framing)
            if _save_framing(request, found, form):
                return redirect(request.path)
            shown["kickoff_form"] = form
        else:
            ok, shown = _edit_operations(request, found, {
                "workshop": (WorkshopForm, Workshop),
                "stakeholder": (partial(StakeholderForm, framing=framing), Stakeholder),
            })  # fmt: skip
            if ok:
                return redirect(request.path)
        context["framing"] = services.framing_for(found)
    framing = context["framing"]
    workshops = list(framing.workshops.prefetch_related("participants")) if framing.pk else []
    stakeholders = list(framing.stakeholders.prefetch_related("workshops")) if framing.pk else []
    context |= {
        "workshops": workshops,
        "stakeholders": stakeholders,
        "kickoff_form": shown.get("kickoff_form") or KickoffForm(instance=framing),
        "workshop_form": _form(request, framing, shown, "workshop", WorkshopForm, Workshop),
        "stakeholder_form": _form(
            request,
            framing,
            shown,
            "stakeholder",
            partial(StakeholderForm, framing=framing),
            Stakeholder,
        ),
    }
    return render(request, "framing/kickoff.html", context, status=422 if shown else 200)


# Personas ----------------------------------------------------------------------------------------------


def _upload(request: HttpRequest, roadmap: Roadmap, context: dict[str, Any]) -> HttpResponse | None:
    """Read the uploaded orders (or the file kept while the mapping is asked) and seed the personas: in
    the request for a small file, by a background job for a large one (the reader goes to its page)."""
    user = current_user(request)
    require(user, "edit", roadmap)
    mapping: dict[str, str] | None = None
    token = ""
    if request.POST.get("op") == "mapping":
        kept = request.session.get(SESSION_UPLOAD)
        found = pending_orders.path_of(roadmap, user, str(kept.get("file", ""))) if kept else None
        if not kept or found is None:
            context["upload_error"] = [_("Upload the file again.")]
            return None
        token, filename, size = kept["file"], kept["name"], found.stat().st_size
        mapping_form = MappingForm(request.POST, columns=tuple(kept["columns"]))
        if not mapping_form.is_valid():
            context["mapping_form"] = mapping_form
            return None
        mapping = dict(mapping_form.cleaned_data)
    else:
        if isinstance(earlier := request.session.pop(SESSION_UPLOAD, None), dict):  # a new file: the
            pending_orders.discard(roadmap, user, str(earlier.get("file", "")))  # one left unmapped goes
        form = OrdersUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            context["upload_form"] = form
            return None
        upload = form.cleaned_data["file"]
        if upload.size > services.MAX_UPLOAD_BYTES:
            context["upload_error"] = [_("The file is larger than 50 MB.")]
            return None
        filename, size = file_label(upload.name or ""), upload.size
        if services.seeds_in_background(size):
            token = pending_orders.keep(roadmap, user, upload.chunks())
        else:
            data = upload.read()
    if token and services.seeds_in_background(size):
        request.session.pop(SESSION_UPLOAD, None)
        params = orders_jobs.job_params(token, filename, mapping, get_language() or "")
        job = start_job(kind=orders_jobs.JOB_KIND, roadmap=roadmap, actor=user, params=params)
        return redirect(job_url("framing_personas_job", roadmap, job))
    try:
        if token:
            services.seed_from_kept(
                actor=user, roadmap=roadmap, token=token, filename=filename, mapping=mapping
            )
        else:
            orders = services.read_orders_upload(data, filename=filename)
            services.seed_personas(actor=user, roadmap=roadmap, orders=orders, filename=filename)
    except services.MappingNeeded as needed:
        token = token or pending_orders.keep(roadmap, user, [data])
        ask_mapping(request, context, token, filename, needed.columns, needed.found)
        return None
    except ValidationFailed as error:
        request.session.pop(SESSION_UPLOAD, None)  # a kept file refused is gone: upload again
        context["upload_error"] = [m for messages in error.errors.values() for m in messages]
        return None
    request.session.pop(SESSION_UPLOAD, None)
    return redirect(request.path)


def ask_mapping(
    request: HttpRequest,
    context: dict[str, Any],
    token: str,
    filename: str,
    columns: Sequence[str],
    found: Mapping[str, str],
) -> None:
    """Ask which columns to read from the kept file ``token``: the session holds only its name."""
    request.session[SESSION_UPLOAD] = {"file": token, "name": filename, "columns": list(columns)}
    context["mapping_form"] = MappingForm(columns=tuple(columns), initial=dict(found))


@login_required
def personas(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, _framing, context = framing_page(request, workspace, roadmap)
    shown: dict[str, Any] = {}
    failed = False
    if request.method == "POST":
        if request.POST.get("op") in ("upload", "mapping"):
            answer = _upload(request, found, context)
            if answer is not None:
                return answer
            failed = True
        else:
            ok, shown = _edit_operations(
                request, found, {"persona": (PersonaForm, Persona), "stage": (StageForm, LifecycleStage)}
            )
            if ok:
                return redirect(request.path)
            failed = True
        context["framing"] = services.framing_for(found)
    return personas_page(request, found, context, shown, status=422 if failed else 200)


def personas_page(
    request: HttpRequest, roadmap: Roadmap, context: dict[str, Any], shown: dict[str, Any], *, status: int
) -> HttpResponse:
    """The personas page, with the forms in ``context`` or ``shown`` (the ones that failed)."""
    framing: Framing = context["framing"]
    persona_list = list(framing.personas.all()) if framing.pk else []
    context |= {
        "personas": persona_list,
        "stages": list(framing.stages.all()) if framing.pk else [],
        "warning": services.persona_range_warning(persona_list),
        "upload_form": context.get("upload_form") or OrdersUploadForm(),
        "persona_form": _form(request, framing, shown, "persona", PersonaForm, Persona),
        "stage_form": _form(request, framing, shown, "stage", StageForm, LifecycleStage),
        "currency": roadmap.currency,
    }
    return render(request, "framing/personas.html", context, status=status)


# Animation plan -----------------------------------------------------------------------------------------


def _actions(framing: Framing) -> list[PlanAction]:
    if not framing.pk:
        return []
    return list(framing.actions.select_related("persona", "stage", "activity"))


@login_required
def plan_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, framing, context = framing_page(request, workspace, roadmap)
    shown: dict[str, Any] = {}
    if request.method == "POST":
        user = current_user(request)
        op = request.POST.get("op")
        if op == "backlog":
            require(user, "edit", found)
            try:
                action = _item(framing, PlanAction, request.POST.get("item", ""))
                services.action_to_activity(actor=user, action=action)
            except ValidationFailed as refused:  # said on the page it goes back to (it did nothing, silently)
                messages.error(request, " ".join(str(m) for said in refused.errors.values() for m in said))
            return redirect(request.path)
        if op == "ceiling":
            form = CeilingForm(request.POST, instance=framing)
            if _save_framing(request, found, form):
                return redirect(request.path)
            shown["ceiling_form"] = form
        else:
            ok, shown = _edit_operations(
                request, found, {"action": (partial(ActionForm, framing=framing), PlanAction)}
            )
            if ok:
                return redirect(request.path)
        context["framing"] = framing = services.framing_for(found)
    actions = _actions(framing)
    contacts = plan.dated_contacts(framing, actions) if actions else []
    months, mondays = plan.months_of(framing), plan.weeks_of(framing)
    wanted, wanted_week = request.GET.get("month", ""), request.GET.get("week", "")
    first = next((m for m in months if m.strftime("%Y-%m") == wanted), months[0])
    monday = next((m for m in mondays if m.isoformat() == wanted_week), mondays[0])
    channels = PlanAction._meta.get_field("channel").choices or ()
    personas = list(framing.personas.all()) if framing.pk else []
    known = {
        "channel": {str(value) for value, _label in channels}, "persona": {p.key for p in personas},
        "month": {m.strftime("%Y-%m") for m in months}, "week": {m.isoformat() for m in mondays},
        "rows": {"channel", "persona"}, "view": {"month", "week"},
    }  # fmt: skip
    ignored = ignored_in(request.GET, known)  # said on the page, and filtering nothing out
    asked = {name: str(request.GET.get(name, "")) for name in ("channel", "persona")}
    channel, persona = (asked[name] if asked[name] in known[name] else "" for name in asked)
    rows = "persona" if request.GET.get("rows") == "persona" else "channel"
    weekly = request.GET.get("view") == "week"
    overloads = plan.pressure(framing, actions) if actions else []
    segments = plan.by_segment(overloads)
    context |= {
        "ignored": said(ignored),
        "actions": actions,
        "contacts": len(contacts),
        "weekly": weekly,
        "rows": rows,
        "month": None if weekly else plan.month(contacts, first, channel=channel, persona=persona),
        "week": plan.week(framing, contacts, monday, rows=rows, channel=channel, persona=persona)
        if weekly
        else None,
        "months": months,
        "mondays": mondays,
        "channel_ceilings": plan.channel_ceilings(framing),
        "channel": channel,
        "persona": persona,
        "channels": channels,
        "personas": personas,
        "applied": [
            ("channel", [str(label) for value, label in channels if value == channel]),
            ("persona", [p.name for p in personas if p.key == persona]),
        ],
        "overloads": overloads,
        "segments": segments,
        "pressure_lines": (lines := plan.pressure_lines(segments)),
        "most_stages": plan.most_stages(lines),
        "weeks_shown_open": plan.WEEKS_SHOWN_OPEN,
        "action_form": _form(
            request,
            framing,
            shown,
            "action",
            partial(ActionForm, framing=framing),
            PlanAction,
        ),
        "ceiling_form": shown.get("ceiling_form") or CeilingForm(instance=framing),
        "weekdays": [date(2024, 1, d) for d in range(1, 8)],
    }
    return render(request, "framing/plan.html", context, status=422 if shown else 200)


@login_required
def plan_ics(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found = queries.roadmap_for(current_user(request), workspace, roadmap)
    require(current_user(request), "view", found.workspace)
    framing = services.framing_for(found)
    actions = _actions(framing)
    body = plan.ics(framing, plan.dated_contacts(framing, actions) if actions else [])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.slug}-animation-plan.ics"'
    return response
