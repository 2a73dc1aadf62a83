"""Errors that services raise and every shell (page, API, command) shows to the user."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any


class ValidationFailed(Exception):
    """Bad input: nothing was written. ``errors`` maps a field or path to translated messages."""

    def __init__(
        self,
        errors: Mapping[str, Sequence[str]],
        *,
        say: Callable[[], Mapping[str, Sequence[str]]] | None = None,
    ) -> None:
        self.errors = {key: list(messages) for key, messages in errors.items()}
        self.say = say
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in self.errors.items()))

    def worded(self) -> dict[str, list[str]]:
        """The messages in the active language: ``say`` words them again when the refusal was raised with it
        (a background job's refusal is read later, in each reader's language), else as they were raised."""
        if self.say is None:
            return self.errors
        return {key: list(messages) for key, messages in self.say().items()}

    def add_to_form(self, form: Any) -> None:
        """Show the messages on a Django form: on their field, or above the form when it has no such field."""
        for name, messages in self.errors.items():
            form.add_error(name if name in form.fields else None, messages)


class Conflict(Exception):
    """Someone saved a newer version first. ``changes`` lists field -> (theirs, yours)."""

    def __init__(self, *, current_version: int, changes: Mapping[str, tuple[Any, Any]]) -> None:
        self.current_version = current_version
        self.changes = dict(changes)
        super().__init__(f"stale version; now at {current_version}")


class NeedsConfirmation(Exception):
    """The change is allowed but has consequences the user must see first (an overload, a broken
    dependency). Nothing was written; calling again with ``confirm=True`` saves it."""

    def __init__(self, warnings: Sequence[str]) -> None:
        self.warnings = list(warnings)
        super().__init__("; ".join(self.warnings))
