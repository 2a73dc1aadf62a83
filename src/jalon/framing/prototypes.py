"""Prototypes: uploaded mock-ups checked by their content (PNG, JPEG or PDF, at most 10 MB), stored under
the uploads folder with a name Jalon makes, and served only as attachments."""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.framing.models import Framing, Prototype, Workshop
from jalon.history.services import record
from jalon.services import save_new
from jalon.workspaces.permissions import require_actor

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"%PDF-", "application/pdf", "pdf"),
)


def file_type(data: bytes) -> tuple[str, str]:
    """The content type and extension the bytes really have, or ValidationFailed."""
    for signature, content_type, extension in SIGNATURES:
        if data.startswith(signature):
            return content_type, extension
    raise ValidationFailed({"file": [_("Upload a PNG or JPEG image or a PDF file.")]})


def add_prototype(
    *, actor: User | None, framing: Framing, title: str, data: bytes, file_name: str,
    workshop: Workshop | None = None, comments: str = "",
) -> Prototype:  # fmt: skip
    require_actor(actor, "edit", framing.roadmap.workspace)
    if len(data) > MAX_BYTES:
        raise ValidationFailed({"file": [_("The file is larger than 10 MB.")]})
    if not data:
        raise ValidationFailed({"file": [_("The file is empty.")]})
    content_type, extension = file_type(data)
    if workshop is not None and workshop.framing_id != framing.pk:
        raise ValidationFailed({"workshop": [_("This must belong to the same framing.")]})
    with transaction.atomic():
        prototype = Prototype(
            framing=framing, workshop=workshop, title=title, comments=comments, content_type=content_type,
            size=len(data), file_name=get_valid_filename(file_name)[:200] or f"prototype.{extension}",
            position=framing.prototypes.count(),
        )  # fmt: skip
        prototype.file.save(f"{secrets.token_hex(12)}.{extension}", ContentFile(data), save=False)
        try:
            save_new(prototype, actor=actor)
        except ValidationFailed:
            prototype.file.delete(save=False)
            raise
    return prototype


def delete_prototype(*, actor: User | None, prototype: Prototype) -> None:
    require_actor(actor, "edit", prototype.framing.roadmap.workspace)
    with transaction.atomic():
        record(prototype, actor=actor, before={"id": prototype.pk}, after={"id": None})
        stored = prototype.file.name
        prototype.delete()
        transaction.on_commit(lambda: prototype.file.storage.delete(stored))
