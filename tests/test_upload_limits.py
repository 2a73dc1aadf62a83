"""Each upload page's limit is enforced while the file streams in (``jalon.upload_limits``): a file past it
is stopped there, the rest of a large body is never read, nothing past the limit reaches the handlers that
keep files, and the page refuses the file in its own words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client, RequestFactory

from jalon import upload_limits
from jalon.planning.models import Activity

MB = 1024 * 1024
BACKLOG = "/w/cloud-kicks/r/cloud-kicks/backlog/import/"


class CountingInput:
    """A request body that counts the bytes read from it."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped, self.read_bytes = wrapped, 0

    def read(self, size: int = -1) -> bytes:
        data: bytes = self.wrapped.read(size)
        self.read_bytes += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data: bytes = self.wrapped.readline(size)
        self.read_bytes += len(data)
        return data


def posted(url: str, size: int) -> tuple[WSGIRequest, CountingInput]:
    """A multipart POST of a ``size``-byte file to ``url``, whose body counts what is read of it."""
    made = RequestFactory().post(url, {"file": SimpleUploadedFile("grand.csv", b"5" * size)})
    body = CountingInput(made.environ["wsgi.input"])
    return WSGIRequest({**made.environ, "wsgi.input": body}), body


@pytest.fixture
def kept(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The bytes the file-keeping handler (memory then a temporary file) received, chunk by chunk."""
    chunks: list[int] = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def spy(self: TemporaryFileUploadHandler, raw_data: bytes, start: int) -> Any:
        chunks.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
    return chunks


@pytest.mark.django_db
def test_a_file_far_past_the_pages_limit_is_stopped_before_the_body_is_read(kept: list[int]) -> None:
    request, body = posted(BACKLOG, 40 * MB)  # the backlog takes 5 MB
    assert request.FILES.get("file") is None  # the parse stops at the limit
    refused = request.upload_refused  # type: ignore[attr-defined]
    assert (refused.field, refused.name, refused.limit) == ("file", "grand.csv", 5 * MB)
    assert body.read_bytes < 6 * MB  # of 40 MB sent
    assert sum(kept) <= 5 * MB  # nothing past the limit was kept, in memory or on disk


@pytest.mark.django_db
def test_a_small_rest_past_the_limit_is_read_but_not_kept(kept: list[int]) -> None:
    request, body = posted(BACKLOG, 5 * MB + 1)
    assert request.FILES.get("file") is None
    assert body.read_bytes > 5 * MB  # read to its end, so that the browser hears the answer
    assert sum(kept) <= 5 * MB


@pytest.mark.django_db
def test_a_file_up_to_the_limit_passes_and_one_byte_more_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_limits, "page_limits", lambda: {"backlog_import": 1000})
    request, _body = posted(BACKLOG, 1000)
    file = request.FILES.get("file")
    assert file is not None and file.size == 1000 and not hasattr(request, "upload_refused")
    request, _body = posted(BACKLOG, 1001)
    assert request.FILES.get("file") is None and request.upload_refused.limit == 1000  # type: ignore[attr-defined]


def test_each_upload_page_has_its_own_limit_and_any_other_the_largest() -> None:
    def limit(url: str) -> int:
        return upload_limits.page_limit(RequestFactory().post(url))

    roadmap = "/w/cloud-kicks/r/cloud-kicks/"
    assert limit("/w/cloud-kicks/import/") == 5 * MB
    assert limit(roadmap + "backlog/import/") == 5 * MB
    assert limit(roadmap + "kpis/taux-conversion/import/") == 10 * MB
    assert limit(roadmap + "kpis/taux-conversion/source/") == 50 * MB
    assert limit(roadmap + "framing/personas/") == 50 * MB
    assert limit(roadmap + "framing/prototypes/") == 10 * MB
    assert limit(roadmap + "framing/kickoff/") == limit("/nowhere/") == 50 * MB


@pytest.mark.parametrize(
    ("language", "message"),
    [("fr", "Le fichier dépasse 5\u00a0Mo."), ("en", "The file is larger than 5 MB.")],
)
def test_a_stopped_file_is_refused_on_its_page_in_the_readers_language_and_nothing_is_kept(
    client: Client, members: dict[str, Any], settings: Any, tmp_path: Path, language: str, message: str
) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = language
    before = Activity.objects.count()
    data = b"key,title\n" + b"x" * (30 * MB)
    response = client.post(
        BACKLOG, {"file": SimpleUploadedFile("backlog.csv", data)}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Activity.objects.count() == before
    assert list(tmp_path.iterdir()) == []  # no temporary file left, and none of the file's size
