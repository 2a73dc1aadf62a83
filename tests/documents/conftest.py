"""Fixtures of the documents tests: this part's pending French, fast password hashing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.documents.pending_french import compile_pending, use_pending_french


@pytest.fixture(scope="session")
def pending_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    return compile_pending(tmp_path_factory.mktemp("files-locale"))


@pytest.fixture(autouse=True)
def pending_french(settings: Any, pending_catalogue: Path | None) -> None:
    use_pending_french(settings, pending_catalogue)


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
