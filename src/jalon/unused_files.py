"""Files under ``JALON_HOME/uploads`` that no row points to any more (``jalon cleanup-files``).

A file is in use when a row names it: a prototype's file or thumbnail, a KPI source's data file, or a
report written for a background job that still exists (``reports/job-<id>.<format>``). Everything else
under the folder is unused: prototype files left behind before their deletion removed them, reports of
jobs gone, stray copies, orders files kept for a column mapping or a job (``pending-orders/``) past
their day (``jalon.framing.pending_orders``). Files younger than ``GRACE`` are never counted, since an
upload writes its file a moment before its row. Symbolic links are neither followed nor removed, and
nothing outside the folder is ever looked at.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings

GRACE = timedelta(hours=1)
_REPORT = re.compile(r"reports/job-(\d+)\.[a-z0-9]+")


@dataclass(frozen=True)
class UnusedFile:
    path: Path
    name: str  # relative to the uploads folder, with "/"
    size: int


@dataclass(frozen=True)
class Scan:
    unused: list[UnusedFile]
    recent: int  # unreferenced files younger than GRACE, left alone

    @property
    def size(self) -> int:
        return sum(file.size for file in self.unused)


def uploads_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def names_in_use() -> tuple[set[str], set[int]]:
    """The files rows point to (relative to the uploads folder) and the ids of the jobs still recorded."""
    from jalon.framing.models import Prototype
    from jalon.jobs.models import Job
    from jalon.strategy.models import KPISource

    names = {name for pair in Prototype.objects.values_list("file", "thumbnail") for name in pair if name}
    names.update(KPISource.objects.values_list("stored_path", flat=True))  # relative, like the files
    return names, set(Job.objects.values_list("pk", flat=True))


def _files(root: Path) -> Iterable[tuple[Path, os.stat_result]]:
    """Regular files under ``root``: symbolic links (to files or folders) are skipped, never followed."""
    real_root = root.resolve()
    for folder, _folders, files in os.walk(root, followlinks=False):
        if not Path(folder).resolve().is_relative_to(real_root):
            continue
        for file in files:
            path = Path(folder) / file
            try:
                info = path.lstat()
            except FileNotFoundError:  # removed meanwhile
                continue
            if stat.S_ISREG(info.st_mode):  # a link's own mode is S_IFLNK
                yield path, info


def scan(*, now: float | None = None) -> Scan:
    from jalon.framing import pending_orders

    root = uploads_root()
    if not root.is_dir():
        return Scan([], 0)
    names, jobs = names_in_use()
    youngest = (time.time() if now is None else now) - GRACE.total_seconds()
    unused, recent = [], 0
    for path, info in _files(root):
        name = path.relative_to(root).as_posix()
        report = _REPORT.fullmatch(name)
        if name in names or (report is not None and int(report[1]) in jobs):
            continue
        if name.startswith(pending_orders.FOLDER + "/") and not pending_orders.expired(
            info.st_mtime, now=now
        ):
            continue  # waiting for its mapping or its job
        if info.st_mtime > youngest:
            recent += 1
            continue
        unused.append(UnusedFile(path, name, info.st_size))
    return Scan(sorted(unused, key=lambda file: file.name), recent)


def remove(files: Iterable[UnusedFile]) -> list[tuple[UnusedFile, OSError]]:
    """Delete ``files`` and the folders they leave empty (never the uploads folder); what failed."""
    root = uploads_root()
    failed: list[tuple[UnusedFile, OSError]] = []
    for file in files:
        try:
            file.path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            failed.append((file, error))
            continue
        folder = file.path.parent
        while folder != root and folder.is_relative_to(root):
            try:
                folder.rmdir()
            except OSError:  # not empty
                break
            folder = folder.parent
    return failed


def files_of_roadmap(roadmap: Any) -> list[str]:
    """The files a roadmap's rows name (relative to the uploads folder): its prototypes' files and
    thumbnails, its KPI sources' data files and the documents its background jobs wrote."""
    from jalon.framing.models import Prototype
    from jalon.jobs.models import Job
    from jalon.strategy.models import KPISource

    pairs = Prototype.objects.filter(framing__roadmap=roadmap).values_list("file", "thumbnail")
    names = {name for pair in pairs for name in pair if name}
    names.update(KPISource.objects.filter(kpi__roadmap=roadmap).values_list("stored_path", flat=True))
    root = uploads_root() / "reports"
    for job in Job.objects.filter(roadmap=roadmap).values_list("pk", flat=True):
        names.update(f"reports/{path.name}" for path in root.glob(f"job-{job}.*"))
    return sorted(names)


def remove_if_unused(names: Iterable[str]) -> list[tuple[UnusedFile, OSError]]:
    """Delete the files ``names`` (relative to the uploads folder) that no row names any more, never a file
    outside the folder nor through a symbolic link; what failed."""
    root = uploads_root()
    in_use, jobs = names_in_use()
    doomed: list[UnusedFile] = []
    for name in names:
        report = _REPORT.fullmatch(name)
        if name in in_use or (report is not None and int(report[1]) in jobs):
            continue
        path = root / name
        if not path.resolve().is_relative_to(root.resolve()) or path.is_symlink() or not path.is_file():
            continue
        doomed.append(UnusedFile(path, name, path.stat().st_size))
    return remove(doomed)
