"""Every form htmx posts drops a second request while the first is on its way (``hx-sync="this:drop"``):
without it htmx queues the second click's request and sends it once the first is answered, a second row
(docs/architecture.md, *A form is sent once*)."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "jalon" / "templates"
FORM = re.compile(r"<form\b[^>]*>", re.S)


def test_every_form_htmx_posts_drops_a_second_request_while_one_is_on_its_way():
    forms = [
        (path.relative_to(TEMPLATES), tag)
        for path in TEMPLATES.rglob("*.html")
        for tag in FORM.findall(path.read_text(encoding="utf-8"))
        if "hx-post=" in tag
    ]
    assert len(forms) >= 10, "the templates' htmx forms were found"
    assert [str(path) for path, tag in forms if 'hx-sync="this:drop"' not in tag] == []


def test_every_page_loads_the_script_that_sends_a_form_once():
    assert "jalon/single-submit.js" in (TEMPLATES / "base.html").read_text(encoding="utf-8")
