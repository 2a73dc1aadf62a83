"""The accessibility check every looked-at page goes through (``serious_axe_violations`` in
tests/e2e/conftest.py) runs axe-core's own script and hands back only the violations: it finds what
axe-playwright-python's ``Axe().run`` finds, serious and critical faults alike."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import serious_axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FAULTY = """<!doctype html><html lang="en"><head><title>Faults</title></head><body><main>
<h1>Faults</h1><button></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p>Fine text.</p>
</main></body></html>"""


def test_the_axe_check_finds_the_faults_axe_playwright_finds(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.set_content(FAULTY)
    found = serious_axe_violations(axe, page)
    assert [fault.split(" ")[0] for fault in found] == ["button-name", "image-alt"], found

    full = axe.run(page).response["violations"]
    assert sorted(v["id"] for v in full if v["impact"] in ("serious", "critical")) == [
        "button-name",
        "image-alt",
    ]

    page.set_content(
        FAULTY.replace("<button></button>", "<button>Save</button>").replace("<img ", '<img alt="" ')
    )
    assert serious_axe_violations(axe, page) == []
