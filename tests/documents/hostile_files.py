"""Reading the problems an importer finds in a hostile file, for the tests of the importers."""

from __future__ import annotations

import pytest

from jalon.documents.csv_import import CsvProblems
from jalon.documents.csv_write import import_activities
from jalon.documents.roadmap_file import FileProblems, parse
from jalon.planning.models import Activity
from jalon.strategy.models import Roadmap

LONGEST_MESSAGE = 300  # a problem quotes at most a short excerpt of what the file holds


def problems_of(text: str, fmt: str = "yaml") -> list[tuple[str, str]]:
    with pytest.raises(FileProblems) as refused:
        parse(text, fmt)  # type: ignore[arg-type]
    problems = refused.value.problems
    assert problems and all(len(where) + len(message) < LONGEST_MESSAGE for where, message in problems)
    return problems


def csv_problems(roadmap: Roadmap, text: str) -> list[tuple[str, str]]:
    before = Activity.objects.count()
    with pytest.raises(CsvProblems) as refused:
        import_activities(actor=None, roadmap=roadmap, text=text, create_people=True)
    assert Activity.objects.count() == before
    problems = refused.value.problems
    assert all(len(message) < LONGEST_MESSAGE for _where, message in problems)
    return problems
