"""An orders file waiting for its column mapping, or for the background job that reads it.

The file is kept under the uploads folder, in a folder of its own per workspace, roadmap and user
(``pending-orders/<workspace>/<roadmap>/<user>/<random>``), so that the session (or the job) holds only
its random name, and no one else's name can reach it. It is removed once used (the personas seeded, or
the file refused) and in any case after ``LIFETIME``: each new pending file sweeps the older ones, and
``jalon cleanup-files`` counts them as unused (``jalon.unused_files``).
"""

from __future__ import annotations

import contextlib
import re
import secrets
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.files.storage import default_storage

if TYPE_CHECKING:
    from jalon.accounts.models import User
    from jalon.strategy.models import Roadmap

FOLDER = "pending-orders"
LIFETIME = timedelta(days=1)
_TOKEN = re.compile(r"[0-9a-f]{32}")


def _folder(roadmap: Roadmap, user: User) -> str:
    return f"{FOLDER}/{roadmap.workspace_id}/{roadmap.pk}/{user.pk}"


def keep(roadmap: Roadmap, user: User, chunks: Iterable[bytes]) -> str:
    """Write the file's ``chunks`` under a random name of ``user``'s folder on ``roadmap``; the name."""
    sweep()
    token = secrets.token_hex(16)
    path = Path(default_storage.path(f"{_folder(roadmap, user)}/{token}"))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as out:
        for chunk in chunks:
            out.write(chunk)
    return token


def path_of(roadmap: Roadmap, user: User, token: str) -> Path | None:
    """``user``'s pending file named ``token`` on ``roadmap``; None when there is none (used, swept, or a
    name that is not one of ours)."""
    if not _TOKEN.fullmatch(token or ""):
        return None
    path = Path(default_storage.path(f"{_folder(roadmap, user)}/{token}"))
    return path if path.is_file() else None


def discard(roadmap: Roadmap, user: User, token: str) -> None:
    if (path := path_of(roadmap, user, token)) is not None:
        path.unlink(missing_ok=True)


def expired(modified: float, *, now: float | None = None) -> bool:
    """Whether a pending file last written at ``modified`` (a timestamp) is past its lifetime."""
    return modified < (time.time() if now is None else now) - LIFETIME.total_seconds()


def sweep(*, now: float | None = None) -> int:
    """Remove the pending files past their lifetime, everyone's; how many."""
    root = Path(default_storage.path(FOLDER))
    removed = 0
    for path in root.glob("*/*/*/*") if root.is_dir() else []:
        with contextlib.suppress(OSError):
            if path.is_file() and not path.is_symlink() and expired(path.lstat().st_mtime, now=now):
                path.unlink()
                removed += 1
    return removed
