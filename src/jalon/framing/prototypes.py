"""Prototypes: what an upload really is (PNG, JPEG or PDF, recognised by its content, at most 10 MB) and
the thumbnail of an image (drawn with Pillow). The writes (files stored under the uploads folder with a
name Jalon makes) are in ``jalon.framing.services``; files are served only as attachments."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from jalon.errors import ValidationFailed

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


THUMBNAIL_SIZE = (320, 240)
MAX_PIXELS = 40_000_000  # a 10 MB PNG can claim billions of pixels: refuse before decoding


def thumbnail(data: bytes, content_type: str) -> bytes | None:
    """A small PNG drawn from an image (None for a PDF), or ValidationFailed when the image cannot be
    read or is too large to decode. The picture is re-encoded: none of the uploaded bytes are kept."""
    if not content_type.startswith("image/"):
        return None
    too_large = ValidationFailed({"file": [_("The image has more than 40 million pixels.")]})
    try:
        with Image.open(io.BytesIO(data), formats=("PNG", "JPEG")) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise too_large
            image.thumbnail(THUMBNAIL_SIZE)
            small = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            out = io.BytesIO()
            small.save(out, format="PNG", optimize=True)
            return out.getvalue()
    except Image.DecompressionBombError as error:  # Pillow's own limit, met before ours when opening
        raise too_large from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationFailed({"file": [_("The image cannot be read.")]}) from error
