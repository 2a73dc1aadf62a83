"""A busy SQLite database: a write waits for a short transaction, and past the busy timeout the person
reads "busy, try again" (503 with Retry-After, in their language), never a 500."""

from __future__ import annotations

import html
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from jalon import config
from jalon.busy import RETRY_AFTER_S
from jalon.strategy.models import Measurement

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite"
    ),
]

MEASUREMENTS = "/w/cloud-kicks/r/cloud-kicks/kpis/taux-conversion/measurements/"
FORM = {"taux-conversion-date": "2026-11-30", "taux-conversion-value": "3.3", "taux-conversion-source": "GA"}


@contextmanager
def another_writer(*, release_after_s: float | None = None) -> Iterator[None]:
    """Another process's write transaction on the same database file (a long import, say)."""
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(release_after_s, other.rollback) if release_after_s is not None else None
    if timer:
        timer.start()
    try:
        yield
    finally:
        if timer:
            timer.join()
        else:
            other.rollback()
        other.close()


@pytest.fixture
def editor(members) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(members["editor"])
    return client


@pytest.fixture
def short_busy_timeout() -> Iterator[None]:
    """The busy timeout, shortened so the test does not wait 5 s (the page's own connection included)."""
    connection.close()
    options = connection.settings_dict["OPTIONS"]
    saved = options["timeout"]
    options["timeout"] = 0.3
    yield
    options["timeout"] = saved
    connection.close()


def test_the_busy_timeout_lets_a_write_wait_for_another_writer_s_short_transaction(editor) -> None:
    assert connection.settings_dict["OPTIONS"]["timeout"] == config.SQLITE_BUSY_TIMEOUT_S
    started = time.monotonic()
    with another_writer(release_after_s=0.5):
        response = editor.post(MEASUREMENTS, FORM)
    assert response.status_code == 302
    assert time.monotonic() - started >= 0.5
    assert Measurement.objects.filter(kpi__key="taux-conversion", source="GA").exists()


def test_a_page_past_the_busy_timeout_says_busy_try_again_with_503_and_retry_after(
    editor, short_busy_timeout
) -> None:
    with another_writer():
        response = editor.post(MEASUREMENTS, FORM)
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_S)
    page = html.unescape(response.content.decode())
    assert "Jalon est occupé" in page and "Réessayez dans quelques secondes" in page
    assert "Traceback" not in page and "Server Error" not in page
    assert not Measurement.objects.filter(kpi__key="taux-conversion", source="GA").exists()
    assert editor.post(MEASUREMENTS, FORM).status_code == 302  # once the other writer is done


def test_an_in_place_edit_past_the_busy_timeout_gets_the_message_on_top_of_the_page_in_english(
    editor, members, short_busy_timeout
) -> None:
    members["editor"].language = "en"
    members["editor"].save(update_fields=["language"])
    with another_writer():
        response = editor.post(MEASUREMENTS, FORM, HTTP_HX_REQUEST="true")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_S)
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#main", "afterbegin")
    assert "Jalon is busy saving other changes. Try again in a few seconds" in response.content.decode()
