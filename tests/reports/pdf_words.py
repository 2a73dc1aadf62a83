"""The words of a PDF page and where they lie, to tell overlapping words."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.reports.conftest import run


def words_of(pdf: Path) -> list[tuple[int, float, float, float, float, float, str]]:
    """(page, page width, xMin, yMin, xMax, yMax, word) for every word pdftotext finds."""
    found = run("pdftotext", "-bbox", pdf, "-").stdout.decode()
    words = []
    for number, page in enumerate(re.finditer(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', found, re.DOTALL)):
        for box in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page.group(2),
        ):
            x0, y0, x1, y1 = (float(box.group(i)) for i in range(1, 5))
            words.append((number + 1, float(page.group(1)), x0, y0, x1, y1, html.unescape(box.group(5))))
    return words


def overlapping_words(
    words: list[tuple[int, float, float, float, float, float, str]],
) -> list[tuple[int, str, str]]:
    """Pairs of words drawn over each other or touching on a line (words of a line have a space between them,
    cells their padding): a text run out of its cell into the next one."""
    found = []
    by_page: dict[int, list[tuple[float, float, float, float, str]]] = {}
    for page, width, x0, y0, x1, y1, text in words:
        # not the contents' dot leaders, nor the timelines' landscape pictures (no table there; a lane's
        # label cut short with « … » ends where the bars begin)
        if text.strip(".") and width < 700:
            by_page.setdefault(page, []).append((x0, y0, x1, y1, text))
    for page, boxes in by_page.items():
        boxes.sort()
        for i, (_x0, y0, x1, y1, text) in enumerate(boxes):
            for ox0, oy0, _ox1, oy1, other in boxes[i + 1 :]:
                if ox0 >= x1 + 0.5:
                    break
                if min(y1, oy1) - max(y0, oy0) > 0.5 * min(y1 - y0, oy1 - oy0) and ox0 < x1 + 0.5:
                    found.append((page, text, other))
    return found
