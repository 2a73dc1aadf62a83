"""jalon.bulk.render_with_blocks gives the page render() would give, with the blocks put back in their
places, and no text of the page can pass for a block's marker."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest
from django.shortcuts import render
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from jalon.bulk import render_with_blocks

TEMPLATE = "planning/_timeline_fragment.html"  # a chart block ({{ svg }}) and a list block ({{ rows }})


def _context() -> dict[str, Any]:
    return {
        "row_count": 1, "week_labels": [], "can_edit": False, "oob": False, "params": None,
        "timeline_url": "/t/", "move_url": "", "query": "", "roadmap": None, "workspace": None,
    }  # fmt: skip


@pytest.fixture
def request_() -> HttpRequest:
    return RequestFactory().get("/")


def test_the_page_is_the_one_render_gives(request_: HttpRequest) -> None:
    blocks = {"svg": mark_safe("<svg>é – ✓</svg>"), "rows": mark_safe("<tr><td>R&amp;D</td></tr>")}
    expected = render(request_, TEMPLATE, {**_context(), **blocks})
    answer = render_with_blocks(request_, TEMPLATE, _context(), blocks)
    assert answer.status_code == 200
    assert answer.content == expected.content
    assert answer.content.count(b"<svg>") == 1 and "é – ✓".encode() in answer.content


def test_the_status_is_kept(request_: HttpRequest) -> None:
    blocks = {"svg": mark_safe(""), "rows": mark_safe("")}
    assert render_with_blocks(request_, TEMPLATE, _context(), blocks, status=409).status_code == 409


def test_a_text_that_looks_like_a_marker_stays_text(request_: HttpRequest) -> None:
    blocks = {"svg": mark_safe("<svg/>"), "rows": mark_safe("\x00bulk:svg\x00 and \x00svg\x00")}
    answer = render_with_blocks(request_, TEMPLATE, _context(), blocks)
    assert answer.content.count(b"<svg/>") == 1
    assert b"\x00bulk:svg\x00 and \x00svg\x00" in answer.content
