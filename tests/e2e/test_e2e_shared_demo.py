"""The guard of the demo the ``reads_only`` browser tests share (shared_demo.py): a test so marked that wrote
fails, naming the table, and leaves the tables emptied for the next test; logging in and choosing a language
are put back and fail nothing. Driven here by hand, without a browser."""

from __future__ import annotations

from typing import Any

import pytest

from . import shared_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


class Node:
    nodeid = "tests/e2e/test_x.py::test_reads"


class Request:
    node = Node()


def load(demo_rows: Any) -> Any:
    from jalon.accounts.models import User
    from tests.demo_rows import restore

    def loaded() -> tuple[int, dict[str, int]]:
        restore(demo_rows)
        return demo_rows.roadmap_pk, {"owner": User.objects.get(email="demo@jalon.local").pk}

    return loaded


def test_a_reads_only_test_that_wrote_fails_naming_the_table_and_the_tables_are_emptied(
    demo_rows: Any,
) -> None:
    from jalon.strategy.models import Objective, Roadmap

    guard = shared_demo.around(Request(), load(demo_rows))  # type: ignore[arg-type]
    next(guard)  # the demo loaded, then the test:
    objective = Objective.objects.filter(roadmap_id=demo_rows.roadmap_pk).first()
    assert objective is not None
    Objective.objects.filter(pk=objective.pk).update(title="Écrit par un test qui lit")
    with pytest.raises(pytest.fail.Exception, match=r"marked reads_only but wrote into .*strategy_objective"):
        next(guard)
    assert not Roadmap.objects.exists()  # nothing it wrote reaches the next test
    assert shared_demo._shared == []  # the next reads_only test loads the demo again


def test_logging_in_and_a_language_chosen_are_put_back_and_fail_nothing(demo_rows: Any) -> None:
    from django.contrib.sessions.models import Session
    from django.test import Client

    from jalon.accounts.models import User
    from jalon.accounts.views import BACKEND

    guard = shared_demo.around(Request(), load(demo_rows))  # type: ignore[arg-type]
    next(guard)
    user = User.objects.get(email="demo@jalon.local")
    language = user.language
    Client().force_login(user, backend=BACKEND)  # a session, django-axes's log of the login, the last login
    User.objects.filter(pk=user.pk).update(language="en" if language != "en" else "fr")
    with pytest.raises(StopIteration):
        next(guard)
    assert User.objects.get(pk=user.pk).language == language
    assert not Session.objects.exists()
    assert shared_demo._shared  # still loaded for the next reads_only test
    shared_demo.leave()
