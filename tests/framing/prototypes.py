"""A prototype image and how the tests post it."""

from __future__ import annotations

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

PAGE = "/w/cloud-kicks/r/cloud-kicks/framing/prototypes/"


def png() -> bytes:
    """A real 2 × 2 blue PNG image, written by hand (chunks with their CRC)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + b"\x25\x63\xeb" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def post(client: Client, name: str, data: bytes, **extra: str):
    fields = {
        "op": "prototype",
        "title": "Maquette e-mail",
        "status": "review",
        "file": SimpleUploadedFile(name, data),
    }
    return client.post(PAGE, fields | extra)
