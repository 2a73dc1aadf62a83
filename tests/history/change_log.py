"""Reading the change log as the tests check it."""

from __future__ import annotations

import re
from typing import Any

from jalon.accounts.models import User


def exported(response: Any) -> str:
    """A streamed CSV export's text (its BOM checked and removed)."""
    assert response.status_code == 200 and response.streaming
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    return data.decode("utf-8-sig")


def speaking(user: User, language: str) -> User:
    user.language = language
    user.save(update_fields=["language"])
    return user


def text_of(html: str) -> str:
    """A page's text, tags out and spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
