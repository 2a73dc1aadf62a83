"""The French of the team, workload and review pages: the part's pending catalogue is complete, keeps its
placeholders, and the pages read in French with it.

Until the lead merges ``.i18n-pending/people.po`` into the French catalogue, tests that read these pages in
French load it beside the catalogue with ``use_pending_french`` (after the merge it changes nothing).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import polib
import pytest

PENDING = Path(__file__).resolve().parents[2] / ".i18n-pending" / "people.po"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sd]|%%")


def use_pending_french(settings: Any, folder: Path) -> None:
    """Compile the pending French catalogue into ``folder`` and let Django read it first."""
    if not PENDING.exists():  # merged into the French catalogue already
        return
    target = folder / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    polib.pofile(str(PENDING)).save_as_mofile(str(target / "django.mo"))
    settings.LOCALE_PATHS = [str(folder), *settings.LOCALE_PATHS]  # clears Django's translation caches


@pytest.fixture
def pending_french(settings, tmp_path):  # type: ignore[no-untyped-def]
    use_pending_french(settings, tmp_path)


def entries() -> list[polib.POEntry]:
    if not PENDING.exists():
        pytest.skip("the pending catalogue was merged")
    return [entry for entry in polib.pofile(str(PENDING)) if not entry.obsolete]


def test_every_pending_entry_is_translated() -> None:
    assert [e.msgid for e in entries() if not (e.msgstr or all(e.msgstr_plural.values()))] == []


def test_pending_translations_keep_their_placeholders() -> None:
    broken = []
    for entry in entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                broken.append(entry.msgid)
    assert broken == []


def test_french_typography_puts_a_non_breaking_space_before_colons() -> None:
    bad = [
        e.msgid
        for e in entries()
        for text in [e.msgstr, *e.msgstr_plural.values()]
        if re.search(r"[^\u00a0]:", text)
    ]
    assert bad == []


def test_workload_page_reads_in_french(client, demo, members, pending_french):  # type: ignore[no-untyped-def]
    from datetime import date

    from jalon.planning import services
    from jalon.planning.models import Activity, Person

    owner, roadmap = members["owner"], demo.roadmap
    zoe = services.create(
        Person, actor=owner, roadmap=roadmap, key="fr-zoe", name="Zoé", capacity_hours_per_week=10
    )
    brief = services.create(
        Activity, actor=owner, roadmap=roadmap, key="fr-brief", title="Brief", start=date(2026, 9, 7),
        end=date(2026, 9, 11),
    )  # fmt: skip
    services.assign(actor=owner, activity=brief, person=zoe, hours_per_week=12.5, confirm=True)
    client.force_login(owner)
    page = client.get("/w/cloud-kicks/r/cloud-kicks/workload/?person=fr-zoe").content.decode()
    assert "<h1>Charge de travail</h1>" in page
    assert "12,5/10" in page  # French decimal comma
    assert "en surcharge" in page and "S37" in page
    assert "Brief\u00a0: 12,5\u00a0h" in page
