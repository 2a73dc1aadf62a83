"""Which function runs each kind of job.

A job function receives a ``JobContext`` (its parameters, roadmap and actor, and a ``progress``
callback) and returns a JSON-serialisable dict: the job's result. It raises ``JobFailed`` to stop with a
message for the user; any other exception fails the job with a generic message (details for operators
in ``Job.error`` and the server log).

Kinds shipped with Jalon are listed by dotted path in ``KINDS`` so that any process (the web server's
job thread, ``jalon worker``) finds them without importing every app first; ``register`` adds more
(tests, plug-ins).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.module_loading import import_string

from jalon.accounts.models import User
from jalon.strategy.models import Roadmap

KINDS: dict[str, str] = {
    "schedule": "jalon.planning.scheduling.schedule_job",
    "portfolio": "jalon.planning.portfolio_runs.portfolio_job",
    "report": "jalon.reports.jobs.report_job",
}


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


def register(kind: str) -> Callable[[JobFunction], JobFunction]:
    """``@register("kind")`` on a job function."""

    def decorate(function: JobFunction) -> JobFunction:
        _registered[kind] = function
        return function

    return decorate


def unregister(kind: str) -> None:
    _registered.pop(kind, None)


def function_for(kind: str) -> JobFunction:
    if kind in _registered:
        return _registered[kind]
    if kind in KINDS:
        function: JobFunction = import_string(KINDS[kind])
        return function
    raise UnknownJobKind(kind)
