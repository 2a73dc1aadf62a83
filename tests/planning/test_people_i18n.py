"""The French of the team, workload and review pages: every message of their files is translated, keeps its
placeholders, and the pages read in French (French typography: tests/test_translations.py, catalogue-wide)."""

from __future__ import annotations

import re
from pathlib import Path

import polib

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "src" / "jalon" / "locale" / "fr" / "LC_MESSAGES" / "django.po"
)
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sd]|%%")
PART = re.compile(
    r"planning/(people|reviews)/[a-z_]+\.py"
    r"|templates/planning/(people|person|workload|review|_workload)[^/]*\.html"
)


def entries() -> list[polib.POEntry]:
    """The catalogue's messages that come from this part's files."""
    return [
        entry
        for entry in polib.pofile(str(CATALOGUE))
        if not entry.obsolete and any(PART.fullmatch(path) for path, _line in entry.occurrences)
    ]


def test_every_message_of_the_part_is_translated() -> None:
    assert [e.msgid for e in entries() if not (e.msgstr or all(e.msgstr_plural.values()))] == []


def test_the_part_translations_keep_their_placeholders() -> None:
    broken = []
    for entry in entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                broken.append(entry.msgid)
    assert broken == []


def test_workload_page_reads_in_french(client, demo, members):
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
