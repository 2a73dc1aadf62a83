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


# Serious and critical faults (a nameless button, an image without alternative) among moderate and minor ones
# (a heading level skipped, content outside any landmark, an empty table header).
MIXED = """<!doctype html><html lang="en"><head><title>Mixed</title></head><body><p>Outside a landmark.</p>
<main><h1>Mixed</h1><h4>Skipped levels</h4><button></button>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<table><tr><th></th><td>1</td></tr></table></main></body></html>"""
IMPACTS = "() => Object.fromEntries(axe._audit.rules.map(rule => [rule.id, rule.impact || null]))"


def test_the_axe_check_leaves_out_only_rules_that_cannot_find_a_serious_or_critical_fault(page: Any) -> None:
    """The check skips the rules of minor or moderate impact: still every serious and critical fault that
    axe's whole run finds, because a fault takes its rule's impact (were that to change in an axe upgrade,
    this fails)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.set_content(MIXED)
    found = serious_axe_violations(axe, page)
    full = axe.run(page).response["violations"]
    impacts = page.evaluate(IMPACTS)
    assert {"heading-order", "region"} <= {v["id"] for v in full}  # moderate faults the whole run reports
    assert all(v["impact"] == impacts[v["id"]] for v in full), full
    assert None not in impacts.values()  # every rule has an impact: none is skipped without one
    serious = sorted(v["id"] for v in full if v["impact"] in ("serious", "critical"))
    assert serious == ["button-name", "image-alt"]
    assert sorted(fault.split(" ")[0] for fault in found) == serious
