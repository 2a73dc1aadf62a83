"""Which function runs each kind of job.

A job function receives a ``JobContext`` (its parameters, roadmap and actor, and a ``progress``
callback) and returns a JSON-serialisable dict: the job's result. It raises ``JobFailed`` to stop with a
message for the user; any other exception fails the job with a generic message (details for operators
in ``Job.error`` and the server log).

The queue knows no feature: each app registers its kinds from its ``AppConfig.ready`` with
``register_path`` (a dotted path, imported on the first job of that kind, so a process imports no engine it
does not run), which every process (the web server's job thread, ``jalon worker``) does at start-up;
``register`` adds a function directly (tests, plug-ins).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.module_loading import import_string

from jalon.accounts.models import User
from jalon.strategy.models import Roadmap


class Progress(Protocol):
    def __call__(self, percent: int, message: str = "", /, **params: Any) -> None:
        """Record ``percent`` (0–100) and an English message id with its ``{placeholders}``."""


@dataclass(frozen=True)
class JobContext:
    job_id: int
    kind: str
    params: Mapping[str, Any]
    roadmap: Roadmap | None
    actor: User | None
    progress: Progress


JobFunction = Callable[[JobContext], Mapping[str, Any] | None]


class UnknownJobKind(LookupError):
    """No function is registered for this kind of job."""


class JobFailed(Exception):
    """Stop the job with a message for the user: an English message id and its parameters."""

    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(message.format(**params) if params else message)


_registered: dict[str, JobFunction] = {}
_paths: dict[str, str] = {}


def register_path(kind: str, dotted_path: str) -> None:
    """Run ``kind`` with the function at ``dotted_path``, imported when the first such job runs."""
    _paths[kind] = dotted_path


def register(kind: str) -> Callable[[JobFunction], JobFunction]:
    """``@register("kind")`` on a job function."""

    def decorate(function: JobFunction) -> JobFunction:
        _registered[kind] = function
        return function

    return decorate


def unregister(kind: str) -> None:
    _registered.pop(kind, None)
    _paths.pop(kind, None)


def function_for(kind: str) -> JobFunction:
    if kind in _registered:
        return _registered[kind]
    if kind in _paths:
        function: JobFunction = import_string(_paths[kind])
        return function
    raise UnknownJobKind(kind)
