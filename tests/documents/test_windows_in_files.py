"""Activity windows in files: a column each in the CSV import and the backlog export, two keys in
``jalon/1`` files (round trip); a window out of order, out of 1900–2200 or away from the dates is
refused with its line or path, and nothing is written."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import yaml
from django.utils import translation

from jalon.documents.backlog_export import backlog_csv
from jalon.documents.csv_import import CsvProblems
from jalon.documents.csv_write import import_activities
from jalon.documents.roadmap_file import FileProblems
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.planning.models import Activity
from jalon.workspaces.models import Workspace
from tests.documents.planning_files import as_yaml, small_plan


def test_csv_rows_bring_their_window(demo) -> None:
    text = (
        "key,title,status,start,end,not_before,must_finish_by\n"
        "soldes,Soldes d'hiver,planned,2027-01-13,2027-01-20,2027-01-13,2027-02-09\n"
        "fete-meres,Fête des mères,idea,,,,31/05/2027\n"
    )
    created = {a.key: a for a in import_activities(actor=None, roadmap=demo.roadmap, text=text)}
    assert (created["soldes"].not_before, created["soldes"].must_finish_by) == (
        date(2027, 1, 13), date(2027, 2, 9)
    )  # fmt: skip
    assert created["fete-meres"].must_finish_by == date(2027, 5, 31)


def test_french_headers_of_the_window_are_read(demo) -> None:
    text = "Clé;Titre;Pas avant le;À terminer au plus tard le\nsoldes;Soldes;13/01/2027;09/02/2027\n"
    (created,) = import_activities(actor=None, roadmap=demo.roadmap, text=text)
    assert created.must_finish_by == date(2027, 2, 9)


def test_bad_windows_in_a_csv_are_all_reported_and_nothing_is_written(demo) -> None:
    text = (
        "key,title,start,end,not_before,must_finish_by\n"
        "a,Out of order,,,2027-02-09,2027-01-13\n"
        "b,Ends after its window,2027-01-04,2027-01-29,,2027-01-15\n"
        "c,Too far,,,,2301-01-01\n"
    )
    before = Activity.objects.count()
    with translation.override("en"), pytest.raises(CsvProblems) as refused:
        import_activities(actor=None, roadmap=demo.roadmap, text=text)
    assert refused.value.problems == [
        ("line 2", "The window must end on or after the day it opens (9 February 2027)."),
        ("line 3", "This activity must finish by 15 January 2027 (its window)."),
        ("line 4", "must_finish_by: Enter a date between 1900 and 2200."),  # the column, as the file names it
    ]
    assert Activity.objects.count() == before


def test_the_backlog_export_has_the_window_and_imports_back(demo) -> None:
    with translation.override("en"):
        exported = backlog_csv(actor=None, roadmap=demo.roadmap).decode("utf-8-sig")
    header = exported.splitlines()[0].split(",")
    assert header[8:10] == ["Not before", "Must finish by"]
    noel = next(line for line in exported.splitlines() if line.startswith("campagne-noel,"))
    assert "2026-11-23,2026-12-20" in noel
    other = Workspace.objects.create(slug="copie", name="Copie")
    whole = export_roadmap(actor=None, roadmap=demo.roadmap, fmt="yaml")
    target = import_roadmap(actor=None, workspace=other, text=whole, fmt="yaml")
    target.activities.all().delete()
    with translation.override("en"):
        import_activities(actor=None, roadmap=target, text=exported.replace("campagne-noel", "noel-copie"))
    copy = target.activities.get(key="noel-copie")
    assert (copy.not_before, copy.must_finish_by) == (date(2026, 11, 23), date(2026, 12, 20))


@pytest.fixture
def workspace(db) -> Workspace:
    return Workspace.objects.create(slug="agence", name="Agence")


def windowed_plan() -> dict[str, Any]:
    document = small_plan()
    document["activities"][1] |= {"not_before": "2026-03-09", "must_finish_by": "2026-03-27"}
    return document


def test_windows_survive_the_jalon_file_round_trip(workspace: Workspace) -> None:
    roadmap = import_roadmap(actor=None, workspace=workspace, text=as_yaml(windowed_plan()), fmt="yaml")
    envoi = roadmap.activities.get(key="envoi")
    assert (envoi.not_before, envoi.must_finish_by) == (date(2026, 3, 9), date(2026, 3, 27))
    for fmt in ("yaml", "json"):
        exported = export_roadmap(actor=None, roadmap=roadmap, fmt=fmt)
        tree = yaml.safe_load(exported)
        assert tree["activities"][1]["must_finish_by"] in (date(2026, 3, 27), "2026-03-27")
        assert "not_before" not in tree["activities"][0]  # no window, nothing written
        copy = import_roadmap(
            actor=None, workspace=Workspace.objects.create(slug=f"copie-{fmt}", name="Copie"), text=exported,
            fmt=fmt,
        )  # fmt: skip
        assert export_roadmap(actor=None, roadmap=copy, fmt=fmt) == exported


@pytest.mark.parametrize(
    ("window", "path", "message"),
    [
        ({"not_before": "2026-03-27", "must_finish_by": "2026-03-09"}, "activities[1].must_finish_by",
         "The window must end on or after the day it opens (27 March 2026)."),
        ({"must_finish_by": "2026-03-18"}, "activities[1].end",
         "This activity must finish by 18 March 2026 (its window)."),
        ({"not_before": "1850-01-01"}, "activities[1].not_before", "Enter a date between 1900 and 2200."),
    ],
)  # fmt: skip
def test_bad_windows_in_a_jalon_file_are_reported_at_their_paths(
    workspace: Workspace, window: dict[str, str], path: str, message: str
) -> None:
    document = small_plan()
    document["activities"][1] |= window
    with translation.override("en"), pytest.raises(FileProblems) as refused:
        import_roadmap(actor=None, workspace=workspace, text=as_yaml(document), fmt="yaml")
    assert (path, message) in refused.value.problems
    assert not Activity.objects.exists()
