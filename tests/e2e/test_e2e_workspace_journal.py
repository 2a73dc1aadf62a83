"""The workspace's change log and the kept versions' « By » column in real Chromium, French and English:
reached from the workspace's page by its owner, read at 1440 and 1280 px (axe: no serious or critical
fault; one language per page), filtered by person, exported as CSV."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests.e2e.look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
WS = "/w/cloud-kicks/"


@pytest.fixture
def changed(demo: Any, members: dict[str, Any]) -> Any:
    """The demo workspace after its team, a member's role and an invitation changed, and its roadmap was
    replaced at the command line (a version kept without an account)."""
    from jalon.documents.services import export_roadmap, import_roadmap
    from jalon.history import origin
    from jalon.planning import services as planning
    from jalon.planning.people import services as people
    from jalon.workspaces import services as workspaces

    owner, editor = members["owner"], members["editor"]
    agency = people.create_person(actor=owner, workspace=demo.workspace, name="Agence Nova", kind="agency")
    people.update_person(agency, actor=editor, expected_version=1, changes={"capacity_hours_per_week": 20})
    planning.add_absence(actor=owner, person=agency, start=date(2026, 8, 3), end=date(2026, 8, 21))
    workspaces.set_membership(actor=owner, workspace=demo.workspace, user=members["viewer"], role="editor")
    workspaces.invite(
        actor=owner, workspace=demo.workspace, email="nouvelle@example.com", role="viewer",
        link_for=lambda token: f"http://testserver/invitations/{token}/",
    )  # fmt: skip
    text = export_roadmap(actor=None, roadmap=demo.roadmap, fmt="json")
    with origin.acting(origin.Origin.CLI):  # as `jalon import --replace` does
        import_roadmap(
            actor=None, workspace=demo.workspace, text=text, fmt="json", replace=True, confirmed=True
        )
    return agency


@pytest.mark.parametrize(
    ("language", "link", "capacity", "cli"),
    [
        (
            "fr",
            "Journal des modifications de l’espace",
            "Capacité (heures par semaine)",
            "Import du fichier (ligne de commande)",
        ),
        ("en", "Change log of the workspace", "Capacity (hours per week)", "File import (command line)"),
    ],
    ids=["fr", "en"],
)
def test_the_owner_reads_filters_and_exports_the_workspace_log(
    changed, members, logged_in_page, shot, language: str, link: str, capacity: str, cli: str
) -> None:

    page = logged_in_page(DEMO, language)
    page.goto(WS)
    page.get_by_role("link", name=link, exact=True).click()
    page.wait_for_url(re.compile(r"/w/cloud-kicks/journal/$"))
    look = Look(shot, language, content=("Agence Nova", "nouvelle@example.com"))
    text = look(page, "workspace-journal")
    assert "Agence Nova" in text and capacity in text and "nouvelle@example.com" in text

    page.locator("#journal_actor").select_option(label=str(members["editor"]))
    page.locator(".journal-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"actor=\d+"))
    assert {who.strip() for who in page.locator(".journal-who").all_inner_texts()} == {str(members["editor"])}
    look(page, "workspace-journal-filtered")
    with page.expect_download() as download:
        page.locator(".journal-summary a[download]").click()
    exported = download.value.path().read_bytes().decode("utf-8-sig")
    assert exported.splitlines()[0].startswith("Date et heure;" if language == "fr" else "Date and time,")
    assert "Agence Nova" in exported and "nouvelle@example.com" not in exported  # as filtered

    page.goto("/w/cloud-kicks/r/cloud-kicks/history/")
    versions = look(page, "versions")
    assert cli in versions  # where the replacement came from, in the log's words
