"""The prototypes page: uploads with their workshop, status and comments; files served as attachments."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jalon.accounts.auth import current_user
from jalon.errors import ValidationFailed
from jalon.framing import prototypes, services
from jalon.framing.forms import PrototypeForm
from jalon.framing.models import Prototype
from jalon.framing.views import _edit_operations, _form, framing_page
from jalon.strategy import queries
from jalon.workspaces.permissions import NotFound, require


@login_required
def prototypes_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    user = current_user(request)
    found, framing, context = framing_page(request, workspace, roadmap)
    make = partial(PrototypeForm, framing=framing)
    shown: dict[str, Any] = {}
    if request.method == "POST":
        require(user, "edit", found)
        op = request.POST.get("op", "")
        if op == "prototype" and not request.POST.get("item"):
            form = make(request.POST, request.FILES)
            upload = request.FILES.get("file")
            if upload is not None and (upload.size or 0) > prototypes.MAX_BYTES:  # stopped as it came
                form.is_valid()
                form.add_error("file", _("The file is larger than 10 MB."))
            elif form.is_valid() and upload is not None:
                try:
                    services.add_prototype(
                        actor=user, framing=services.open_framing(actor=user, roadmap=found),
                        title=form.cleaned_data["title"], data=upload.read(prototypes.MAX_BYTES + 1),
                        file_name=upload.name or "", workshop=form.cleaned_data["workshop"],
                        comments=form.cleaned_data["comments"],
                    )  # fmt: skip
                    return redirect(request.path)
                except ValidationFailed as error:
                    error.add_to_form(form)
            elif upload is None:
                form.add_error("file", PrototypeForm.base_fields["file"].error_messages["required"])
            shown = {"prototype_form": form}
        elif op == "delete-prototype":
            item = framing.prototypes.filter(pk=request.POST.get("item", "0")).first() if framing.pk else None
            if item is not None:
                services.delete_prototype(actor=user, prototype=item)
            return redirect(request.path)
        else:
            ok, shown = _edit_operations(request, found, {"prototype": (make, Prototype)})
            if ok:
                return redirect(request.path)
    items = list(framing.prototypes.select_related("workshop")) if framing.pk else []
    context |= {
        "prototypes": items,
        "prototype_form": _form(request, framing, shown, "prototype", make, Prototype),
    }
    return render(request, "framing/prototypes.html", context, status=422 if shown else 200)


def _prototype(request: HttpRequest, workspace: str, roadmap: str, pk: int) -> Prototype:
    found = queries.roadmap_for(current_user(request), workspace, roadmap)
    prototype = Prototype.objects.filter(framing__roadmap=found, pk=pk).first()
    if prototype is None:
        raise NotFound
    return prototype


@login_required
def prototype_thumbnail(request: HttpRequest, workspace: str, roadmap: str, pk: int) -> FileResponse:
    """The thumbnail Jalon drew (a PNG it encoded itself), shown in the page."""
    prototype = _prototype(request, workspace, roadmap, pk)
    if not prototype.thumbnail:
        raise NotFound
    response = FileResponse(prototype.thumbnail.open("rb"), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = 'inline; filename="thumbnail.png"'
    return response


@login_required
def prototype_file(request: HttpRequest, workspace: str, roadmap: str, pk: int) -> FileResponse:
    """The file, always as an attachment with the type Jalon found in its content."""
    prototype = _prototype(request, workspace, roadmap, pk)
    response = FileResponse(
        prototype.file.open("rb"), as_attachment=True, filename=prototype.file_name,
        content_type=prototype.content_type,
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response
