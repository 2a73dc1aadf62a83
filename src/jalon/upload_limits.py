"""Each upload page's file limit, enforced while the request's body streams in.

Django receives a whole multipart body (in memory, then in a temporary file) before a view can look at
a file's size: a 5 GB file posted to a 50 MB page was received and written to disk before the page
refused it. ``PageLimitHandler``, the first upload handler (``FILE_UPLOAD_HANDLERS``), counts a file's
bytes as they arrive and stops the upload as soon as the page's own limit (``page_limit``, by the name
of the page's route) is passed: the handlers after it never see the bytes past the limit, so nothing
larger than the limit is kept. What is left of the body is read and thrown away when it is small
(``DRAIN_AT_MOST``: a browser shows an answer more surely to a request it finished sending); a larger
rest is never read.

``UploadLimitMiddleware`` then hands the page a stand-in for the refused file, ``TooLarge``, whose size
is past the limit and which holds nothing: the page refuses it with its usual words ("The file is larger
than 50 MB.") in the reader's language, and keeps nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.deprecation import MiddlewareMixin

MB = 1024 * 1024
DEFAULT_LIMIT = 50 * MB
"""A page not listed takes no file larger than the largest any page takes."""
DRAIN_AT_MOST = 10 * MB
"""Past the limit, a rest of the body up to this size is still read (and thrown away)."""


def page_limits() -> dict[str, int]:
    """The largest file each upload page takes, by the name of its route (the pages' own constants)."""
    from jalon.documents.views import MAX_UPLOAD_BYTES as DOCUMENTS
    from jalon.framing.prototypes import MAX_BYTES as PROTOTYPES
    from jalon.framing.services import MAX_UPLOAD_BYTES as ORDERS
    from jalon.strategy.kpis.forms import MAX_FILE_BYTES as KPI_FILE
    from jalon.strategy.kpis.source_services import MAX_SOURCE_BYTES as KPI_SOURCE

    return {
        "import": DOCUMENTS,
        "backlog_import": DOCUMENTS,
        "kpi_import": KPI_FILE,
        "kpi_source": KPI_SOURCE,
        "framing_personas": ORDERS,
        "framing_prototypes": PROTOTYPES,
    }


def page_limit(request: HttpRequest) -> int:
    """The largest file the page ``request`` posts to takes."""
    try:
        name = resolve(request.path_info).url_name or ""
    except Resolver404:
        return DEFAULT_LIMIT
    return page_limits().get(name, DEFAULT_LIMIT)


@dataclass(frozen=True)
class Refused:
    """A file stopped past its page's limit: its form field, its name, the limit."""

    field: str
    name: str
    limit: int


class TooLarge(SimpleUploadedFile):
    """Stands for a file refused while it streamed in: empty, but its size says it is past the limit."""

    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.name, b"")
        self.size = refused.limit + 1


class PageLimitHandler(FileUploadHandler):
    """Counts each file's bytes as they come and stops the upload once the page's limit is passed."""

    received = 0
    limit = DEFAULT_LIMIT
    body_length = 0

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: str | None = None
    ) -> None:
        self.limit = page_limit(self.request) if self.request is not None else DEFAULT_LIMIT
        self.body_length = content_length or 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            if self.request is not None:
                self.request.upload_refused = Refused(  # type: ignore[attr-defined]
                    self.field_name or "file", self.file_name or "", self.limit
                )
            rest = self.body_length - self.received  # about: the other fields are small
            raise StopUpload(connection_reset=rest > DRAIN_AT_MOST)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler keeps the file


class UploadLimitMiddleware(MiddlewareMixin):
    """Puts a :class:`TooLarge` in ``request.FILES`` for a file stopped by :class:`PageLimitHandler`, so
    that the page refuses it in its own words (after the CSRF check, which reads the form first)."""

    def process_view(self, request: HttpRequest, *args: Any) -> None:
        if request.method != "POST" or not (request.content_type or "").startswith("multipart/"):
            return None
        request.POST  # noqa: B018 - reads the body (the handler may stop it) if no one has yet
        refused: Refused | None = getattr(request, "upload_refused", None)
        if refused is not None:
            request.FILES.setlist(refused.field, [TooLarge(refused)])
        return None
