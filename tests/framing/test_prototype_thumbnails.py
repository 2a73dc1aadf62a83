"""Prototype thumbnails: an image gets a small PNG Jalon draws itself (never the uploaded bytes), shown
in the page to members; a PDF gets an icon; an image that cannot be read or claims too many pixels is
refused and nothing is kept; deleting a prototype deletes its thumbnail."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.test import Client
from PIL import Image

from jalon.framing.models import Prototype
from tests.framing.prototypes import PAGE, png, post


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


def test_an_image_gets_a_small_png_thumbnail_shown_in_the_page(client: Client, members, tmp_path) -> None:
    client.force_login(members["editor"])
    assert post(client, "affiche.jpg", jpeg(1600, 1200)).status_code == 302
    prototype = Prototype.objects.get()
    assert prototype.thumbnail and (tmp_path / prototype.thumbnail.name).exists()
    client.force_login(members["stakeholder"])
    page = client.get(PAGE).content.decode()
    url = PAGE + f"{prototype.pk}/thumbnail"
    assert f'src="{url}"' in page
    response = client.get(url)
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    with Image.open(io.BytesIO(body)) as small:
        assert small.format == "PNG" and small.size == (320, 240)


def test_a_pdf_gets_an_icon_and_no_thumbnail(client: Client, members) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "en"
    post(client, "charte.pdf", b"%PDF-1.4\n%%EOF\n")
    prototype = Prototype.objects.get()
    assert not prototype.thumbnail
    page = client.get(PAGE).content.decode()
    assert 'aria-label="PDF file"' in page and "/thumbnail" not in page
    assert client.get(PAGE + f"{prototype.pk}/thumbnail").status_code == 404


def bomb() -> bytes:
    """A PNG whose header claims 100,000 × 100,000 pixels (a few bytes on disk)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"not really an image", "L’image est illisible."),
        (bomb(), "L’image a plus de 40 millions de pixels."),
    ],
)
def test_an_image_that_cannot_be_read_or_is_too_large_is_refused_and_nothing_is_kept(
    client: Client, members, tmp_path, data: bytes, message: str
) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "fr"
    response = post(client, "x.png", data)
    assert response.status_code == 422 and message in response.content.decode()
    assert not Prototype.objects.exists() and not any(p.is_file() for p in tmp_path.rglob("*"))


def test_outsiders_get_no_thumbnail_and_deleting_removes_it(
    client: Client, members, tmp_path, django_capture_on_commit_callbacks
) -> None:
    client.force_login(members["editor"])
    post(client, "m.png", png())
    prototype = Prototype.objects.get()
    thumbnail = tmp_path / prototype.thumbnail.name
    client.force_login(members["outsider"])
    assert client.get(PAGE + f"{prototype.pk}/thumbnail").status_code == 404
    client.force_login(members["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PAGE, {"op": "delete-prototype", "item": prototype.pk})
    assert not thumbnail.exists()
