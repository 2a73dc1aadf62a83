"""Use cases of the prototypes: upload a mock-up (checked by ``jalon.framing.prototypes``, with the
thumbnail of an image) and delete it with its files.

However a prototype row goes — deleted here, with its framing, or with its roadmap when a file replaces
it — its file and thumbnail are removed from storage once the deletion commits (``forget_files``, run on
every row's ``post_delete``), never before: a deletion rolled back keeps them, and a name another row
still points to is kept."""

from __future__ import annotations

import secrets

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Q
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.documents.tables import file_label
from jalon.errors import ValidationFailed
from jalon.framing.models import Framing, Prototype, Workshop
from jalon.framing.prototypes import MAX_BYTES, file_type, thumbnail
from jalon.history.services import delete_recorded
from jalon.services import save_new
from jalon.workspaces.permissions import require_actor


def add_prototype(
    *, actor: User | None, framing: Framing, title: str, data: bytes, file_name: str,
    workshop: Workshop | None = None, comments: str = "",
) -> Prototype:  # fmt: skip
    require_actor(actor, "edit", framing.roadmap)
    if len(data) > MAX_BYTES:
        raise ValidationFailed({"file": [_("The file is larger than 10 MB.")]})
    if not data:
        raise ValidationFailed({"file": [_("The file is empty.")]})
    content_type, extension = file_type(data)
    small = thumbnail(data, content_type)
    if workshop is not None and workshop.framing_id != framing.pk:
        raise ValidationFailed({"workshop": [_("This must belong to the same framing.")]})
    with transaction.atomic():
        prototype = Prototype(
            framing=framing, workshop=workshop, title=title, comments=comments, content_type=content_type,
            size=len(data), file_name=_download_name(file_name, extension),
            position=framing.prototypes.count(),
        )  # fmt: skip
        name = secrets.token_hex(12)
        prototype.file.save(f"{name}.{extension}", ContentFile(data), save=False)
        if small is not None:
            prototype.thumbnail.save(f"{name}.png", ContentFile(small), save=False)
        try:
            save_new(prototype, actor=actor)
        except ValidationFailed:
            prototype.file.delete(save=False)
            if prototype.thumbnail:
                prototype.thumbnail.delete(save=False)
            raise
    return prototype


def _download_name(file_name: str, extension: str) -> str:
    """The name the file is downloaded under: the uploaded one made safe, or ``prototype.png`` when
    nothing of it is left (``★.png`` keeps ``.png`` only, ``★`` nothing: Django refuses an empty name)."""
    try:
        name = get_valid_filename(file_label(file_name))
    except SuspiciousFileOperation:
        name = ""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return name if stem.strip("._-") else f"prototype.{extension}"


def delete_prototype(*, actor: User | None, prototype: Prototype) -> None:
    require_actor(actor, "edit", prototype.framing.roadmap)
    delete_recorded(prototype, actor=actor, named_by="id")  # its files go once this commits (forget_files)


def forget_files(sender: type[Prototype], instance: Prototype, using: str, **_kwargs: object) -> None:
    """A prototype row was deleted: remove its files from storage after the transaction commits."""
    names = [name for name in (instance.file.name, instance.thumbnail.name) if name]
    if names:
        storage = instance.file.storage
        transaction.on_commit(lambda: _remove_unused(storage, names, using), using=using, robust=True)


def _remove_unused(storage: Storage, names: list[str], using: str) -> None:
    """Remove the files no prototype row points to (any more)."""
    rows = Prototype.objects.using(using).filter(Q(file__in=names) | Q(thumbnail__in=names))
    used = {name for pair in rows.values_list("file", "thumbnail") for name in pair}
    for name in names:
        if name not in used:
            storage.delete(name)
