"""Two saves of namesakes at once, for the tests of the unique-title constraints (objectives, groups and
reviews per roadmap; roadmaps per workspace): simulated (``another_save_lands``) and, on PostgreSQL, for
real with two connections (``committed_once_checked``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection, connections, models, transaction

from jalon.errors import ValidationFailed


@contextmanager
def another_save_lands(model: type[models.Model], **fields: Any) -> Iterator[None]:
    """A row of ``model`` written by someone else once the service has checked its own and before it saves
    it (the race the constraint is for), as the other transaction's commit would make it visible."""
    landed: list[bool] = []
    checked = model.validate_constraints

    def check_then_land(self: models.Model, *args: Any, **kwargs: Any) -> None:
        checked(self, *args, **kwargs)
        if not landed:
            landed.append(True)
            model._default_manager.bulk_create([model(**fields)])

    model.validate_constraints = check_then_land  # type: ignore[method-assign]
    try:
        yield
    finally:
        model.validate_constraints = checked  # type: ignore[method-assign]
    assert landed, "the other save never landed"


def committed_once_checked(
    model: type[models.Model], theirs: Callable[[], object], mine: Callable[[], object]
) -> ValidationFailed:
    """The race for real, on PostgreSQL: another connection runs ``theirs`` (an insert) and commits only
    once ``mine`` has checked its own ``model`` row and found nothing. PostgreSQL makes ``mine``'s insert
    wait for that commit, then the constraint refuses it: the refusal ``mine`` raised. SQLite lets one writer
    at a time in, so there is no such race to test there (skipped)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers")
    inserted, checked = threading.Event(), threading.Event()

    def other_connection() -> None:
        try:
            with transaction.atomic():
                theirs()
                inserted.set()
                checked.wait(timeout=60)
        finally:
            connections.close_all()

    original = model.validate_constraints

    def check_then_let_them_commit(self: models.Model, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        checked.set()

    other = threading.Thread(target=other_connection)
    other.start()
    inserted.wait(timeout=60)
    model.validate_constraints = check_then_let_them_commit  # type: ignore[method-assign]
    try:
        with pytest.raises(ValidationFailed) as refused:
            mine()
    finally:
        model.validate_constraints = original  # type: ignore[method-assign]
        checked.set()
        other.join(timeout=60)
    return refused.value
