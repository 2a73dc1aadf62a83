"""Pages that carry large blocks written in Python (a 1,000-bar chart, a 1,000-row table) render their
template around those blocks rather than through it.

Django's template engine joins the output of every block and include into a new string, and marks it safe
(another copy): a megabyte block travels through five or six levels of a page, so copying it costs more
than writing it. Here the template receives a short marker in place of each block, and the response is
the rendered page cut at the markers with each block's bytes put back in.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


def render_with_blocks(
    request: HttpRequest,
    template: str,
    context: Mapping[str, Any],
    blocks: Mapping[str, SafeString],
    *,
    status: int = 200,
) -> HttpResponse:
    """``render(request, template, {**context, **blocks}, status=status)``, without the template engine
    copying the blocks (already-escaped HTML, as ``mark_safe`` strings)."""
    token = secrets.token_hex(8)  # a marker no text of the page can contain by chance or by design
    markers = {name: mark_safe(f"\x00{token}:{name}\x00") for name in blocks}
    page = render_to_string(template, {**context, **markers}, request=request)
    pieces = re.split(f"\x00{token}:(\\w+)\x00", page)  # text, name, text, name, …, text
    content = b"".join((blocks[piece] if index % 2 else piece).encode() for index, piece in enumerate(pieces))
    return HttpResponse(content, status=status)
