"""Helpers of the browser journeys."""

from __future__ import annotations


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
